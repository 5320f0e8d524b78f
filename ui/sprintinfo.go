package ui

import (
	"huddle/sprint"
)

// shortDate writes a date the short way: "Mar 2".
func shortDate(d sprint.Date) string { return d.Time().Format("Jan 2") }

// sprintTitle is "#2 Sprint 2".
func sprintTitle(sp sprint.Sprint) string { return sp.Ref() + " " + sp.Name }
