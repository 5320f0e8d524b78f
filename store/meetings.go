package store

import (
	"bytes"
	"fmt"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

func noteKey(d sprint.Date, handle string) []byte {
	return append(append([]byte(d.String()), 0), handle...)
}

// NoteInput holds a member's stand-up answers; nil fields stay as they are.
type NoteInput struct {
	Yesterday, Today, Blocker *string
}

// SaveNote writes the actor's stand-up answers for a day (any member, for themself).
func (s *Store) SaveNote(actor string, day sprint.Date, in NoteInput) (sprint.Note, error) {
	var n sprint.Note
	err := s.write(actor, writer, "write stand-up notes", func(w *wtx) error {
		b := w.bucket(bucketNotes)
		key := noteKey(day, w.actor.Handle)
		if _, err := get(b, key, &n); err != nil {
			return err
		}
		n.Member, n.Date, n.Updated = w.actor.Handle, day, w.now
		if in.Yesterday != nil {
			n.Yesterday = CleanText(*in.Yesterday)
		}
		if in.Today != nil {
			n.Today = CleanText(*in.Today)
		}
		if in.Blocker != nil {
			n.Blocker = CleanText(*in.Blocker)
		}
		if err := put(b, key, n); err != nil {
			return err
		}
		sp, _, err := activeIn(w.tx)
		if err != nil {
			return err
		}
		return w.emit(Event{Kind: EventNoteSaved, Sprint: sp.ID, Fields: map[string]string{"date": day.String()},
			Text: fmt.Sprintf("%s wrote stand-up notes for %s", w.actor.Handle, day)})
	})
	return n, err
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

// LatestNotesDay is the most recent day anyone wrote stand-up notes for, on or before day.
func (s *Store) LatestNotesDay(day sprint.Date) (sprint.Date, bool, error) {
	var found sprint.Date
	ok := false
	err := s.read(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketNotes).Cursor()
		k, _ := c.Seek([]byte(day.AddDays(1).String()))
		if k == nil {
			k, _ = c.Last()
		} else {
			k, _ = c.Prev()
		}
		if k == nil {
			return nil
		}
		i := bytes.IndexByte(k, 0)
		if i < 0 {
			return nil
		}
		d, err := sprint.ParseDate(string(k[:i]))
		if err == nil {
			found, ok = d, true
		}
		return nil
	})
	return found, ok, err
}

// RetroBoard returns a sprint's retro board, creating the default shape in memory if none is stored.
func (s *Store) RetroBoard(sprintID int) (retro.Board, error) {
	b := retro.NewBoard(sprintID, retro.TemplateWellImprove)
	err := s.read(func(tx *bolt.Tx) error {
		_, err := get(tx.Bucket(bucketRetroBoards), itob(sprintID), &b)
		return err
	})
	return b, err
}

// AddCard writes a retro card for a sprint (any member, at any time during the sprint).
func (s *Store) AddCard(actor string, sprintID, column int, text string) (retro.Card, error) {
	c := retro.Card{Sprint: sprintID, Column: column, Text: CleanText(text)}
	if c.Text == "" {
		return c, retro.ErrEmptyCard
	}
	err := s.write(actor, writer, "write retro cards", func(w *wtx) error {
		if _, err := sprintIn(w.tx, sprintID); err != nil {
			return err
		}
		board := retro.NewBoard(sprintID, retro.TemplateWellImprove)
		found, err := get(w.bucket(bucketRetroBoards), itob(sprintID), &board)
		if err != nil {
			return err
		}
		if !found {
			if err := put(w.bucket(bucketRetroBoards), itob(sprintID), board); err != nil {
				return err
			}
		}
		if column < 0 || column >= len(board.Template.Columns()) {
			return fmt.Errorf("column %d does not exist on a %s board", column+1, board.Template)
		}
		b := w.bucket(bucketRetroCards)
		id, err := nextID(b)
		if err != nil {
			return err
		}
		c.ID, c.Author, c.Created = id, w.actor.Handle, w.now
		if err := put(b, itob(id), c); err != nil {
			return err
		}
		// The event does not carry the text or author: cards stay hidden until reveal.
		return w.emit(Event{Kind: EventRetroCardAdded, Sprint: sprintID, Text: "a retro card was added"})
	})
	return c, err
}

// Cards lists a sprint's retro cards.
func (s *Store) Cards(sprintID int) ([]retro.Card, error) {
	var out []retro.Card
	err := s.read(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRetroCards).ForEach(func(k, v []byte) error {
			var c retro.Card
			if _, err := get(tx.Bucket(bucketRetroCards), k, &c); err != nil {
				return err
			}
			if c.Sprint == sprintID {
				out = append(out, c)
			}
			return nil
		})
	})
	return out, err
}

