// Package sprint holds the delivery side of huddle: sprints, their tasks and
// capacity, the working-day calendar, and the daily stand-up. It is pure Go:
// no I/O, and every rule that depends on time takes `now` as an argument.
package sprint

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Status is where a sprint is in its life; one sprint is active at a time.
type Status string

const (
	StatusPlanning Status = "planning"
	StatusActive   Status = "active"
	StatusClosed   Status = "closed"
)

// Sprint is a fixed 1-4 week cycle with one goal.
type Sprint struct {
	ID       int                `json:"id"`
	Name     string             `json:"name"`
	Goal     string             `json:"goal"`
	Start    Date               `json:"start"`
	End      Date               `json:"end"` // last day, inclusive
	Workdays []time.Weekday     `json:"workdays"`
	Status   Status             `json:"status"`
	Capacity map[string]float64 `json:"capacity,omitempty"` // member handle -> hours in this sprint
	// Baseline is the committed scope frozen when the sprint starts.
	BaselineHours  float64   `json:"baseline_hours,omitempty"`
	BaselinePoints int       `json:"baseline_points,omitempty"`
	Started        time.Time `json:"started,omitempty"`
	Closed         time.Time `json:"closed,omitempty"`
	// Velocity is the points completed, recorded when the sprint closes.
	Velocity int `json:"velocity,omitempty"`
	// Calendar is the team's holidays and members' days off within the
	// sprint. The store fills it from the team's calendar when it reads a
	// sprint that is not closed; a closed sprint keeps the calendar it closed
	// with, so its chart never changes.
	Calendar Calendar `json:"calendar,omitzero"`
}

// Ref is the sprint's ID as people see it: "#3".
func (s Sprint) Ref() string { return SprintRef(s.ID) }

// SprintRef formats a sprint ID: "#3".
func SprintRef(id int) string { return "#" + strconv.Itoa(id) }

// ParseSprintRef accepts "#3" or "3".
func ParseSprintRef(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(s), "#"))
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a sprint number (write it like #3)", s)
	}
	return n, nil
}

// DefaultWorkdays is Monday to Friday.
var DefaultWorkdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// Validate checks a planned sprint's dates and length (1 to 4 weeks).
func (s Sprint) Validate() error {
	if strings.TrimSpace(s.Name) == "" {
		return errors.New("a sprint needs a name")
	}
	if s.Start.IsZero() || s.End.IsZero() {
		return errors.New("a sprint needs a start and an end date")
	}
	if !YearInRange(s.Start.Time()) || !YearInRange(s.End.Time()) {
		return fmt.Errorf("a sprint falls in the years %d-%d, not %s to %s", MinYear, MaxYear, s.Start, s.End)
	}
	if s.End.Before(s.Start) {
		return fmt.Errorf("the end (%s) is before the start (%s)", s.End, s.Start)
	}
	days := s.End.DaysSince(s.Start) + 1
	if days < 5 || days > 28 {
		return fmt.Errorf("a sprint lasts 1 to 4 weeks; %s to %s is %d days", s.Start, s.End, days)
	}
	if len(s.Workdays) == 0 {
		return errors.New("a sprint needs at least one working weekday")
	}
	return nil
}

// CanStart says whether a planned sprint may start, given its task count and
// whether another sprint is already active.
func (s Sprint) CanStart(tasks int, otherActive *Sprint) error {
	switch {
	case s.Status != StatusPlanning:
		return fmt.Errorf("sprint %s is %s, not being planned", s.Ref(), s.Status)
	case otherActive != nil:
		return fmt.Errorf("sprint %s is still active; close it before starting %s", otherActive.Ref(), s.Ref())
	case strings.TrimSpace(s.Goal) == "":
		return fmt.Errorf("sprint %s needs a goal before it starts", s.Ref())
	case tasks == 0:
		return fmt.Errorf("sprint %s has no tasks; break its stories into tasks first", s.Ref())
	}
	return nil
}

// IsWorkday reports whether the team works on d: one of the sprint's working
// weekdays and not a team holiday.
func (s Sprint) IsWorkday(d Date) bool {
	if _, hol := s.Calendar.Holiday(d); hol {
		return false
	}
	return s.isWeekday(d)
}

// isWeekday reports whether d is one of the sprint's working weekdays.
func (s Sprint) isWeekday(d Date) bool {
	wd := d.Weekday()
	for _, w := range s.Workdays {
		if w == wd {
			return true
		}
	}
	return false
}

// WorkingDays lists the sprint's working days in order.
func (s Sprint) WorkingDays() []Date {
	var out []Date
	for d := s.Start; !d.After(s.End); d = d.AddDays(1) {
		if s.IsWorkday(d) {
			out = append(out, d)
		}
	}
	return out
}

// DayOf returns which working day `today` is (1-based) and how many there are.
// Before the start it returns 0; after the end, the total.
func (s Sprint) DayOf(today Date) (day, total int) {
	days := s.WorkingDays()
	for _, d := range days {
		if !d.After(today) {
			day++
		}
	}
	return day, len(days)
}

// DefaultCapacity is a member's hours for the sprint: hours per day times the
// working days the member works (the team's working days less their days off).
func (s Sprint) DefaultCapacity(member string, hoursPerDay float64) float64 {
	return hoursPerDay * float64(len(s.MemberWorkingDays(member)))
}

// TotalCapacity sums the members' hours.
func (s Sprint) TotalCapacity() float64 {
	var t float64
	for _, h := range s.Capacity {
		t += h
	}
	return t
}

// Pick chooses a sprint when none is named: the newest sprint (highest ID) of
// the first status in prefer that any sprint has.
func Pick(all []Sprint, prefer ...Status) (Sprint, bool) {
	for _, status := range prefer {
		var best *Sprint
		for i := range all {
			if all[i].Status == status && (best == nil || all[i].ID > best.ID) {
				best = &all[i]
			}
		}
		if best != nil {
			return *best, true
		}
	}
	return Sprint{}, false
}
