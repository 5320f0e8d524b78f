package store

import (
	"fmt"
	"sort"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// Event kinds of the sprint review.
const (
	EventFeedbackAdded    EventKind = "review.feedback"
	EventFeedbackStory    EventKind = "review.feedback_story"
	EventFeedbackAttached EventKind = "review.feedback_attached"
)

// AddFeedback records a stakeholder's remark at a sprint's review (member or lead).
func (s *Store) AddFeedback(actor string, sprintID int, text, from string) (retro.Feedback, error) {
	f := retro.Feedback{Sprint: sprintID, Text: CleanText(text), From: CleanTitle(from)}
	if f.Text == "" {
		return f, fmt.Errorf("feedback needs some text")
	}
	err := s.write(actor, writer, "record review feedback", func(w *wtx) error {
		sp, err := sprintIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		if sp.Status == sprint.StatusPlanning {
			return fmt.Errorf("sprint %s has not started; its review comes at its end", sp.Ref())
		}
		b := w.bucket(bucketFeedback)
		id, err := nextID(b)
		if err != nil {
			return err
		}
		f.ID, f.Created, f.Author = id, w.now, w.actor.Handle
		if err := put(b, itob(id), f); err != nil {
			return err
		}
		text := eventf("%s recorded review feedback: %s", w.actor.Handle, feedbackSummary(f.Text))
		if f.From != "" {
			text = eventf("%s recorded review feedback from %s: %s", w.actor.Handle, f.From, feedbackSummary(f.Text))
		}
		return w.emit(Event{Kind: EventFeedbackAdded, Sprint: sprintID, Fields: map[string]string{"feedback": fmt.Sprint(id)},
			Text: text})
	})
	return f, err
}

func feedbackSummary(s string) string {
	out := []rune{}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			r = ' '
		}
		out = append(out, r)
		if len(out) >= 80 {
			return string(out) + "…"
		}
	}
	return string(out)
}

func feedbackIn(tx *bolt.Tx, id int) (retro.Feedback, error) {
	var f retro.Feedback
	found, err := get(tx.Bucket(bucketFeedback), itob(id), &f)
	if err == nil && !found {
		err = notFound("feedback", fmt.Sprint(id))
	}
	return f, err
}

// Feedback lists a sprint's review feedback, oldest first.
func (s *Store) Feedback(sprintID int) ([]retro.Feedback, error) {
	var out []retro.Feedback
	err := s.read(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFeedback)
		return b.ForEach(func(k, v []byte) error {
			var f retro.Feedback
			if _, err := get(b, k, &f); err != nil {
				return err
			}
			if f.Sprint == sprintID {
				out = append(out, f)
			}
			return nil
		})
	})
	return out, err
}

// FeedbackToStory turns a feedback item into a new backlog story at the top or
// the bottom of the backlog (lead only).
func (s *Store) FeedbackToStory(actor string, id int, top bool) (retro.Feedback, backlog.Story, error) {
	var f retro.Feedback
	var st backlog.Story
	err := s.write(actor, leadOnly, "add stories", func(w *wtx) error {
		var err error
		if f, err = feedbackIn(w.tx, id); err != nil {
			return err
		}
		if f.Story != 0 {
			return fmt.Errorf("feedback %d is already on %s", id, backlog.StoryRef(f.Story))
		}
		sid, err := nextID(w.bucket(bucketStories))
		if err != nil {
			return err
		}
		desc := f.Text
		if f.From != "" {
			desc += "\n\n(review feedback from " + f.From + ", " + sprint.SprintRef(f.Sprint) + ")"
		} else {
			desc += "\n\n(review feedback, " + sprint.SprintRef(f.Sprint) + ")"
		}
		st = backlog.Story{ID: sid, Title: CleanTitle(feedbackTitle(f.Text)), Description: CleanText(desc), Points: backlog.Unestimated,
			Value: DefaultValue, Status: backlog.StatusBacklog, Created: w.now, Updated: w.now, Labels: []string{"feedback"}}
		c := w.bucket(bucketStoryRank).Cursor()
		if top {
			first, _ := c.First()
			st.Rank = backlog.RankBefore(rankOf(first))
		} else {
			last, _ := c.Last()
			st.Rank = backlog.RankAfter(rankOf(last))
		}
		if err := st.Validate(); err != nil {
			return err
		}
		if err := saveStory(w.tx, st, ""); err != nil {
			return err
		}
		f.Story, f.Converted = sid, true
		if err := put(w.bucket(bucketFeedback), itob(id), f); err != nil {
			return err
		}
		where := "bottom"
		if top {
			where = "top"
		}
		if err := w.emit(Event{Kind: EventStoryAdded, Story: sid, Fields: map[string]string{"points": fmt.Sprint(st.Points)},
			Text: eventf("%s added %s %s", w.actor.Handle, st.Ref(), st.Title)}); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventFeedbackStory, Sprint: f.Sprint, Story: sid, Fields: map[string]string{"feedback": fmt.Sprint(id), "where": where},
			Text: eventf("%s turned review feedback %d into %s at the %s of the backlog", w.actor.Handle, id, st.Ref(), where)})
	})
	return f, st, err
}

func feedbackTitle(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}

