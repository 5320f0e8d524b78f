package ui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
)

// Corrections on the Sprint board: e edits the selected task (title, hours,
// story), d deletes it after a question, s splits it in two; X closes the
// sprint from the board as from the plan. A task added above the split hint
// is offered a split before it is written.

// taskAdd is a task the plan's form is about to add, waiting for the answer
// to "split it?".
type taskAdd struct {
	story backlog.Story
	title string
	hours float64
}

// editKey is e as it reads on the board.
func (s *boardScreen) editKey() key.Binding {
	b := s.keys.Edit
	b.SetHelp(b.Help().Key, "sprint.key.edit_task")
	return b
}

// correctionWhy is why a correction key cannot work on the board now (nil: it can).
func (s *boardScreen) correctionWhy(b key.Binding, need func(backlog.Role, string) error) (bool, error) {
	k, sp := s.keys, s.data.sprint
	t, ok := s.selected()
	is := func(o key.Binding) bool { return b.Help().Key == o.Help().Key }
	touch := func(act sprint.TaskAction) error {
		return sprint.MayTouch(t, s.c.Actor, s.role().CanLead(), act)
	}
	switch {
	case is(k.Edit):
		return true, first(need(backlog.RoleMember, s.c.Tr.T("board.may.edit_tasks")), sp.CanChange(), selectedTask(s.c.Tr, ok), touch(sprint.ActEdit))
	case is(k.DeleteTask):
		return true, first(need(backlog.RoleMember, s.c.Tr.T("board.may.delete_tasks")), sp.CanChange(), selectedTask(s.c.Tr, ok), touch(sprint.ActDelete), t.CanDelete())
	case is(k.Split):
		return true, first(need(backlog.RoleMember, s.c.Tr.T("board.may.split_tasks")), sp.CanChange(), selectedTask(s.c.Tr, ok), touch(sprint.ActSplit), t.CanSplit())
	case is(k.Close):
		return true, first(need(backlog.RoleLead, s.c.Tr.T("board.may.close_sprints")), sp.CanClose())
	}
	return false, nil
}

// correctionKey opens the form or question of a correction key on the board.
func (s *boardScreen) correctionKey(msg tea.KeyMsg, t sprint.Task) bool {
	k, tr := s.keys, s.c.Tr
	switch {
	case key.Matches(msg, k.Edit):
		var stories []string
		value := backlog.StoryRef(t.Story)
		for _, st := range s.data.plan.Stories {
			stories = append(stories, st.Ref())
		}
		s.confTask = t.ID
		s.openForm("edittask", newForm(s.c.Timers, tr.Tf("board.edit.title", "Task", t.Ref()),
			fieldSpec{Label: tr.T("board.field.title"), Value: t.Title},
			fieldSpec{Label: tr.T("board.field.hours"), Value: common.Num(t.Estimate), CharLimit: 8,
				Hint: tr.Tf("board.edit.hours_hint", "Hours", common.Hours(t.Remaining))},
			fieldSpec{Label: tr.T("board.field.story"), Value: value, Choices: stories, Hint: tr.T("board.edit.story_hint")}))
	case key.Matches(msg, k.DeleteTask):
		s.confirm, s.confFor, s.confTask = newConfirm(tr.Tf("board.delete.ask", "Task", t.Ref()+" "+common.Line(t.Title))), "deletetask", t.ID
	case key.Matches(msg, k.Split):
		s.confTask = t.ID
		s.openForm("split", newForm(s.c.Timers, tr.Tf("board.split.title", "Task", t.Ref(), "Hours", common.Hours(t.Remaining)),
			fieldSpec{Label: tr.T("board.split.new_task"), Value: t.Title + tr.T("board.split.part2")},
			fieldSpec{Label: tr.T("board.split.its_hours"), Value: common.Num(halfHours(t.Remaining)), CharLimit: 8,
				Hint: tr.Tf("board.split.hint", "Hours", common.Hours(t.Remaining), "Task", t.Ref())}))
	case key.Matches(msg, k.Close):
		s.confirm, s.confFor = newConfirm(tr.Tf("board.close.ask", "Sprint", s.data.sprint.Ref())), "close"
	default:
		return false
	}
	return true
}

// halfHours is half of h, in whole hours when h allows.
func halfHours(h float64) float64 {
	if h >= 2 {
		return float64(int(h / 2))
	}
	return h / 2
}

