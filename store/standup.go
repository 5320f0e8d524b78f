package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// The stand-up round's events.
const (
	EventStandupStarted  EventKind = "standup.started"
	EventStandupChanged  EventKind = "standup.changed" // speaker, pause, order, roll call
	EventStandupEnded    EventKind = "standup.ended"
	EventStandupSettings EventKind = "standup.settings"
	EventBlockerParked   EventKind = "standup.blocker_parked"
	EventBlockerResolved EventKind = "standup.blocker_resolved"
)

// keyStandupSettings holds the team's stand-up settings in the standups
// bucket, beside the rounds (whose keys are dates).
var keyStandupSettings = []byte("settings")

// StandupSettings returns the team's stand-up settings with defaults filled in.
func (s *Store) StandupSettings() (sprint.StandupSettings, error) {
	var set sprint.StandupSettings
	err := s.read(func(tx *bolt.Tx) error {
		_, err := get(tx.Bucket(bucketStandups), keyStandupSettings, &set)
		return err
	})
	return set.WithDefaults(), err
}

// SetStandupSettings changes the team's stand-up settings (lead only). The
// questions are cleaned like titles.
func (s *Store) SetStandupSettings(actor string, set sprint.StandupSettings) (sprint.StandupSettings, error) {
	for i, q := range set.Questions {
		set.Questions[i] = CleanTitle(q)
	}
	if err := set.Validate(); err != nil {
		return set, err
	}
	set = set.WithDefaults()
	err := s.write(actor, leadOnly, "change the stand-up settings", func(w *wtx) error {
		if err := put(w.bucket(bucketStandups), keyStandupSettings, set); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventStandupSettings, Fields: map[string]string{"budget": set.Budget.String(), "timebox": set.Timebox.String(), "order": string(set.Order)},
			Text: eventf("%s changed the stand-up settings", w.actor.Handle)})
	})
	return set, err
}

func standupIn(tx *bolt.Tx, day sprint.Date) (sprint.Standup, bool, error) {
	var su sprint.Standup
	found, err := get(tx.Bucket(bucketStandups), []byte(day.String()), &su)
	return su, found, err
}

// Standup returns the round of a day; found is false when none was held.
func (s *Store) Standup(day sprint.Date) (su sprint.Standup, found bool, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		su, found, err = standupIn(tx, day)
		return err
	})
	return su, found, err
}

// StandupDays lists the days a round was held, oldest first.
func (s *Store) StandupDays() ([]sprint.Date, error) {
	var out []sprint.Date
	err := s.read(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketStandups).ForEach(func(k, _ []byte) error {
			if d, err := sprint.ParseDate(string(k)); err == nil {
				out = append(out, d)
			}
			return nil
		})
	})
	return out, err
}

// speakers are the team's members who speak at the stand-up (not guests), lead first.
func speakersIn(tx *bolt.Tx) ([]string, map[string]bool, error) {
	var out []string
	team := map[string]bool{}
	var lead []string
	err := tx.Bucket(bucketMembers).ForEach(func(k, v []byte) error {
		var m backlog.Member
		if _, err := get(tx.Bucket(bucketMembers), k, &m); err != nil {
			return err
		}
		if !m.Role.CanWrite() {
			return nil
		}
		team[m.Handle] = true
		if m.Role == backlog.RoleLead {
			lead = append(lead, m.Handle)
		} else {
			out = append(out, m.Handle)
		}
		return nil
	})
	return append(lead, out...), team, err
}

// closeStaleIn ends every round before day that was left open.
func closeStaleIn(w *wtx, day sprint.Date) error {
	b := w.bucket(bucketStandups)
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		d, err := sprint.ParseDate(string(k))
		if err != nil || !d.Before(day) {
			continue
		}
		var su sprint.Standup
		if err := json.Unmarshal(v, &su); err != nil {
			return err
		}
		if !su.Live() {
			continue
		}
		su.CloseStale()
		if err := put(b, k, su); err != nil {
			return err
		}
		if err := w.emit(Event{Kind: EventStandupEnded, Sprint: su.Sprint, Fields: map[string]string{"date": d.String(), "closed_late": "true"},
			Text: eventf("the %s stand-up was left open and closed with what it had", d)}); err != nil {
			return err
		}
	}
	return nil
}

