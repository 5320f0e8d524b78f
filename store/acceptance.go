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
		var err error
		if st, err = storyIn(w.tx, id); err != nil {
			return err
		}
		if st.Status == backlog.StatusDeleted || st.Status == backlog.StatusDeclined {
			return fmt.Errorf("%s is %s: its criteria are no longer ticked", st.Ref(), st.Status)
		}
		if err := st.Check(item, on); err != nil {
			return err
		}
		st.Updated = w.now
		if err := put(w.bucket(bucketStories), itob(id), st); err != nil {
			return err
		}
		verb, state := "ticked", "yes"
		if !on {
			verb, state = "unticked", "no"
		}
		text := backlog.AcceptanceItems(st.Acceptance)[item-1]
		return w.emit(Event{Kind: EventStoryChecked, Story: id, Sprint: st.Sprint,
			Fields: map[string]string{"item": strconv.Itoa(item), "checked": state},
			Text:   fmt.Sprintf("%s %s criterion %d of %s: %s", w.actor.Handle, verb, item, st.Ref(), CleanTitle(text))})
	})
	return st, err
}
