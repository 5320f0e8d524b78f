package ui

import (
	"huddle/sprint"
)

// sprintWhen says where a sprint is in time (sprint.Sprint.When).
func sprintWhen(sp sprint.Sprint, today sprint.Date) string { return sp.When(today) }

// shortDate writes a date the short way: "Mar 2".
func shortDate(d sprint.Date) string { return d.Time().Format("Jan 2") }

// sprintTitle is "#2 Sprint 2".
func sprintTitle(sp sprint.Sprint) string { return sp.Ref() + " " + sp.Name }
