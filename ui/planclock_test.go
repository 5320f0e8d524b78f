package ui

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"huddle/sprint"
	"huddle/store"
)

// planClock is a store clock a test can move. A sprint cannot be planned to
// start in the past, so a test that needs one already running plans it on its
// first day and comes back to testNow (pastSprint).
type planClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *planClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *planClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// openPlanStore is openStore with a movable clock, at testNow.
func openPlanStore(t testing.TB) (*store.Store, *planClock) {
	t.Helper()
	clk := &planClock{t: testNow()}
	st, err := store.Open(filepath.Join(t.TempDir(), "huddle.db"), store.Options{Create: true, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Bootstrap("alice", "Team Rocket"); err != nil {
		t.Fatal(err)
	}
	return st, clk
}

// pastSprint plans a sprint on the morning it starts, then sets the clock back to testNow.
func pastSprint(t testing.TB, st *store.Store, clk *planClock, in store.NewSprint) sprint.Sprint {
	t.Helper()
	clk.set(in.Start.Time().Add(9 * time.Hour))
	defer clk.set(testNow())
	sp, err := st.CreateSprint("alice", in)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}
