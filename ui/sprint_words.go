package ui

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"huddle/retro"
	"huddle/sprint"
	"huddle/ui/i18n"
)

// The words the sprint, stand-up and retro screens write about the domain's
// values: where a sprint is in time, status and phase names, the calendar's
// notes, template columns and the default stand-up questions. The domain keeps
// the numbers and the rules (sprint.Sprint.Timing, CalendarNotes, ...); these
// write them in the reader's language.

// sprintWhen says where a sprint is in time: "day 6 of 10", "starts Mar 16".
func sprintWhen(tr *i18n.Tr, sp sprint.Sprint, today sprint.Date) string {
	kind, d, day, total := sp.Timing(today)
	date := tr.Date(d.Time())
	switch kind {
	case sprint.WhenClosed:
		return tr.Tf("sprint.when.closed", "Date", date)
	case sprint.WhenClosedUndated:
		return tr.T("sprint.when.closed_undated")
	case sprint.WhenStarts:
		return tr.Tf("sprint.when.starts", "Date", date)
	case sprint.WhenPlannedLate:
		return tr.Tf("sprint.when.planned_late", "Date", date)
	case sprint.WhenEndedOpen:
		return tr.Tf("sprint.when.ended_open", "Date", date)
	}
	return tr.Tf("sprint.when.day", "Day", day, "Total", total)
}

// sprintStatus is a sprint's status as a word: "active", "进行中".
func sprintStatus(tr *i18n.Tr, s sprint.Status) string {
	switch s {
	case sprint.StatusPlanning:
		return tr.T("sprint.status.planning")
	case sprint.StatusActive:
		return tr.T("sprint.status.active")
	case sprint.StatusClosed:
		return tr.T("sprint.status.closed")
	}
	return string(s)
}

// taskStatus is a task status's column name: "To do", "In progress", "Done".
func taskStatus(tr *i18n.Tr, s sprint.TaskStatus) string {
	switch s {
	case sprint.TaskDoing:
		return tr.T("sprint.task.doing")
	case sprint.TaskDone:
		return tr.T("sprint.task.done")
	}
	return tr.T("sprint.task.todo")
}

// calendarNotes is what the calendar changes in a sprint, on one line:
// "holiday Dec 25 · priya off Dec 22-23" ("" when nothing).
func calendarNotes(tr *i18n.Tr, sp sprint.Sprint) string {
	var out []string
	for _, n := range sp.CalendarNotes() {
		if n.Member == "" {
			var days []string
			for _, d := range n.Holidays {
				days = append(days, tr.Date(d.Time()))
			}
			out = append(out, tr.Tn("sprint.holidays", len(days), "Days", strings.Join(days, tr.T("sprint.list_sep"))))
			continue
		}
		out = append(out, tr.Tf("sprint.day_off", "Who", n.Member, "Days", tr.DayRange(n.From.Time(), n.To.Time())))
	}
	return strings.Join(out, " · ")
}

// shortDay writes a sprint date the short way: "Mar 2", "3月2日".
func shortDay(tr *i18n.Tr, d sprint.Date) string { return tr.Date(d.Time()) }

// longDay writes a sprint date with its weekday: "Mon Mar 2", "3月2日 周一".
func longDay(tr *i18n.Tr, d sprint.Date) string { return tr.Day(d.Time()) }

// retroPhase is a retro phase's name: "write", "写卡片".
func retroPhase(tr *i18n.Tr, p retro.Phase) string {
	switch p {
	case retro.PhaseWrite:
		return tr.T("retro.phase.write")
	case retro.PhaseReveal:
		return tr.T("retro.phase.reveal")
	case retro.PhaseGroup:
		return tr.T("retro.phase.group")
	case retro.PhaseVote:
		return tr.T("retro.phase.vote")
	case retro.PhaseDiscuss:
		return tr.T("retro.phase.discuss")
	case retro.PhaseActions:
		return tr.T("retro.phase.actions")
	case retro.PhaseDone:
		return tr.T("retro.phase.done")
	}
	return string(p)
}

// actionStatus is a retro action's status: "open", "done", ...
func actionStatus(tr *i18n.Tr, s retro.ActionStatus) string {
	switch s {
	case retro.ActionOpen:
		return tr.T("retro.action.open")
	case retro.ActionDone:
		return tr.T("retro.action.done")
	case retro.ActionCarried:
		return tr.T("retro.action.carried")
	case retro.ActionDropped:
		return tr.T("retro.action.dropped")
	}
	return string(s)
}

// retroColumns are a template's column headings in the reader's language
// (the template names them; the team does not).
func retroColumns(tr *i18n.Tr, t retro.Template) []string {
	switch t {
	case retro.TemplateStartStop:
		return []string{tr.T("retro.col.start"), tr.T("retro.col.stop"), tr.T("retro.col.continue")}
	case retro.TemplateMadSadGlad:
		return []string{tr.T("retro.col.mad"), tr.T("retro.col.sad"), tr.T("retro.col.glad")}
	case retro.Template4Ls:
		return []string{tr.T("retro.col.liked"), tr.T("retro.col.learned"), tr.T("retro.col.lacked"), tr.T("retro.col.longed")}
	}
	if cols := t.Columns(); len(cols) != 3 {
		return cols
	}
	return []string{tr.T("retro.col.went_well"), tr.T("retro.col.to_improve"), tr.T("retro.col.ideas")}
}

// standupQuestions are the team's three stand-up questions; the ones still
// as huddle wrote them (sprint.DefaultQuestions) read in the reader's
// language, a team's own stay as the team wrote them.
func standupQuestions(tr *i18n.Tr, set sprint.StandupSettings) []string {
	q := slices.Clone(set.WithDefaults().Questions)
	ids := [3]string{"standup.question.since", "standup.question.today", "standup.question.blocks"}
	for i := range min(len(q), 3) {
		if q[i] == sprint.DefaultQuestions[i] {
			q[i] = tr.T(ids[i])
		}
	}
	return q
}

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