// correctionSubmit runs the write of a correction form (false: not one).
func (s *boardScreen) correctionSubmit() (tea.Cmd, bool) {
	st, actor, f, id, tr := s.c.Store, s.c.Actor, s.form, s.confTask, s.c.Tr
	tag := sprintTag + s.formFor
	switch s.formFor {
	case "edittask":
		var e store.TaskEdit
		title := f.Value(0)
		h, err := parseHoursField(f.Value(1))
		if err != nil {
			f.SetError(err)
			return nil, true
		}
		story, err := backlog.ParseStoryRef(f.Value(2))
		if err != nil {
			f.SetError(err)
			return nil, true
		}
		if t, ok := s.taskByID(id); ok {
			if title != t.Title {
				e.Title = &title
			}
			if h != t.Estimate {
				e.Hours = &h
			}
			if story != t.Story {
				e.Story = &story
			}
		}
		return writeCmd(tag, func() (string, error) {
			t, err := st.EditTask(actor, id, e)
			return tr.Tf("board.done.edited", "Task", t.Ref()+" "+t.Title, "Estimate", common.Hours(t.Estimate), "Hours", common.Hours(t.Remaining)), err
		}), true
	case "split":
		title := f.Value(0)
		h, err := parseHoursField(f.Value(1))
		if err != nil {
			f.SetError(err)
			return nil, true
		}
		return writeCmd(tag, func() (string, error) {
			keep, part, err := st.SplitTask(actor, id, h, title)
			return tr.Tf("board.done.split", "Task", keep.Ref(), "Keeps", common.Hours(keep.Remaining), "Part", part.Ref(), "Takes", common.Hours(part.Remaining)), err
		}), true
	case "addsplit":
		add := s.adding
		whole := f.Value(2) != tr.T("board.split.yes")
		var h2 float64
		if !whole {
			var err error
			if h2, err = parseHoursField(f.Value(1)); err != nil {
				f.SetError(err)
				return nil, true
			}
			if h2 <= 0 || h2 >= add.hours {
				f.SetError(errors.New(tr.Tf("board.split.bad_hours", "Hours", common.Hours(add.hours))))
				return nil, true
			}
		}
		title2 := f.Value(0)
		return writeCmd(tag, func() (string, error) {
			t, err := st.AddTask(actor, add.story.ID, add.title, add.hours)
			if err != nil || whole {
				return tr.Tf("board.done.added", "Task", t.Ref(), "Hours", common.Hours(t.Estimate), "Story", add.story.Ref()), err
			}
			keep, part, err := st.SplitTask(actor, t.ID, h2, title2)
			return tr.Tf("board.done.added_two", "Task", keep.Ref(), "Hours", common.Hours(keep.Estimate), "Part", part.Ref(), "PartHours", common.Hours(part.Estimate), "Story", add.story.Ref()), err
		}), true
	}
	return nil, false
}

// offerSplit asks, before a task above the split hint is added, whether to
// split it in two (false: the task is small enough, add it as it is).
func (s *boardScreen) offerSplit(story backlog.Story, title string, hours float64) bool {
	if hours <= sprint.SplitHint {
		return false
	}
	tr := s.c.Tr
	s.adding = taskAdd{story: story, title: title, hours: hours}
	yes := tr.T("board.split.yes")
	s.openForm("addsplit", newForm(s.c.Timers, tr.Tf("board.split.ask", "Hours", common.Hours(hours), "Hint", sprint.SplitHint),
		fieldSpec{Label: tr.T("board.split.second"), Value: strings.TrimSpace(title) + tr.T("board.split.part2")},
		fieldSpec{Label: tr.T("board.split.its_hours"), Value: common.Num(halfHours(hours)), CharLimit: 8, Hint: tr.Tf("board.split.taken", "Hours", common.Hours(hours))},
		fieldSpec{Label: tr.T("board.split.label"), Value: yes, Choices: []string{yes, tr.T("board.split.no")}, Hint: tr.T("board.split.choose_hint")}))
	return true
}

// deleteTaskConfirmed deletes the task the question was about.
func (s *boardScreen) deleteTaskConfirmed() tea.Cmd {
	st, actor, id, tr := s.c.Store, s.c.Actor, s.confTask, s.c.Tr
	return writeCmd(sprintTag+"deletetask", func() (string, error) {
		t, err := st.DeleteTask(actor, id)
		return tr.Tf("board.done.deleted", "Task", t.Ref()+" "+t.Title), err
	})
}

// taskByID finds a loaded task.
func (s *boardScreen) taskByID(id int) (sprint.Task, bool) {
	for _, t := range s.data.tasks {
		if t.ID == id {
			return t, true
		}
	}
	return sprint.Task{}, false
}