// StartStandup opens day's round (lead only), in roll call: the lead marks who
// is absent and may move people before the first speaker begins. There is one
// round per day: starting again resumes it. Rounds of earlier days left open
// are closed first with what they had. Starting with no active sprint is
// allowed: the round has the questions alone.
func (s *Store) StartStandup(actor string, day sprint.Date, absent []string) (su sprint.Standup, resumed bool, err error) {
	if day.IsZero() {
		return su, false, errors.New("which day? the date is missing")
	}
	err = s.write(actor, leadOnly, "run the stand-up", func(w *wtx) error {
		if err := closeStaleIn(w, day); err != nil {
			return err
		}
		var found bool
		if su, found, err = standupIn(w.tx, day); err != nil {
			return err
		}
		order, team, err := speakersIn(w.tx)
		if err != nil {
			return err
		}
		if found {
			if su.Status == sprint.StandupEnded {
				return fmt.Errorf("%w at %s; its summary is kept (huddle standup show --date %s)", sprint.ErrRoundEnded, su.Ended.Format("15:04"), day)
			}
			resumed = true
			su.Reconcile(team, w.now)
			for _, a := range absent {
				if err := su.SetAbsent(a, true, w.now); err != nil {
					return err
				}
			}
			return put(w.bucket(bucketStandups), []byte(day.String()), su)
		}
		for _, a := range absent {
			if !team[a] {
				return fmt.Errorf("%s is not a speaking member of this team", a)
			}
		}
		var set sprint.StandupSettings
		if _, err := get(w.bucket(bucketStandups), keyStandupSettings, &set); err != nil {
			return err
		}
		set = set.WithDefaults()
		sp, active, err := activeIn(w.tx)
		if err != nil {
			return err
		}
		spID := 0
		if active {
			spID = sp.ID
		}
		su = sprint.NewStandup(day, spID, sprint.SpeakingOrder(order, day, set.Order), absent, set, w.now)
		if err := put(w.bucket(bucketStandups), []byte(day.String()), su); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventStandupStarted, Sprint: spID, Fields: map[string]string{"date": day.String(), "present": fmt.Sprint(su.Present())},
			Text: eventf("%s opened the %s stand-up (%d of %d present)", w.actor.Handle, day, su.Present(), len(su.Turns))})
	})
	return su, resumed, err
}

// RoundOp is one thing the lead does to a running round.
type RoundOp string

const (
	RoundNext     RoundOp = "next"
	RoundPrevious RoundOp = "previous"
	RoundSkip     RoundOp = "skip"
	RoundPause    RoundOp = "pause"
	RoundResume   RoundOp = "resume"
	RoundEnd      RoundOp = "end"
)

// ParseRoundOp reads an operation's name.
func ParseRoundOp(s string) (RoundOp, error) {
	switch o := RoundOp(strings.ToLower(strings.TrimSpace(s))); o {
	case RoundNext, RoundPrevious, RoundSkip, RoundPause, RoundResume, RoundEnd:
		return o, nil
	}
	return "", fmt.Errorf("unknown stand-up step %q: use next, previous, skip, pause, resume or end", s)
}

