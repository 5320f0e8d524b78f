package ui

import (
	"huddle/sprint"
	"huddle/ui/i18n"
)

// sprintWhen says where a sprint is in time (sprint.Sprint.When).
func sprintWhen(sp sprint.Sprint, today sprint.Date) string {
	return sprintWhenIn(&i18n.Tr{}, sp, today)
}

// sprintWhenIn is sprintWhen in tr's language: "day 6 of 10", "第 6/10 天".
// The words are sprint.Sprint.When's (which the CLI's JSON keeps in English).
func sprintWhenIn(tr *i18n.Tr, sp sprint.Sprint, today sprint.Date) string {
	short := func(d sprint.Date) string { return tr.Date(d.Time()) }
	switch sp.Status {
	case sprint.StatusClosed:
		if !sp.Closed.IsZero() {
			return tr.Tf("page.when.closed_on", "Date", short(sprint.DateOf(sp.Closed)))
		}
		return tr.T("page.when.closed")
	case sprint.StatusPlanning:
		if today.Before(sp.Start) {
			return tr.Tf("page.when.starts", "Date", short(sp.Start))
		}
		return tr.Tf("page.when.not_started", "Date", short(sp.Start))
	}
	day, total := sp.DayOf(today)
	switch {
	case day == 0:
		return tr.Tf("page.when.starts", "Date", short(sp.Start))
	case today.After(sp.End):
		return tr.Tf("page.when.ended", "Date", short(sp.End))
	}
	return tr.Tf("page.when.day", "Day", day, "Of", total)
}

// shortDate writes a date the short way: "Mar 2".
func shortDate(d sprint.Date) string { return d.Time().Format("Jan 2") }

// sprintTitle is "#2 Sprint 2".
func sprintTitle(sp sprint.Sprint) string { return sp.Ref() + " " + sp.Name }
