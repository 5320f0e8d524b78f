package sprint

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// TestBurndownReplayEqualsComputeBurndown: a replay built on any day, grown
// one change at a time and asked on any later day, says what replaying the
// whole history says.
func TestBurndownReplayEqualsComputeBurndown(t *testing.T) {
	sp := bdSprint()
	rng := rand.New(rand.NewPCG(3, 4))
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
	for range 120 {
		at = at.Add(time.Duration(rng.IntN(150)) * time.Minute)
		c := Change{At: at, Kind: ChangeRemaining, Task: (rng.IntN(4)+1)*10 + rng.IntN(3), Remaining: float64(rng.IntN(9))}
		switch rng.IntN(12) {
		case 0:
			c = Change{At: at, Kind: ChangeTaskAdded, Story: rng.IntN(4) + 1, Task: 100 + rng.IntN(1000), Hours: 4}
		case 1:
			c = Change{At: at, Kind: ChangeStoryRemoved, Story: rng.IntN(4) + 1}
		}
		hist = append(hist, c)
	}
	last := DateOf(at).AddDays(2)
	tips := 0
	for cut := 0; cut <= len(hist); cut += 3 {
		built := DateOf(start).AddDays(-1)
		if cut > 0 {
			built = DateOf(hist[cut-1].At)
		}
		r := NewBurndownReplay(sp, hist[:cut], built)
		for _, c := range hist[cut:] {
			r = r.With(c)
			if r.tip != nil {
				tips++
				if got, want := r.At(r.tipDay), ComputeBurndown(sp, r.all, r.tipDay); !reflect.DeepEqual(got, want) {
					t.Fatalf("the day's running state differs on %s", r.tipDay)
				}
			}
		}
		for q := built; !q.After(last); q = q.AddDays(1) {
			if got, want := r.At(q), ComputeBurndown(sp, hist, q); !reflect.DeepEqual(got, want) {
				t.Fatalf("built on %s from %d changes, asked on %s:\n got %+v\nwant %+v", built, cut, q, got.Days, want.Days)
			}
		}
	}
	if tips == 0 {
		t.Error("no replay kept a running state for its day: the test misses that path")
	}
}
