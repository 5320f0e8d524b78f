package sprint

import (
	"strings"
	"testing"
	"time"
)

func TestNoteDay(t *testing.T) {
	fri, sat := NewDate(2026, 11, 13), NewDate(2026, 11, 14)
	mon := NewDate(2026, 11, 16)
	for _, c := range []struct {
		today Date
		ended bool
		want  Date
	}{
		{fri, false, fri}, // before Friday's round: Friday's
		{fri, true, mon},  // after it: Monday's, not Saturday's
		{sat, false, mon}, // at the weekend: Monday's
		{mon, true, NewDate(2026, 11, 17)},
	} {
		if got := NoteDay(c.today, c.ended, nil, Calendar{}); got != c.want {
			t.Errorf("NoteDay(%s, ended %v) = %s, want %s", c.today, c.ended, got, c.want)
		}
	}
	// A team that works Sunday to Thursday: Thursday after the round is Sunday's.
	week := []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday}
	if got := NoteDay(NewDate(2026, 11, 12), true, week, Calendar{}); got != NewDate(2026, 11, 15) {
		t.Errorf("Sunday-Thursday team: %s", got)
	}
}

func TestRoundNotesTakeTheLatestSinceThePreviousRound(t *testing.T) {
	prev, day := NewDate(2026, 11, 13), NewDate(2026, 11, 16)
	notes := []Note{
		{Member: "bob", Date: prev, Today: "friday's"},                 // the previous round's
		{Member: "bob", Date: NewDate(2026, 11, 14), Today: "weekend"}, // filed for Saturday by an old huddle
		{Member: "wei", Date: day, Today: "monday"},
		{Member: "wei", Date: NewDate(2026, 11, 17), Today: "tuesday"}, // ahead of a later round
	}
	got := RoundNotes(notes, prev, day)
	if len(got) != 2 || got[0].Member != "bob" || got[0].Today != "weekend" || got[1].Today != "monday" {
		t.Fatalf("%+v", got)
	}
}

func TestCarriedBlockersAreTheOpenOnesOfEarlierRounds(t *testing.T) {
	open := Blocker{ID: 1, Text: "staging down"}
	done := Blocker{ID: 2, Text: "fixed", Resolved: time.Unix(1, 0)}
	rounds := []Standup{
		{Date: NewDate(2026, 11, 12), Parking: []Blocker{open, done}},
		{Date: NewDate(2026, 11, 16), Parking: []Blocker{{ID: 1, Text: "today's own"}}},
	}
	got := CarriedBlockers(rounds, NewDate(2026, 11, 16))
	if len(got) != 1 || got[0].Text != "staging down" || got[0].Day != NewDate(2026, 11, 12) {
		t.Fatalf("%+v", got)
	}
}

// Since last stand-up reports the net state and who did it: a task finished
// and reopened is moved, not finished; a task the lead gave is "assigned".
func TestSinceLastStandupIsNetAndNamesWhoDidIt(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 11, 26, h, 0, 0, 0, time.UTC) }
	changes := []WorkChange{
		{At: at(10), Member: "wei", By: "maya", Kind: WorkClaimed, Task: 34},
		{At: at(11), Member: "wei", By: "wei", Kind: WorkFinished, Task: 34, From: TaskTodo},
		{At: at(12), Member: "wei", By: "wei", Kind: WorkMoved, Task: 34, From: TaskDone, To: TaskDoing},
		{At: at(10), Member: "bo", By: "bo", Kind: WorkClaimed, Task: 7},
		{At: at(11), Member: "bo", By: "bo", Kind: WorkUnclaimed, Task: 7},
		{At: at(11), Member: "bo", By: "bo", Kind: WorkMoved, Task: 8, From: TaskTodo, To: TaskDoing},
		{At: at(12), Member: "bo", By: "bo", Kind: WorkMoved, Task: 8, From: TaskDoing, To: TaskTodo},
	}
	got := SinceLastStandup(changes, at(9), at(20))
	wei := got["wei"]
	if lines := strings.Join(wei.Lines(), " · "); lines != "maya assigned T-34 to wei · moved T-34" {
		t.Errorf("wei: %q", lines)
	}
	if _, ok := got["bo"]; ok {
		t.Errorf("bo claimed and released, moved and moved back: %+v", got["bo"])
	}
}

func TestParkedDayFindsTodaysThenTheCarriedOne(t *testing.T) {
	mon, thu, fri := NewDate(2026, 11, 16), NewDate(2026, 11, 12), NewDate(2026, 11, 13)
	round := Standup{Date: mon, Parking: []Blocker{{ID: 1, Text: "today's"}}}
	carried := []CarriedBlocker{{Day: thu, Blocker: Blocker{ID: 2}}, {Day: fri, Blocker: Blocker{ID: 2}}, {Day: fri, Blocker: Blocker{ID: 3}}}
	if d, err := ParkedDay(round, true, mon, carried, 1); err != nil || d != mon {
		t.Errorf("1: %s %v", d, err)
	}
	if d, err := ParkedDay(round, true, mon, carried, 3); err != nil || d != fri {
		t.Errorf("3: %s %v", d, err)
	}
	if _, err := ParkedDay(round, true, mon, carried, 2); err == nil || !strings.Contains(err.Error(), "--date") {
		t.Errorf("2 is ambiguous: %v", err)
	}
	if _, err := ParkedDay(round, true, mon, carried, 9); err == nil {
		t.Error("9 does not exist")
	}
}

// Holidays are not stand-up days: a note written after Thursday's round before
// a Friday holiday is for Monday, and one written on Christmas Day (a holiday)
// belongs to the next working day, however many holidays follow.
func TestNoteDaySkipsHolidays(t *testing.T) {
	thu, fri, mon := NewDate(2026, 12, 3), NewDate(2026, 12, 4), NewDate(2026, 12, 7)
	cal := Calendar{Holidays: []Holiday{{Date: fri, Name: "Offsite"}}}
	if got := NoteDay(thu, true, nil, cal); got != mon {
		t.Errorf("after Thursday's round before a Friday holiday: %s, want %s", got, mon)
	}
	if got := NoteDay(fri, false, nil, cal); got != mon {
		t.Errorf("on the holiday: %s, want %s", got, mon)
	}
	if got := NoteDay(thu, false, nil, cal); got != thu {
		t.Errorf("before Thursday's round: %s, want Thursday", got)
	}
	xmas := Calendar{Holidays: []Holiday{{Date: NewDate(2026, 12, 24)}, {Date: NewDate(2026, 12, 25)}, {Date: NewDate(2026, 12, 28)}}}
	if got := NoteDay(NewDate(2026, 12, 23), true, nil, xmas); got != NewDate(2026, 12, 29) {
		t.Errorf("before Christmas: %s, want Dec 29", got)
	}
}
