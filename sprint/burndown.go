package sprint

import (
	"maps"
	"slices"
	"sort"
	"time"
)

// ChangeKind says what one entry of a sprint's history did to its work.
type ChangeKind int

const (
	// ChangeTaskAdded: a task of Hours was added to Story (Scope: after the start).
	ChangeTaskAdded ChangeKind = iota + 1
	// ChangeRemaining: Task's remaining hours became Remaining (a status move or an update).
	ChangeRemaining
	// ChangeStoryAdded: Story of Points was pulled into the sprint.
	ChangeStoryAdded
	// ChangeStoryRemoved: Story (and all its tasks) left the sprint.
	ChangeStoryRemoved
	// ChangeStarted: the sprint started; Hours and Points are the frozen baseline.
	ChangeStarted
	// ChangeClosed: the sprint closed; nothing after it counts.
	ChangeClosed
	// ChangeTaskRemoved: Task was deleted; its work leaves the sprint (a scope change).
	ChangeTaskRemoved
	// ChangeTaskRestored: Task, deleted, came back as it was.
	ChangeTaskRestored
	// ChangeReestimated: Task's estimate moved by Hours (a scope change after
	// the start), its remaining hours became Remaining, and it belongs to Story.
	ChangeReestimated
)

// Change is one event of a sprint's history as the burndown needs it. The store
// maps its event log to these; the domain never sees the log's types.
type Change struct {
	At        time.Time
	Kind      ChangeKind
	Story     int
	Task      int
	Hours     float64 // ChangeTaskAdded: the estimate; ChangeStarted: baseline hours
	Remaining float64 // ChangeRemaining: hours left after the change
	Points    int     // ChangeStoryAdded: the story's points; ChangeStarted: baseline points
}

// BurndownDay is the state of the sprint at the end of one working day.
type BurndownDay struct {
	Date            Date    `json:"date"`
	Day             int     `json:"day"` // 1-based working day
	RemainingHours  float64 `json:"remaining_hours"`
	IdealHours      float64 `json:"ideal_hours"`
	ScopeHours      float64 `json:"scope_hours"` // total committed work that day, baseline plus changes
	RemainingPoints int     `json:"remaining_points"`
	IdealPoints     float64 `json:"ideal_points"`
	ScopePoints     int     `json:"scope_points"`
	// ScopeChange is the hours added (positive) or removed (negative) that day
	// after the start: shown as a scope change, never as progress.
	ScopeChange       float64 `json:"scope_change_hours,omitempty"`
	ScopeChangePoints int     `json:"scope_change_points,omitempty"`
}

// Burndown is a sprint's chart: remaining work per working day against the
// ideal line from the baseline to zero.
type Burndown struct {
	Start          Date          `json:"start"`
	End            Date          `json:"end"`
	WorkingDays    int           `json:"working_days"`
	BaselineHours  float64       `json:"baseline_hours"`
	BaselinePoints int           `json:"baseline_points"`
	Days           []BurndownDay `json:"days"` // one per working day up to today (or the close)
	Closed         bool          `json:"closed"`
}

type bdTask struct {
	story     int
	remaining float64
	committed float64 // counted in the scope: the remaining at the start, or the hours when added later
}

type bdStory struct {
	points int
	in     bool
}

// bdState is the replay's state after some of a sprint's history: the work
// in it, and what the rows emitted so far carry to the next one.
type bdState struct {
	tasks        map[int]*bdTask
	removed      map[int]*bdTask // deleted tasks, as they were, until restored
	stories      map[int]*bdStory
	started      bool
	closed       bool
	scopeChangeH float64
	scopeChangeP int
	bdCarry      // carried from row to row
}

func (st *bdState) story(id int) *bdStory {
	s := st.stories[id]
	if s == nil {
		// A task for a story whose pulling-in is not in the history
		// (it came with the sprint): count it in.
		s = &bdStory{in: true}
		st.stories[id] = s
	}
	return s
}

