package i18n

import (
	"slices"
	"strings"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
)

// How the domain's values read in a language: statuses, phases, where a
// sprint is in time, template columns, the calendar's notes and huddle's
// default stand-up questions. The domain keeps the values and the rules
// (sprint.Sprint.Timing, CalendarNotes, ...); screens and commands both write
// them through these, so a word is chosen in one place (words.*.toml).

// SprintWhen says where a sprint is in time: "day 6 of 10", "starts Mar 16".
func (t Tr) SprintWhen(sp sprint.Sprint, today sprint.Date) string {
	kind, d, day, total := sp.Timing(today)
	date := t.Date(d.Time())
	switch kind {
	case sprint.WhenClosed:
		return t.Tf("word.when.closed", "Date", date)
	case sprint.WhenClosedUndated:
		return t.T("word.when.closed_undated")
	case sprint.WhenStarts:
		return t.Tf("word.when.starts", "Date", date)
	case sprint.WhenPlannedLate:
		return t.Tf("word.when.planned_late", "Date", date)
	case sprint.WhenEndedOpen:
		return t.Tf("word.when.ended_open", "Date", date)
	}
	return t.Tf("word.when.day", "Day", day, "Total", total)
}

// SprintStatus is a sprint's status as a word: "active", "进行中".
func (t Tr) SprintStatus(s sprint.Status) string {
	switch s {
	case sprint.StatusPlanning:
		return t.T("word.sprint.planning")
	case sprint.StatusActive:
		return t.T("word.sprint.active")
	case sprint.StatusClosed:
		return t.T("word.sprint.closed")
	}
	return string(s)
}

// TaskStatus is a task status's column name: "To do", "In progress", "Done".
func (t Tr) TaskStatus(s sprint.TaskStatus) string {
	switch s {
	case sprint.TaskDoing:
		return t.T("word.task.doing")
	case sprint.TaskDone:
		return t.T("word.task.done")
	}
	return t.T("word.task.todo")
}

// StoryStatus is a story's status: "backlog", "planned", "done", ...
func (t Tr) StoryStatus(s backlog.StoryStatus) string {
	switch s {
	case backlog.StatusBacklog:
		return t.T("word.story.backlog")
	case backlog.StatusPlanned:
		return t.T("word.story.planned")
	case backlog.StatusDone:
		return t.T("word.story.done")
	case backlog.StatusDeleted:
		return t.T("word.story.deleted")
	case backlog.StatusProposed:
		return t.T("word.story.proposed")
	case backlog.StatusDeclined:
		return t.T("word.story.declined")
	}
	return string(s)
}

// StandupStatus is a stand-up round's status: "ready", "running", ...
func (t Tr) StandupStatus(s sprint.StandupStatus) string {
	switch s {
	case sprint.StandupReady:
		return t.T("word.standup.ready")
	case sprint.StandupRunning:
		return t.T("word.standup.running")
	case sprint.StandupPaused:
		return t.T("word.standup.paused")
	case sprint.StandupEnded:
		return t.T("word.standup.ended")
	}
	return string(s)
}

// Role is a member's role: "lead", "负责人".
func (t Tr) Role(r backlog.Role) string {
	switch r {
	case backlog.RoleLead:
		return t.T("role.lead")
	case backlog.RoleMember:
		return t.T("role.member")
	case backlog.RoleGuest:
		return t.T("role.guest")
	}
	return string(r)
}

// RetroPhase is a retro phase's name: "write", "写卡片".
func (t Tr) RetroPhase(p retro.Phase) string {
	switch p {
	case retro.PhaseWrite:
		return t.T("word.phase.write")
	case retro.PhaseReveal:
		return t.T("word.phase.reveal")
	case retro.PhaseGroup:
		return t.T("word.phase.group")
	case retro.PhaseVote:
		return t.T("word.phase.vote")
	case retro.PhaseDiscuss:
		return t.T("word.phase.discuss")
	case retro.PhaseActions:
		return t.T("word.phase.actions")
	case retro.PhaseDone:
		return t.T("word.phase.done")
	}
	return string(p)
}

