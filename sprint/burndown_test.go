package sprint

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

// at is 15:00 UTC on a day of March 2026.
func at(day int) time.Time { return time.Date(2026, 3, day, 15, 0, 0, 0, time.UTC) }

// bdSprint runs Mon 2 March to Fri 13 March 2026: ten working days.
func bdSprint() Sprint {
	return Sprint{ID: 1, Name: "Sprint 1", Goal: "g", Start: NewDate(2026, 3, 2), End: NewDate(2026, 3, 13),
		Workdays: DefaultWorkdays, Status: StatusActive, BaselineHours: 20, BaselinePoints: 8, Started: at(2)}
}

// planned is the history up to the start: two stories (5 and 3 points), a 10h task each.
func planned() []Change {
	return []Change{
		{At: at(1), Kind: ChangeStoryAdded, Story: 1, Points: 5},
		{At: at(1), Kind: ChangeStoryAdded, Story: 2, Points: 3},
		{At: at(1), Kind: ChangeTaskAdded, Story: 1, Task: 1, Hours: 10},
		{At: at(1), Kind: ChangeTaskAdded, Story: 2, Task: 2, Hours: 10},
		{At: at(2).Add(-time.Hour), Kind: ChangeStarted, Hours: 20, Points: 8},
	}
}

func TestBurndown(t *testing.T) {
	type want struct {
		remaining, scope, change float64
		points, scopePoints      int
	}
	cases := []struct {
		name    string
		sprint  func(*Sprint)
		changes []Change
		today   Date
		days    int
		want    map[int]want // by 1-based working day
		dates   map[int]Date
	}{
		{
			name:    "days with no events keep the last value",
			changes: []Change{{At: at(2), Kind: ChangeRemaining, Task: 1, Remaining: 6}},
			today:   NewDate(2026, 3, 6), days: 5,
			want: map[int]want{1: {16, 20, 0, 8, 8}, 2: {16, 20, 0, 8, 8}, 5: {16, 20, 0, 8, 8}},
		},
		{
			name: "weekends are skipped and their work counts on Monday",
			changes: []Change{
				{At: at(7), Kind: ChangeRemaining, Task: 1, Remaining: 4}, // Saturday
			},
			today: NewDate(2026, 3, 10), days: 7,
			want:  map[int]want{5: {20, 20, 0, 8, 8}, 6: {14, 20, 0, 8, 8}, 7: {14, 20, 0, 8, 8}},
			dates: map[int]Date{5: NewDate(2026, 3, 6), 6: NewDate(2026, 3, 9), 7: NewDate(2026, 3, 10)},
		},
		{
			name: "scope added then removed mid-sprint is a scope change, not progress",
			changes: []Change{
				{At: at(3), Kind: ChangeRemaining, Task: 1, Remaining: 5},
				{At: at(4), Kind: ChangeStoryAdded, Story: 3, Points: 2},
				{At: at(4), Kind: ChangeTaskAdded, Story: 3, Task: 3, Hours: 8},
				{At: at(5), Kind: ChangeStoryRemoved, Story: 2},
			},
			today: NewDate(2026, 3, 5), days: 4,
			want: map[int]want{
				2: {15, 20, 0, 8, 8},
				3: {23, 28, 8, 10, 10},
				4: {13, 18, -10, 7, 7},
			},
		},
		{
			name: "a reopened task comes back with its estimate; scope is unchanged",
			changes: []Change{
				{At: at(3), Kind: ChangeRemaining, Task: 2, Remaining: 0},
				{At: at(4), Kind: ChangeRemaining, Task: 2, Remaining: 10},
			},
			today: NewDate(2026, 3, 4), days: 3,
			want: map[int]want{2: {10, 20, 0, 5, 8}, 3: {20, 20, 0, 8, 8}},
		},
		{
			name: "a task done, then its story pulled out: no progress, scope drops",
			changes: []Change{
				{At: at(3), Kind: ChangeRemaining, Task: 2, Remaining: 0},
				{At: at(4), Kind: ChangeStoryRemoved, Story: 2},
			},
			today: NewDate(2026, 3, 4), days: 3,
			want: map[int]want{2: {10, 20, 0, 5, 8}, 3: {10, 10, -10, 5, 5}},
		},
		{
			name:   "a sprint closed early stops at its close and never changes",
			sprint: func(sp *Sprint) { sp.Status, sp.Closed = StatusClosed, at(10) },
			changes: []Change{
				{At: at(3), Kind: ChangeRemaining, Task: 1, Remaining: 0},
				{At: at(10), Kind: ChangeClosed},
				{At: at(11), Kind: ChangeRemaining, Task: 2, Remaining: 0}, // never happens; ignored if it did
			},
			today: NewDate(2026, 4, 20), days: 7,
			want: map[int]want{7: {10, 20, 0, 3, 8}},
		},
		{
			name:    "before the start there are no days",
			changes: nil, today: NewDate(2026, 3, 1), days: 0,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sp := bdSprint()
			if tc.sprint != nil {
				tc.sprint(&sp)
			}
			b := ComputeBurndown(sp, append(planned(), tc.changes...), tc.today)
			if len(b.Days) != tc.days {
				t.Fatalf("%d days, want %d: %+v", len(b.Days), tc.days, b.Days)
			}
			for n, w := range tc.want {
				d := b.Days[n-1]
				got := want{d.RemainingHours, d.ScopeHours, d.ScopeChange, d.RemainingPoints, d.ScopePoints}
				if got != w {
					t.Errorf("day %d (%s): got %+v, want %+v", n, d.Date, got, w)
				}
			}
			for n, date := range tc.dates {
				if b.Days[n-1].Date != date {
					t.Errorf("day %d is %s, want %s", n, b.Days[n-1].Date, date)
				}
			}
			for i, d := range b.Days {
				if want := 20 * float64(10-i-1) / 10; d.IdealHours != want {
					t.Errorf("day %d ideal %g, want %g", i+1, d.IdealHours, want)
				}
			}
		})
	}
}