func (st *bdState) apply(c Change) {
	switch c.Kind {
	case ChangeTaskAdded:
		st.story(c.Story)
		st.tasks[c.Task] = &bdTask{story: c.Story, remaining: c.Hours, committed: c.Hours}
		if st.started && st.stories[c.Story].in {
			st.scopeChangeH += c.Hours
		}
	case ChangeRemaining:
		if t := st.tasks[c.Task]; t != nil {
			t.remaining = c.Remaining
		}
	case ChangeStoryAdded:
		s := st.story(c.Story)
		s.in, s.points = true, max(c.Points, 0)
		if st.started {
			// Its tasks follow as ChangeTaskAdded, each a scope change.
			st.scopeChangeP += s.points
		}
	case ChangeStoryRemoved:
		s := st.story(c.Story)
		for id, t := range st.tasks {
			if t.story == c.Story {
				if st.started && s.in {
					st.scopeChangeH -= t.committed
				}
				delete(st.tasks, id)
			}
		}
		if st.started && s.in {
			st.scopeChangeP -= s.points
		}
		s.in = false
	case ChangeTaskRemoved, ChangeTaskRestored:
		from, to, sign := st.tasks, st.removed, -1.0
		if c.Kind == ChangeTaskRestored {
			from, to, sign = st.removed, st.tasks, 1
		}
		if t := from[c.Task]; t != nil {
			if st.started && st.story(t.story).in {
				st.scopeChangeH += sign * t.committed
			}
			delete(from, c.Task)
			to[c.Task] = t
		}
	case ChangeReestimated:
		if t := st.tasks[c.Task]; t != nil {
			t.remaining, t.committed = c.Remaining, t.committed+c.Hours
			if c.Story != 0 {
				t.story = c.Story
			}
			if st.started && st.story(t.story).in {
				st.scopeChangeH += c.Hours
			}
		}
	case ChangeStarted:
		st.started = true
		// The baseline is what was committed at the start.
		for _, t := range st.tasks {
			t.committed = t.remaining
		}
	case ChangeClosed:
		st.closed = true
	}
}

// row is the end of working day n (of total) d, from the state after that
// day's changes.
func (st *bdState) row(b *Burndown, n, total int, d Date) BurndownDay {
	return st.bdCarry.row(b, n, total, d, st.totals())
}

// DayTotals are the sums a burndown row is read from: the sprint's work at
// the end of one day, whatever the sprint's dates and baseline (those come
// from the sprint when the row is made).
type DayTotals struct {
	Date    Date `json:"date"`
	Started bool `json:"started,omitempty"`
	// RemainingHours is the hours left on the tasks of the stories in the
	// sprint, not rounded.
	RemainingHours float64 `json:"remaining_hours"`
	// RemainingPoints is the points of the stories in the sprint not done.
	RemainingPoints int `json:"remaining_points"`
	// ScopeChangeHours and ScopeChangePoints are the work added (positive) or
	// removed (negative) since the start, not rounded.
	ScopeChangeHours  float64 `json:"scope_change_hours,omitempty"`
	ScopeChangePoints int     `json:"scope_change_points,omitempty"`
}

// totals sums the state: the hours left on the tasks of the stories in the
// sprint (in task order, so the same state always sums to the same bits), and
// the points of those stories not done (a story is done when it has tasks and
// all of them have 0 hours left).
func (st *bdState) totals() DayTotals {
	day := DayTotals{Started: st.started, ScopeChangeHours: st.scopeChangeH, ScopeChangePoints: st.scopeChangeP}
	open := map[int]bool{}
	has := map[int]bool{}
	for _, id := range slices.Sorted(maps.Keys(st.tasks)) {
		t := st.tasks[id]
		if s := st.stories[t.story]; s != nil && s.in {
			day.RemainingHours += t.remaining
			has[t.story] = true
			if t.remaining > 0 {
				open[t.story] = true
			}
		}
	}
	for id, s := range st.stories {
		if s.in && (open[id] || !has[id]) {
			day.RemainingPoints += s.points
		}
	}
	return day
}

// bdCarry is what one row of a burndown carries to the next.
type bdCarry struct {
	prevH      float64
	prevP      int
	wasStarted bool
}

// row is the end of working day n (of total) d, from that day's totals.
func (c *bdCarry) row(b *Burndown, n, total int, d Date, t DayTotals) BurndownDay {
	day := BurndownDay{Date: d, Day: n + 1}
	frac := float64(total-n-1) / float64(total)
	day.IdealHours = round2(b.BaselineHours * frac)
	day.IdealPoints = round2(float64(b.BaselinePoints) * frac)
	day.RemainingHours = round2(t.RemainingHours)
	day.RemainingPoints = t.RemainingPoints
	day.ScopeHours = round2(b.BaselineHours + t.ScopeChangeHours)
	if !t.Started {
		// Planned but not started: the whole sprint is its scope.
		day.ScopeHours = day.RemainingHours
		day.ScopePoints = day.RemainingPoints
	} else {
		day.ScopePoints = b.BaselinePoints + t.ScopeChangePoints
	}
	switch {
	case !t.Started:
	case !c.wasStarted:
		// The start freezes the baseline; only what changed after it counts.
		day.ScopeChange = round2(day.ScopeHours - b.BaselineHours)
		day.ScopeChangePoints = day.ScopePoints - b.BaselinePoints
	default:
		day.ScopeChange = round2(day.ScopeHours - c.prevH)
		day.ScopeChangePoints = day.ScopePoints - c.prevP
	}
	c.wasStarted = t.Started
	c.prevH, c.prevP = day.ScopeHours, day.ScopePoints
	return day
}

