package cli

// Words the commands print for values of the domain (a sprint's status), in
// the reader's language. JSON keeps the values themselves.

import (
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
