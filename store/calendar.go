package store

// The team's calendar: holidays (days nobody works) and members' days off.
// The rule of which days are working days is sprint.Sprint.IsWorkday and
// MemberWorkingDays; the store only keeps the days and hands every sprint it
// reads (sprintIn, sprintsIn, activeIn) the part of the calendar inside it.

import (
	"bytes"
	"fmt"
	"strings"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// bucketCalendar holds the team's calendar (migration 5): key
// "holiday/2026-12-25" → sprint.Holiday, key "off/HANDLE/2026-12-22" →
// sprint.DayOff (one stretch of a member's days off, keyed by its first day).
var bucketCalendar = []byte("calendar")

const (
	calHolidayPrefix = "holiday/"
	calOffPrefix     = "off/"
)

func holidayKey(d sprint.Date) []byte { return []byte(calHolidayPrefix + d.String()) }

func dayOffKey(o sprint.DayOff) []byte {
	return []byte(calOffPrefix + o.Member + "/" + o.From.String())
}

// Events of the calendar.
const (
	EventHolidayAdded   EventKind = "team.holiday_added"
	EventHolidayRemoved EventKind = "team.holiday_removed"
	EventDaysOff        EventKind = "member.days_off"
)

func migrateCalendar(tx *bolt.Tx) error {
	_, err := tx.CreateBucketIfNotExists(bucketCalendar)
	return err
}

// calendarIn reads the whole calendar (none in a file from before migration 5).
func calendarIn(tx *bolt.Tx) (sprint.Calendar, error) {
	var cal sprint.Calendar
	b := tx.Bucket(bucketCalendar)
	if b == nil {
		return cal, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		switch {
		case bytes.HasPrefix(k, []byte(calHolidayPrefix)):
			var h sprint.Holiday
			if _, err := get(b, k, &h); err != nil {
				return err
			}
			cal.Holidays = append(cal.Holidays, h)
		case bytes.HasPrefix(k, []byte(calOffPrefix)):
			var o sprint.DayOff
			if _, err := get(b, k, &o); err != nil {
				return err
			}
			cal.DaysOff = append(cal.DaysOff, o)
		}
		return nil
	})
	return cal, err
}

// withCalendar gives a sprint that is not closed the team's calendar within
// its dates; a closed sprint keeps the calendar it closed with.
func withCalendar(sp sprint.Sprint, cal sprint.Calendar) sprint.Sprint {
	if sp.Status != sprint.StatusClosed {
		sp.Calendar = cal.Within(sp.Start, sp.End)
	}
	return sp
}

// attachCalendar is withCalendar, reading the calendar.
func attachCalendar(tx *bolt.Tx, sp sprint.Sprint) (sprint.Sprint, error) {
	if sp.Status == sprint.StatusClosed {
		return sp, nil
	}
	cal, err := calendarIn(tx)
	return withCalendar(sp, cal), err
}

// putSprint stores a sprint. The calendar is stored only with a closed
// sprint (frozen at its close); an open one reads the team's as it is.
func putSprint(tx *bolt.Tx, sp sprint.Sprint) error {
	if sp.Status != sprint.StatusClosed {
		sp.Calendar = sprint.Calendar{}
	}
	return put(tx.Bucket(bucketSprints), itob(sp.ID), sp)
}

// Calendar returns the team's whole calendar: holidays by date, days off by
// member and first day.
func (s *Store) Calendar() (cal sprint.Calendar, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		cal, err = calendarIn(tx)
		return err
	})
	return cal, err
}

// calendarWrite runs change on the calendar bucket (made if missing), with
// the capacity of open sprints following it (followCapacity).
func calendarWrite(w *wtx, change func(b *bolt.Bucket) error) error {
	return followCapacity(w, func() error {
		b, err := w.tx.CreateBucketIfNotExists(bucketCalendar)
		if err != nil {
			return err
		}
		return change(b)
	})
}