// burndownFrame is sp's burndown without its rows.
func burndownFrame(sp Sprint, workingDays int) Burndown {
	return Burndown{Start: sp.Start, End: sp.End, BaselineHours: sp.BaselineHours, BaselinePoints: sp.BaselinePoints,
		WorkingDays: workingDays, Closed: sp.Status == StatusClosed}
}

// burndownLast is the last day sp's burndown shows when asked on today: today,
// or for a closed sprint the day it closed.
func burndownLast(sp Sprint, today Date) Date {
	if sp.Status == StatusClosed && !sp.Closed.IsZero() {
		return DateOf(sp.Closed)
	}
	return today
}

// ComputeBurndown replays a sprint's history, in order, and reads the remaining
// work at the end of each working day from the start to today (for a closed
// sprint, to the day it closed, so its chart never changes). Values are at the
// end of the day: events on a non-working day count toward the next working
// day. The ideal at working day i of n is baseline × (n−i)/n.
//
// Remaining hours are the hours left on the tasks of the stories in the sprint.
// Scope is the committed work: the baseline, plus tasks added after the start,
// minus the committed hours of stories taken out. Removing a story lowers the
// remaining hours, but the same day's scope drops with it, so the chart shows
// it as a scope change rather than progress. Remaining points are the points of
// the sprint's stories not yet done (a story is done when it has tasks and all
// of them have 0 hours left).
func ComputeBurndown(sp Sprint, changes []Change, today Date) Burndown {
	byTime := func(a, b Change) int { return a.At.Compare(b.At) }
	if !slices.IsSortedFunc(changes, byTime) {
		changes = slices.Clone(changes)
		slices.SortStableFunc(changes, byTime)
	}
	days := sp.WorkingDays()
	b := burndownFrame(sp, len(days))
	last := burndownLast(sp, today)
	st := newBdState()
	i := 0
	for n, d := range days {
		if d.After(last) {
			break
		}
		for ; i < len(changes) && !st.closed && !DateOf(changes[i].At).After(d); i++ {
			st.apply(changes[i])
		}
		b.Days = append(b.Days, st.row(&b, n, len(days), d))
	}
	return b
}

func round2(f float64) float64 {
	if f < 0 {
		return -round2(-f)
	}
	return float64(int64(f*100+0.5)) / 100
}

// SprintVelocity is what one closed sprint committed and completed, in points.
type SprintVelocity struct {
	Sprint    int    `json:"sprint"`
	Name      string `json:"name"`
	Committed int    `json:"committed"`
	Completed int    `json:"completed"`
}

// VelocityOf lists committed against completed points for each closed sprint, oldest first.
func VelocityOf(sprints []Sprint) []SprintVelocity {
	var out []SprintVelocity
	for _, sp := range sprints {
		if sp.Status == StatusClosed {
			out = append(out, SprintVelocity{Sprint: sp.ID, Name: sp.Name, Committed: sp.BaselinePoints, Completed: sp.Velocity})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Sprint < out[j].Sprint })
	return out
}

// AverageVelocity is the mean completed points of the last n closed sprints,
// and how many sprints it averaged (0 when none has closed).
func AverageVelocity(sprints []Sprint, n int) (avg float64, count int) {
	v := VelocityOf(sprints)
	if len(v) > n {
		v = v[len(v)-n:]
	}
	if len(v) == 0 {
		return 0, 0
	}
	sum := 0
	for _, s := range v {
		sum += s.Completed
	}
	return float64(sum) / float64(len(v)), len(v)
}

// OverCommitted reports whether committed points exceed the recent average
// velocity; with no history there is nothing to compare with.
func OverCommitted(committed int, avg float64, count int) bool {
	return count > 0 && float64(committed) > avg
}

func sameDay(a, b Date) bool { return !a.Before(b) && !a.After(b) }
