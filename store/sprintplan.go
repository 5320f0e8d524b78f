package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// bringTasks moves a story's tasks into the sprint it was just pulled into:
// tasks it took with it when it was put back from a sprint being planned or run
// (Sprint 0) join again; open tasks left in a closed sprint, when the story
// went back to the backlog unfinished, continue as new tasks of this sprint
// with their remaining hours as the estimate (the closed sprint's board keeps
// its own copy, marked as carried). Each is logged as a task added to the sprint.
func bringTasks(w *wtx, sp sprint.Sprint, st backlog.Story) error {
	tb := w.bucket(bucketTasks)
	var move, carry []sprint.Task
	err := tb.ForEach(func(k, v []byte) error {
		var t sprint.Task
		if _, err := get(tb, k, &t); err != nil {
			return err
		}
		if t.Story != st.ID || t.CarriedTo != 0 {
			return nil
		}
		if t.Sprint == 0 {
			move = append(move, t)
			return nil
		}
		if t.Status != sprint.TaskDone && t.Sprint != sp.ID {
			old, err := sprintIn(w.tx, t.Sprint)
			if err != nil {
				return err
			}
			if old.Status == sprint.StatusClosed {
				carry = append(carry, t)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	scope := fmt.Sprint(sp.Status == sprint.StatusActive)
	add := func(t sprint.Task, from string) error {
		if err := put(tb, itob(t.ID), t); err != nil {
			return err
		}
		if err := w.bucket(bucketSprintTasks).Put(pairKey(sp.ID, t.ID), nil); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventTaskAdded, Sprint: sp.ID, Story: st.ID, Task: t.ID,
			Fields: map[string]string{"hours": ftoa(t.Remaining), "scope_change": scope},
			Text:   broughtText(w.actor.Handle, from, t, sp.Ref())})
	}
	for _, t := range move {
		t.Sprint, t.Updated = sp.ID, w.now
		if err := add(t, ""); err != nil {
			return err
		}
	}
	for _, old := range carry {
		id, err := nextID(tb)
		if err != nil {
			return err
		}
		t := sprint.Task{ID: id, Story: st.ID, Sprint: sp.ID, Title: old.Title, Estimate: old.Remaining, Remaining: old.Remaining,
			Owner: old.Owner, Status: sprint.TaskTodo, Blocked: old.Blocked, Created: w.now, Updated: w.now}
		if old.Status == sprint.TaskDoing {
			t.Status = sprint.TaskDoing
		}
		old.CarriedTo = id
		if err := put(tb, itob(old.ID), old); err != nil {
			return err
		}
		if err := add(t, old.Ref()); err != nil {
			return err
		}
	}
	return nil
}

// RemoveStoryFromSprint puts a story back in the backlog (lead only): where
// it was when the sprint never started, on top when it is taken out of a
// running sprint (sprint.Sprint.PutBackOnTop). Its tasks go with it and come
// back when it is planned again. Taking a story out of a running sprint is a
// scope change and is logged as one.
func (s *Store) RemoveStoryFromSprint(actor string, sprintID, storyID int) error {
	_, err := s.RemoveStoriesFromSprint(actor, sprintID, []int{storyID})
	return err
}

// RemoveStoriesFromSprint puts stories back in one write: all of them, or none
// when one is not in the sprint (lead only). It returns them as they are now.
func (s *Store) RemoveStoriesFromSprint(actor string, sprintID int, storyIDs []int) ([]backlog.Story, error) {
	var out []backlog.Story
	err := s.write(actor, leadOnly, "plan sprints", func(w *wtx) error {
		sp, err := sprintIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		if sp.Status == sprint.StatusClosed {
			return fmt.Errorf("sprint %s is closed", sp.Ref())
		}
		for _, id := range storyIDs {
			st, err := removeStoryIn(w, sp, id)
			if err != nil {
				return err
			}
			out = append(out, st)
		}
		return nil
	})
	return out, err
}

// removeStoryIn takes one story out of sp inside w.
func removeStoryIn(w *wtx, sp sprint.Sprint, storyID int) (backlog.Story, error) {
	st, err := storyIn(w.tx, storyID)
	if err != nil {
		return st, err
	}
	if st.Sprint != sp.ID || st.Status != backlog.StatusPlanned {
		return st, fmt.Errorf("%s is not in sprint %s", st.Ref(), sp.Ref())
	}
	tasks, err := tasksIn(w.tx, sp.ID)
	if err != nil {
		return st, err
	}
	var hours float64
	n := 0
	for _, t := range tasks {
		if t.Story != storyID {
			continue
		}
		hours += t.Remaining
		n++
		if err := w.bucket(bucketSprintTasks).Delete(pairKey(sp.ID, t.ID)); err != nil {
			return st, err
		}
		t.Sprint, t.Updated = 0, w.now
		if err := put(w.bucket(bucketTasks), itob(t.ID), t); err != nil {
			return st, err
		}
	}
	old := st.Rank
	st.Status, st.Sprint, st.Updated = backlog.StatusBacklog, 0, w.now
	where := "back where it was in the backlog"
	if sp.PutBackOnTop() {
		first, _ := w.bucket(bucketStoryRank).Cursor().First()
		st.Rank = backlog.RankBefore(rankOf(first))
		where = "back on top of the backlog"
	}
	if err := saveStory(w.tx, st, old); err != nil {
		return st, err
	}
	return st, w.emit(Event{Kind: EventSprintStoryRemoved, Sprint: sp.ID, Story: storyID,
		Fields: map[string]string{"points": fmt.Sprint(st.Points), "hours": ftoa(hours), "tasks": fmt.Sprint(n),
			"scope_change": fmt.Sprint(sp.Status == sprint.StatusActive)},
		Text: eventf("%s put %s %s from %s", w.actor.Handle, st.Ref(), where, sp.Ref())})
}

// EventSprintDeleted: a planned sprint was deleted; its stories went back.
const EventSprintDeleted EventKind = "sprint.deleted"

// DeleteSprint deletes a sprint that has not started (lead only): its stories
// go back where they were in the backlog, with their tasks, all in one write.
func (s *Store) DeleteSprint(actor string, sprintID int) ([]backlog.Story, error) {
	var out []backlog.Story
	err := s.write(actor, leadOnly, "plan sprints", func(w *wtx) error {
		sp, err := sprintIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		if err := sp.CanDelete(); err != nil {
			return err
		}
		stories, err := sprintStoriesIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		for _, st := range stories {
			back, err := removeStoryIn(w, sp, st.ID)
			if err != nil {
				return err
			}
			out = append(out, back)
		}
		if err := w.bucket(bucketSprints).Delete(itob(sprintID)); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventSprintDeleted, Sprint: sprintID, Fields: map[string]string{"stories": fmt.Sprint(len(out))},
			Text: eventf("%s deleted the planned sprint %s %q (%s back in the backlog)", w.actor.Handle, sp.Ref(), sp.Name, storiesText(len(out)))})
	})
	return out, err
}

