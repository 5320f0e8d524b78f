package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"huddle/backlog"

	bolt "go.etcd.io/bbolt"
)

// scanStoryEvents is a story's history the slow way: every event of the log
// decoded, for checking the index.
func scanStoryEvents(t *testing.T, st *Store, storyID int) []Event {
	t.Helper()
	var out []Event
	err := st.read(func(tx *bolt.Tx) (err error) {
		out, err = scanLogForStory(tx, storyID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Migration 2 builds the story index of a file written before it: the
// index is dropped and the schema set back to 1 (a schema 1 file has no
// index), the file is opened again (which migrates it), and every story's
// history reads the same as a scan of the log.
func TestMigration3IndexesTheLogByStory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huddle.db")
	open := func() *Store {
		st, err := Open(path, Options{Create: true, Now: func() time.Time { return fixedNow }})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	st := open()
	if _, err := st.Bootstrap("alice", "Rocket"); err != nil {
		t.Fatal(err)
	}
	list := addStories(t, st, 5)
	must[backlog.Story](t)(st.EditStory("alice", list[2].ID, StoryInput{Title: "edited", Points: 3}))
	if err := st.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketStoryEvents); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(1))
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// Read-only (check, export), the file is read as it is: history comes
	// from a scan of the log.
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open before the index: %v", err)
	}
	if got := must[[]Event](t)(ro.StoryHistory(list[2].ID)); len(got) != 2 {
		t.Fatalf("S-3 history read-only before the index: %v", got)
	}
	ro.Close()

	st = open()
	defer st.Close()
	for _, s := range list {
		want := scanStoryEvents(t, st, s.ID)
		got := must[[]Event](t)(st.StoryHistory(s.ID))
		if fmt.Sprint(got) != fmt.Sprint(want) || len(got) == 0 {
			t.Fatalf("%s after migrating: %v, want %v", s.Ref(), got, want)
		}
	}
	if got := must[[]Event](t)(st.StoryHistory(list[2].ID)); len(got) != 2 {
		t.Fatalf("S-3 history %v", got)
	}
}
