package store

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"huddle/backlog"
)

func TestSharedReadOncePerVersion(t *testing.T) {
	st, _ := newTestStore(t)
	var calls atomic.Int32
	read := func(st *Store) (any, error) {
		calls.Add(1)
		return st.StoryCount()
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := st.SharedRead("count", read); err != nil || v.(int) != 0 {
				t.Errorf("%v %v", v, err)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Fatalf("20 sessions at one version read %d times", n)
	}
	// A write makes the next read fresh: nobody sees data from before it.
	must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "new", Points: 1}))
	if v, _ := st.SharedRead("count", read); v.(int) != 1 || calls.Load() != 2 {
		t.Fatalf("after a write: %v, %d reads", v, calls.Load())
	}
	// A failed write changes nothing and keeps the entry.
	st.AddStory("gus", StoryInput{Title: "no", Points: 1})
	st.SharedRead("count", read)
	if calls.Load() != 2 {
		t.Fatal("a refused write invalidated the cache")
	}
	// The server's shared handle writes to the same cache.
	if err := st.Shared().SetVision("alice", "v"); err != nil {
		t.Fatal(err)
	}
	st.SharedRead("count", read)
	if calls.Load() != 3 {
		t.Fatal("a write through a shared handle did not invalidate the cache")
	}
}

// A session whose member was removed is refused its shared reads with its
// own error, and its refusal never becomes the entry the next session gets:
// whoever reads first after the removal, the others still see the team.
func TestSharedReadKeepsAnEndedSessionsRefusalToItself(t *testing.T) {
	st, _ := newTestStore(t)
	alice := must[*Store](t)(st.BoundTo("alice"))
	bob := must[*Store](t)(st.BoundTo("bob"))
	team := func(st *Store) (any, error) { return st.Team() }
	if err := st.RemoveMember("alice", "bob"); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.SharedRead("team", team); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("bob's read after his removal: %v, want the session ended", err)
	}
	if v, err := alice.SharedRead("team", team); err != nil || v.(backlog.Team).Name != "Rocket" {
		t.Fatalf("alice after bob's refused read: %v %v", v, err)
	}
}
