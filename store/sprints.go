package store

import (
	"errors"
	"fmt"
	"sort"
	"strconv"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// NewSprint is what the lead fills in to plan a sprint.
type NewSprint struct {
	Name  string
	Goal  string
	Start sprint.Date
	End   sprint.Date
}

// CreateSprint plans a new sprint (lead only). Capacity starts at each member's
// hours per day times the working days.
func (s *Store) CreateSprint(actor string, in NewSprint) (sprint.Sprint, error) {
	sp := sprint.Sprint{Name: CleanTitle(in.Name), Goal: CleanGoal(in.Goal), Start: in.Start, End: in.End,
		Workdays: sprint.DefaultWorkdays, Status: sprint.StatusPlanning}
	err := s.write(actor, leadOnly, "plan sprints", func(w *wtx) error {
		b := w.bucket(bucketSprints)
		id, err := nextID(b)
		if err != nil {
			return err
		}
		sp.ID = id
		if sp.Name == "" {
			sp.Name = fmt.Sprintf("Sprint %d", id)
		}
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
		sp.Capacity = map[string]float64{}
		err = w.bucket(bucketMembers).ForEach(func(k, v []byte) error {
			var m backlog.Member
			if _, err := get(w.bucket(bucketMembers), k, &m); err != nil {
				return err
			}
			if m.Role.CanWrite() {
				sp.Capacity[m.Handle] = sp.DefaultCapacity(m.Handle, m.HoursPerDay)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := putSprint(w.tx, sp); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventSprintCreated, Sprint: id, Text: eventf("%s planned %s %q", w.actor.Handle, sp.Ref(), sp.Name)})
	})
	return sp, err
}

func sprintIn(tx *bolt.Tx, id int) (sprint.Sprint, error) {
	var sp sprint.Sprint
	found, err := get(tx.Bucket(bucketSprints), itob(id), &sp)
	if err == nil && !found {
		err = notFound("sprint", sprint.SprintRef(id))
	}
	if err != nil {
		return sp, err
	}
	return attachCalendar(tx, sp)
}

// Sprint returns one sprint.
func (s *Store) Sprint(id int) (sprint.Sprint, error) {
	var sp sprint.Sprint
	err := s.read(func(tx *bolt.Tx) (err error) { sp, err = sprintIn(tx, id); return err })
	return sp, err
}

// Sprints lists every sprint, oldest first.
func (s *Store) Sprints() (out []sprint.Sprint, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		out, err = sprintsIn(tx)
		return err
	})
	return out, err
}

// sprintsIn lists every sprint, oldest first.
func sprintsIn(tx *bolt.Tx) ([]sprint.Sprint, error) {
	var out []sprint.Sprint
	cal, err := calendarIn(tx)
	if err != nil {
		return nil, err
	}
	err = tx.Bucket(bucketSprints).ForEach(func(k, v []byte) error {
		var sp sprint.Sprint
		if _, err := get(tx.Bucket(bucketSprints), k, &sp); err != nil {
			return err
		}
		out = append(out, withCalendar(sp, cal))
		return nil
	})
	return out, err
}

// ActiveSprint returns the running sprint, if any.
func (s *Store) ActiveSprint() (sprint.Sprint, bool, error) {
	var sp sprint.Sprint
	var ok bool
	err := s.read(func(tx *bolt.Tx) (err error) { sp, ok, err = activeIn(tx); return err })
	return sp, ok, err
}

// activeIn finds the active sprint; sprints are few, newest last, so scan backwards.
func activeIn(tx *bolt.Tx) (sprint.Sprint, bool, error) {
	c := tx.Bucket(bucketSprints).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		var sp sprint.Sprint
		if _, err := get(tx.Bucket(bucketSprints), k, &sp); err != nil {
			return sp, false, err
		}
		_ = v
		if sp.Status == sprint.StatusActive {
			sp, err := attachCalendar(tx, sp)
			return sp, err == nil, err
		}
	}
	return sprint.Sprint{}, false, nil
}

// AddStoryToSprint pulls a backlog story into a sprint being planned or running (lead only).
// Adding to a running sprint is a scope change and is logged as one.
func (s *Store) AddStoryToSprint(actor string, sprintID, storyID int) error {
	return s.AddStoriesToSprint(actor, sprintID, []int{storyID})
}