// Burndown is a sprint's burndown, from its stored totals (burndown_totals.go):
// the sprint's history in the log, folded in as it was written. today is
// ignored for a closed sprint, whose chart ends the day it closed.
func (s *Store) Burndown(sprintID int, today sprint.Date) (b sprint.Burndown, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		b, err = burndownIn(tx, sprintID, today)
		return err
	})
	return b, err
}

// burndownIn is Burndown inside a read.
func burndownIn(tx *bolt.Tx, sprintID int, today sprint.Date) (sprint.Burndown, error) {
	sp, err := sprintIn(tx, sprintID)
	if err != nil {
		return sprint.Burndown{}, err
	}
	t, err := totalsIn(tx, sprintID)
	if err != nil {
		return sprint.Burndown{}, err
	}
	return t.Burndown(sp, today), nil
}

// sprintHistoryIn reads a sprint and its history (sprintChangesIn).
func sprintHistoryIn(tx *bolt.Tx, sprintID int) (sp sprint.Sprint, out []sprint.Change, err error) {
	if sp, err = sprintIn(tx, sprintID); err != nil {
		return sp, nil, err
	}
	out, err = sprintChangesIn(tx, sprintID)
	return sp, out, err
}

// sprintChangesIn maps a sprint's events to the domain's changes (see
// sprintChangesAt).
func sprintChangesIn(tx *bolt.Tx, sprintID int) ([]sprint.Change, error) {
	out, _, err := sprintChangesAt(tx, sprintID, 0)
	return out, err
}

