package cli

// Words the commands print for values of the domain (a sprint's status), in
// the reader's language. JSON keeps the values themselves.

import (
	"time"

	"huddle/sprint"
	"huddle/ui/i18n"
)

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

// longWeekday is a day's weekday as a sentence names it: "Friday", "周五".
func longWeekday(tr i18n.Tr, t time.Time) string {
	if tr.Lang() == i18n.EN {
		return t.Format("Monday")
	}
	return tr.Weekday(t)
}