// AddStoriesToSprint pulls stories into a sprint in one write: all of them, or
// none when one cannot be taken (lead only).
func (s *Store) AddStoriesToSprint(actor string, sprintID int, storyIDs []int) error {
	return s.write(actor, leadOnly, "plan sprints", func(w *wtx) error {
		sp, err := sprintIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		if sp.Status == sprint.StatusClosed {
			return fmt.Errorf("sprint %s is closed", sp.Ref())
		}
		for _, id := range storyIDs {
			if err := addStoryIn(w, sp, id); err != nil {
				return err
			}
		}
		return nil
	})
}

func addStoryIn(w *wtx, sp sprint.Sprint, storyID int) error {
	st, err := storyIn(w.tx, storyID)
	if err != nil {
		return err
	}
	if st.Status != backlog.StatusBacklog {
		return fmt.Errorf("%s is %s, not waiting in the backlog", st.Ref(), st.Status)
	}
	st.Status, st.Sprint, st.Updated = backlog.StatusPlanned, sp.ID, w.now
	if err := putStory(w.tx, st); err != nil {
		return err
	}
	if err := w.emit(Event{Kind: EventSprintStoryAdded, Sprint: sp.ID, Story: storyID,
		Fields: map[string]string{"points": fmt.Sprint(st.Points), "scope_change": fmt.Sprint(sp.Status == sprint.StatusActive)},
		Text:   eventf("%s took %s into %s", w.actor.Handle, st.Ref(), sp.Ref())}); err != nil {
		return err
	}
	return bringTasks(w, sp, st)
}

// SetCapacity sets a member's hours for a sprint (lead only).
func (s *Store) SetCapacity(actor string, sprintID int, member string, hours float64) error {
	if hours < 0 || hours > 24*28 {
		return fmt.Errorf("capacity must be between 0 and %d hours, not %g", 24*28, hours)
	}
	return s.write(actor, leadOnly, "set capacity", func(w *wtx) error {
		sp, err := sprintIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		if sp.Status == sprint.StatusClosed {
			return fmt.Errorf("sprint %s is closed", sp.Ref())
		}
		if _, err := memberIn(w.tx, member); err != nil {
			return err
		}
		if sp.Capacity == nil {
			sp.Capacity = map[string]float64{}
		}
		sp.Capacity[member] = hours
		if err := putSprint(w.tx, sp); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventSprintCapacity, Sprint: sprintID, Fields: map[string]string{"member": member, "hours": ftoa(hours)},
			Text: eventf("%s set %s's capacity to %gh", w.actor.Handle, member, hours)})
	})
}

// StartSprint starts a planned sprint and freezes its committed scope as the baseline (lead only).
func (s *Store) StartSprint(actor string, sprintID int) error {
	return s.write(actor, leadOnly, "start sprints", func(w *wtx) error {
		sp, err := sprintIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		tasks, err := tasksIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		active, ok, err := activeIn(w.tx)
		if err != nil {
			return err
		}
		var other *sprint.Sprint
		if ok {
			other = &active
		}
		if err := sp.CanStart(len(tasks), other); err != nil {
			return err
		}
		stories, err := sprintStoriesIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		sp.BaselineHours, sp.BaselinePoints = sprint.Committed(tasks, storyPoints(stories))
		sp.Status, sp.Started = sprint.StatusActive, w.now
		if err := putSprint(w.tx, sp); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventSprintStarted, Sprint: sprintID,
			Fields: map[string]string{"hours": ftoa(sp.BaselineHours), "points": fmt.Sprint(sp.BaselinePoints)},
			Text:   eventf("%s started %s: %s", w.actor.Handle, sp.Ref(), CleanTitle(sp.Goal))})
	})
}

// sprintStoriesIn lists the stories planned into (or done in) a sprint,
// through the sprint index (a file before it is scanned).
func sprintStoriesIn(tx *bolt.Tx, sprintID int) ([]backlog.Story, error) {
	if out, ok, err := indexedSprintStoriesIn(tx, sprintID); ok && sprintID > 0 {
		return out, err
	}
	return scanSprintStoriesIn(tx, sprintID)
}