// sprintChangesAt maps a sprint's events from sequence number from on to
// the domain's changes, with each one's sequence number, walking only that
// part of the sprint_events index. Each index entry carries the few numbers
// the burndown needs (see historyValue), so the log itself is not touched;
// an entry without them (written before they were added) falls back to
// decoding its event.
func sprintChangesAt(tx *bolt.Tx, sprintID int, from uint64) (out []sprint.Change, at []uint64, err error) {
	eb := tx.Bucket(bucketEvents)
	prefix := itob(sprintID)
	start := append(itob(sprintID), u64(from)...)
	c := tx.Bucket(bucketSprintEvents).Cursor()
	// Count first: a sprint of 100,000 events would otherwise grow (and
	// copy, and have the collector scan) its list of changes ~17 times.
	n := 0
	for k, _ := c.Seek(start); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		n++
	}
	out, at = make([]sprint.Change, 0, n), make([]uint64, 0, n)
	for k, v := c.Seek(start); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		ch, ok, known := decodeHistoryValue(v)
		if !known {
			var e historyEvent
			if _, err := get(eb, k[8:], &e); err != nil {
				return nil, nil, err
			}
			ch, ok = e.change()
		}
		if ok {
			out = append(out, ch)
			at = append(at, uint64(btoi(k[8:])))
		}
	}
	return out, at, nil
}

// historyValue is the value of an event's sprint_events index entry: for an
// event that moves work, version byte 1, then the time (unix nanoseconds), the
// change kind, story, task (8 bytes each, big-endian) and one number (float64
// bits: hours, remaining hours or points); for any other event one 0 byte.
func historyValue(e *Event) []byte {
	he := historyEvent{At: e.At, Kind: e.Kind, Story: e.Story, Task: e.Task}
	he.Fields.Hours, he.Fields.Remaining, he.Fields.Points = e.Fields["hours"], e.Fields["remaining"], e.Fields["points"]
	he.Fields.Delta = e.Fields["hours_delta"]
	c, ok := he.change()
	if !ok {
		return []byte{0}
	}
	num := c.Hours + c.Remaining
	if c.Kind == sprint.ChangeStoryAdded {
		num = float64(c.Points)
	}
	v := make([]byte, 0, 42)
	v = append(v, 1)
	v = binary.BigEndian.AppendUint64(v, uint64(c.At.UnixNano()))
	v = append(v, byte(c.Kind))
	v = binary.BigEndian.AppendUint64(v, uint64(c.Story))
	v = binary.BigEndian.AppendUint64(v, uint64(c.Task))
	v = binary.BigEndian.AppendUint64(v, math.Float64bits(num))
	if c.Kind == sprint.ChangeStarted {
		v = binary.BigEndian.AppendUint64(v, uint64(c.Points))
	}
	if c.Kind == sprint.ChangeReestimated {
		v = binary.BigEndian.AppendUint64(v[:26], math.Float64bits(c.Hours))
		v = binary.BigEndian.AppendUint64(v, math.Float64bits(c.Remaining))
	}
	return v
}

// decodeHistoryValue reads historyValue; known is false for an entry without one.
func decodeHistoryValue(v []byte) (c sprint.Change, ok, known bool) {
	switch {
	case len(v) == 1 && v[0] == 0:
		return c, false, true
	case len(v) < 34 || v[0] != 1:
		return c, false, false
	}
	c.At = time.Unix(0, int64(binary.BigEndian.Uint64(v[1:]))).UTC()
	c.Kind = sprint.ChangeKind(v[9])
	c.Story = int(binary.BigEndian.Uint64(v[10:]))
	c.Task = int(binary.BigEndian.Uint64(v[18:]))
	num := math.Float64frombits(binary.BigEndian.Uint64(v[26:]))
	switch c.Kind {
	case sprint.ChangeTaskAdded:
		c.Hours = num
	case sprint.ChangeRemaining:
		c.Remaining = num
	case sprint.ChangeStoryAdded:
		c.Points = int(num)
	case sprint.ChangeReestimated:
		c.Hours = num
		if len(v) >= 42 {
			c.Remaining = math.Float64frombits(binary.BigEndian.Uint64(v[34:]))
		}
	case sprint.ChangeStarted:
		c.Hours = num
		if len(v) >= 42 {
			c.Points = int(binary.BigEndian.Uint64(v[34:]))
		}
	}
	return c, true, true
}

