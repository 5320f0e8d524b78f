package ui

import (
	"math"
	"strconv"
	"strings"

	"huddle/sprint"
	"huddle/ui/i18n"
)

// The words the sprint, stand-up and retro screens write about the domain's
// values: where a sprint is in time, status and phase names, the calendar's
// notes, template columns and the default stand-up questions. The domain keeps
// the numbers and the rules (sprint.Sprint.Timing, CalendarNotes, ...); these
// write them in the reader's language.

// shortDay writes a sprint date the short way: "Mar 2", "3月2日".
func shortDay(tr *i18n.Tr, d sprint.Date) string { return tr.Date(d.Time()) }

// longDay writes a sprint date with its weekday: "Mon Mar 2", "3月2日 周一".
func longDay(tr *i18n.Tr, d sprint.Date) string { return tr.Day(d.Time()) }

// activityLines says what a member did since the last stand-up, one phrase
// each (sprint.Activity, as Lines writes it in English).
func activityLines(tr *i18n.Tr, a sprint.Activity) []string {
	refs := func(ids []int) string {
		r := make([]string, len(ids))
		for i, id := range ids {
			r[i] = sprint.TaskRef(id)
		}
		return strings.Join(r, ", ")
	}
	var out []string
	if len(a.Claimed) > 0 {
		out = append(out, tr.Tf("standup.did.claimed", "Tasks", refs(a.Claimed)))
	}
	for _, as := range a.Assigned {
		out = append(out, tr.Tf("standup.did.assigned", "By", as.By, "Task", sprint.TaskRef(as.Task), "Who", a.Member))
	}
	if len(a.Moved) > 0 {
		out = append(out, tr.Tf("standup.did.moved", "Tasks", refs(a.Moved)))
	}
	if len(a.Finished) > 0 {
		out = append(out, tr.Tf("standup.did.finished", "Tasks", refs(a.Finished)))
	}
	if a.Burned != 0 {
		out = append(out, tr.Tf("standup.did.burned", "Hours", strconv.FormatFloat(math.Round(a.Burned*100)/100, 'f', -1, 64)+"h"))
	}
	for _, b := range a.Blockers {
		out = append(out, tr.Tf("standup.did.blocked", "What", strings.Join(strings.Fields(b), " ")))
	}
	return out
}