// updateStandup loads day's round, takes members who left the team out of
// it, lets change modify it, saves it and emits one event.
func (s *Store) updateStandup(actor string, need access, what string, day sprint.Date, change func(w *wtx, su *sprint.Standup) (Event, error)) (sprint.Standup, error) {
	var su sprint.Standup
	err := s.write(actor, need, what, func(w *wtx) error {
		var found bool
		var err error
		if su, found, err = standupIn(w.tx, day); err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("no stand-up on %s: the lead starts one first", day)
		}
		if su.Live() && sprint.DateOf(w.now).After(day) && need == leadOnly {
			// Left running overnight: it is closed, with what it had, when today's starts.
			return fmt.Errorf("the %s stand-up was left open; start today's to close it with what it had", day)
		}
		_, team, err := speakersIn(w.tx)
		if err != nil {
			return err
		}
		su.Reconcile(team, w.now)
		e, err := change(w, &su)
		if err != nil {
			return err
		}
		if err := put(w.bucket(bucketStandups), []byte(day.String()), su); err != nil {
			return err
		}
		if e.Kind == "" {
			e.Kind = EventStandupChanged
		}
		if e.Fields == nil {
			e.Fields = map[string]string{}
		}
		e.Fields["date"] = day.String()
		e.Sprint = su.Sprint
		return w.emit(e)
	})
	return su, err
}

// StepStandup moves day's round on (lead only). expect, when set, is the
// speaker the lead saw: if the round has moved on since (another session
// pressed next), nothing changes and the error says who speaks now.
func (s *Store) StepStandup(actor string, day sprint.Date, op RoundOp, expect string) (sprint.Standup, error) {
	return s.updateStandup(actor, leadOnly, "run the stand-up", day, func(w *wtx, su *sprint.Standup) (Event, error) {
		if expect != "" {
			if t, ok := su.Speaker(); ok && t.Member != expect {
				return Event{}, fmt.Errorf("the round has moved on: %s is speaking now", t.Member)
			}
		}
		before, _ := su.Speaker()
		var err error
		switch op {
		case RoundNext:
			err = su.Next(w.now)
		case RoundPrevious:
			err = su.Previous(w.now)
		case RoundSkip:
			err = su.Skip(w.now)
		case RoundPause:
			err = su.Pause(w.now)
		case RoundResume:
			err = su.Resume(w.now)
		case RoundEnd:
			err = su.End(w.now)
		default:
			_, err = ParseRoundOp(string(op))
		}
		if err != nil {
			return Event{}, err
		}
		e := Event{Fields: map[string]string{"op": string(op)}}
		after, speaking := su.Speaker()
		switch {
		case su.Status == sprint.StandupEnded:
			sum := su.Summarize(w.now)
			e.Kind = EventStandupEnded
			e.Fields["total"] = sum.Total.String()
			e.Text = eventf("%s ended the %s stand-up after %s (%d spoke, %d skipped, %d absent)", w.actor.Handle, su.Date, sprint.FormatClock(sum.Total), sum.Spoke, sum.Skipped, sum.Absent)
		case op == RoundPause:
			e.Text = eventf("%s paused the stand-up", w.actor.Handle)
		case op == RoundResume:
			e.Text = eventf("%s resumed the stand-up", w.actor.Handle)
		case speaking:
			e.Fields["speaker"] = after.Member
			e.Text = eventf("%s has the word at the stand-up", after.Member)
			if before.Member != "" && before.Member != after.Member && op == RoundSkip {
				e.Text = eventf("%s was skipped; %s has the word", before.Member, after.Member)
			}
		}
		return e, nil
	})
}

// SetStandupAbsent marks a member absent (or present again) in day's round (lead only).
func (s *Store) SetStandupAbsent(actor string, day sprint.Date, member string, absent bool) (sprint.Standup, error) {
	member = backlog.NormalizeHandle(member)
	return s.updateStandup(actor, leadOnly, "run the stand-up", day, func(w *wtx, su *sprint.Standup) (Event, error) {
		if err := su.SetAbsent(member, absent, w.now); err != nil {
			return Event{}, err
		}
		word := "present"
		if absent {
			word = "absent"
		}
		return Event{Fields: map[string]string{"member": member, "absent": fmt.Sprint(absent)}, Text: eventf("%s marked %s %s", w.actor.Handle, member, word)}, nil
	})
}

