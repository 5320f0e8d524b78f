package sprint

import "fmt"

// Committed is the work a sprint commits to: the hours left on its tasks and
// the points of its estimated stories (points < 0 is unestimated). Planning
// shows it, and the start freezes the same numbers as the baseline, so carried
// work counts with what is left on it, not its first estimate.
func Committed(tasks []Task, points []int) (hours float64, pts int) {
	for _, t := range tasks {
		hours += t.Remaining
	}
	for _, p := range points {
		if p > 0 {
			pts += p
		}
	}
	return round2(hours), pts
}

// Commitment is what a sprint shows as committed: while it is planned, the
// work it would commit to now (Committed); once started, the baseline the
// start froze, the same number.
func (s Sprint) Commitment(tasks []Task, points []int) (hours float64, pts int) {
	if s.Status != StatusPlanning {
		return s.BaselineHours, s.BaselinePoints
	}
	return Committed(tasks, points)
}

// lastDay is the last day a sprint holds on the calendar: its end, or for a
// sprint closed early, the day before it closed (the next may start that day).
func (s Sprint) lastDay() Date {
	if s.Status == StatusClosed && !s.Closed.IsZero() {
		if c := DateOf(s.Closed).AddDays(-1); c.Before(s.End) {
			return c
		}
	}
	return s.End
}

// Overlaps reports whether two sprints share a calendar day.
func (s Sprint) Overlaps(o Sprint) bool {
	return !s.Start.After(o.lastDay()) && !o.Start.After(s.lastDay())
}

// CheckDates is the planning rule for a sprint's dates, given the other
// sprints of the team and today: a valid length (Validate), no start before
// today, and no day shared with another sprint.
func (s Sprint) CheckDates(others []Sprint, today Date) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if s.Start.Before(today) {
		return fmt.Errorf("the start (%s) is in the past; a sprint starts today (%s) or later", s.Start, today)
	}
	for _, o := range others {
		if o.ID != s.ID && s.Overlaps(o) {
			return fmt.Errorf("%s to %s overlaps sprint %s (%s to %s); start after %s", s.Start, s.End, o.Ref(), o.Start, o.lastDay(), o.lastDay())
		}
	}
	return nil
}

// PutBackOnTop says where a story taken out of the sprint goes: to the top of
// the backlog once the sprint has started (it was the team's most urgent
// work), or back to its own rank while the sprint is only planned (it never
// left its place).
func (s Sprint) PutBackOnTop() bool { return s.Status != StatusPlanning }

// CanDelete says whether a sprint may be deleted: only while it is planned.
func (s Sprint) CanDelete() error {
	if s.Status != StatusPlanning {
		return fmt.Errorf("sprint %s is %s; only a sprint that has not started can be deleted", s.Ref(), s.Status)
	}
	return nil
}

// EndAfterWeeks is the last day of a sprint of n weeks (1 to 4) from start:
// the last working day before the same weekday n weeks on (Friday for a
// Monday start).
func EndAfterWeeks(start Date, weeks int) (Date, error) {
	if weeks < 1 || weeks > 4 {
		return Date{}, fmt.Errorf("a sprint lasts 1 to 4 weeks, not %d", weeks)
	}
	end := start.AddDays(7*weeks - 1)
	cal := Sprint{Workdays: DefaultWorkdays}
	for end.After(start) && !cal.IsWorkday(end) {
		end = end.AddDays(-1)
	}
	return end, nil
}

// WhenKind is where a sprint is in time (Sprint.Timing).
type WhenKind int

const (
	WhenDay           WhenKind = iota // running: day Day of Total
	WhenStarts                        // starts on Date
	WhenPlannedLate                   // planned from Date, not started
	WhenEndedOpen                     // ended on Date, not closed
	WhenClosed                        // closed on Date
	WhenClosedUndated                 // closed, the day not known
)

// Timing is where a sprint is in time, as values: the kind, the day it names
// and, while it runs, the working day of the total. When writes it in English;
// screens write it in their reader's language from the same values.
func (s Sprint) Timing(today Date) (kind WhenKind, date Date, day, total int) {
	switch s.Status {
	case StatusClosed:
		if !s.Closed.IsZero() {
			return WhenClosed, DateOf(s.Closed), 0, 0
		}
		return WhenClosedUndated, Date{}, 0, 0
	case StatusPlanning:
		if today.Before(s.Start) {
			return WhenStarts, s.Start, 0, 0
		}
		return WhenPlannedLate, s.Start, 0, 0
	}
	day, total = s.DayOf(today)
	switch {
	case day == 0:
		return WhenStarts, s.Start, 0, 0
	case today.After(s.End):
		return WhenEndedOpen, s.End, 0, 0
	}
	return WhenDay, Date{}, day, total
}

// When says where a sprint is in time in English, as `sprint show` writes
// it: "day 6 of 10", "starts Mar 16", "ended Mar 13, not closed",
// "closed Feb 27". The screens write Timing in their reader's language.
func (s Sprint) When(today Date) string {
	kind, d, day, total := s.Timing(today)
	short := d.Time().Format("Jan 2")
	switch kind {
	case WhenClosed:
		return "closed " + short
	case WhenClosedUndated:
		return "closed"
	case WhenStarts:
		return "starts " + short
	case WhenPlannedLate:
		return "planned from " + short + ", not started"
	case WhenEndedOpen:
		return fmt.Sprintf("ended %s, not closed", short)
	}
	return fmt.Sprintf("day %d of %d", day, total)
}

// PickForReview is the sprint the review, the retro and the sprint report
// show when none is named, on the screen and on the command line alike: the
// active one, else the newest closed, else the newest planned.
func PickForReview(all []Sprint) (Sprint, bool) {
	return Pick(all, StatusActive, StatusClosed, StatusPlanning)
}