// ComputeBurndown neither reads the clock nor changes its input: the same
// history, in any order, gives the same whole result, and the caller's slice
// is left as it was.
func TestBurndownIsPure(t *testing.T) {
	sp := bdSprint()
	sorted := append(planned(),
		Change{At: at(3), Kind: ChangeRemaining, Task: 1, Remaining: 6},
		Change{At: at(4), Kind: ChangeRemaining, Task: 2, Remaining: 4},
		Change{At: at(5), Kind: ChangeRemaining, Task: 1, Remaining: 3})
	// The same history out of order: the day-4 change listed last.
	shuffled := slices.Clone(sorted)
	shuffled = append(slices.Delete(shuffled, 6, 7), sorted[6])
	before := slices.Clone(shuffled)
	today := NewDate(2026, 3, 13)
	a := ComputeBurndown(sp, shuffled, today)
	if !reflect.DeepEqual(shuffled, before) {
		t.Fatalf("ComputeBurndown reordered its input:\n%+v\nwas\n%+v", shuffled, before)
	}
	b := ComputeBurndown(sp, shuffled, today)
	c := ComputeBurndown(sp, sorted, today)
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(a, c) {
		t.Fatalf("different results for the same history:\n%+v\n%+v\n%+v", a, b, c)
	}
	if len(a.Days) != 10 || a.Days[1].RemainingHours != 16 || a.Days[2].RemainingHours != 10 || a.Days[3].RemainingHours != 7 || a.Days[9].RemainingHours != 7 || a.Days[9].IdealHours != 0 {
		t.Fatalf("%+v", a.Days)
	}
}

func TestVelocity(t *testing.T) {
	sprints := []Sprint{
		{ID: 1, Status: StatusClosed, BaselinePoints: 10, Velocity: 8},
		{ID: 2, Status: StatusClosed, BaselinePoints: 12, Velocity: 12},
		{ID: 3, Status: StatusClosed, BaselinePoints: 15, Velocity: 10},
		{ID: 4, Status: StatusClosed, BaselinePoints: 13, Velocity: 14},
		{ID: 5, Status: StatusPlanning},
	}
	if v := VelocityOf(sprints); len(v) != 4 || v[0].Committed != 10 || v[0].Completed != 8 {
		t.Fatalf("%+v", v)
	}
	avg, n := AverageVelocity(sprints, 3)
	if n != 3 || avg != 12 {
		t.Fatalf("avg %g over %d", avg, n)
	}
	if !OverCommitted(13, avg, n) || OverCommitted(12, avg, n) || OverCommitted(50, 0, 0) {
		t.Fatal("over-commit")
	}
}

func TestBurndownStartedLateIsNotAScopeChange(t *testing.T) {
	sp := bdSprint()
	ch := planned()
	for i := range ch {
		ch[i].At = at(4) // everything planned and started on day 3
	}
	b := ComputeBurndown(sp, ch, NewDate(2026, 3, 5))
	if len(b.Days) != 4 || b.Days[1].RemainingHours != 0 || b.Days[2].RemainingHours != 20 {
		t.Fatalf("%+v", b.Days)
	}
	for _, d := range b.Days {
		if d.ScopeChange != 0 || d.ScopeChangePoints != 0 {
			t.Fatalf("day %d shows the start as a scope change: %+v", d.Day, d)
		}
	}
}