// historyEvent is the part of a logged Event the burndown reads.
type historyEvent struct {
	At     time.Time `json:"at"`
	Kind   EventKind `json:"kind"`
	Story  int       `json:"story"`
	Task   int       `json:"task"`
	Fields struct {
		Hours     string `json:"hours"`
		Remaining string `json:"remaining"`
		Points    string `json:"points"`
		Delta     string `json:"hours_delta"`
	} `json:"fields"`
}

func num(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// change maps a log event to the burndown's input, dropping the kinds that do
// not move work (claims, blocks, capacity).
func (e historyEvent) change() (sprint.Change, bool) {
	c := sprint.Change{At: e.At, Story: e.Story, Task: e.Task}
	switch e.Kind {
	case EventTaskAdded:
		c.Kind, c.Hours = sprint.ChangeTaskAdded, num(e.Fields.Hours)
	case EventTaskStatus, EventTaskRemaining:
		c.Kind, c.Remaining = sprint.ChangeRemaining, num(e.Fields.Remaining)
	case EventSprintStoryAdded:
		c.Kind, c.Points = sprint.ChangeStoryAdded, int(num(e.Fields.Points))
	case EventSprintStoryRemoved:
		c.Kind = sprint.ChangeStoryRemoved
	case EventTaskDeleted:
		c.Kind = sprint.ChangeTaskRemoved
	case EventTaskRestored:
		c.Kind = sprint.ChangeTaskRestored
	case EventTaskEdited, EventTaskSplit:
		c.Kind, c.Hours, c.Remaining = sprint.ChangeReestimated, num(e.Fields.Delta), num(e.Fields.Remaining)
	case EventSprintStarted:
		c.Kind, c.Hours, c.Points = sprint.ChangeStarted, num(e.Fields.Hours), int(num(e.Fields.Points))
	case EventSprintClosed:
		c.Kind = sprint.ChangeClosed
	default:
		return c, false
	}
	return c, true
}

// Velocity lists committed against completed points of every closed sprint, oldest first.
func (s *Store) Velocity() ([]sprint.SprintVelocity, error) {
	all, err := s.Sprints()
	if err != nil {
		return nil, err
	}
	return sprint.VelocityOf(all), nil
}

// Plan is what the planner shows for a sprint: its stories and tasks, the
// team's capacity against the committed hours, and committed points against
// the velocity of the last three closed sprints.
type Plan struct {
	Sprint         sprint.Sprint
	Stories        []backlog.Story
	Tasks          []sprint.Task
	Backlog        []backlog.Story // the top of the backlog, to pull from
	Members        []backlog.Member
	CommittedHours float64 // hours left on the tasks, what the start freezes (Sprint.Commitment)
	CommittedPts   int
	Velocity       float64 // average completed points of the last closed sprints
	VelocityOf     int     // how many sprints that average covers (0: no history)
	OverCommitted  bool
}

// VelocityWindow is how many recent closed sprints the planner averages.
const VelocityWindow = 3

// SprintPlan reads what planning a sprint needs, with the top n backlog
// stories, in one read.
func (s *Store) SprintPlan(sprintID, n int) (p Plan, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		p, err = planIn(tx, sprintID, n)
		return err
	})
	return p, err
}

// planIn is SprintPlan inside a read.
func planIn(tx *bolt.Tx, sprintID, n int) (Plan, error) {
	return planWith(tx, sprintID, n, func(id int) ([]backlog.Story, error) { return sprintStoriesIn(tx, id) })
}

