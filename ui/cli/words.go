package cli

// Words the commands print for values of the domain (a sprint's status), in
// the reader's language. JSON keeps the values themselves.

import (
	"time"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/ui/i18n"
)

// sprintStatus is a sprint's status as a reader says it.
func sprintStatus(tr i18n.Tr, s sprint.Status) string {
	switch s {
	case sprint.StatusPlanning:
		return tr.T("cli.word.planning")
	case sprint.StatusActive:
		return tr.T("cli.word.active")
	case sprint.StatusClosed:
		return tr.T("cli.word.closed")
	}
	return string(s)
}

// roleWord is a member's role as a reader says it.
func roleWord(tr i18n.Tr, r backlog.Role) string { return tr.T("role." + string(r)) }

// storyStatus is a story's status as a reader says it.
func storyStatus(tr i18n.Tr, s backlog.StoryStatus) string {
	switch s {
	case backlog.StatusBacklog:
		return tr.T("cli.word.backlog")
	case backlog.StatusPlanned:
		return tr.T("cli.word.planned")
	case backlog.StatusDone:
		return tr.T("cli.word.done")
	case backlog.StatusDeleted:
		return tr.T("cli.word.deleted")
	case backlog.StatusProposed:
		return tr.T("cli.word.proposed")
	}
	return string(s)
}

// standupStatus is a stand-up round's status as a reader says it.
func standupStatus(tr i18n.Tr, s sprint.StandupStatus) string {
	switch s {
	case sprint.StandupReady:
		return tr.T("cli.word.ready")
	case sprint.StandupRunning:
		return tr.T("cli.word.running")
	case sprint.StandupPaused:
		return tr.T("cli.word.paused")
	case sprint.StandupEnded:
		return tr.T("cli.word.ended")
	}
	return string(s)
}

// taskStatus is a task's column as a reader says it (sprint.TaskStatus.Label
// in English).
func taskStatus(tr i18n.Tr, s sprint.TaskStatus) string {
	switch s {
	case sprint.TaskDoing:
		return tr.T("cli.word.in_progress")
	case sprint.TaskDone:
		return tr.T("cli.word.task_done")
	}
	return tr.T("cli.word.to_do")
}

// retroColumn is a retro template's column heading as a reader says it. The
// headings are the template's, never typed by the team; a name this does not
// know is printed as it is.
func retroColumn(tr i18n.Tr, name string) string {
	switch name {
	case "Went well":
		return tr.T("cli.column.went_well")
	case "To improve":
		return tr.T("cli.column.to_improve")
	case "Ideas":
		return tr.T("cli.column.ideas")
	case "Start":
		return tr.T("cli.column.start")
	case "Stop":
		return tr.T("cli.column.stop")
	case "Continue":
		return tr.T("cli.column.continue")
	case "Mad":
		return tr.T("cli.column.mad")
	case "Sad":
		return tr.T("cli.column.sad")
	case "Glad":
		return tr.T("cli.column.glad")
	case "Liked":
		return tr.T("cli.column.liked")
	case "Learned":
		return tr.T("cli.column.learned")
	case "Lacked":
		return tr.T("cli.column.lacked")
	case "Longed for":
		return tr.T("cli.column.longed_for")
	}
	return name
}

// retroColumns are a template's column headings as a reader says them.
func retroColumns(tr i18n.Tr, t retro.Template) []string {
	cols := t.Columns()
	for i, c := range cols {
		cols[i] = retroColumn(tr, c)
	}
	return cols
}

// taskColumn is a task's status as its id is written in English ("todo",
// "doing", "done": what task status takes), in the reader's language.
func taskColumn(tr i18n.Tr, s sprint.TaskStatus) string {
	switch s {
	case sprint.TaskTodo:
		return tr.T("cli.word.todo")
	case sprint.TaskDoing:
		return tr.T("cli.word.doing")
	case sprint.TaskDone:
		return tr.T("cli.word.done_task")
	}
	return string(s)
}

// sprintWhen is sprint.Sprint.When in the reader's language: "day 6 of 10",
// "第 6/10 天".
func sprintWhen(tr i18n.Tr, s sprint.Sprint, today sprint.Date) string {
	date := func(d sprint.Date) string { return tr.Date(d.Time()) }
	switch s.Status {
	case sprint.StatusClosed:
		if !s.Closed.IsZero() {
			return tr.Tf("cli.when.closed", "Date", date(sprint.DateOf(s.Closed)))
		}
		return tr.T("cli.word.closed")
	case sprint.StatusPlanning:
		if today.Before(s.Start) {
			return tr.Tf("cli.when.starts", "Date", date(s.Start))
		}
		return tr.Tf("cli.when.planned", "Date", date(s.Start))
	}
	day, total := s.DayOf(today)
	switch {
	case day == 0:
		return tr.Tf("cli.when.starts", "Date", date(s.Start))
	case today.After(s.End):
		return tr.Tf("cli.when.ended", "Date", date(s.End))
	}
	return tr.Tf("cli.when.day_of", "Day", day, "Days", total)
}

// standupQuestion is one of the team's stand-up questions: huddle's own
// defaults in the reader's language, a question the team wrote as it is.
func standupQuestion(tr i18n.Tr, q string) string {
	ids := []string{"cli.question.since", "cli.question.today", "cli.question.blocks"}
	for i, d := range sprint.DefaultQuestions {
		if q == d && i < len(ids) {
			return tr.T(ids[i])
		}
	}
	return q
}

// retroPhase is a retro phase as a reader says it (the English is the name
// `retro phase` takes).
func retroPhase(tr i18n.Tr, p retro.Phase) string {
	switch p {
	case retro.PhaseWrite:
		return tr.T("cli.phase.write")
	case retro.PhaseReveal:
		return tr.T("cli.phase.reveal")
	case retro.PhaseGroup:
		return tr.T("cli.phase.group")
	case retro.PhaseVote:
		return tr.T("cli.phase.vote")
	case retro.PhaseDiscuss:
		return tr.T("cli.phase.discuss")
	case retro.PhaseActions:
		return tr.T("cli.phase.actions")
	case retro.PhaseDone:
		return tr.T("cli.phase.done")
	}
	return string(p)
}

// actionStatus is what became of a retro action, as a reader says it.
func actionStatus(tr i18n.Tr, s retro.ActionStatus) string {
	switch s {
	case retro.ActionOpen:
		return tr.T("cli.action.open")
	case retro.ActionDone:
		return tr.T("cli.action.done")
	case retro.ActionCarried:
		return tr.T("cli.action.carried")
	case retro.ActionDropped:
		return tr.T("cli.action.dropped")
	}
	return string(s)
}

// longWeekday is a day's weekday as a sentence names it: "Friday", "周五".
func longWeekday(tr i18n.Tr, t time.Time) string {
	if tr.Lang() == i18n.EN {
		return t.Format("Monday")
	}
	return tr.Weekday(t)
}
