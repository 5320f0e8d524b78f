package store

import (
	"fmt"
	"strconv"

	"huddle/backlog"
)

// EventStoryChecked is a tick (or an untick) of one acceptance criterion.
const EventStoryChecked EventKind = "story.checked"

// CheckAcceptance ticks criterion item (numbered from 1) of a story's
// acceptance criteria, or unticks it when on is false (lead only: the lead
// ticks them at the review). Each tick is an event in the story's history.
func (s *Store) CheckAcceptance(actor string, id, item int, on bool) (backlog.Story, error) {
	var st backlog.Story
	err := s.write(actor, leadOnly, "tick acceptance criteria", func(w *wtx) error {
		var e Event
		var err error
		if st, e, err = checkAcceptanceIn(w, id, item, on); err != nil {
			return err
		}
		return w.emit(e)
	})
	return st, err
}

// checkAcceptanceIn is CheckAcceptance inside a write: it saves the story and
// returns the event to emit.
func checkAcceptanceIn(w *wtx, id, item int, on bool) (backlog.Story, Event, error) {
	st, err := storyIn(w.tx, id)
	if err != nil {
		return st, Event{}, err
	}
	if st.Status == backlog.StatusDeleted || st.Status == backlog.StatusDeclined {
		return st, Event{}, fmt.Errorf("%s is %s: its criteria are no longer ticked", st.Ref(), st.Status)
	}
	if err := st.Check(item, on); err != nil {
		return st, Event{}, err
	}
	st.Updated = w.now
	if err := putStory(w.tx, st); err != nil {
		return st, Event{}, err
	}
	verb, state := "ticked", "yes"
	if !on {
		verb, state = "unticked", "no"
	}
	text := backlog.AcceptanceItems(st.Acceptance)[item-1]
	return st, Event{Kind: EventStoryChecked, Story: id, Sprint: st.Sprint,
		Fields: map[string]string{"item": strconv.Itoa(item), "checked": state},
		Text:   eventf("%s %s criterion %d of %s: %s", w.actor.Handle, verb, item, st.Ref(), CleanTitle(text))}, nil
}