// AddLatecomer puts a member at the end of day's round (lead only).
func (s *Store) AddLatecomer(actor string, day sprint.Date, member string) (sprint.Standup, error) {
	member = backlog.NormalizeHandle(member)
	return s.updateStandup(actor, leadOnly, "run the stand-up", day, func(w *wtx, su *sprint.Standup) (Event, error) {
		m, err := memberIn(w.tx, member)
		if err != nil {
			return Event{}, err
		}
		if !m.Role.CanWrite() {
			return Event{}, fmt.Errorf("%s is a guest; guests listen but do not speak", member)
		}
		if err := su.AddLate(member, w.now); err != nil {
			return Event{}, err
		}
		return Event{Fields: map[string]string{"member": member}, Text: eventf("%s joined the stand-up late", member)}, nil
	})
}

// MoveSpeaker puts a member at position to (0-based) in day's order (lead only).
func (s *Store) MoveSpeaker(actor string, day sprint.Date, member string, to int) (sprint.Standup, error) {
	member = backlog.NormalizeHandle(member)
	return s.updateStandup(actor, leadOnly, "run the stand-up", day, func(w *wtx, su *sprint.Standup) (Event, error) {
		if err := su.Move(member, to, w.now); err != nil {
			return Event{}, err
		}
		return Event{Fields: map[string]string{"member": member, "to": fmt.Sprint(to)}, Text: eventf("%s moved %s to place %d", w.actor.Handle, member, to+1)}, nil
	})
}

// ParkInput is a blocker raised in the round.
type ParkInput struct {
	Text     string
	RaisedBy string // default: the actor; the lead may raise for the speaker
	Task     int    // the related task, 0 for none
	Helper   string // who will help, "" for nobody yet
	// BlockTask flags the related task blocked with the text, in the same write.
	BlockTask bool
}

// ParkBlocker adds an item to day's parking lot (any member). With BlockTask
// the related task is flagged blocked in the same transaction.
func (s *Store) ParkBlocker(actor string, day sprint.Date, in ParkInput) (sprint.Blocker, error) {
	var b sprint.Blocker
	text := CleanTitle(in.Text)
	if text == "" {
		return b, errors.New("say what the blocker is")
	}
	if in.BlockTask && in.Task == 0 {
		return b, errors.New("name the task to flag blocked")
	}
	_, err := s.updateStandup(actor, writer, "raise blockers", day, func(w *wtx, su *sprint.Standup) (Event, error) {
		raisedBy := backlog.NormalizeHandle(in.RaisedBy)
		if raisedBy == "" {
			raisedBy = w.actor.Handle
		}
		if raisedBy != w.actor.Handle && !w.actor.Role.CanLead() {
			return Event{}, errors.New("only the lead can raise a blocker for someone else")
		}
		if _, err := memberIn(w.tx, raisedBy); err != nil {
			return Event{}, err
		}
		helper := backlog.NormalizeHandle(in.Helper)
		if helper != "" {
			if _, err := memberIn(w.tx, helper); err != nil {
				return Event{}, err
			}
		}
		if in.Task != 0 {
			t, err := taskIn(w.tx, in.Task)
			if err != nil {
				return Event{}, err
			}
			if in.BlockTask {
				if err := blockTaskIn(w, t, text); err != nil {
					return Event{}, err
				}
			}
		}
		var err error
		b, err = su.Park(sprint.Blocker{Text: text, RaisedBy: raisedBy, Task: in.Task, Flagged: in.BlockTask, Helper: helper}, w.now)
		if err != nil {
			return Event{}, err
		}
		fields := map[string]string{"id": fmt.Sprint(b.ID), "raised_by": raisedBy, "text": text}
		if helper != "" {
			fields["helper"] = helper
		}
		if in.BlockTask {
			fields["flagged"] = "true"
		}
		return Event{Kind: EventBlockerParked, Task: in.Task, Fields: fields, Text: eventf("%s parked a blocker: %s", raisedBy, text)}, nil
	})
	return b, err
}