// scanSprintStoriesIn is sprintStoriesIn from every story record.
func scanSprintStoriesIn(tx *bolt.Tx, sprintID int) ([]backlog.Story, error) {
	var all []backlog.Story
	err := tx.Bucket(bucketStories).ForEach(func(k, v []byte) error {
		var st backlog.Story
		if _, err := get(tx.Bucket(bucketStories), k, &st); err != nil {
			return err
		}
		all = append(all, st)
		return nil
	})
	return sprintStoriesOf(all, sprintID), err
}

// sprintStoriesOf picks a sprint's stories, in rank order, out of every story.
func sprintStoriesOf(all []backlog.Story, sprintID int) []backlog.Story {
	var out []backlog.Story
	for _, st := range all {
		if st.Sprint == sprintID && st.Status != backlog.StatusDeleted {
			out = append(out, st)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Rank < out[j].Rank })
	return out
}

// SprintStories lists the stories of a sprint in rank order.
func (s *Store) SprintStories(sprintID int) ([]backlog.Story, error) {
	var out []backlog.Story
	err := s.read(func(tx *bolt.Tx) (err error) { out, err = sprintStoriesIn(tx, sprintID); return err })
	return out, err
}

// CloseResult says what a sprint close did.
type CloseResult struct {
	Done     []backlog.Story
	Returned []backlog.Story // unfinished, back at the top of the backlog
	Velocity int
}

// CloseSprint ends the active sprint (lead only): stories whose tasks are all
// done are done; the rest return to the top of the backlog in their order; the
// completed points become the sprint's velocity.
func (s *Store) CloseSprint(actor string, sprintID int) (CloseResult, error) {
	var res CloseResult
	err := s.write(actor, leadOnly, "close sprints", func(w *wtx) error {
		res = CloseResult{}
		sp, err := sprintIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		if sp.Status != sprint.StatusActive {
			return fmt.Errorf("sprint %s is %s; only the active sprint can be closed", sp.Ref(), sp.Status)
		}
		stories, err := sprintStoriesIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		tasks, err := tasksIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		open := map[int]int{}
		count := map[int]int{}
		for _, t := range tasks {
			count[t.Story]++
			if t.Status != sprint.TaskDone {
				open[t.Story]++
			}
		}
		// Unfinished stories go to the top in their sprint order: insert each
		// before the current first, walking the list backwards.
		first, _ := w.bucket(bucketStoryRank).Cursor().First()
		top := rankOf(first)
		for i := len(stories) - 1; i >= 0; i-- {
			st := stories[i]
			old := st.Rank
			if count[st.ID] > 0 && open[st.ID] == 0 {
				st.Status = backlog.StatusDone
				res.Done = append([]backlog.Story{st}, res.Done...)
				if st.Estimated() {
					res.Velocity += st.Points
				}
				// Done stories leave the backlog list.
				if err := w.bucket(bucketStoryRank).Delete(rankKey(old, st.ID)); err != nil {
					return err
				}
				if err := putStory(w.tx, st); err != nil {
					return err
				}
				continue
			}
			st.Status, st.Sprint = backlog.StatusBacklog, 0
			st.Rank = backlog.RankBefore(top)
			top = st.Rank
			st.Updated = w.now
			if err := saveStory(w.tx, st, old); err != nil {
				return err
			}
			res.Returned = append([]backlog.Story{st}, res.Returned...)
		}
		sp.Status, sp.Closed, sp.Velocity = sprint.StatusClosed, w.now, res.Velocity
		if err := putSprint(w.tx, sp); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventSprintClosed, Sprint: sprintID,
			Fields: map[string]string{"velocity": fmt.Sprint(res.Velocity), "done": fmt.Sprint(len(res.Done)), "returned": fmt.Sprint(len(res.Returned))},
			Text:   eventf("%s closed %s: %d points done, %s back to the backlog", w.actor.Handle, sp.Ref(), res.Velocity, storiesText(len(res.Returned)))})
	})
	return res, err
}

// ErrNoActiveSprint is returned when an operation needs a running sprint.
var ErrNoActiveSprint = errors.New("no sprint is active (plan one and start it on screen 3, or `huddle sprint start`)")

// storyPoints lists the stories' points, for sprint.Committed.
func storyPoints(stories []backlog.Story) []int {
	out := make([]int, len(stories))
	for i, st := range stories {
		out[i] = st.Points
	}
	return out
}
