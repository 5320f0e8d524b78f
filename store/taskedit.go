package store

import (
	"fmt"
	"strings"

	"huddle/backlog"
	"huddle/sprint"
)

// Task corrections: edit a task's title, estimate or story, and split a task
// in two. Each is one write. The burndown reads both as ChangeReestimated: an
// estimate that moves after the start is a scope change (sprint's bdState.apply
// owns that rule); a split moves hours from one task to a new one and changes
// no scope.

// Event kinds of correcting a task.
const (
	EventTaskEdited EventKind = "task.edited"
	EventTaskSplit  EventKind = "task.split"
)

// TaskEdit is what EditTask changes: nil fields stay as they are.
type TaskEdit struct {
	Title *string
	Hours *float64
	Story *int
}

// EditTask corrects a task of an open sprint: its title, its estimate (the
// remaining hours move by as much) or its story (one in the same sprint). The
// lead may edit any task, a member theirs or nobody's.
func (s *Store) EditTask(actor string, id int, edit TaskEdit) (sprint.Task, error) {
	if edit.Title == nil && edit.Hours == nil && edit.Story == nil {
		return sprint.Task{}, fmt.Errorf("say what to change: a title, hours or a story")
	}
	return s.updateTask(actor, writer, "edit tasks", id, func(w *wtx, t *sprint.Task) (Event, error) {
		return editTaskIn(w, t, edit)
	})
}

// editTaskIn is EditTask inside a write, on the task read: it changes t and
// returns the event to emit.
func editTaskIn(w *wtx, t *sprint.Task, edit TaskEdit) (Event, error) {
	if err := sprint.MayTouch(*t, w.actor.Handle, w.actor.Role.CanLead(), sprint.ActEdit); err != nil {
		return Event{}, err
	}
	before := *t
	var said []string
	if edit.Title != nil {
		title := CleanTitle(*edit.Title)
		if title == "" {
			return Event{}, sprint.ErrEmptyTitle
		}
		if title != t.Title {
			t.Title = title
			said = append(said, eventf("title %q", title))
			if err := noteTaskMentions(w, before.Title, *t); err != nil {
				return Event{}, err
			}
		}
	}
	if edit.Hours != nil && *edit.Hours != t.Estimate {
		next, err := t.Reestimated(*edit.Hours)
		if err != nil {
			return Event{}, err
		}
		*t = next
		said = append(said, eventf("estimate %gh (was %gh)", t.Estimate, before.Estimate))
	}
	if edit.Story != nil && *edit.Story != t.Story {
		st, err := storyIn(w.tx, *edit.Story)
		if err != nil {
			return Event{}, err
		}
		if st.Sprint != t.Sprint || st.Status != backlog.StatusPlanned {
			return Event{}, fmt.Errorf("%s is not in %s; a task moves only to a story of its own sprint", st.Ref(), sprint.SprintRef(t.Sprint))
		}
		t.Story = st.ID
		said = append(said, eventf("story %s", st.Ref()))
	}
	if len(said) == 0 {
		return Event{}, fmt.Errorf("%s already is like that; nothing changed", t.Ref())
	}
	return Event{Kind: EventTaskEdited, Fields: map[string]string{
		"title_from": before.Title, "estimate_from": ftoa(before.Estimate), "remaining_from": ftoa(before.Remaining),
		"story_from": fmt.Sprint(before.Story), "hours_delta": ftoa(t.Estimate - before.Estimate), "remaining": ftoa(t.Remaining)},
		Text: eventf("%s edited %s: %s", w.actor.Handle, t.Ref(), strings.Join(said, ", "))}, nil
}

// SplitTask divides a task in two: a new task of the same story takes hours of
// its remaining work (title: the given one, or the old title with "(part 2)"),
// the task keeps the rest. Who may edit the task may split it.
func (s *Store) SplitTask(actor string, id int, hours float64, title string) (keep, part sprint.Task, err error) {
	title = CleanTitle(title)
	err = s.write(actor, writer, "split tasks", func(w *wtx) error {
		t, err := taskIn(w.tx, id)
		if err != nil {
			return err
		}
		if err := taskSprintOpen(w.tx, t); err != nil {
			return err
		}
		if err := sprint.MayTouch(t, w.actor.Handle, w.actor.Role.CanLead(), sprint.ActSplit); err != nil {
			return err
		}
		if keep, part, err = t.SplitOff(hours, title); err != nil {
			return err
		}
		b := w.bucket(bucketTasks)
		pid, err := nextID(b)
		if err != nil {
			return err
		}
		part.ID, part.Created, part.Updated = pid, w.now, w.now
		keep.Updated = w.now
		if err := put(b, itob(pid), part); err != nil {
			return err
		}
		if err := put(b, itob(id), keep); err != nil {
			return err
		}
		if err := w.bucket(bucketSprintTasks).Put(pairKey(part.Sprint, pid), nil); err != nil {
			return err
		}
		if err := noteTaskMentions(w, keep.Title, part); err != nil {
			return err
		}
		// The new task is added work (ChangeTaskAdded), the old one loses as
		// much (ChangeReestimated): the scope stays. The split comes last, so
		// undo meets it first (and refuses it).
		if err := w.emit(Event{Kind: EventTaskAdded, Sprint: part.Sprint, Story: part.Story, Task: pid,
			Fields: map[string]string{"hours": ftoa(hours), "split_from": t.Ref()},
			Text:   eventf("%s split %s %s (%gh) off %s", w.actor.Handle, part.Ref(), part.Title, hours, t.Ref())}); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventTaskSplit, Sprint: keep.Sprint, Story: keep.Story, Task: id,
			Fields: map[string]string{"part": part.Ref(), "hours_delta": ftoa(-hours), "remaining": ftoa(keep.Remaining),
				"estimate_from": ftoa(t.Estimate), "remaining_from": ftoa(t.Remaining)},
			Text: eventf("%s split %s into %s (%gh left) and %s (%gh)", w.actor.Handle, t.Ref(), t.Ref(), keep.Remaining, part.Ref(), part.Remaining)})
	})
	return keep, part, err
}
