package store

import (
	bolt "go.etcd.io/bbolt"
)

// Reads of the log pass through redactEvents: on an anonymous board no event
// names who wrote a card or voted.

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
		var err error
		out, err = redactEvents(tx, out)
		return err
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
		var err error
		out, err = redactEvents(tx, out)
		return err
	})
	return out, err
}

// SprintEvents returns a sprint's events in order, through the sprint index.
func (s *Store) SprintEvents(sprintID int) (out []Event, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		out, err = sprintEventsIn(tx, sprintID)
		return err
	})
	return out, err
}

// sprintEventsIn is SprintEvents inside a read.
func sprintEventsIn(tx *bolt.Tx, sprintID int) ([]Event, error) {
	out, err := indexedEvents(tx, tx.Bucket(bucketSprintEvents), sprintID)
	if err != nil {
		return nil, err
	}
	return redactEvents(tx, out)
}

// indexedEvents reads, in log order, the events an index (sprint_events,
// story_events: keys of an 8-byte ID then the event's sequence) lists for id.
func indexedEvents(tx *bolt.Tx, index *bolt.Bucket, id int) ([]Event, error) {
	var out []Event
	eb := tx.Bucket(bucketEvents)
	for k := range prefixKeys(index, itob(id)) {
		var e Event
		if _, err := get(eb, k[8:], &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}
