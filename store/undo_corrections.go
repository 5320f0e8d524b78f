package store

import (
	"errors"
	"fmt"
	"strconv"

	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// Undo of issue 16's corrections: a task edit (title, estimate and story go
// back; the remaining hours move back by as much), a split (the part split
// off is deleted and the task gets its hours back, one undo for the split's
// two events) and a tick of an acceptance criterion.

// undoTaskEdit puts a task back as it was before the edit logged as e.
func undoTaskEdit(w *wtx, e Event) error {
	title := e.Fields["title_from"]
	hours := e.Float("estimate_from")
	story, err := strconv.Atoi(e.Fields["story_from"])
	if err != nil {
		return errors.New("its record of the story before is unreadable")
	}
	_, err = updateTaskIn(w, e.Task, func(w *wtx, t *sprint.Task) (Event, error) {
		ev, err := editTaskIn(w, t, TaskEdit{Title: &title, Hours: &hours, Story: &story})
		ev.Text = undoText(w, e)
		return undoing(e, ev), err
	})
	return err
}

// splitPart is the task a split (logged as e) made, and the event that added
// it, the one logged just before the split in the same write.
func splitPart(tx *bolt.Tx, e Event) (Event, error) {
	var added Event
	found, err := get(tx.Bucket(bucketEvents), u64(e.Seq-1), &added)
	if err != nil {
		return added, err
	}
	if !found || added.Kind != EventTaskAdded || sprint.TaskRef(added.Task) != e.Fields["part"] {
		return added, fmt.Errorf("the task %s split off is not where the log says", e.Fields["part"])
	}
	return added, nil
}

// undoTaskSplit deletes the part a split made and gives its hours back.
func undoTaskSplit(w *wtx, e Event) error {
	added, err := splitPart(w.tx, e)
	if err != nil {
		return err
	}
	_, del, err := deleteTaskIn(w, added.Task)
	if err != nil {
		return err
	}
	del.Text = undoText(w, e)
	if err := w.emit(undoing(added, del)); err != nil {
		return err
	}
	_, err = updateTaskIn(w, e.Task, func(w *wtx, t *sprint.Task) (Event, error) {
		if err := sprint.MayTouch(*t, w.actor.Handle, w.actor.Role.CanLead(), sprint.ActSplit); err != nil {
			return Event{}, err
		}
		before := *t
		t.Estimate, t.Remaining = e.Float("estimate_from"), e.Float("remaining_from")
		if err := sprint.ValidateHours(t.Estimate); err != nil {
			return Event{}, err
		}
		ev := Event{Kind: EventTaskEdited, Text: undoText(w, e), Fields: map[string]string{
			"title_from": before.Title, "estimate_from": ftoa(before.Estimate), "remaining_from": ftoa(before.Remaining),
			"story_from": fmt.Sprint(before.Story), "hours_delta": ftoa(t.Estimate - before.Estimate), "remaining": ftoa(t.Remaining)}}
		return undoing(e, ev), nil
	})
	return err
}

// undoStoryCheck takes a tick (or an untick) back.
func undoStoryCheck(w *wtx, e Event) error {
	if err := needLead(w, "tick acceptance criteria"); err != nil {
		return err
	}
	item, err := strconv.Atoi(e.Fields["item"])
	if err != nil {
		return errors.New("its record of the criterion is unreadable")
	}
	_, ev, err := checkAcceptanceIn(w, e.Story, item, e.Fields["checked"] != "yes")
	if err != nil {
		return err
	}
	ev.Text = undoText(w, e)
	return w.emit(undoing(e, ev))
}
