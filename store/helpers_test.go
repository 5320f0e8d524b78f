package store

import (
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// testClock is a settable clock for store tests.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var fixedNow = time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)

// newTestStore opens a fresh file with alice as lead and bob as member.
func newTestStore(t testing.TB) (*Store, *testClock) {
	t.Helper()
	clk := &testClock{t: fixedNow}
	st, err := Open(filepath.Join(t.TempDir(), "huddle.db"), Options{Create: true, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Bootstrap("alice", "Rocket"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddMember("alice", NewMember{Handle: "bob", Name: "Bob"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddMember("alice", NewMember{Handle: "gus", Role: "guest"}); err != nil {
		t.Fatal(err)
	}
	return st, clk
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
