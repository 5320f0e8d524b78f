package store

import (
	"context"
	"slices"
	"testing"
)

func TestPresenceJoinLeave(t *testing.T) {
	st, _ := newTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := st.Subscribe(ctx)
	if got := st.Online(); len(got) != 0 {
		t.Fatalf("Online() = %v before anyone joined", got)
	}
	leaveA := st.Join("maya")
	leaveB := st.Join("maya")
	leaveC := st.Join("li")
	if got := st.Online(); !slices.Equal(got, []string{"li", "maya"}) {
		t.Fatalf("Online() = %v", got)
	}
	leaveA()
	leaveA() // idempotent
	if got := st.Online(); !slices.Equal(got, []string{"li", "maya"}) {
		t.Fatalf("after one of maya's two sessions left: %v", got)
	}
	leaveB()
	leaveC()
	if got := st.Online(); len(got) != 0 {
		t.Fatalf("Online() = %v after all left", got)
	}
	for i := 0; i < 6; i++ {
		if e := <-ch; e.Kind != EventPresence {
			t.Fatalf("event %d is %q, want presence", i, e.Kind)
		}
	}
}

func TestSharedCloseKeepsFileOpen(t *testing.T) {
	st, _ := newTestStore(t)
	if err := st.Shared().Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Team(); err != nil {
		t.Fatalf("the store closed with its shared handle: %v", err)
	}
}
