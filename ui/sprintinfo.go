package ui

import (
	"huddle/sprint"
)

// sprintTitle is "#2 Sprint 2".
func sprintTitle(sp sprint.Sprint) string { return sp.Ref() + " " + sp.Name }
