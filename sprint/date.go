package sprint

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day without a clock or zone, written "2026-11-26".
// Sprints and stand-ups are planned in days; keeping them as dates avoids
// off-by-one-day surprises when sessions run in different time zones.
type Date struct{ t time.Time }

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// NewDate builds a date.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// ParseDate reads "2026-11-26".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (write it like 2026-11-26)", s)
	}
	return Date{t}, nil
}

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// The years a date huddle keeps may fall in: a typo like 9999 is refused
// rather than stored (time arithmetic and JSON fail near year 10000).
const (
	MinYear = 1970
	MaxYear = 2199
)

// YearInRange reports whether t falls in MinYear..MaxYear.
func YearInRange(t time.Time) bool { return t.Year() >= MinYear && t.Year() <= MaxYear }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// AddDays moves the date by n days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return d.t.After(o.t) }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }

// DaysSince counts days from o to d.
func (d Date) DaysSince(o Date) int { return int(d.t.Sub(o.t).Hours() / 24) }

// Weekday of the date.
func (d Date) Weekday() time.Weekday { return d.t.Weekday() }

// Time is midnight UTC of the date.
func (d Date) Time() time.Time { return d.t }

func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}
