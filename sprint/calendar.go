package sprint

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Holiday is a day the whole team does not work (a public holiday, a team
// day off), with an optional name.
type Holiday struct {
	Date Date   `json:"date"`
	Name string `json:"name,omitempty"`
}

// DayOff is a member's time off: every day from From to To, inclusive.
type DayOff struct {
	Member string `json:"member"`
	From   Date   `json:"from"`
	To     Date   `json:"to"`
}

// MaxDaysOff caps one stretch of days off (a year), so a typo in a year is
// refused rather than stored.
const MaxDaysOff = 366

// Validate checks a stretch of days off.
func (o DayOff) Validate() error {
	switch {
	case o.Member == "":
		return errors.New("days off need a member")
	case o.From.IsZero() || o.To.IsZero():
		return errors.New("days off need a first and a last day")
	case !YearInRange(o.From.Time()) || !YearInRange(o.To.Time()):
		return fmt.Errorf("days off fall in the years %d-%d, not %s to %s", MinYear, MaxYear, o.From, o.To)
	case o.To.Before(o.From):
		return fmt.Errorf("the last day off (%s) is before the first (%s)", o.To, o.From)
	case o.To.DaysSince(o.From)+1 > MaxDaysOff:
		return fmt.Errorf("days off are at most %d days in one stretch; %s to %s is %d", MaxDaysOff, o.From, o.To, o.To.DaysSince(o.From)+1)
	}
	return nil
}

// Validate checks a holiday.
func (h Holiday) Validate() error {
	if h.Date.IsZero() {
		return errors.New("a holiday needs a date")
	}
	if !YearInRange(h.Date.Time()) {
		return fmt.Errorf("a holiday falls in the years %d-%d, not %s", MinYear, MaxYear, h.Date)
	}
	return nil
}

// Covers reports whether d is one of the days off.
func (o DayOff) Covers(d Date) bool { return !d.Before(o.From) && !d.After(o.To) }

// Calendar is the team's non-working days and its members' days off. Which
// days are working days, for the team and for one member, is decided here
// and nowhere else: the sprint's working days, its day count, the capacity,
// the ideal line and the burndown all read it through the sprint.
type Calendar struct {
	Holidays []Holiday `json:"holidays,omitempty"` // by date
	DaysOff  []DayOff  `json:"days_off,omitempty"` // by member, then from
}

// IsZero reports whether the calendar has nothing in it.
func (c Calendar) IsZero() bool { return len(c.Holidays) == 0 && len(c.DaysOff) == 0 }

// Holiday returns the team's holiday on d, if there is one.
func (c Calendar) Holiday(d Date) (Holiday, bool) {
	for _, h := range c.Holidays {
		if h.Date == d {
			return h, true
		}
	}
	return Holiday{}, false
}

// Off reports whether member has d off.
func (c Calendar) Off(member string, d Date) bool {
	for _, o := range c.DaysOff {
		if o.Member == member && o.Covers(d) {
			return true
		}
	}
	return false
}

// Within is the part of the calendar that touches from..to (inclusive), sorted.
func (c Calendar) Within(from, to Date) Calendar {
	var out Calendar
	for _, h := range c.Holidays {
		if !h.Date.Before(from) && !h.Date.After(to) {
			out.Holidays = append(out.Holidays, h)
		}
	}
	for _, o := range c.DaysOff {
		if !o.To.Before(from) && !o.From.After(to) {
			out.DaysOff = append(out.DaysOff, o)
		}
	}
	out.sort()
	return out
}

func (c *Calendar) sort() {
	sort.SliceStable(c.Holidays, func(i, j int) bool { return c.Holidays[i].Date.Before(c.Holidays[j].Date) })
	sort.SliceStable(c.DaysOff, func(i, j int) bool {
		a, b := c.DaysOff[i], c.DaysOff[j]
		if a.Member != b.Member {
			return a.Member < b.Member
		}
		return a.From.Before(b.From)
	})
}

// MemberWorkingDays lists the sprint's working days on which member works:
// the team's working days less the member's days off.
func (s Sprint) MemberWorkingDays(member string) []Date {
	var out []Date
	for _, d := range s.WorkingDays() {
		if !s.Calendar.Off(member, d) {
			out = append(out, d)
		}
	}
	return out
}

// CalendarNote is one thing the calendar changes in a sprint: the team's
// holidays on working days (Holidays), or a member's days off (Member, From,
// To) clipped to the sprint.
type CalendarNote struct {
	Holidays []Date
	Member   string
	From, To Date
}

// CalendarNotes says what the calendar changes in this sprint, as values:
// the holidays first, then each stretch of days off. Holidays on a weekend,
// and days off that fall only on non-working days, are left out: they change
// nothing.
func (s Sprint) CalendarNotes() []CalendarNote {
	var out []CalendarNote
	var hol []Date
	for _, h := range s.Calendar.Holidays {
		if s.inRange(h.Date) && s.isWeekday(h.Date) {
			hol = append(hol, h.Date)
		}
	}
	if len(hol) > 0 {
		out = append(out, CalendarNote{Holidays: hol})
	}
	for _, o := range s.Calendar.DaysOff {
		from, to := o.From, o.To
		if from.Before(s.Start) {
			from = s.Start
		}
		if to.After(s.End) {
			to = s.End
		}
		n := 0
		for d := from; !d.After(to); d = d.AddDays(1) {
			if s.IsWorkday(d) {
				n++
			}
		}
		if n == 0 {
			continue
		}
		out = append(out, CalendarNote{Member: o.Member, From: from, To: to})
	}
	return out
}

// Notes says what the calendar changes in this sprint in English, as `sprint
// show` and the report write it: "holiday Dec 25, Jan 1", "priya off Dec
// 22-23". The screens write CalendarNotes in their reader's language.
func (s Sprint) Notes() []string {
	var out []string
	for _, n := range s.CalendarNotes() {
		if n.Member == "" {
			var hol []string
			for _, d := range n.Holidays {
				hol = append(hol, shortDay(d))
			}
			word := "holiday "
			if len(hol) > 1 {
				word = "holidays "
			}
			out = append(out, word+strings.Join(hol, ", "))
			continue
		}
		out = append(out, n.Member+" off "+dayRange(n.From, n.To))
	}
	return out
}

func shortDay(d Date) string { return d.Time().Format("Jan 2") }

// dayRange writes "Dec 22-23", "Dec 30-Jan 2" or "Dec 22".
func dayRange(from, to Date) string {
	switch {
	case from == to:
		return shortDay(from)
	case from.Time().Month() == to.Time().Month() && from.Time().Year() == to.Time().Year():
		return fmt.Sprintf("%s-%d", shortDay(from), to.Time().Day())
	}
	return shortDay(from) + "-" + shortDay(to)
}

func (s Sprint) inRange(d Date) bool { return !d.Before(s.Start) && !d.After(s.End) }

// AddDaysOff puts a stretch of days off into a member's stretches, merging
// it with those it overlaps or touches, and returns the member's stretches
// sorted by their first day.
func AddDaysOff(mine []DayOff, o DayOff) []DayOff {
	out := []DayOff{}
	for _, cur := range mine {
		if cur.To.AddDays(1).Before(o.From) || o.To.AddDays(1).Before(cur.From) {
			out = append(out, cur)
			continue
		}
		if cur.From.Before(o.From) {
			o.From = cur.From
		}
		if cur.To.After(o.To) {
			o.To = cur.To
		}
	}
	out = append(out, o)
	sort.SliceStable(out, func(i, j int) bool { return out[i].From.Before(out[j].From) })
	return out
}

// ClearDaysOff takes from..to out of a member's stretches of days off,
// splitting a stretch that reaches past either end.
func ClearDaysOff(mine []DayOff, from, to Date) []DayOff {
	out := []DayOff{}
	for _, cur := range mine {
		if cur.To.Before(from) || cur.From.After(to) {
			out = append(out, cur)
			continue
		}
		if cur.From.Before(from) {
			out = append(out, DayOff{Member: cur.Member, From: cur.From, To: from.AddDays(-1)})
		}
		if cur.To.After(to) {
			out = append(out, DayOff{Member: cur.Member, From: to.AddDays(1), To: cur.To})
		}
	}
	return out
}

// NotesLine is Notes on one line: "holiday Dec 25 · priya off Dec 22-23"
// ("" when the calendar changes nothing in the sprint).
func (s Sprint) NotesLine() string { return strings.Join(s.Notes(), " · ") }
