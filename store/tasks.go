package store

import (
	"fmt"

	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

func tasksIn(tx *bolt.Tx, sprintID int) ([]sprint.Task, error) {
	var out []sprint.Task
	c := tx.Bucket(bucketSprintTasks).Cursor()
	prefix := itob(sprintID)
	tb := tx.Bucket(bucketTasks)
	for k, _ := c.Seek(prefix); len(k) == 16 && string(k[:8]) == string(prefix); k, _ = c.Next() {
		var t sprint.Task
		if _, err := get(tb, k[8:], &t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// Tasks lists a sprint's tasks in creation order.
func (s *Store) Tasks(sprintID int) ([]sprint.Task, error) {
	var out []sprint.Task
	err := s.read(func(tx *bolt.Tx) (err error) { out, err = tasksIn(tx, sprintID); return err })
	return out, err
}

func taskIn(tx *bolt.Tx, id int) (sprint.Task, error) {
	var t sprint.Task
	found, err := get(tx.Bucket(bucketTasks), itob(id), &t)
	if err == nil && !found {
		err = notFound("task", sprint.TaskRef(id))
	}
	return t, err
}

// Task returns one task.
func (s *Store) Task(id int) (sprint.Task, error) {
	var t sprint.Task
	err := s.read(func(tx *bolt.Tx) (err error) { t, err = taskIn(tx, id); return err })
	return t, err
}

// AddTask breaks a sprint story into a task of the given hours (any member).
// Work added after the sprint started is a scope change, logged as one.
func (s *Store) AddTask(actor string, storyID int, title string, hours float64) (sprint.Task, error) {
	t := sprint.Task{Story: storyID, Title: CleanTitle(title), Estimate: hours, Remaining: hours, Status: sprint.TaskTodo}
	if t.Title == "" {
		return t, sprint.ErrEmptyTitle
	}
	if err := sprint.ValidateHours(hours); err != nil {
		return t, err
	}
	err := s.write(actor, writer, "add tasks", func(w *wtx) error {
		st, err := storyIn(w.tx, storyID)
		if err != nil {
			return err
		}
		if st.Sprint == 0 {
			return fmt.Errorf("%s is not in a sprint; pull it into one before breaking it into tasks", st.Ref())
		}
		sp, err := sprintIn(w.tx, st.Sprint)
		if err != nil {
			return err
		}
		if sp.Status == sprint.StatusClosed {
			return fmt.Errorf("sprint %s is closed", sp.Ref())
		}
		b := w.bucket(bucketTasks)
		id, err := nextID(b)
		if err != nil {
			return err
		}
		t.ID, t.Sprint, t.Created, t.Updated = id, st.Sprint, w.now, w.now
		if err := put(b, itob(id), t); err != nil {
			return err
		}
		if err := w.bucket(bucketSprintTasks).Put(pairKey(t.Sprint, id), nil); err != nil {
			return err
		}
		if err := noteTaskMentions(w, "", t); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventTaskAdded, Sprint: t.Sprint, Story: storyID, Task: id,
			Fields: map[string]string{"hours": ftoa(hours), "scope_change": fmt.Sprint(sp.Status == sprint.StatusActive)},
			Text:   eventf("%s added %s %s (%gh) to %s", w.actor.Handle, t.Ref(), t.Title, hours, st.Ref())})
	})
	return t, err
}

// updateTask loads a task, lets change modify it, saves it and emits its event.
func (s *Store) updateTask(actor string, need access, what string, id int, change func(w *wtx, t *sprint.Task) (Event, error)) (sprint.Task, error) {
	var t sprint.Task
	err := s.writeGrouped(actor, need, what, func(w *wtx) (err error) {
		t, err = updateTaskIn(w, id, change)
		return err
	})
	return t, err
}

// updateTaskIn is updateTask inside a write that may do more.
func updateTaskIn(w *wtx, id int, change func(w *wtx, t *sprint.Task) (Event, error)) (sprint.Task, error) {
	t, err := taskIn(w.tx, id)
	if err != nil {
		return t, err
	}
	sp, err := sprintIn(w.tx, t.Sprint)
	if err != nil {
		return t, err
	}
	if sp.Status == sprint.StatusClosed {
		return t, fmt.Errorf("%s belongs to closed sprint %s", t.Ref(), sp.Ref())
	}
	e, err := change(w, &t)
	if err != nil {
		return t, err
	}
	t.Updated = w.now
	if err := put(w.bucket(bucketTasks), itob(id), t); err != nil {
		return t, err
	}
	e.Sprint, e.Story, e.Task = t.Sprint, t.Story, t.ID
	return t, w.emit(e)
}

// ClaimTask gives a task to owner (compare-and-set inside the write: when two
// people claim at once, exactly one wins and the other is told who). A member
// claims for themself; the lead may assign to anyone.
func (s *Store) ClaimTask(actor string, id int, owner string) (sprint.Task, error) {
	if owner == "" {
		owner = actor
	}
	return s.updateTask(actor, writer, "claim tasks", id, func(w *wtx, t *sprint.Task) (Event, error) {
		if err := sprint.MayClaimFor(owner, w.actor.Handle, w.actor.Role.CanLead()); err != nil {
			return Event{}, err
		}
		m, err := memberIn(w.tx, owner)
		if err != nil {
			return Event{}, err
		}
		if !m.Role.CanWrite() {
			return Event{}, fmt.Errorf("%s is a guest and cannot own tasks", owner)
		}
		if err := t.CanClaim(owner); err != nil {
			return Event{}, err
		}
		from := t.Owner
		t.Owner = owner
		text := eventf("%s claimed %s %s", owner, t.Ref(), t.Title)
		if owner != w.actor.Handle {
			text = eventf("%s assigned %s %s to %s", w.actor.Handle, t.Ref(), t.Title, owner)
		}
		return Event{Kind: EventTaskClaimed, Fields: map[string]string{"owner": owner, "owner_from": from}, Text: text}, nil
	})
}

// UnclaimTask releases a task (its owner or the lead).
func (s *Store) UnclaimTask(actor string, id int) (sprint.Task, error) {
	return s.updateTask(actor, writer, "unclaim tasks", id, func(w *wtx, t *sprint.Task) (Event, error) {
		if t.Owner == "" {
			return Event{}, fmt.Errorf("%s is not claimed", t.Ref())
		}
		if err := sprint.MayTouch(*t, w.actor.Handle, w.actor.Role.CanLead(), sprint.ActUnclaim); err != nil {
			return Event{}, err
		}
		prev := t.Owner
		t.Owner = ""
		return Event{Kind: EventTaskUnclaimed, Fields: map[string]string{"owner": prev}, Text: eventf("%s unclaimed %s", w.actor.Handle, t.Ref())}, nil
	})
}

// SetTaskStatus moves a task between columns; done sets remaining hours to 0.
func (s *Store) SetTaskStatus(actor string, id int, status sprint.TaskStatus) (sprint.Task, error) {
	return s.updateTask(actor, writer, "move tasks", id, func(w *wtx, t *sprint.Task) (Event, error) {
		if err := sprint.MayTouch(*t, w.actor.Handle, w.actor.Role.CanLead(), sprint.ActMove); err != nil {
			return Event{}, err
		}
		from, fromRemaining, owner := t.Status, t.Remaining, t.Owner
		*t = t.Moved(status, w.actor.Handle)
		fields := map[string]string{"from": string(from), "to": string(status), "remaining_from": ftoa(fromRemaining), "remaining": ftoa(t.Remaining)}
		text := eventf("%s moved %s to %s", w.actor.Handle, t.Ref(), status.Label())
		if owner == "" && t.Owner != "" {
			fields["claimed"] = t.Owner // nobody had it: the mover took it
			text = eventf("%s moved %s to %s and took it", w.actor.Handle, t.Ref(), status.Label())
		}
		return Event{Kind: EventTaskStatus, Fields: fields, Text: text}, nil
	})
}

// SetRemaining records the hours left on a task.
func (s *Store) SetRemaining(actor string, id int, hours float64) (sprint.Task, error) {
	if err := sprint.ValidateHours(hours); err != nil {
		return sprint.Task{}, err
	}
	return s.updateTask(actor, writer, "update tasks", id, func(w *wtx, t *sprint.Task) (Event, error) {
		if err := sprint.MayTouch(*t, w.actor.Handle, w.actor.Role.CanLead(), sprint.ActHours); err != nil {
			return Event{}, err
		}
		from := t.Remaining
		t.Remaining = hours
		return Event{Kind: EventTaskRemaining, Fields: map[string]string{"remaining_from": ftoa(from), "remaining": ftoa(hours)},
			Text: eventf("%s set %s to %gh left", w.actor.Handle, t.Ref(), hours)}, nil
	})
}

// BlockTask flags a task blocked with a reason.
func (s *Store) BlockTask(actor string, id int, reason string) (sprint.Task, error) {
	reason = CleanTitle(reason)
	if reason == "" {
		return sprint.Task{}, fmt.Errorf("say what blocks the task")
	}
	return s.updateTask(actor, writer, "block tasks", id, func(w *wtx, t *sprint.Task) (Event, error) {
		from := t.Blocked
		t.Blocked = reason
		return Event{Kind: EventTaskBlocked, Fields: map[string]string{"reason": reason, "reason_from": from}, Text: eventf("%s flagged %s blocked: %s", w.actor.Handle, t.Ref(), reason)}, nil
	})
}

// UnblockTask clears a task's blocked flag.
func (s *Store) UnblockTask(actor string, id int) (sprint.Task, error) {
	return s.updateTask(actor, writer, "unblock tasks", id, unblockTask)
}

// unblockTask clears a task's blocked flag (the rule of UnblockTask).
func unblockTask(w *wtx, t *sprint.Task) (Event, error) {
	if t.Blocked == "" {
		return Event{}, fmt.Errorf("%s is not blocked", t.Ref())
	}
	reason := t.Blocked
	t.Blocked = ""
	return Event{Kind: EventTaskUnblocked, Fields: map[string]string{"reason": reason}, Text: eventf("%s cleared the block on %s", w.actor.Handle, t.Ref())}, nil
}