// blockTaskIn flags t blocked inside w (the rule of BlockTask).
func blockTaskIn(w *wtx, t sprint.Task, reason string) error {
	sp, err := sprintIn(w.tx, t.Sprint)
	if err != nil {
		return err
	}
	if sp.Status == sprint.StatusClosed {
		return fmt.Errorf("%s belongs to closed sprint %s", t.Ref(), sp.Ref())
	}
	if !w.actor.Role.CanWrite() {
		return backlog.Forbidden(w.actor.Handle, w.actor.Role, "block tasks", backlog.RoleMember)
	}
	t.Blocked, t.Updated = reason, w.now
	if err := put(w.bucket(bucketTasks), itob(t.ID), t); err != nil {
		return err
	}
	return w.emit(Event{Kind: EventTaskBlocked, Sprint: t.Sprint, Story: t.Story, Task: t.ID, Fields: map[string]string{"reason": reason},
		Text: eventf("%s flagged %s blocked: %s", w.actor.Handle, t.Ref(), reason)})
}

// ResolveBlocker marks a parking-lot item of day's round resolved (any
// member); day is the round it was parked at, which may be an earlier one (an
// open blocker carries to every later stand-up). With unblock, a task the
// parking flagged blocked is unblocked in the same write.
func (s *Store) ResolveBlocker(actor string, day sprint.Date, id int, unblock bool) (sprint.Blocker, error) {
	var b sprint.Blocker
	_, err := s.updateStandup(actor, writer, "resolve blockers", day, func(w *wtx, su *sprint.Standup) (Event, error) {
		var err error
		if b, err = su.Resolve(id, w.actor.Handle, w.now); err != nil {
			return Event{}, err
		}
		if unblock && b.Task != 0 {
			t, err := taskIn(w.tx, b.Task)
			if err != nil {
				return Event{}, err
			}
			if t.Blocked != "" {
				if _, err := updateTaskIn(w, t.ID, unblockTask); err != nil {
					return Event{}, err
				}
			}
		}
		return Event{Kind: EventBlockerResolved, Task: b.Task, Fields: map[string]string{"id": fmt.Sprint(id)},
			Text: eventf("%s resolved the blocker %q", w.actor.Handle, b.Text)}, nil
	})
	return b, err
}

// StillBlocks reports whether resolving b leaves a task flagged blocked: the
// parking flagged it and it is still flagged. The screen asks, and the
// command line offers --unblock, before resolving.
func (s *Store) StillBlocks(b sprint.Blocker) (sprint.Task, bool, error) {
	if !b.Flagged || b.Task == 0 {
		return sprint.Task{}, false, nil
	}
	t, err := s.Task(b.Task)
	if err != nil {
		return t, false, err
	}
	return t, t.Blocked != "", nil
}

// SaveNoteFor writes member's answers for a day: a member writes their own,
// the lead may write anyone's (in the round, at the shared screen).
func (s *Store) SaveNoteFor(actor, member string, day sprint.Date, in NoteInput) (sprint.Note, error) {
	member = backlog.NormalizeHandle(member)
	if member == "" || member == backlog.NormalizeHandle(actor) {
		return s.SaveNote(actor, day, in)
	}
	var n sprint.Note
	err := s.write(actor, leadOnly, "write someone else's stand-up answers", func(w *wtx) error {
		m, err := memberIn(w.tx, member)
		if err != nil {
			return err
		}
		if !m.Role.CanWrite() {
			return fmt.Errorf("%s is a guest and does not speak at the stand-up", member)
		}
		n, err = saveNoteIn(w, member, day, in)
		return err
	})
	return n, err
}

// SinceLast is what each member changed since the last stand-up.
type SinceLast struct {
	Since    time.Time                  // the start of the window: the previous round, else a day before
	Activity map[string]sprint.Activity // by member
}

