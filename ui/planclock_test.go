package ui

import (
	"path/filepath"
	"testing"
	"time"

	"huddle/sprint"
	"huddle/store"
	"huddle/ui/internal/uitest"
)

// A sprint cannot be planned to start in the past, so a test that needs one
// already running plans it on its first day and comes back to testNow
// (pastSprint), on a store clock it moves (uitest.Clock).

// openPlanStore is openStore with a movable clock, at testNow.
func openPlanStore(t testing.TB) (*store.Store, *uitest.Clock) {
	t.Helper()
	clk := uitest.NewClock(testNow())
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
func pastSprint(t testing.TB, st *store.Store, clk *uitest.Clock, in store.NewSprint) sprint.Sprint {
	t.Helper()
	clk.Set(in.Start.Time().Add(9 * time.Hour))
	defer clk.Set(testNow())
	sp, err := st.CreateSprint("alice", in)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}