// ActionStatus is a retro action's status: "open", "done", ...
func (t Tr) ActionStatus(s retro.ActionStatus) string {
	switch s {
	case retro.ActionOpen:
		return t.T("word.action.open")
	case retro.ActionDone:
		return t.T("word.action.done")
	case retro.ActionCarried:
		return t.T("word.action.carried")
	case retro.ActionDropped:
		return t.T("word.action.dropped")
	}
	return string(s)
}

// retroColumnID is the catalog id of a column heading huddle's templates
// write, by its English name ("" for a heading huddle did not write).
func retroColumnID(name string) string {
	switch name {
	case "Went well":
		return "word.col.went_well"
	case "To improve":
		return "word.col.to_improve"
	case "Ideas":
		return "word.col.ideas"
	case "Start":
		return "word.col.start"
	case "Stop":
		return "word.col.stop"
	case "Continue":
		return "word.col.continue"
	case "Mad":
		return "word.col.mad"
	case "Sad":
		return "word.col.sad"
	case "Glad":
		return "word.col.glad"
	case "Liked":
		return "word.col.liked"
	case "Learned":
		return "word.col.learned"
	case "Lacked":
		return "word.col.lacked"
	case "Longed for":
		return "word.col.longed"
	}
	return ""
}

// RetroColumn is a template's column heading in the reader's language (the
// template names it, not the team); a heading huddle did not write stays.
func (t Tr) RetroColumn(name string) string {
	if id := retroColumnID(name); id != "" {
		return t.T(id)
	}
	return name
}

// RetroColumns are a template's column headings in the reader's language.
func (t Tr) RetroColumns(tpl retro.Template) []string {
	cols := tpl.Columns()
	for i, c := range cols {
		cols[i] = t.RetroColumn(c)
	}
	return cols
}

// StandupQuestion is one of the team's stand-up questions: huddle's own
// defaults (sprint.DefaultQuestions) in the reader's language, a question
// the team wrote as the team wrote it.
func (t Tr) StandupQuestion(q string) string {
	ids := [3]string{"word.question.since", "word.question.today", "word.question.blocks"}
	for i, d := range sprint.DefaultQuestions {
		if q == d && i < len(ids) {
			return t.T(ids[i])
		}
	}
	return q
}

// StandupQuestions are the team's questions, each as StandupQuestion says.
func (t Tr) StandupQuestions(set sprint.StandupSettings) []string {
	q := slices.Clone(set.WithDefaults().Questions)
	for i := range q {
		q[i] = t.StandupQuestion(q[i])
	}
	return q
}

// CalendarNotes is what the calendar changes in a sprint, on one line:
// "holiday Dec 25 · priya off Dec 22-23" ("" when nothing).
func (t Tr) CalendarNotes(sp sprint.Sprint) string {
	var out []string
	for _, n := range sp.CalendarNotes() {
		if n.Member == "" {
			var days []string
			for _, d := range n.Holidays {
				days = append(days, t.Date(d.Time()))
			}
			out = append(out, t.Tn("sprint.holidays", len(days), "Days", strings.Join(days, t.T("sprint.list_sep"))))
			continue
		}
		out = append(out, t.Tf("sprint.day_off", "Who", n.Member, "Days", t.DayRange(n.From.Time(), n.To.Time())))
	}
	return strings.Join(out, " · ")
}

// RetroTemplate is a retro template's name as its reader reads it: the id
// ("well-improve") in English, its columns in Chinese. The id stays what the
// file and the CLI's --template keep.
func (t Tr) RetroTemplate(tpl retro.Template) string {
	switch tpl {
	case retro.TemplateWellImprove:
		return t.T("ev.word.template_well_improve")
	case retro.TemplateStartStop:
		return t.T("ev.word.template_start_stop")
	case retro.TemplateMadSadGlad:
		return t.T("ev.word.template_mad_sad_glad")
	case retro.Template4Ls:
		return t.T("ev.word.template_4ls")
	}
	return string(tpl)
}

// PokerCard is a planning poker card as its reader reads it: the coffee card
// by its name, the others as they are ("5", "?", "XL"). A vote stays the card.
func (t Tr) PokerCard(card string) string {
	if card == backlog.CardCoffee {
		return t.T("ev.word.card_coffee")
	}
	return card
}
