package sprint

import (
	"strings"
	"testing"
)

// A task deleted after the start leaves the remaining hours and the scope on
// the same day (a scope change, not progress); restored, it is back as it was,
// with the hours it had burned still burned.
func TestBurndownTaskRemovedAndRestored(t *testing.T) {
	changes := append(planned(),
		Change{At: at(3), Kind: ChangeRemaining, Task: 1, Remaining: 6},
		Change{At: at(4), Kind: ChangeTaskRemoved, Task: 1},
		Change{At: at(5), Kind: ChangeTaskRestored, Task: 1},
	)
	b := ComputeBurndown(bdSprint(), changes, NewDate(2026, 3, 5))
	type day struct{ remaining, scope, change float64 }
	want := []day{{20, 20, 0}, {16, 20, 0}, {10, 10, -10}, {16, 20, 10}}
	if len(b.Days) != len(want) {
		t.Fatalf("%d days", len(b.Days))
	}
	for i, w := range want {
		d := b.Days[i]
		if got := (day{d.RemainingHours, d.ScopeHours, d.ScopeChange}); got != w {
			t.Errorf("day %d: %+v, want %+v", i+1, got, w)
		}
	}
}

func TestTaskCanDelete(t *testing.T) {
	if err := (Task{ID: 3}).CanDelete(); err != nil {
		t.Fatal(err)
	}
	if err := (Task{ID: 3, Blocked: "no keys"}).CanDelete(); err == nil || !strings.Contains(err.Error(), "T-3 is blocked (no keys); unblock it") {
		t.Fatalf("a blocked task: %v", err)
	}
}

func TestCanUndoNote(t *testing.T) {
	thu, fri := NewDate(2026, 11, 26), NewDate(2026, 11, 27)
	if err := CanUndoNote(thu, thu); err != nil {
		t.Fatalf("the coming stand-up: %v", err)
	}
	if err := CanUndoNote(thu, fri); err == nil || !strings.Contains(err.Error(), "the stand-up of 2026-11-26 is over") {
		t.Fatalf("a past stand-up: %v", err)
	}
}
