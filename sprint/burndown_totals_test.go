package sprint

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// randomHistory is a sprint's history with every kind of change: stories
// and tasks planned, the start, hours burnt (in steps of a quarter hour),
// tasks added, removed and restored, re-estimated, stories taken out and
// put back, on working and non-working days, and (closeAt > 0) a close
// after which changes still arrive.
func randomHistory(seed uint64, sp Sprint, closeAt int) []Change {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	start := sp.Start.Time().Add(9 * time.Hour)
	var hist []Change
	for s := 1; s <= 4; s++ {
		hist = append(hist, Change{At: start.Add(-48 * time.Hour), Kind: ChangeStoryAdded, Story: s, Points: s})
		for k := 0; k < 3; k++ {
			hist = append(hist, Change{At: start.Add(-48 * time.Hour), Kind: ChangeTaskAdded, Story: s, Task: s*10 + k, Hours: 8})
		}
	}
	hist = append(hist, Change{At: start, Kind: ChangeStarted, Hours: 96, Points: 10})
	at := start
	for i := range 160 {
		at = at.Add(time.Duration(rng.IntN(150)) * time.Minute)
		task := (rng.IntN(4)+1)*10 + rng.IntN(3)
		c := Change{At: at, Kind: ChangeRemaining, Task: task, Remaining: float64(rng.IntN(37)) / 4}
		switch rng.IntN(14) {
		case 0:
			c = Change{At: at, Kind: ChangeTaskAdded, Story: rng.IntN(4) + 1, Task: 100 + rng.IntN(1000), Hours: 4.25}
		case 1:
			c = Change{At: at, Kind: ChangeStoryRemoved, Story: rng.IntN(4) + 1}
		case 2:
			c = Change{At: at, Kind: ChangeStoryAdded, Story: rng.IntN(4) + 1, Points: rng.IntN(8)}
		case 3:
			c = Change{At: at, Kind: ChangeTaskRemoved, Task: task}
		case 4:
			c = Change{At: at, Kind: ChangeTaskRestored, Task: task}
		case 5:
			c = Change{At: at, Kind: ChangeReestimated, Task: task, Hours: float64(rng.IntN(9)-4) / 2, Remaining: float64(rng.IntN(9))}
		}
		if closeAt > 0 && i == closeAt {
			c = Change{At: at, Kind: ChangeClosed}
		}
		switch rng.IntN(10) {
		case 0: // a clock set back a little: older than the newest change, often the same day
			c.At = at.Add(-time.Duration(rng.IntN(240)) * time.Minute)
		case 1: // or by more than a day
			c.At = at.Add(-time.Duration(20+rng.IntN(30)) * time.Hour)
		}
		hist = append(hist, c)
	}
	return hist
}

// addLikeTheStore folds hist[i] into t as the store does: Add, else a replay
// of its day, else of the whole history (positions are i+1).
func addLikeTheStore(t *BurndownTotals, hist []Change, i int) (*BurndownTotals, string) {
	if t.Add(hist[i], uint64(i+1)) {
		return t, "add"
	}
	if m := t.Mark(); m != 0 && t.ReplayDay(hist[m-1:i+1]) {
		return t, "day"
	}
	at := make([]uint64, i+1)
	for j := range at {
		at[j] = uint64(j + 1)
	}
	return NewBurndownTotals(hist[:i+1], at), "all"
}

// TestBurndownTotalsEqualComputeBurndown: totals grown one change at a time
// (some of them older than the newest, as from a clock set back), stored and
// read back after every change, give the chart that replaying the whole
// history gives, asked on any day, for an active, a planned and a closed
// sprint; and they are, byte for byte, the totals made from the whole
// history at once (what check compares).
func TestBurndownTotalsEqualComputeBurndown(t *testing.T) {
	active := bdSprint()
	planned := active
	planned.Status, planned.Started, planned.BaselineHours, planned.BaselinePoints = StatusPlanning, time.Time{}, 0, 0
	ways := map[string]int{}
	for seed := uint64(1); seed <= 6; seed++ {
		for _, tc := range []struct {
			name    string
			sp      Sprint
			closeAt int
		}{{"active", active, 0}, {"planned", planned, 0}, {"closed", active, 90}} {
			sp := tc.sp
			hist := randomHistory(seed, sp, tc.closeAt)
			if tc.closeAt > 0 {
				sp.Status, sp.Closed = StatusClosed, hist[len(hist)-160+tc.closeAt].At
			}
			first, last := sp.Start.AddDays(-3), DateOf(hist[len(hist)-1].At).AddDays(3)
			tot := NewBurndownTotals(nil, nil)
			at := make([]uint64, len(hist))
			for i := range hist {
				at[i] = uint64(i + 1)
				var how string
				tot, how = addLikeTheStore(tot, hist, i)
				ways[how]++
				raw, err := json.Marshal(tot)
				if err != nil {
					t.Fatal(err)
				}
				tot = &BurndownTotals{}
				if err := json.Unmarshal(raw, tot); err != nil {
					t.Fatal(err)
				}
				if again, _ := json.Marshal(NewBurndownTotals(hist[:i+1], at[:i+1])); string(again) != string(raw) {
					t.Fatalf("%s seed %d: after change %d (%s) the totals differ from those made at once:\n%s\n%s", tc.name, seed, i, how, raw, again)
				}
				if i%17 != 0 && i != len(hist)-1 {
					continue
				}
				for q := first; !q.After(last); q = q.AddDays(1) {
					if got, want := tot.Burndown(sp, q), ComputeBurndown(sp, hist[:i+1], q); !reflect.DeepEqual(got, want) {
						t.Fatalf("%s seed %d after %d changes, asked on %s:\n got %+v\nwant %+v", tc.name, seed, i+1, q, got.Days, want.Days)
					}
				}
			}
		}
	}
	if ways["add"] == 0 || ways["day"] == 0 || ways["all"] == 0 {
		t.Fatalf("not every way of folding a change in was taken: %v", ways)
	}
}

// An older change than the newest folded in is refused (the caller makes the
// totals again from the whole history), and the totals are left as they were.
func TestBurndownTotalsRefuseAnOlderChange(t *testing.T) {
	hist := planned()
	tot := NewBurndownTotals(hist, nil)
	before, _ := json.Marshal(tot)
	if tot.Add(Change{At: at(1).Add(-time.Hour), Kind: ChangeRemaining, Task: 1, Remaining: 2}, 9) {
		t.Fatal("an older change was folded in")
	}
	if after, _ := json.Marshal(tot); string(after) != string(before) {
		t.Fatal("a refused change changed the totals")
	}
	// Made from the whole history instead, with that change in its place.
	late := append(planned(), Change{At: at(1).Add(-time.Hour), Kind: ChangeRemaining, Task: 1, Remaining: 2})
	if got, want := NewBurndownTotals(late, nil).Burndown(bdSprint(), NewDate(2026, 3, 6)), ComputeBurndown(bdSprint(), late, NewDate(2026, 3, 6)); !reflect.DeepEqual(got, want) {
		t.Fatalf("out of order:\n got %+v\nwant %+v", got.Days, want.Days)
	}
}
