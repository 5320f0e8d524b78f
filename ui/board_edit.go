package ui

import (
	"fmt"
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
	b.SetHelp(b.Help().Key, "edit task")
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
		return true, first(need(backlog.RoleMember, "edit tasks"), sp.CanChange(), selectedTask(ok), touch(sprint.ActEdit))
	case is(k.DeleteTask):
		return true, first(need(backlog.RoleMember, "delete tasks"), sp.CanChange(), selectedTask(ok), touch(sprint.ActDelete), t.CanDelete())
	case is(k.Split):
		return true, first(need(backlog.RoleMember, "split tasks"), sp.CanChange(), selectedTask(ok), touch(sprint.ActSplit), t.CanSplit())
	case is(k.Close):
		return true, first(need(backlog.RoleLead, "close sprints"), sp.CanClose())
	}
	return false, nil
}

// correctionKey opens the form or question of a correction key on the board.
func (s *boardScreen) correctionKey(msg tea.KeyMsg, t sprint.Task) bool {
	k := s.keys
	switch {
	case key.Matches(msg, k.Edit):
		var stories []string
		value := backlog.StoryRef(t.Story)
		for _, st := range s.data.plan.Stories {
			stories = append(stories, st.Ref())
		}
		s.confTask = t.ID
		s.openForm("edittask", newForm(s.c.Timers, "Edit "+t.Ref(),
			fieldSpec{Label: "Title", Value: t.Title},
			fieldSpec{Label: "Hours", Value: common.Num(t.Estimate), CharLimit: 8,
				Hint: fmt.Sprintf("the estimate; %s left moves by as much", common.Hours(t.Remaining))},
			fieldSpec{Label: "Story", Value: value, Choices: stories, Hint: "←→ another story of this sprint"}))
	case key.Matches(msg, k.DeleteTask):
		s.confirm, s.confFor, s.confTask = newConfirm(fmt.Sprintf("Delete %s %s? z undoes it.", t.Ref(), common.Line(t.Title))), "deletetask", t.ID
	case key.Matches(msg, k.Split):
		s.confTask = t.ID
		s.openForm("split", newForm(s.c.Timers, fmt.Sprintf("Split %s (%s left)", t.Ref(), common.Hours(t.Remaining)),
			fieldSpec{Label: "New task", Value: t.Title + " (part 2)"},
			fieldSpec{Label: "Its hours", Value: common.Num(halfHours(t.Remaining)), CharLimit: 8,
				Hint: fmt.Sprintf("taken from the %s left; %s keeps the rest", common.Hours(t.Remaining), t.Ref())}))
	case key.Matches(msg, k.Close):
		s.confirm, s.confFor = newConfirm(fmt.Sprintf("Close %s? Unfinished stories go back to the top of the backlog.", s.data.sprint.Ref())), "close"
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
	st, actor, f, id := s.c.Store, s.c.Actor, s.form, s.confTask
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
			return fmt.Sprintf("%s %s: %s estimated, %s left", t.Ref(), t.Title, common.Hours(t.Estimate), common.Hours(t.Remaining)), err
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
			return fmt.Sprintf("split %s: it keeps %s, %s takes %s", keep.Ref(), common.Hours(keep.Remaining), part.Ref(), common.Hours(part.Remaining)), err
		}), true
	case "addsplit":
		add := s.adding
		whole := f.Value(2) != splitInTwo
		var h2 float64
		if !whole {
			var err error
			if h2, err = parseHoursField(f.Value(1)); err != nil {
				f.SetError(err)
				return nil, true
			}
			if h2 <= 0 || h2 >= add.hours {
				f.SetError(fmt.Errorf("give the second task more than 0h and less than %s", common.Hours(add.hours)))
				return nil, true
			}
		}
		title2 := f.Value(0)
		return writeCmd(tag, func() (string, error) {
			t, err := st.AddTask(actor, add.story.ID, add.title, add.hours)
			if err != nil || whole {
				return fmt.Sprintf("added %s (%s) to %s", t.Ref(), common.Hours(t.Estimate), add.story.Ref()), err
			}
			keep, part, err := st.SplitTask(actor, t.ID, h2, title2)
			return fmt.Sprintf("added %s (%s) and %s (%s) to %s", keep.Ref(), common.Hours(keep.Estimate), part.Ref(), common.Hours(part.Estimate), add.story.Ref()), err
		}), true
	}
	return nil, false
}

// splitInTwo is the answer of the add-split form that splits.
const splitInTwo = "yes, in two"

// offerSplit asks, before a task above the split hint is added, whether to
// split it in two (false: the task is small enough, add it as it is).
func (s *boardScreen) offerSplit(story backlog.Story, title string, hours float64) bool {
	if hours <= sprint.SplitHint {
		return false
	}
	s.adding = taskAdd{story: story, title: title, hours: hours}
	s.openForm("addsplit", newForm(s.c.Timers, fmt.Sprintf("%s is more than %dh: split it?", common.Hours(hours), sprint.SplitHint),
		fieldSpec{Label: "Second task", Value: strings.TrimSpace(title) + " (part 2)"},
		fieldSpec{Label: "Its hours", Value: common.Num(halfHours(hours)), CharLimit: 8, Hint: fmt.Sprintf("taken from the %s", common.Hours(hours))},
		fieldSpec{Label: "Split", Value: splitInTwo, Choices: []string{splitInTwo, "no, add it whole"}, Hint: "←→ choose; tasks of a day or two are easier to finish"}))
	return true
}

// deleteTaskConfirmed deletes the task the question was about.
func (s *boardScreen) deleteTaskConfirmed() tea.Cmd {
	st, actor, id := s.c.Store, s.c.Actor, s.confTask
	return writeCmd(sprintTag+"deletetask", func() (string, error) {
		t, err := st.DeleteTask(actor, id)
		return fmt.Sprintf("deleted %s %s; z undoes it", t.Ref(), t.Title), err
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