// SinceLastStandup computes, from the event log, what each member changed
// between the previous round (before day) and now.
func (s *Store) SinceLastStandup(day sprint.Date) (out SinceLast, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		out, err = sinceLastIn(tx, day, s.now())
		return err
	})
	return out, err
}

// sinceLastIn is SinceLastStandup inside a read transaction.
func sinceLastIn(tx *bolt.Tx, day sprint.Date, until time.Time) (SinceLast, error) {
	out := SinceLast{Since: day.AddDays(-1).Time()}
	var changes []sprint.WorkChange
	// The previous round: the newest date key before day.
	c := tx.Bucket(bucketStandups).Cursor()
	var k, v []byte
	if k, _ = c.Seek([]byte(day.String())); k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	for ; k != nil; k, v = c.Prev() {
		d, err := sprint.ParseDate(string(k))
		if err != nil || !d.Before(day) {
			continue
		}
		var su sprint.Standup
		if err := json.Unmarshal(v, &su); err != nil {
			return out, err
		}
		out.Since = su.Opened
		if !su.Started.IsZero() {
			out.Since = su.Started
		}
		break
	}
	// The log, newest first, back to the start of the window.
	eb := tx.Bucket(bucketEvents)
	ec := eb.Cursor()
	tb := tx.Bucket(bucketTasks)
	owner := map[int]string{}
	ownerOf := func(id int) string {
		if o, ok := owner[id]; ok {
			return o
		}
		var t sprint.Task
		if _, err := get(tb, itob(id), &t); err == nil {
			owner[id] = t.Owner
		}
		return owner[id]
	}
	for k, v := ec.Last(); k != nil; k, v = ec.Prev() {
		var e Event
		if err := json.Unmarshal(v, &e); err != nil {
			return out, err
		}
		if e.At.Before(out.Since) {
			break
		}
		if ch, ok := changeOf(e, ownerOf); ok {
			changes = append(changes, ch)
		}
	}
	out.Activity = sprint.SinceLastStandup(changes, out.Since, until.Add(time.Nanosecond))
	return out, nil
}

// changeOf maps one log event to the stand-up's change record.
func changeOf(e Event, ownerOf func(int) string) (sprint.WorkChange, bool) {
	who := func() string {
		if e.Task != 0 {
			if o := ownerOf(e.Task); o != "" {
				return o
			}
		}
		return e.Actor
	}
	c := sprint.WorkChange{At: e.At, Task: e.Task, By: e.Actor}
	switch e.Kind {
	case EventTaskClaimed:
		c.Kind, c.Member = sprint.WorkClaimed, e.Fields["owner"]
	case EventTaskUnclaimed:
		c.Kind, c.Member = sprint.WorkUnclaimed, e.Fields["owner"]
	case EventTaskStatus:
		c.Member = who()
		c.From, c.To = sprint.TaskStatus(e.Fields["from"]), sprint.TaskStatus(e.Fields["to"])
		c.Kind = sprint.WorkMoved
		if c.To == sprint.TaskDone {
			c.Kind = sprint.WorkFinished
		}
		c.Burned = e.Float("remaining_from") - e.Float("remaining")
	case EventTaskRemaining:
		c.Kind, c.Member = sprint.WorkRemaining, who()
		c.Burned = e.Float("remaining_from") - e.Float("remaining")
	case EventTaskBlocked:
		c.Kind, c.Member, c.Text = sprint.WorkBlocked, who(), sprint.TaskRef(e.Task)+": "+e.Fields["reason"]
	case EventBlockerParked:
		if e.Fields["flagged"] == "true" {
			return c, false // the task's own blocked event counts it
		}
		c.Kind, c.Member, c.Text = sprint.WorkBlocked, e.Fields["raised_by"], e.Fields["text"]
	default:
		return c, false
	}
	return c, c.Member != ""
}
