package ui

import (
	"fmt"

	"huddle/sprint"
)

// sprintWhen says where a sprint is in time, for the header and the board:
// "day 6 of 10", "starts Mar 16", "ended Mar 13, not closed", "closed Feb 27".
func sprintWhen(sp sprint.Sprint, today sprint.Date) string {
	switch sp.Status {
	case sprint.StatusClosed:
		if !sp.Closed.IsZero() {
			return "closed " + shortDate(sprint.DateOf(sp.Closed))
		}
		return "closed"
	case sprint.StatusPlanning:
		if today.Before(sp.Start) {
			return "starts " + shortDate(sp.Start)
		}
		return "planned from " + shortDate(sp.Start) + ", not started"
	}
	day, total := sp.DayOf(today)
	switch {
	case day == 0:
		return "starts " + shortDate(sp.Start)
	case today.After(sp.End):
		return fmt.Sprintf("ended %s, not closed", shortDate(sp.End))
	}
	return fmt.Sprintf("day %d of %d", day, total)
}

// shortDate writes a date the short way: "Mar 2".
func shortDate(d sprint.Date) string { return d.Time().Format("Jan 2") }

// sprintTitle is "#2 Sprint 2".
func sprintTitle(sp sprint.Sprint) string { return sp.Ref() + " " + sp.Name }

// pickSprint chooses the sprint a screen shows when none is asked for: the
// active one, else the newest being planned, else the newest closed.
func pickSprint(all []sprint.Sprint) (sprint.Sprint, bool) {
	return sprint.Pick(all, sprint.StatusActive, sprint.StatusPlanning, sprint.StatusClosed)
}
