package sprint

import (
	"strings"
	"testing"
)

// Dec 21 2026 - Jan 1 2027 with Dec 25 and Jan 1 as holidays: 8 working
// days, not 10; priya's two days off leave her 6.
func TestCalendarWorkingDays(t *testing.T) {
	sp := Sprint{Start: NewDate(2026, 12, 21), End: NewDate(2027, 1, 1), Workdays: DefaultWorkdays}
	if n := len(sp.WorkingDays()); n != 10 {
		t.Fatalf("%d working days without a calendar", n)
	}
	sp.Calendar = Calendar{
		Holidays: []Holiday{{Date: NewDate(2026, 12, 25), Name: "Christmas"}, {Date: NewDate(2027, 1, 1)}, {Date: NewDate(2026, 12, 26)}},
		DaysOff:  []DayOff{{Member: "priya", From: NewDate(2026, 12, 22), To: NewDate(2026, 12, 23)}, {Member: "wei", From: NewDate(2026, 12, 26), To: NewDate(2026, 12, 27)}},
	}
	if n := len(sp.WorkingDays()); n != 8 {
		t.Fatalf("%d working days with two holidays, want 8", n)
	}
	if n := len(sp.MemberWorkingDays("priya")); n != 6 {
		t.Fatalf("priya works %d days, want 6", n)
	}
	if c := sp.DefaultCapacity("priya", 6); c != 36 {
		t.Fatalf("priya's capacity %g, want 36", c)
	}
	if c := sp.DefaultCapacity("wei", 6); c != 48 {
		t.Fatalf("wei's weekend off changed his capacity: %g", c)
	}
	// The Saturday holiday and wei's weekend change nothing, so they are not said.
	if got := strings.Join(sp.Notes(), " · "); got != "holidays Dec 25, Jan 1 · priya off Dec 22-23" {
		t.Fatalf("notes %q", got)
	}
	if _, total := sp.DayOf(NewDate(2027, 1, 1)); total != 8 {
		t.Fatalf("DayOf total %d", total)
	}
}

func TestDaysOffMergeAndClear(t *testing.T) {
	d := func(day int) Date { return NewDate(2026, 12, day) }
	off := func(a, b int) DayOff { return DayOff{Member: "bob", From: d(a), To: d(b)} }
	got := AddDaysOff([]DayOff{off(1, 3), off(10, 12)}, off(4, 9))
	if len(got) != 1 || got[0] != off(1, 12) {
		t.Fatalf("merge: %+v", got)
	}
	got = AddDaysOff([]DayOff{off(1, 3)}, off(5, 6))
	if len(got) != 2 {
		t.Fatalf("a gap of a day keeps two stretches: %+v", got)
	}
	got = ClearDaysOff([]DayOff{off(1, 12)}, d(4), d(9))
	if len(got) != 2 || got[0] != off(1, 3) || got[1] != off(10, 12) {
		t.Fatalf("clear the middle: %+v", got)
	}
	if got := ClearDaysOff([]DayOff{off(4, 9)}, d(1), d(20)); len(got) != 0 {
		t.Fatalf("clear all: %+v", got)
	}
	if err := off(5, 4).Validate(); err == nil {
		t.Fatal("a stretch ending before it starts is valid")
	}
	if got := dayRange(NewDate(2026, 12, 30), NewDate(2027, 1, 2)); got != "Dec 30-Jan 2" {
		t.Fatalf("dayRange %q", got)
	}
}
