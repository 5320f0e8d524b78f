package sprint

import (
	"encoding/json"
	"maps"
	"slices"
	"time"
)

// BurndownTotals is a sprint's burndown in its incremental form: the state
// of its work after every change of its history, and the totals at the end
// of each day on which a change counted. A change costs work proportional to
// the sprint's tasks, and a chart is made from the totals, one row per
// working day, without its history: so the store keeps the totals beside the
// log and updates them in the write that logs each change.
//
// ComputeBurndown stays the definition: the totals apply the same changes by
// the same rule (bdState) and read rows by the same rule (bdCarry.row), so
// NewBurndownTotals(changes).Burndown(sp, today) equals
// ComputeBurndown(sp, changes, today) for every history, sprint and day.
type BurndownTotals struct {
	state *bdState
	last  time.Time   // the newest change folded in
	days  []DayTotals // by date, one per day a change counted on
}

func newBdState() *bdState {
	return &bdState{tasks: map[int]*bdTask{}, removed: map[int]*bdTask{}, stories: map[int]*bdStory{}}
}

// NewBurndownTotals folds a sprint's whole history in (in time order, stably,
// as ComputeBurndown replays it). An empty history gives empty totals.
func NewBurndownTotals(changes []Change) *BurndownTotals {
	byTime := func(a, b Change) int { return a.At.Compare(b.At) }
	if !slices.IsSortedFunc(changes, byTime) {
		changes = slices.Clone(changes)
		slices.SortStableFunc(changes, byTime)
	}
	t := &BurndownTotals{state: newBdState()}
	for _, c := range changes {
		t.Add(c)
	}
	return t
}

// Add folds in c, the newest change of the sprint's history. It reports
// false, changing nothing, when c is older than a change already folded in
// (a clock set back): the totals must then be made again from the whole
// history with NewBurndownTotals.
func (t *BurndownTotals) Add(c Change) bool {
	if c.At.Before(t.last) {
		return false
	}
	t.last = c.At
	if t.state.closed {
		return true // nothing after the close counts
	}
	t.state.apply(c)
	day := t.state.totals()
	day.Date = DateOf(c.At)
	if n := len(t.days); n > 0 && sameDay(t.days[n-1].Date, day.Date) {
		t.days[n-1] = day
	} else {
		t.days = append(t.days, day)
	}
	return true
}

// Days are the totals at the end of each day a change counted on, oldest first.
func (t *BurndownTotals) Days() []DayTotals { return slices.Clone(t.days) }

// Burndown is sp's chart up to today (for a closed sprint, to the day it
// closed) from the totals: a working day's row is read from the totals of the
// last day on or before it (changes on a non-working day count toward the
// next working day).
func (t *BurndownTotals) Burndown(sp Sprint, today Date) Burndown {
	days := sp.WorkingDays()
	b := burndownFrame(sp, len(days))
	last := burndownLast(sp, today)
	var carry bdCarry
	var cur DayTotals
	i := 0
	for n, d := range days {
		if d.After(last) {
			break
		}
		for ; i < len(t.days) && !t.days[i].Date.After(d); i++ {
			cur = t.days[i]
		}
		b.Days = append(b.Days, carry.row(&b, n, len(days), d, cur))
	}
	return b
}

// The stored form of BurndownTotals: tasks and stories in ID order, so the
// same totals always encode to the same bytes.
type totalsJSON struct {
	Last    time.Time   `json:"last"`
	Started bool        `json:"started,omitempty"`
	Closed  bool        `json:"closed,omitempty"`
	ScopeH  float64     `json:"scope_change_hours,omitempty"`
	ScopeP  int         `json:"scope_change_points,omitempty"`
	Tasks   []taskJSON  `json:"tasks,omitempty"`
	Removed []taskJSON  `json:"removed,omitempty"`
	Stories []storyJSON `json:"stories,omitempty"`
	Days    []DayTotals `json:"days,omitempty"`
}

type taskJSON struct {
	ID        int     `json:"id"`
	Story     int     `json:"story"`
	Remaining float64 `json:"remaining"`
	Committed float64 `json:"committed"`
}

type storyJSON struct {
	ID     int  `json:"id"`
	Points int  `json:"points,omitempty"`
	In     bool `json:"in,omitempty"`
}

func tasksJSON(m map[int]*bdTask) []taskJSON {
	var out []taskJSON
	for _, id := range slices.Sorted(maps.Keys(m)) {
		t := m[id]
		out = append(out, taskJSON{ID: id, Story: t.story, Remaining: t.remaining, Committed: t.committed})
	}
	return out
}

// MarshalJSON is the totals' stored form.
func (t *BurndownTotals) MarshalJSON() ([]byte, error) {
	st := t.state
	w := totalsJSON{Last: t.last, Started: st.started, Closed: st.closed, ScopeH: st.scopeChangeH, ScopeP: st.scopeChangeP,
		Tasks: tasksJSON(st.tasks), Removed: tasksJSON(st.removed), Days: t.days}
	for _, id := range slices.Sorted(maps.Keys(st.stories)) {
		s := st.stories[id]
		w.Stories = append(w.Stories, storyJSON{ID: id, Points: s.points, In: s.in})
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads the stored form.
func (t *BurndownTotals) UnmarshalJSON(b []byte) error {
	var w totalsJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	st := newBdState()
	st.started, st.closed, st.scopeChangeH, st.scopeChangeP = w.Started, w.Closed, w.ScopeH, w.ScopeP
	for _, x := range w.Tasks {
		st.tasks[x.ID] = &bdTask{story: x.Story, remaining: x.Remaining, committed: x.Committed}
	}
	for _, x := range w.Removed {
		st.removed[x.ID] = &bdTask{story: x.Story, remaining: x.Remaining, committed: x.Committed}
	}
	for _, x := range w.Stories {
		st.stories[x.ID] = &bdStory{points: x.Points, in: x.In}
	}
	*t = BurndownTotals{state: st, last: w.Last, days: w.Days}
	return nil
}
