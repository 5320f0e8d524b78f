package sprint

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// WorkKind is the kind of work change "since the last stand-up" counts.
type WorkKind string

const (
	WorkClaimed   WorkKind = "claimed"   // took a task, or was given it (By says who)
	WorkUnclaimed WorkKind = "unclaimed" // a task was released
	WorkMoved     WorkKind = "moved"     // moved a task to another column (not done)
	WorkFinished  WorkKind = "finished"  // moved a task to done
	WorkRemaining WorkKind = "remaining" // updated the hours left
	WorkBlocked   WorkKind = "blocked"   // flagged a task blocked, or parked a blocker
)

// WorkChange is one record of the event log reduced to what the stand-up needs.
// Member is whose work it was: the task's owner, else whoever made the change;
// By is who made the change.
type WorkChange struct {
	At     time.Time
	Member string
	By     string
	Kind   WorkKind
	Task   int
	From   TaskStatus // for moved and finished: the column it left
	To     TaskStatus // for moved: the column it went to
	Burned float64    // hours taken off the remaining estimate (negative when it grew)
	Text   string     // the blocker's reason
}

// Assignment is a task someone else gave the member.
type Assignment struct {
	Task int
	By   string
}

// Activity is what one member changed since the last stand-up, as it stands
// at the end of the window: a task finished and reopened since is moved, not
// finished; a task claimed and released again is not listed.
type Activity struct {
	Member   string
	Claimed  []int        // tasks they took themself and still hold, in order
	Assigned []Assignment // tasks someone else gave them, still theirs
	Moved    []int        // tasks now in another column than before, not done
	Finished []int        // tasks done at the end of the window
	Burned   float64      // hours of remaining work burned (can be negative: re-estimates up)
	Blockers []string
}

// Empty reports whether the member changed nothing.
func (a Activity) Empty() bool {
	return len(a.Claimed) == 0 && len(a.Assigned) == 0 && len(a.Moved) == 0 && len(a.Finished) == 0 && a.Burned == 0 && len(a.Blockers) == 0
}

// SinceLastStandup groups changes made in [since, until) by member, by their
// net effect: each task counts once, in the state it ended in. Changes outside
// the window or with no member are ignored.
func SinceLastStandup(changes []WorkChange, since, until time.Time) map[string]Activity {
	type taskNet struct {
		member      string
		first, last TaskStatus // the column before its first move, and after its last
		moved       bool
		owner, by   string // the claim that stands (empty when released)
		claimed     bool
		order       int
	}
	sorted := append([]WorkChange(nil), changes...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.Before(sorted[j].At) })
	tasks := map[int]*taskNet{}
	var order []int
	net := func(c WorkChange) *taskNet {
		n := tasks[c.Task]
		if n == nil {
			n = &taskNet{order: len(order)}
			tasks[c.Task] = n
			order = append(order, c.Task)
		}
		return n
	}
	out := map[string]Activity{}
	touch := func(m string) Activity {
		a := out[m]
		a.Member = m
		return a
	}
	for _, c := range sorted {
		if c.Member == "" || c.At.Before(since) || !c.At.Before(until) {
			continue
		}
		switch c.Kind {
		case WorkClaimed:
			if c.Task != 0 {
				n := net(c)
				n.owner, n.by, n.claimed = c.Member, c.By, true
			}
		case WorkUnclaimed:
			if c.Task != 0 {
				n := net(c)
				n.owner, n.by, n.claimed = "", "", false
			}
		case WorkMoved, WorkFinished:
			if c.Task != 0 {
				n := net(c)
				if !n.moved {
					n.first = c.From
				}
				n.moved, n.member = true, c.Member
				n.last = c.To
				if c.Kind == WorkFinished {
					n.last = TaskDone
				}
			}
		case WorkBlocked:
			if c.Text != "" {
				a := touch(c.Member)
				a.Blockers = append(a.Blockers, c.Text)
				out[c.Member] = a
			}
		}
		if c.Burned != 0 {
			a := touch(c.Member)
			a.Burned += c.Burned
			out[c.Member] = a
		}
	}
	for _, id := range order {
		n := tasks[id]
		if n.claimed && n.owner != "" {
			a := touch(n.owner)
			if n.by != "" && n.by != n.owner {
				a.Assigned = append(a.Assigned, Assignment{Task: id, By: n.by})
			} else {
				a.Claimed = append(a.Claimed, id)
			}
			out[n.owner] = a
		}
		if !n.moved || (n.first != "" && n.first == n.last) {
			continue // back where it started: no net move
		}
		a := touch(n.member)
		if n.last == TaskDone {
			a.Finished = append(a.Finished, id)
		} else {
			a.Moved = append(a.Moved, id)
		}
		out[n.member] = a
	}
	for m, a := range out {
		if a.Empty() {
			delete(out, m)
		}
	}
	return out
}

// Lines says what the member did, one phrase each, the same on the screen and
// in `huddle standup show`: "claimed T-2", "maya assigned T-34 to wei",
// "moved T-3", "finished T-2", "5h burned", "blocked T-4: waiting".
func (a Activity) Lines() []string {
	refs := func(ids []int) string {
		r := make([]string, len(ids))
		for i, id := range ids {
			r[i] = TaskRef(id)
		}
		return strings.Join(r, ", ")
	}
	var out []string
	if len(a.Claimed) > 0 {
		out = append(out, "claimed "+refs(a.Claimed))
	}
	for _, as := range a.Assigned {
		out = append(out, as.By+" assigned "+TaskRef(as.Task)+" to "+a.Member)
	}
	if len(a.Moved) > 0 {
		out = append(out, "moved "+refs(a.Moved))
	}
	if len(a.Finished) > 0 {
		out = append(out, "finished "+refs(a.Finished))
	}
	if a.Burned != 0 {
		out = append(out, strconv.FormatFloat(math.Round(a.Burned*100)/100, 'f', -1, 64)+"h burned")
	}
	for _, b := range a.Blockers {
		out = append(out, "blocked "+strings.Join(strings.Fields(b), " "))
	}
	return out
}
