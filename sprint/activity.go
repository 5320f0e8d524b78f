package sprint

import (
	"sort"
	"time"
)

// WorkKind is the kind of work change "since the last stand-up" counts.
type WorkKind string

const (
	WorkClaimed   WorkKind = "claimed"   // took a task
	WorkMoved     WorkKind = "moved"     // moved a task to another column (not done)
	WorkFinished  WorkKind = "finished"  // moved a task to done
	WorkRemaining WorkKind = "remaining" // updated the hours left
	WorkBlocked   WorkKind = "blocked"   // flagged a task blocked, or parked a blocker
)

// WorkChange is one record of the event log reduced to what the stand-up needs.
// Member is whose work it was: the task's owner, else whoever made the change.
type WorkChange struct {
	At     time.Time
	Member string
	Kind   WorkKind
	Task   int
	To     TaskStatus // for moved
	Burned float64    // hours taken off the remaining estimate (negative when it grew)
	Text   string     // the blocker's reason
}

// Activity is what one member changed since the last stand-up.
type Activity struct {
	Member   string
	Claimed  []int // task IDs, in order of the change, each once
	Moved    []int
	Finished []int
	Burned   float64 // hours of remaining work burned (can be negative: re-estimates up)
	Blockers []string
}

// Empty reports whether the member changed nothing.
func (a Activity) Empty() bool {
	return len(a.Claimed) == 0 && len(a.Moved) == 0 && len(a.Finished) == 0 && a.Burned == 0 && len(a.Blockers) == 0
}

// SinceLastStandup groups changes made in [since, until) by member. Changes
// outside the window or with no member are ignored; a task finished in the
// window is listed as finished, not also as moved.
func SinceLastStandup(changes []WorkChange, since, until time.Time) map[string]Activity {
	out := map[string]Activity{}
	seen := map[string]map[WorkKind]map[int]bool{}
	add := func(list []int, member string, k WorkKind, id int) []int {
		if seen[member] == nil {
			seen[member] = map[WorkKind]map[int]bool{}
		}
		if seen[member][k] == nil {
			seen[member][k] = map[int]bool{}
		}
		if id == 0 || seen[member][k][id] {
			return list
		}
		seen[member][k][id] = true
		return append(list, id)
	}
	sorted := append([]WorkChange(nil), changes...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.Before(sorted[j].At) })
	for _, c := range sorted {
		if c.Member == "" || c.At.Before(since) || !c.At.Before(until) {
			continue
		}
		a := out[c.Member]
		a.Member = c.Member
		switch c.Kind {
		case WorkClaimed:
			a.Claimed = add(a.Claimed, c.Member, c.Kind, c.Task)
		case WorkMoved:
			a.Moved = add(a.Moved, c.Member, c.Kind, c.Task)
		case WorkFinished:
			a.Finished = add(a.Finished, c.Member, c.Kind, c.Task)
		case WorkBlocked:
			if c.Text != "" {
				a.Blockers = append(a.Blockers, c.Text)
			}
		}
		a.Burned += c.Burned
		out[c.Member] = a
	}
	for m, a := range out {
		if len(a.Finished) > 0 {
			done := map[int]bool{}
			for _, id := range a.Finished {
				done[id] = true
			}
			kept := a.Moved[:0:0]
			for _, id := range a.Moved {
				if !done[id] {
					kept = append(kept, id)
				}
			}
			a.Moved = kept
		}
		if a.Empty() {
			delete(out, m)
			continue
		}
		out[m] = a
	}
	return out
}