// AddAction records a retro action and puts it at the top of the backlog as a
// story labelled retro-action, so the next sprint's planning takes it (lead only).
func (s *Store) AddAction(actor string, sprintID int, text, owner string) (retro.Action, error) {
	a := retro.Action{Sprint: sprintID, Text: CleanTitle(text), Owner: backlog.NormalizeHandle(owner), Status: retro.ActionOpen}
	if a.Text == "" {
		return a, fmt.Errorf("an action needs some text")
	}
	err := s.write(actor, leadOnly, "agree retro actions", func(w *wtx) error {
		if _, err := sprintIn(w.tx, sprintID); err != nil {
			return err
		}
		if a.Owner != "" {
			if _, err := memberIn(w.tx, a.Owner); err != nil {
				return err
			}
		}
		sb := w.bucket(bucketStories)
		sid, err := nextID(sb)
		if err != nil {
			return err
		}
		first, _ := w.bucket(bucketStoryRank).Cursor().First()
		st := backlog.Story{ID: sid, Title: a.Text, Points: backlog.Unestimated, Value: DefaultValue,
			Labels: []string{retro.ActionLabel}, Status: backlog.StatusBacklog, Rank: backlog.RankBefore(rankOf(first)),
			Created: w.now, Updated: w.now}
		if err := saveStory(w.tx, st, ""); err != nil {
			return err
		}
		b := w.bucket(bucketRetroActions)
		id, err := nextID(b)
		if err != nil {
			return err
		}
		a.ID, a.Story, a.Created = id, sid, w.now
		if err := put(b, itob(id), a); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventRetroAction, Sprint: sprintID, Story: sid,
			Text: fmt.Sprintf("retro action %s: %s", st.Ref(), a.Text)})
	})
	return a, err
}

// Actions lists the actions agreed at a sprint's retro.
func (s *Store) Actions(sprintID int) ([]retro.Action, error) {
	var out []retro.Action
	err := s.read(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRetroActions).ForEach(func(k, v []byte) error {
			var a retro.Action
			if _, err := get(tx.Bucket(bucketRetroActions), k, &a); err != nil {
				return err
			}
			if a.Sprint == sprintID {
				out = append(out, a)
			}
			return nil
		})
	})
	return out, err
}

// Events returns up to limit events after seq (0 = from the start), oldest first.
func (s *Store) Events(after uint64, limit int) ([]Event, error) {
	var out []Event
	err := s.read(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketEvents).Cursor()
		for k, _ := c.Seek(u64(after + 1)); k != nil && (limit <= 0 || len(out) < limit); k, _ = c.Next() {
			var e Event
			if _, err := get(tx.Bucket(bucketEvents), k, &e); err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// RecentEvents returns the newest n events, newest first (the activity feed).
func (s *Store) RecentEvents(n int) ([]Event, error) {
	var out []Event
	err := s.read(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvents)
		c := b.Cursor()
		for k, _ := c.Last(); k != nil && len(out) < n; k, _ = c.Prev() {
			var e Event
			if _, err := get(b, k, &e); err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// SprintEvents returns a sprint's events in order, through the sprint index.
func (s *Store) SprintEvents(sprintID int) ([]Event, error) {
	var out []Event
	err := s.read(func(tx *bolt.Tx) error {
		eb := tx.Bucket(bucketEvents)
		prefix := itob(sprintID)
		c := tx.Bucket(bucketSprintEvents).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			var e Event
			if _, err := get(eb, k[8:], &e); err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// StoryEvents returns a story's history from the log (scans the log; for the detail view).
func (s *Store) StoryEvents(storyID int) ([]Event, error) {
	var out []Event
	err := s.read(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvents)
		return b.ForEach(func(k, v []byte) error {
			var e Event
			if _, err := get(b, k, &e); err != nil {
				return err
			}
			if e.Story == storyID {
				out = append(out, e)
			}
			return nil
		})
	})
	return out, err
}

// SetRetroPhase moves a sprint's retro board to another phase (lead only). Going
// back is refused once votes are cast.
func (s *Store) SetRetroPhase(actor string, sprintID int, phase retro.Phase) (retro.Board, error) {
	board := retro.NewBoard(sprintID, retro.TemplateWellImprove)
	err := s.write(actor, leadOnly, "run the retro", func(w *wtx) error {
		if _, err := sprintIn(w.tx, sprintID); err != nil {
			return err
		}
		if _, err := get(w.bucket(bucketRetroBoards), itob(sprintID), &board); err != nil {
			return err
		}
		votes := false
		err := w.bucket(bucketRetroCards).ForEach(func(k, v []byte) error {
			var c retro.Card
			if _, err := get(w.bucket(bucketRetroCards), k, &c); err != nil {
				return err
			}
			votes = votes || (c.Sprint == sprintID && c.TotalVotes() > 0)
			return nil
		})
		if err != nil {
			return err
		}
		if err := board.Phase.CanMoveTo(phase, votes); err != nil {
			return err
		}
		from := board.Phase
		board.Phase = phase
		if err := put(w.bucket(bucketRetroBoards), itob(sprintID), board); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventRetroPhase, Sprint: sprintID, Fields: map[string]string{"from": string(from), "to": string(phase)},
			Text: fmt.Sprintf("%s moved the %s retro to %s", w.actor.Handle, sprint.SprintRef(sprintID), phase)})
	})
	return board, err
}