// planWith is planIn with the sprint's stories from stories (the live
// layer's shared copy on a screen, see liveModels.sprintStories).
func planWith(tx *bolt.Tx, sprintID, n int, stories func(int) ([]backlog.Story, error)) (Plan, error) {
	var p Plan
	var err error
	if p.Sprint, err = sprintIn(tx, sprintID); err != nil {
		return p, err
	}
	if p.Stories, err = stories(sprintID); err != nil {
		return p, err
	}
	if p.Tasks, err = tasksIn(tx, sprintID); err != nil {
		return p, err
	}
	// The rank index also lists stories planned into sprints: read further
	// until n are waiting in the backlog (or the list ends).
	for limit := n + len(p.Stories) + 8; n > 0; limit *= 2 {
		top, err := storiesIn(tx, limit)
		if err != nil {
			return p, err
		}
		p.Backlog = p.Backlog[:0]
		for _, st := range top {
			if st.Status == backlog.StatusBacklog && len(p.Backlog) < n {
				p.Backlog = append(p.Backlog, st)
			}
		}
		if len(p.Backlog) >= n || len(top) < limit {
			break
		}
	}
	if p.Members, err = membersIn(tx); err != nil {
		return p, err
	}
	all, err := sprintsIn(tx)
	if err != nil {
		return p, err
	}
	var before []sprint.Sprint
	for _, sp := range all {
		if sp.ID < sprintID {
			before = append(before, sp)
		}
	}
	p.CommittedHours, p.CommittedPts = p.Sprint.Commitment(p.Tasks, storyPoints(p.Stories))
	p.Velocity, p.VelocityOf = sprint.AverageVelocity(before, VelocityWindow)
	p.OverCommitted = sprint.OverCommitted(p.CommittedPts, p.Velocity, p.VelocityOf)
	sort.SliceStable(p.Members, func(i, j int) bool { return p.Members[i].Handle < p.Members[j].Handle })
	return p, nil
}

// EditSprint changes a sprint's name and goal (until it closes) and its dates
// (while it is planned) (lead only). Capacity is recomputed for new dates
// unless the lead already changed it.
func (s *Store) EditSprint(actor string, sprintID int, in NewSprint) (sprint.Sprint, error) {
	var sp sprint.Sprint
	err := s.write(actor, leadOnly, "plan sprints", func(w *wtx) error {
		var err error
		if sp, err = sprintIn(w.tx, sprintID); err != nil {
			return err
		}
		if sp.Status == sprint.StatusClosed {
			return fmt.Errorf("sprint %s is closed", sp.Ref())
		}
		before := sp
		if name := CleanTitle(in.Name); name != "" {
			sp.Name = name
		}
		sp.Goal = CleanGoal(in.Goal)
		if sp.Status == sprint.StatusActive && sp.Goal == "" {
			return fmt.Errorf("sprint %s is running; its goal cannot be emptied", sp.Ref())
		}
		if !in.Start.IsZero() && !in.End.IsZero() && (in.Start != sp.Start || in.End != sp.End) {
			if sp.Status != sprint.StatusPlanning {
				return fmt.Errorf("sprint %s has started; its dates are fixed", sp.Ref())
			}
			oldDays := len(sp.WorkingDays())
			sp.Start, sp.End = in.Start, in.End
			others, err := sprintsIn(w.tx)
			if err != nil {
				return err
			}
			if err := sp.CheckDates(others, sprint.DateOf(w.now)); err != nil {
				return err
			}
			if sp, err = attachCalendar(w.tx, sp); err != nil {
				return err
			}
			for h, c := range sp.Capacity {
				m, err := memberIn(w.tx, h)
				if err == nil && c == before.DefaultCapacity(h, m.HoursPerDay) && oldDays > 0 {
					sp.Capacity[h] = sp.DefaultCapacity(h, m.HoursPerDay)
				}
			}
		}
		if err := sp.Validate(); err != nil {
			return err
		}
		if err := putSprint(w.tx, sp); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventSprintEdited, Sprint: sprintID,
			Fields: map[string]string{"name": sp.Name, "goal": sp.Goal, "start": sp.Start.String(), "end": sp.End.String()},
			Text:   eventf("%s edited %s: %s", w.actor.Handle, sp.Ref(), sp.Goal)})
	})
	return sp, err
}

// EventSprintEdited: a sprint's name, goal or dates changed.
const EventSprintEdited EventKind = "sprint.edited"
