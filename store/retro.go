package store

import (
	"fmt"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

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
