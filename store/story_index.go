package store

import (
	"bytes"

	bolt "go.etcd.io/bbolt"
)

// bucketStoryEvents indexes the event log by story: key story ID (8 bytes)
// then the event's sequence (8 bytes), no value. A story's history reads its
// own entries, never the whole log.
var bucketStoryEvents = []byte("story_events")

// indexStoryEvent adds e to the story index (e.Story must be set).
func indexStoryEvent(tx *bolt.Tx, e *Event) error {
	return tx.Bucket(bucketStoryEvents).Put(append(itob(e.Story), u64(e.Seq)...), nil)
}

// migrateStoryIndex creates the story index and fills it from the log: every
// event about a story, as appendEvent indexes new ones.
func migrateStoryIndex(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketStoryEvents); err != nil {
		return err
	}
	b := tx.Bucket(bucketEvents)
	return b.ForEach(func(k, v []byte) error {
		var e Event
		if _, err := get(b, k, &e); err != nil {
			return err
		}
		if e.Story == 0 {
			return nil
		}
		e.Seq = uint64(btoi(k))
		return indexStoryEvent(tx, &e)
	})
}

// StoryHistory is a story's history from the event log, oldest first, read
// through the story index (a file older than the index, opened read-only,
// is scanned instead).
func (s *Store) StoryHistory(storyID int) (out []Event, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		if idx := tx.Bucket(bucketStoryEvents); idx != nil {
			out, err = indexedEvents(tx, idx, storyID)
		} else {
			out, err = scanLogForStory(tx, storyID)
		}
		if err != nil {
			return err
		}
		out, err = redactEvents(tx, out)
		return err
	})
	return out, err
}

// scanLogForStory is a story's history read from the whole log (a file
// older than the story index).
func scanLogForStory(tx *bolt.Tx, storyID int) ([]Event, error) {
	var out []Event
	eb := tx.Bucket(bucketEvents)
	err := eb.ForEach(func(k, v []byte) error {
		var e Event
		if _, err := get(eb, k, &e); err != nil {
			return err
		}
		if e.Story == storyID {
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// prefixKeys yields the keys of b (none when b is nil) that start with prefix.
func prefixKeys(b *bolt.Bucket, prefix []byte) func(yield func([]byte) bool) {
	return func(yield func([]byte) bool) {
		if b == nil {
			return
		}
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if !yield(k) {
				return
			}
		}
	}
}
