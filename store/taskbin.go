package store

import (
	"fmt"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// Deleted tasks. A deleted task leaves the tasks bucket and its sprint's
// index and waits, whole, in the undo bucket ('t' <id>) until it is restored;
// the burndown counts its work out of the scope and back in.

// Event kinds of deleting and restoring a task.
const (
	EventTaskDeleted  EventKind = "task.deleted"
	EventTaskRestored EventKind = "task.restored"
)

func taskBinKey(id int) []byte { return append([]byte{'t'}, itob(id)...) }

// DeleteTask deletes a task of a sprint that is not closed: the lead any, a
// member theirs or nobody's (sprint.MayTouch), not while it is blocked.
// RestoreTask brings it back.
func (s *Store) DeleteTask(actor string, id int) (sprint.Task, error) {
	var t sprint.Task
	err := s.write(actor, writer, "delete tasks", func(w *wtx) (err error) {
		var e Event
		if t, e, err = deleteTaskIn(w, id); err != nil {
			return err
		}
		return w.emit(e)
	})
	return t, err
}

// deleteTaskIn is DeleteTask inside a write: it returns the event to emit.
func deleteTaskIn(w *wtx, id int) (sprint.Task, Event, error) {
	t, err := taskIn(w.tx, id)
	if err != nil {
		return t, Event{}, err
	}
	if err := taskSprintOpen(w.tx, t); err != nil {
		return t, Event{}, err
	}
	if err := sprint.MayTouch(t, w.actor.Handle, w.actor.Role.CanLead(), sprint.ActDelete); err != nil {
		return t, Event{}, err
	}
	if err := t.CanDelete(); err != nil {
		return t, Event{}, err
	}
	bin, err := w.tx.CreateBucketIfNotExists(bucketUndo)
	if err != nil {
		return t, Event{}, err
	}
	if err := put(bin, taskBinKey(id), t); err != nil {
		return t, Event{}, err
	}
	if err := w.bucket(bucketSprintTasks).Delete(pairKey(t.Sprint, id)); err != nil {
		return t, Event{}, err
	}
	if err := w.bucket(bucketTasks).Delete(itob(id)); err != nil {
		return t, Event{}, err
	}
	return t, Event{Kind: EventTaskDeleted, Sprint: t.Sprint, Story: t.Story, Task: id, Fields: map[string]string{"remaining": ftoa(t.Remaining)},
		Text: eventf("%s deleted %s %s", w.actor.Handle, t.Ref(), t.Title)}, nil
}

// taskSprintOpen refuses a change to a task of a closed sprint.
func taskSprintOpen(tx *bolt.Tx, t sprint.Task) error {
	sp, err := sprintIn(tx, t.Sprint)
	if err != nil {
		return err
	}
	if sp.Status == sprint.StatusClosed {
		return fmt.Errorf("%s belongs to closed sprint %s", t.Ref(), sp.Ref())
	}
	return nil
}

// RestoreTask brings a deleted task back as it was, while its sprint is open
// and its story still in it.
func (s *Store) RestoreTask(actor string, id int) (sprint.Task, error) {
	var t sprint.Task
	err := s.write(actor, writer, "restore tasks", func(w *wtx) (err error) {
		var e Event
		if t, e, err = restoreTaskIn(w, id); err != nil {
			return err
		}
		e.Text = eventf("%s restored %s %s", w.actor.Handle, t.Ref(), t.Title)
		return w.emit(e)
	})
	return t, err
}

// restoreTaskIn is RestoreTask inside a write: it returns the event to emit.
func restoreTaskIn(w *wtx, id int) (sprint.Task, Event, error) {
	var t sprint.Task
	if w.bucket(bucketTasks).Get(itob(id)) != nil {
		return t, Event{}, fmt.Errorf("%s is not deleted", sprint.TaskRef(id))
	}
	found, err := fromBin(w.tx, taskBinKey(id), &t)
	if err != nil {
		return t, Event{}, err
	}
	if !found {
		return t, Event{}, notFound("deleted task", sprint.TaskRef(id))
	}
	if err := taskSprintOpen(w.tx, t); err != nil {
		return t, Event{}, err
	}
	if err := sprint.MayTouch(t, w.actor.Handle, w.actor.Role.CanLead(), sprint.ActDelete); err != nil {
		return t, Event{}, err
	}
	st, err := storyIn(w.tx, t.Story)
	if err != nil {
		return t, Event{}, err
	}
	if st.Sprint != t.Sprint || st.Status != backlog.StatusPlanned {
		return t, Event{}, fmt.Errorf("%s has left %s; %s cannot come back there", st.Ref(), sprint.SprintRef(t.Sprint), t.Ref())
	}
	if err := put(w.bucket(bucketTasks), itob(id), t); err != nil {
		return t, Event{}, err
	}
	if err := w.bucket(bucketSprintTasks).Put(pairKey(t.Sprint, id), nil); err != nil {
		return t, Event{}, err
	}
	if err := w.bucket(bucketUndo).Delete(taskBinKey(id)); err != nil {
		return t, Event{}, err
	}
	return t, Event{Kind: EventTaskRestored, Sprint: t.Sprint, Story: t.Story, Task: id, Fields: map[string]string{"remaining": ftoa(t.Remaining)}}, nil
}
