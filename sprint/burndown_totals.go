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
// A change older than the newest one in (a clock set back) cannot simply be
// folded in: the history is replayed in time order. When it falls on the
// newest change's day, only that day is replayed, from the state at the end
// of the day before (kept as base) and the day's changes, which start at
// the caller's log position mark; otherwise the whole history is.
//
// ComputeBurndown stays the definition: the totals apply the same changes by
// the same rule (bdState) and read rows by the same rule (bdCarry.row), so
// NewBurndownTotals(changes, nil).Burndown(sp, today) equals
// ComputeBurndown(sp, changes, today) for every history, sprint and day.
type BurndownTotals struct {
	state *bdState
	last  time.Time   // the newest change folded in
	days  []DayTotals // by date, one per day a change counted on
	base  *bdState    // the state before the newest change's day; nil: not known
	mark  uint64      // the log position of that day's first change; 0: not known
}

func newBdState() *bdState {
	return &bdState{tasks: map[int]*bdTask{}, removed: map[int]*bdTask{}, stories: map[int]*bdStory{}}
}

// clone is a deep copy of the state.
func (st *bdState) clone() *bdState {
	c := *st
	c.tasks, c.removed, c.stories = map[int]*bdTask{}, map[int]*bdTask{}, map[int]*bdStory{}
	for id, t := range st.tasks {
		tc := *t
		c.tasks[id] = &tc
	}
	for id, t := range st.removed {
		tc := *t
		c.removed[id] = &tc
	}
	for id, s := range st.stories {
		sc := *s
		c.stories[id] = &sc
	}
	return &c
}

func sortedByTime(changes []Change) []Change {
	byTime := func(a, b Change) int { return a.At.Compare(b.At) }
	if !slices.IsSortedFunc(changes, byTime) {
		changes = slices.Clone(changes)
		slices.SortStableFunc(changes, byTime)
	}
	return changes
}

// NewBurndownTotals folds a sprint's whole history in (in time order, stably,
// as ComputeBurndown replays it). changes are in log order; at, when not
// nil, holds each one's position in the caller's log (increasing, not 0),
// so that a later change older than the newest replays only its day when it
// can. An empty history gives empty totals.
func NewBurndownTotals(changes []Change, at []uint64) *BurndownTotals {
	var lastDay Date
	for _, c := range changes {
		if d := DateOf(c.At); d.After(lastDay) || lastDay.IsZero() {
			lastDay = d
		}
	}
	// The newest day's changes must be the log's tail: then the days before
	// it are folded in, and it is replayed on its own, as Add would have.
	i0 := slices.IndexFunc(changes, func(c Change) bool { return sameDay(DateOf(c.At), lastDay) })
	ok := len(at) == len(changes) && i0 >= 0
	for i := 0; ok && i < len(changes); i++ {
		ok = sameDay(DateOf(changes[i].At), lastDay) == (i >= i0) && at[i] != 0
	}
	t := &BurndownTotals{state: newBdState()}
	if !ok {
		for _, c := range sortedByTime(changes) {
			t.Add(c, 0)
		}
		t.base, t.mark = nil, 0
		return t
	}
	for _, c := range sortedByTime(changes[:i0]) {
		t.Add(c, 0)
	}
	t.base, t.mark = t.state.clone(), at[i0]
	t.last = changes[i0].At
	t.ReplayDay(changes[i0:])
	return t
}

// Add folds in c, the newest change of the sprint's history, at position at
// of the caller's log. It reports false, changing nothing, when c is older
// than a change already folded in (a clock set back): the caller then
// replays c's day (ReplayDay) or, when that cannot be, the whole history.
func (t *BurndownTotals) Add(c Change, at uint64) bool {
	if c.At.Before(t.last) {
		return false
	}
	if t.last.IsZero() || DateOf(c.At).After(DateOf(t.last)) {
		t.base, t.mark = t.state.clone(), at
	}
	t.last = c.At
	if t.state.closed {
		return true // nothing after the close counts
	}
	t.state.apply(c)
	t.setDay(DateOf(c.At))
	return true
}

// setDay records the state's totals as day's (the newest day).
func (t *BurndownTotals) setDay(d Date) {
	day := t.state.totals()
	day.Date = d
	if n := len(t.days); n > 0 && sameDay(t.days[n-1].Date, d) {
		t.days[n-1] = day
	} else {
		t.days = append(t.days, day)
	}
}

// Mark is the log position of the newest day's first change (0: not known):
// the changes from it on, in log order, are what ReplayDay needs.
func (t *BurndownTotals) Mark() uint64 { return t.mark }

// ReplayDay makes the newest day again from the state before it and the
// day's changes in log order (every change from Mark on, the newest one
// included), in time order. It reports false, changing nothing, when it
// cannot: the day before is not known, or a change is not of that day.
func (t *BurndownTotals) ReplayDay(changes []Change) bool {
	day := DateOf(t.last)
	if t.base == nil || len(changes) == 0 {
		return false
	}
	last := t.last
	for _, c := range changes {
		if !sameDay(DateOf(c.At), day) {
			return false
		}
		if c.At.After(last) {
			last = c.At
		}
	}
	t.state, t.last = t.base.clone(), last
	if t.state.closed {
		return true
	}
	for _, c := range sortedByTime(changes) {
		if !t.state.closed {
			t.state.apply(c)
		}
	}
	t.setDay(day)
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
	Last time.Time `json:"last"`
	stateJSON
	Days []DayTotals `json:"days,omitempty"`
	Base *stateJSON  `json:"base,omitempty"`
	Mark uint64      `json:"mark,omitempty"`
}

type stateJSON struct {
	Started bool        `json:"started,omitempty"`
	Closed  bool        `json:"closed,omitempty"`
	ScopeH  float64     `json:"scope_change_hours,omitempty"`
	ScopeP  int         `json:"scope_change_points,omitempty"`
	Tasks   []taskJSON  `json:"tasks,omitempty"`
	Removed []taskJSON  `json:"removed,omitempty"`
	Stories []storyJSON `json:"stories,omitempty"`
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

func (st *bdState) json() stateJSON {
	w := stateJSON{Started: st.started, Closed: st.closed, ScopeH: st.scopeChangeH, ScopeP: st.scopeChangeP,
		Tasks: tasksJSON(st.tasks), Removed: tasksJSON(st.removed)}
	for _, id := range slices.Sorted(maps.Keys(st.stories)) {
		s := st.stories[id]
		w.Stories = append(w.Stories, storyJSON{ID: id, Points: s.points, In: s.in})
	}
	return w
}

func (w stateJSON) state() *bdState {
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
	return st
}

// MarshalJSON is the totals' stored form.
func (t *BurndownTotals) MarshalJSON() ([]byte, error) {
	w := totalsJSON{Last: t.last, stateJSON: t.state.json(), Days: t.days, Mark: t.mark}
	if t.base != nil {
		b := t.base.json()
		w.Base = &b
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads the stored form.
func (t *BurndownTotals) UnmarshalJSON(b []byte) error {
	var w totalsJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*t = BurndownTotals{state: w.stateJSON.state(), last: w.Last, days: w.Days, mark: w.Mark}
	if w.Base != nil {
		t.base = w.Base.state()
	}
	return nil
}
