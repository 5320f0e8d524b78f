package store

import (
	"bytes"
	"fmt"

	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

func noteKey(d sprint.Date, handle string) []byte {
	return append(append([]byte(d.String()), 0), handle...)
}

// MaxAnswer caps one stand-up answer (after cleaning).
const MaxAnswer = 2000

// NoteInput holds a member's stand-up answers; nil fields stay as they are.
type NoteInput struct {
	Yesterday, Today, Blocker *string
}

// SaveNote writes the actor's stand-up answers for a day (any member, for themself).
func (s *Store) SaveNote(actor string, day sprint.Date, in NoteInput) (sprint.Note, error) {
	var n sprint.Note
	err := s.writeGrouped(actor, writer, "write stand-up notes", func(w *wtx) (err error) {
		n, err = saveNoteIn(w, w.actor.Handle, day, in)
		return err
	})
	return n, err
}

// saveNoteIn writes member's answers for day inside w; nil fields stay as they are.
func saveNoteIn(w *wtx, member string, day sprint.Date, in NoteInput) (sprint.Note, error) {
	var n sprint.Note
	if day.IsZero() {
		// The next stand-up: one rule for the screen and the command line.
		var err error
		if day, err = noteDayIn(w.tx, w.now); err != nil {
			return n, err
		}
	}
	b := w.bucket(bucketNotes)
	key := noteKey(day, member)
	found, err := get(b, key, &n)
	if err != nil {
		return n, err
	}
	before := noteBefore(found, n) // what undo puts back
	n.Member, n.Date, n.Updated = member, day, w.now
	if in.Yesterday != nil {
		n.Yesterday = CleanText(*in.Yesterday)
	}
	if in.Today != nil {
		n.Today = CleanText(*in.Today)
	}
	if in.Blocker != nil {
		n.Blocker = CleanText(*in.Blocker)
	}
	for _, a := range n.Answers() {
		if l := len([]rune(a)); l > MaxAnswer {
			return sprint.Note{}, fmt.Errorf("an answer is %d characters; at most %d", l, MaxAnswer)
		}
	}
	if err := put(b, key, n); err != nil {
		return n, err
	}
	sp, _, err := activeIn(w.tx)
	if err != nil {
		return n, err
	}
	text := eventf("%s wrote stand-up notes for %s", member, day)
	if member != w.actor.Handle {
		text = eventf("%s wrote %s's stand-up answers for %s", w.actor.Handle, member, day)
	}
	return n, w.emit(Event{Kind: EventNoteSaved, Sprint: sp.ID, Fields: map[string]string{"date": day.String(), "member": member, fieldBefore: before}, Text: text})
}

// Notes lists the stand-up notes written for a day, by member.
func (s *Store) Notes(day sprint.Date) ([]sprint.Note, error) {
	var out []sprint.Note
	err := s.read(func(tx *bolt.Tx) error {
		prefix := append([]byte(day.String()), 0)
		c := tx.Bucket(bucketNotes).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var n sprint.Note
			if _, err := get(tx.Bucket(bucketNotes), k, &n); err != nil {
				return err
			}
			_ = v
			out = append(out, n)
		}
		return nil
	})
	return out, err
}