// AttachFeedback links a feedback item to an existing story (lead only).
func (s *Store) AttachFeedback(actor string, id, storyID int) (retro.Feedback, error) {
	var f retro.Feedback
	err := s.write(actor, leadOnly, "attach review feedback", func(w *wtx) error {
		var err error
		if f, err = feedbackIn(w.tx, id); err != nil {
			return err
		}
		st, err := storyIn(w.tx, storyID)
		if err != nil {
			return err
		}
		if st.Status == backlog.StatusDeleted {
			return fmt.Errorf("%s is deleted", st.Ref())
		}
		if f.Story == storyID {
			return fmt.Errorf("feedback %d is already on %s", id, st.Ref())
		}
		f.Story, f.Converted = storyID, false
		if err := put(w.bucket(bucketFeedback), itob(id), f); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventFeedbackAttached, Sprint: f.Sprint, Story: storyID, Fields: map[string]string{"feedback": fmt.Sprint(id)},
			Text: eventf("%s attached review feedback %d to %s", w.actor.Handle, id, st.Ref())})
	})
	return f, err
}

// ReviewSummary is what the sprint review shows: the goal, the stories
// committed (done and not done, with points), the hours left at the end, and
// the stakeholders' feedback.
type ReviewSummary struct {
	Sprint         sprint.Sprint
	Done, NotDone  []backlog.Story
	DonePoints     int
	NotDonePoints  int
	RemainingHours float64 // on the sprint's tasks now (at its end once closed)
	TotalHours     float64 // the tasks' estimates
	Feedback       []retro.Feedback
}

// Review gathers a sprint's review. The committed stories come from the
// sprint's log (stories taken in and not taken out), so a closed sprint still
// shows the stories that went back to the backlog unfinished.
func (s *Store) Review(sprintID int) (r ReviewSummary, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		r, err = reviewIn(tx, sprintID)
		return err
	})
	return r, err
}

// reviewIn is Review inside a read.
func reviewIn(tx *bolt.Tx, sprintID int) (ReviewSummary, error) {
	return reviewWith(tx, sprintID, func(id int) ([]backlog.Story, error) { return sprintStoriesIn(tx, id) })
}

// reviewWith is reviewIn with the sprint's current stories from stories
// (the live layer's shared copy on a screen, see liveModels.sprintStories).
func reviewWith(tx *bolt.Tx, sprintID int, stories func(int) ([]backlog.Story, error)) (ReviewSummary, error) {
	var r ReviewSummary
	err := func() error {
		var err error
		if r.Sprint, err = sprintIn(tx, sprintID); err != nil {
			return err
		}
		in := map[int]bool{}
		var order []int
		eb := tx.Bucket(bucketEvents)
		c := tx.Bucket(bucketSprintEvents).Cursor()
		prefix := itob(sprintID)
		for k, v := c.Seek(prefix); len(k) == 16 && btoi(k) == sprintID; k, v = c.Next() {
			// The index entry says what a story move was (historyValue);
			// only entries of older files need the event itself.
			kind, story := EventKind(""), 0
			if ch, ok, known := decodeHistoryValue(v); known {
				switch {
				case ok && ch.Kind == sprint.ChangeStoryAdded:
					kind, story = EventSprintStoryAdded, ch.Story
				case ok && ch.Kind == sprint.ChangeStoryRemoved:
					kind, story = EventSprintStoryRemoved, ch.Story
				}
			} else {
				var e Event
				if _, err := get(eb, k[8:], &e); err != nil {
					return err
				}
				kind, story = e.Kind, e.Story
			}
			switch kind {
			case EventSprintStoryAdded:
				if !in[story] {
					order = append(order, story)
				}
				in[story] = true
			case EventSprintStoryRemoved:
				in[story] = false
			}
		}
		// Stories placed in the sprint without an event (older files) count too.
		current, err := stories(sprintID)
		if err != nil {
			return err
		}
		for _, st := range current {
			if !in[st.ID] {
				in[st.ID] = true
				order = append(order, st.ID)
			}
		}
		// While the sprint runs, a story is done when all its tasks are (the
		// rule closing the sprint applies); once closed, its status says.
		tasks, err := tasksIn(tx, sprintID)
		if err != nil {
			return err
		}
		open, count := map[int]int{}, map[int]int{}
		for _, t := range tasks {
			count[t.Story]++
			if t.Status != sprint.TaskDone {
				open[t.Story]++
			}
			r.RemainingHours += t.Remaining
			r.TotalHours += t.Estimate
		}
		for _, id := range order {
			if !in[id] {
				continue
			}
			st, err := storyIn(tx, id)
			if err != nil {
				return err
			}
			if st.Status == backlog.StatusDeleted {
				continue
			}
			pts := max(st.Points, 0)
			done := st.Status == backlog.StatusDone && st.Sprint == sprintID
			if r.Sprint.Status == sprint.StatusActive && st.Sprint == sprintID {
				done = count[id] > 0 && open[id] == 0
			}
			if done {
				r.Done = append(r.Done, st)
				r.DonePoints += pts
			} else {
				r.NotDone = append(r.NotDone, st)
				r.NotDonePoints += pts
			}
		}
		fb := tx.Bucket(bucketFeedback)
		return fb.ForEach(func(k, v []byte) error {
			var f retro.Feedback
			if _, err := get(fb, k, &f); err != nil {
				return err
			}
			if f.Sprint == sprintID {
				r.Feedback = append(r.Feedback, f)
			}
			return nil
		})
	}()
	sort.SliceStable(r.Feedback, func(i, j int) bool { return r.Feedback[i].ID < r.Feedback[j].ID })
	return r, err
}
