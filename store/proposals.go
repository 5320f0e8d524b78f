package store

import (
	"fmt"

	"huddle/backlog"

	bolt "go.etcd.io/bbolt"
)

// Event kinds of members' proposals.
const (
	EventStoryProposed EventKind = "story.proposed"
	EventStoryAccepted EventKind = "story.accepted"
	EventStoryDeclined EventKind = "story.declined"
)

// proposeIfMember gives a new story the status its author may give it
// (backlog.NewStoryStatus): a member's story is a proposal, theirs.
func proposeIfMember(w *wtx, st *backlog.Story) error {
	status, err := backlog.NewStoryStatus(w.actor)
	if err != nil {
		return err
	}
	st.Status = status
	if status == backlog.StatusProposed {
		st.ProposedBy = w.actor.Handle
	}
	return nil
}

// storyAddedEvent is the event of a new story: added by the lead, or
// proposed by a member.
func storyAddedEvent(w *wtx, st backlog.Story) Event {
	if st.Status == backlog.StatusProposed {
		return Event{Kind: EventStoryProposed, Story: st.ID, Fields: map[string]string{"points": fmt.Sprint(st.Points)},
			Text: eventf("%s proposed %s %s", w.actor.Handle, st.Ref(), st.Title)}
	}
	return Event{Kind: EventStoryAdded, Story: st.ID, Fields: map[string]string{"points": fmt.Sprint(st.Points)},
		Text: eventf("%s added %s %s", w.actor.Handle, st.Ref(), st.Title)}
}

// AcceptStory takes a member's proposal into the ordered backlog (lead only):
// it keeps its place at the bottom, where the lead can move it as any story.
func (s *Store) AcceptStory(actor string, id int) (backlog.Story, error) {
	var st backlog.Story
	err := s.write(actor, leadOnly, "accept proposed stories", func(w *wtx) error {
		var err error
		if st, err = storyIn(w.tx, id); err != nil {
			return err
		}
		if err := st.Accept(); err != nil {
			return err
		}
		st.Updated = w.now
		if err := putStory(w.tx, st); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventStoryAccepted, Story: id, Fields: map[string]string{"proposed_by": st.ProposedBy},
			Text: eventf("%s accepted %s %s", w.actor.Handle, st.Ref(), st.Title)})
	})
	return st, err
}

// DeclineStory turns a member's proposal down with a reason (lead only). The
// story leaves the backlog list and stays in the file, status declined, with
// the reason; DeclinedStories lists them.
func (s *Store) DeclineStory(actor string, id int, reason string) (backlog.Story, error) {
	var st backlog.Story
	reason = CleanTitle(reason)
	err := s.write(actor, leadOnly, "decline proposed stories", func(w *wtx) error {
		var err error
		if st, err = storyIn(w.tx, id); err != nil {
			return err
		}
		if err := st.Decline(reason); err != nil {
			return err
		}
		if err := w.bucket(bucketStoryRank).Delete(rankKey(st.Rank, id)); err != nil {
			return err
		}
		st.Updated = w.now
		if err := putStory(w.tx, st); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventStoryDeclined, Story: id, Fields: map[string]string{"reason": reason, "proposed_by": st.ProposedBy},
			Text: eventf("%s declined %s %s: %s", w.actor.Handle, st.Ref(), st.Title, reason)})
	})
	return st, err
}

// DeclinedStories are the proposals the lead declined, oldest first.
func (s *Store) DeclinedStories() (out []backlog.Story, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketStories).ForEach(func(k, _ []byte) error {
			var st backlog.Story
			if _, err := get(tx.Bucket(bucketStories), k, &st); err != nil {
				return err
			}
			if st.Status == backlog.StatusDeclined {
				out = append(out, st)
			}
			return nil
		})
	})
	return out, err
}
