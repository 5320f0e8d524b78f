package store

import (
	"fmt"
	"testing"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// TestEventLogPagesFill: the event log and its sprint index only grow at
// their end, so their pages are filled before they split: a log written one
// event per transaction (as people write it) uses at least 80% of the page
// space it takes (bbolt's default split left them about half full).
func TestEventLogPagesFill(t *testing.T) {
	st, _ := newTestStore(t)
	for i := range 500 {
		if _, err := st.AddStory("alice", StoryInput{Title: fmt.Sprintf("a story with a title of ordinary length, number %d", i), Points: 3}); err != nil {
			t.Fatal(err)
		}
	}
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "in the sprint", Points: 3}))
	today := sprint.DateOf(fixedNow)
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Name: "one", Goal: "g", Start: today, End: today.AddDays(13)}))
	if err := st.AddStoryToSprint("alice", sp.ID, s.ID); err != nil {
		t.Fatal(err)
	}
	tk := must[sprint.Task](t)(st.AddTask("alice", s.ID, "t", 40))
	for i := range 500 {
		if _, err := st.SetRemaining("alice", tk.ID, float64(i%40)); err != nil {
			t.Fatal(err)
		}
	}
	err := st.db.View(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketEvents, bucketSprintEvents} {
			s := tx.Bucket(name).Stats()
			if fill := float64(s.LeafInuse) / float64(s.LeafAlloc); fill < 0.8 {
				t.Errorf("%s: %d keys use %.0f%% of their %d leaf bytes, want at least 80%%", name, s.KeyN, 100*fill, s.LeafAlloc)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