// followCapacity runs change (to the calendar or to members' hours per
// day), then moves the capacity of every sprint not yet closed to the new
// working days and hours, for each member whose capacity was the default
// (hours per day × their working days); a capacity the lead set by hand
// stays.
func followCapacity(w *wtx, change func() error) error {
	before, err := sprintsIn(w.tx)
	if err != nil {
		return err
	}
	members, err := membersIn(w.tx)
	if err != nil {
		return err
	}
	hours := map[string]float64{}
	for _, m := range members {
		hours[m.Handle] = m.HoursPerDay
	}
	if err := change(); err != nil {
		return err
	}
	cal, err := calendarIn(w.tx)
	if err != nil {
		return err
	}
	for _, old := range before {
		if old.Status == sprint.StatusClosed {
			continue
		}
		now := withCalendar(old, cal)
		now.Capacity = map[string]float64{}
		changed := false
		for h, c := range old.Capacity {
			now.Capacity[h] = c
			was, ok := hours[h]
			m, err := memberIn(w.tx, h)
			if !ok || err != nil || c != old.DefaultCapacity(h, was) {
				continue
			}
			if n := now.DefaultCapacity(h, m.HoursPerDay); n != c {
				now.Capacity[h], changed = n, true
			}
		}
		if changed {
			if err := putSprint(w.tx, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// AddHoliday makes a day a team holiday, with an optional name (lead only).
// Adding it again renames it.
func (s *Store) AddHoliday(actor string, day sprint.Date, name string) (sprint.Holiday, error) {
	h := sprint.Holiday{Date: day, Name: CleanTitle(name)}
	if err := h.Validate(); err != nil {
		return h, err
	}
	err := s.write(actor, leadOnly, "set the team's holidays", func(w *wtx) error {
		return calendarWrite(w, func(b *bolt.Bucket) error {
			if err := put(b, holidayKey(day), h); err != nil {
				return err
			}
			text := eventf("%s made %s a holiday", w.actor.Handle, day)
			if h.Name != "" {
				text = eventf("%s made %s a holiday (%s)", w.actor.Handle, day, h.Name)
			}
			return w.emit(Event{Kind: EventHolidayAdded, Fields: map[string]string{"date": day.String(), "name": h.Name}, Text: text})
		})
	})
	return h, err
}

// RemoveHoliday makes a holiday a normal day again (lead only).
func (s *Store) RemoveHoliday(actor string, day sprint.Date) error {
	return s.write(actor, leadOnly, "set the team's holidays", func(w *wtx) error {
		return calendarWrite(w, func(b *bolt.Bucket) error {
			if b.Get(holidayKey(day)) == nil {
				return notFound("holiday", day.String())
			}
			if err := b.Delete(holidayKey(day)); err != nil {
				return err
			}
			return w.emit(Event{Kind: EventHolidayRemoved, Fields: map[string]string{"date": day.String()},
				Text: eventf("%s made %s a working day again", w.actor.Handle, day)})
		})
	})
}

// daysOffIn lists one member's stretches of days off.
func daysOffIn(b *bolt.Bucket, member string) ([]sprint.DayOff, error) {
	var out []sprint.DayOff
	prefix := []byte(calOffPrefix + member + "/")
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		var o sprint.DayOff
		if _, err := get(b, k, &o); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// replaceDaysOff stores a member's stretches of days off in place of theirs.
func replaceDaysOff(b *bolt.Bucket, member string, old, now []sprint.DayOff) error {
	for _, o := range old {
		if err := b.Delete(dayOffKey(o)); err != nil {
			return err
		}
	}
	for _, o := range now {
		if err := put(b, dayOffKey(o), o); err != nil {
			return err
		}
	}
	return nil
}

// SetDaysOff records that member is off from..to (inclusive) (lead only), or
// with clear, that they work those days after all. Stretches that overlap or
// touch are kept as one.
func (s *Store) SetDaysOff(actor, member string, from, to sprint.Date, clear bool) ([]sprint.DayOff, error) {
	member = backlog.NormalizeHandle(member)
	o := sprint.DayOff{Member: member, From: from, To: to}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	var mine []sprint.DayOff
	err := s.write(actor, leadOnly, "set days off", func(w *wtx) error {
		if _, err := memberIn(w.tx, member); err != nil {
			return notFound("member", member)
		}
		return calendarWrite(w, func(b *bolt.Bucket) error {
			old, err := daysOffIn(b, member)
			if err != nil {
				return err
			}
			text := eventf("%s marked %s off %s to %s", w.actor.Handle, member, from, to)
			if clear {
				mine = sprint.ClearDaysOff(old, from, to)
				text = eventf("%s marked %s back at work %s to %s", w.actor.Handle, member, from, to)
			} else {
				mine = sprint.AddDaysOff(old, o)
			}
			if err := replaceDaysOff(b, member, old, mine); err != nil {
				return err
			}
			return w.emit(Event{Kind: EventDaysOff,
				Fields: map[string]string{"member": member, "from": from.String(), "to": to.String(), "clear": fmt.Sprint(clear)},
				Text:   text})
		})
	})
	return mine, err
}

// dropDaysOff forgets a removed member's days off.
func dropDaysOff(tx *bolt.Tx, member string) error {
	b := tx.Bucket(bucketCalendar)
	if b == nil {
		return nil
	}
	old, err := daysOffIn(b, member)
	if err != nil {
		return err
	}
	return replaceDaysOff(b, member, old, nil)
}

// checkCalendarRecord checks one record of the calendar bucket; the returned
// func checks that a stretch of days off belongs to a member.
func checkCalendarRecord(k, v []byte, member func(h, what string) error) (func() error, error) {
	key := string(k)
	switch {
	case strings.HasPrefix(key, calHolidayPrefix):
		var h sprint.Holiday
		if err := decodeStrict(v, &h); err != nil {
			return nil, err
		}
		if err := h.Validate(); err != nil {
			return nil, err
		}
		if string(holidayKey(h.Date)) != key {
			return nil, fmt.Errorf("its date %s does not match its key", h.Date)
		}
		if h.Name != CleanTitle(h.Name) {
			return nil, fmt.Errorf("its name is not clean one-line text")
		}
	case strings.HasPrefix(key, calOffPrefix):
		var o sprint.DayOff
		if err := decodeStrict(v, &o); err != nil {
			return nil, err
		}
		if err := o.Validate(); err != nil {
			return nil, err
		}
		if string(dayOffKey(o)) != key {
			return nil, fmt.Errorf("its member and first day do not match its key")
		}
		return func() error { return member(o.Member, "the days off of") }, nil
	default:
		return nil, fmt.Errorf("not a holiday nor days off")
	}
	return nil, nil
}
