package store

import (
	"bytes"
	"time"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// StandupDay is the read model of one day's stand-up, as the screen and
// `huddle standup show` render it: read in one transaction, never changed
// after it is returned.
type StandupDay struct {
	Today    sprint.Date
	Day      sprint.Date // the day shown: the one asked for, or today (or a round left open)
	Settings sprint.StandupSettings
	Members  []backlog.Member // lead first
	Days     []sprint.Date    // days a round was held, oldest first
	Round    sprint.Standup
	Held     bool
	// NotesDay is the stand-up the notes are for: the day shown when a round
	// was held on it, else the next stand-up a note written today goes to
	// (sprint.NoteDay). Notes are each member's latest answers for it,
	// written on any day since the round before it (sprint.RoundNotes).
	NotesDay sprint.Date
	Notes    []sprint.Note
	// Carried are the open blockers parked at earlier stand-ups.
	Carried []sprint.CarriedBlocker
	// StillBlocked are the tasks a parked blocker flagged that are still
	// flagged blocked: resolving the blocker asks whether to unblock them.
	StillBlocked []int
	// Since is what each member changed since the last round, while a round runs.
	Since    SinceLast
	HasSince bool
}

// StandupDay reads the stand-up of view (zero: today's, or the last round if
// it was left open) in one read transaction.
//
// Every session on the Stand-up screen reads the same day after each write:
// the first reads it and the rest share its result (sharedIn), which is why a
// StandupDay is never changed after it is returned. It depends on the clock
// only through today (notes and changes are dated; none is later than now).
func (s *Store) StandupDay(view sprint.Date) (d StandupDay, err error) {
	now := s.now()
	err = s.read(func(tx *bolt.Tx) error {
		v, err := s.sharedIn(tx, "standup/"+view.String()+"/"+sprint.DateOf(now).String(), func() (any, error) {
			return standupDayIn(tx, view, now)
		})
		if err == nil {
			d = v.(StandupDay)
		}
		return err
	})
	return d, err
}

// standupDayIn reads the stand-up of view at now inside tx.
func standupDayIn(tx *bolt.Tx, view sprint.Date, now time.Time) (StandupDay, error) {
	d := StandupDay{Today: sprint.DateOf(now), Day: view}
	if d.Day.IsZero() {
		d.Day = d.Today
	}
	var err error
	if d.Members, err = membersIn(tx); err != nil {
		return d, err
	}
	if _, err = get(tx.Bucket(bucketStandups), keyStandupSettings, &d.Settings); err != nil {
		return d, err
	}
	d.Settings = d.Settings.WithDefaults()
	rounds, err := roundsIn(tx)
	if err != nil {
		return d, err
	}
	for _, su := range rounds {
		d.Days = append(d.Days, su.Date)
	}
	if d.Round, d.Held, err = standupIn(tx, d.Day); err != nil {
		return d, err
	}
	if !d.Held && view.IsZero() {
		// Today's round may not be open yet, but the last one may be left running.
		if n := len(rounds); n > 0 && rounds[n-1].Date.Before(d.Today) && rounds[n-1].Live() {
			d.Round, d.Held, d.Day = rounds[n-1], true, rounds[n-1].Date
		}
	}
	d.NotesDay = d.Day
	if !d.Held && d.Day == d.Today {
		if d.NotesDay, err = noteDayIn(tx, now); err != nil {
			return d, err
		}
	}
	if d.Notes, err = roundNotesIn(tx, rounds, d.NotesDay); err != nil {
		return d, err
	}
	d.Carried = sprint.CarriedBlockers(rounds, d.Day)
	flagged := append([]sprint.Blocker(nil), d.Round.Parking...)
	for _, c := range d.Carried {
		flagged = append(flagged, c.Blocker)
	}
	for _, b := range flagged {
		if !b.Flagged || b.Task == 0 || !b.Open() {
			continue
		}
		if t, err := taskIn(tx, b.Task); err == nil && t.Blocked != "" {
			d.StillBlocked = append(d.StillBlocked, t.ID)
		}
	}
	if d.Held && d.Round.Live() {
		if d.Since, err = sinceLastIn(tx, d.Day, now); err != nil {
			return d, err
		}
		d.HasSince = true
	}
	return d, nil
}

// roundsIn reads every round held, oldest first.
func roundsIn(tx *bolt.Tx) ([]sprint.Standup, error) {
	var out []sprint.Standup
	b := tx.Bucket(bucketStandups)
	err := b.ForEach(func(k, _ []byte) error {
		if _, err := sprint.ParseDate(string(k)); err != nil {
			return nil // the settings key
		}
		var su sprint.Standup
		if _, err := get(b, k, &su); err != nil {
			return err
		}
		out = append(out, su)
		return nil
	})
	return out, err
}

// noteDayIn is the stand-up a note written at now belongs to (sprint.NoteDay),
// with the running sprint's working days and the team's holidays.
func noteDayIn(tx *bolt.Tx, now time.Time) (sprint.Date, error) {
	today := sprint.DateOf(now)
	su, held, err := standupIn(tx, today)
	if err != nil {
		return today, err
	}
	sp, active, err := activeIn(tx)
	if err != nil {
		return today, err
	}
	var workdays []time.Weekday
	if active {
		workdays = sp.Workdays
	}
	cal, err := calendarIn(tx)
	if err != nil {
		return today, err
	}
	return sprint.NoteDay(today, held && su.Status == sprint.StandupEnded, workdays, cal), nil
}

// NoteDay is the stand-up a note written now belongs to.
func (s *Store) NoteDay() (d sprint.Date, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		d, err = noteDayIn(tx, s.now())
		return err
	})
	return d, err
}

// roundNotesIn reads the notes of day's stand-up: written for any day after
// the round before day, up to day (sprint.RoundNotes).
func roundNotesIn(tx *bolt.Tx, rounds []sprint.Standup, day sprint.Date) ([]sprint.Note, error) {
	var prev sprint.Date
	for _, su := range rounds {
		if su.Date.Before(day) {
			prev = su.Date
		}
	}
	from := []byte(day.AddDays(-7).String()) // no round before: the week's notes
	if !prev.IsZero() {
		from = []byte(prev.AddDays(1).String())
	}
	end := []byte(day.AddDays(1).String())
	nb := tx.Bucket(bucketNotes)
	c := nb.Cursor()
	var notes []sprint.Note
	for k, _ := c.Seek(from); k != nil && bytes.Compare(k, end) < 0; k, _ = c.Next() {
		var n sprint.Note
		if _, err := get(nb, k, &n); err != nil {
			return nil, err
		}
		notes = append(notes, n)
	}
	return sprint.RoundNotes(notes, prev, day), nil
}

// StandupRounds reads every round held, oldest first, in one read.
func (s *Store) StandupRounds() (out []sprint.Standup, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		out, err = roundsIn(tx)
		return err
	})
	return out, err
}
