package sprint

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// NextWorkday is the first of workdays after d (Monday to Friday when none
// are given) that is not one of cal's holidays.
func NextWorkday(d Date, workdays []time.Weekday, cal Calendar) Date {
	if len(workdays) == 0 {
		workdays = DefaultWorkdays
	}
	team := Sprint{Workdays: workdays, Calendar: cal}
	for i := 1; i <= 366; i++ { // a year of holidays in a row is not a calendar anyone keeps
		if n := d.AddDays(i); team.IsWorkday(n) {
			return n
		}
	}
	return d.AddDays(1)
}

// NoteDay is the stand-up a note written on today belongs to: today's, unless
// today's round has already ended or today is not a working day; then the
// next working day's. A note written on Friday after the round is for Monday;
// one written before a holiday is for the day the team is back (cal's
// holidays are not working days).
func NoteDay(today Date, roundEnded bool, workdays []time.Weekday, cal Calendar) Date {
	if len(workdays) == 0 {
		workdays = DefaultWorkdays
	}
	if roundEnded || !(Sprint{Workdays: workdays, Calendar: cal}).IsWorkday(today) {
		return NextWorkday(today, workdays, cal)
	}
	return today
}

// RoundNotes picks the notes that belong to a stand-up: for each member, the
// latest note dated after the previous round (prev, zero when none) and on or
// before the round's day. Notes written ahead, on any day since the last
// round, are the answers of the next round.
func RoundNotes(notes []Note, prev, day Date) []Note {
	latest := map[string]Note{}
	for _, n := range notes {
		if n.Date.After(day) || (!prev.IsZero() && !n.Date.After(prev)) {
			continue
		}
		if cur, ok := latest[n.Member]; !ok || n.Date.After(cur.Date) || (n.Date == cur.Date && n.Updated.After(cur.Updated)) {
			latest[n.Member] = n
		}
	}
	out := make([]Note, 0, len(latest))
	for _, n := range latest {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Member < out[j].Member })
	return out
}

// CarriedBlocker is a blocker parked at an earlier stand-up and still open: it
// is shown at every later stand-up until someone resolves it.
type CarriedBlocker struct {
	Day Date `json:"day"` // the stand-up it was parked at
	Blocker
}

// CarriedBlockers lists the open blockers of the rounds held before day, oldest first.
func CarriedBlockers(rounds []Standup, day Date) []CarriedBlocker {
	var out []CarriedBlocker
	for _, su := range rounds {
		if !su.Date.Before(day) {
			continue
		}
		for _, b := range su.Parking {
			if b.Open() {
				out = append(out, CarriedBlocker{Day: su.Date, Blocker: b})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Day.Before(out[j].Day) })
	return out
}

// FormatDuration writes how long something took, so it cannot be read as a
// time of day: "45s", "7m 05s", "1h 02m".
func FormatDuration(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm %02ds", int(d/time.Minute), int(d%time.Minute/time.Second))
	}
	return fmt.Sprintf("%dh %02dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// ParkedDay is the stand-up blocker id was parked at when nobody names the
// day: the day's own round if it has that blocker, else the one open blocker
// carried from an earlier stand-up with that number. Numbers restart each
// round, so two carried blockers may share one; then the day must be named.
func ParkedDay(round Standup, held bool, day Date, carried []CarriedBlocker, id int) (Date, error) {
	if held {
		for _, b := range round.Parking {
			if b.ID == id {
				return day, nil
			}
		}
	}
	var found []Date
	for _, c := range carried {
		if c.ID == id {
			found = append(found, c.Day)
		}
	}
	switch len(found) {
	case 0:
		return day, fmt.Errorf("no blocker %d in the %s stand-up, nor open from an earlier one", id, day)
	case 1:
		return found[0], nil
	}
	days := make([]string, len(found))
	for i, d := range found {
		days[i] = d.String()
	}
	return day, fmt.Errorf("blocker %d is open from several stand-ups (%s); name one with --date", id, strings.Join(days, ", "))
}
