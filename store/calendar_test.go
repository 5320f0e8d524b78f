package store

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

func date(t testing.TB, s string) sprint.Date {
	t.Helper()
	d, err := sprint.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// holidaySprint plans #1, Dec 21 2026 (a Monday) to Jan 1 2027 (a Friday):
// ten weekdays.
func holidaySprint(t *testing.T, st *Store) sprint.Sprint {
	t.Helper()
	return must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "Ship over the holidays",
		Start: date(t, "2026-12-21"), End: date(t, "2027-01-01")}))
}

func TestHolidaysAndDaysOffShapeWorkingDaysAndCapacity(t *testing.T) {
	st, _ := newTestStore(t)
	sp := holidaySprint(t, st)
	if n := len(sp.WorkingDays()); n != 10 {
		t.Fatalf("without holidays: %d working days, want 10", n)
	}
	if sp.Capacity["bob"] != 60 || sp.Capacity["alice"] != 60 {
		t.Fatalf("capacity before holidays %v, want 60h each (6h × 10)", sp.Capacity)
	}
	// Alice's capacity set by hand stays; bob's (the default) follows the calendar.
	if err := st.SetCapacity("alice", sp.ID, "alice", 20); err != nil {
		t.Fatal(err)
	}
	must[sprint.Holiday](t)(st.AddHoliday("alice", date(t, "2026-12-25"), "Christmas"))
	must[sprint.Holiday](t)(st.AddHoliday("alice", date(t, "2027-01-01"), ""))
	must[[]sprint.DayOff](t)(st.SetDaysOff("alice", "bob", date(t, "2026-12-22"), date(t, "2026-12-23"), false))

	sp = must[sprint.Sprint](t)(st.Sprint(sp.ID))
	if n := len(sp.WorkingDays()); n != 8 {
		t.Fatalf("with Dec 25 and Jan 1 off: %d working days, want 8 (%v)", n, sp.WorkingDays())
	}
	if got := sp.Capacity["bob"]; got != 36 {
		t.Fatalf("bob's capacity %g, want 36 (6h × 8 working days − 2 days off)", got)
	}
	if got := sp.Capacity["alice"]; got != 20 {
		t.Fatalf("alice's hand-set capacity became %g", got)
	}
	if day, total := sp.DayOf(date(t, "2026-12-28")); day != 5 || total != 8 {
		t.Fatalf("Dec 28 is day %d of %d, want 5 of 8", day, total)
	}
	if got := strings.Join(sp.Notes(), " · "); got != "holidays Dec 25, Jan 1 · bob off Dec 22-23" {
		t.Fatalf("notes %q", got)
	}
	// Back at work on the 23rd: one day off left.
	if _, err := st.SetDaysOff("alice", "bob", date(t, "2026-12-23"), date(t, "2026-12-23"), true); err != nil {
		t.Fatal(err)
	}
	if got := must[sprint.Sprint](t)(st.Sprint(sp.ID)).Capacity["bob"]; got != 42 {
		t.Fatalf("bob's capacity after coming back on the 23rd: %g, want 42", got)
	}
	if err := st.RemoveHoliday("alice", date(t, "2027-01-01")); err != nil {
		t.Fatal(err)
	}
	if got := must[sprint.Sprint](t)(st.Sprint(sp.ID)); len(got.WorkingDays()) != 9 || got.Capacity["bob"] != 48 {
		t.Fatalf("after Jan 1 is a working day again: %d days, bob %gh", len(got.WorkingDays()), got.Capacity["bob"])
	}
	if err := st.RemoveHoliday("alice", date(t, "2027-01-01")); !errors.Is(err, ErrNotFound) {
		t.Fatalf("removing a day that is no holiday: %v", err)
	}

	// Every change is in the log.
	var kinds []string
	for _, e := range must[[]Event](t)(st.Events(0, 100)) {
		switch e.Kind {
		case EventHolidayAdded, EventHolidayRemoved, EventDaysOff:
			kinds = append(kinds, string(e.Kind))
		}
	}
	if got := strings.Join(kinds, " "); got != "team.holiday_added team.holiday_added member.days_off member.days_off team.holiday_removed" {
		t.Fatalf("calendar events %q", got)
	}
}

// The burndown of a sprint over Christmas: its days are the 8 working days,
// the ideal line falls over 8 days, and work done on the holiday counts on
// the next working day.
func TestBurndownSkipsHolidays(t *testing.T) {
	st, clk := newTestStore(t)
	sp := holidaySprint(t, st)
	must[sprint.Holiday](t)(st.AddHoliday("alice", date(t, "2026-12-25"), "Christmas"))
	must[sprint.Holiday](t)(st.AddHoliday("alice", date(t, "2027-01-01"), "New Year"))
	story := addStories(t, st, 1)[0]
	if err := st.AddStoryToSprint("alice", sp.ID, story.ID); err != nil {
		t.Fatal(err)
	}
	task := must[sprint.Task](t)(st.AddTask("alice", story.ID, "Build it", 16))
	clk.Advance(time.Date(2026, 12, 21, 9, 0, 0, 0, time.UTC).Sub(clk.Now()))
	if err := st.StartSprint("alice", sp.ID); err != nil {
		t.Fatal(err)
	}
	clk.Advance(24*time.Hour*4 + 3*time.Hour) // Dec 25, Christmas
	must[sprint.Task](t)(st.SetRemaining("alice", task.ID, 8))

	b := must[sprint.Burndown](t)(st.Burndown(sp.ID, date(t, "2027-01-01")))
	if b.WorkingDays != 8 || len(b.Days) != 8 {
		t.Fatalf("burndown over %d working days with %d points, want 8 and 8", b.WorkingDays, len(b.Days))
	}
	for _, d := range b.Days {
		if d.Date == date(t, "2026-12-25") || d.Date == date(t, "2027-01-01") {
			t.Fatalf("the burndown has a point on the holiday %s", d.Date)
		}
	}
	// Day 4 is Dec 24: 16h left; day 5 is Dec 28, which gets Christmas's update.
	if d := b.Days[3]; d.Date != date(t, "2026-12-24") || d.RemainingHours != 16 || d.IdealHours != 16*4.0/8 {
		t.Fatalf("day 4: %+v", d)
	}
	if d := b.Days[4]; d.Date != date(t, "2026-12-28") || d.RemainingHours != 8 || d.IdealHours != 16*3.0/8 {
		t.Fatalf("day 5: %+v", d)
	}
	if last := b.Days[7]; last.Date != date(t, "2026-12-31") || last.IdealHours != 0 {
		t.Fatalf("the ideal line ends at 0 on the last working day, Dec 31: %+v", last)
	}

	// Closed, the sprint keeps the calendar it closed with: a holiday added
	// later does not change its chart.
	clk.Advance(24 * time.Hour * 5)
	must[CloseResult](t)(st.CloseSprint("alice", sp.ID))
	frozen := must[sprint.Burndown](t)(st.Burndown(sp.ID, date(t, "2027-01-10")))
	must[sprint.Holiday](t)(st.AddHoliday("alice", date(t, "2026-12-24"), "Christmas Eve"))
	if err := st.RemoveHoliday("alice", date(t, "2026-12-25")); err != nil {
		t.Fatal(err)
	}
	closed := must[sprint.Sprint](t)(st.Sprint(sp.ID))
	if n := len(closed.WorkingDays()); n != 8 {
		t.Fatalf("the closed sprint has %d working days after the calendar changed, want its 8", n)
	}
	if _, ok := closed.Calendar.Holiday(date(t, "2026-12-25")); !ok {
		t.Fatalf("the closed sprint lost its Christmas: %+v", closed.Calendar)
	}
	if after := must[sprint.Burndown](t)(st.Burndown(sp.ID, date(t, "2027-01-10"))); fmt.Sprint(after) != fmt.Sprint(frozen) || len(after.Days) != 7 {
		t.Fatalf("the closed sprint's chart changed:\n%+v\nwas\n%+v", after, frozen)
	}
}

func TestCalendarChangesAreTheLeads(t *testing.T) {
	st, _ := newTestStore(t)
	for _, who := range []string{"bob", "gus"} {
		if _, err := st.AddHoliday(who, date(t, "2026-12-25"), ""); !errors.Is(err, backlog.ErrForbidden) {
			t.Errorf("%s added a holiday: %v", who, err)
		}
		if _, err := st.SetDaysOff(who, "bob", date(t, "2026-12-22"), date(t, "2026-12-23"), false); !errors.Is(err, backlog.ErrForbidden) {
			t.Errorf("%s set days off: %v", who, err)
		}
	}
	must[sprint.Holiday](t)(st.AddHoliday("alice", date(t, "2026-12-25"), ""))
	if err := st.RemoveHoliday("bob", date(t, "2026-12-25")); !errors.Is(err, backlog.ErrForbidden) {
		t.Errorf("bob removed a holiday: %v", err)
	}
	for _, bad := range [][2]string{{"2026-12-23", "2026-12-22"}, {"2026-12-22", "2028-01-01"}} {
		if _, err := st.SetDaysOff("alice", "bob", date(t, bad[0]), date(t, bad[1]), false); err == nil {
			t.Errorf("days off %s to %s were taken", bad[0], bad[1])
		}
	}
	if _, err := st.SetDaysOff("alice", "nobody", date(t, "2026-12-22"), date(t, "2026-12-23"), false); !errors.Is(err, ErrNotFound) {
		t.Errorf("days off for no member: %v", err)
	}
}

func TestDaysOffMergeAndGoWithTheMember(t *testing.T) {
	st, _ := newTestStore(t)
	must[[]sprint.DayOff](t)(st.SetDaysOff("alice", "bob", date(t, "2026-12-22"), date(t, "2026-12-23"), false))
	got := must[[]sprint.DayOff](t)(st.SetDaysOff("alice", "bob", date(t, "2026-12-24"), date(t, "2026-12-31"), false))
	if len(got) != 1 || got[0].From != date(t, "2026-12-22") || got[0].To != date(t, "2026-12-31") {
		t.Fatalf("touching stretches did not merge: %+v", got)
	}
	got = must[[]sprint.DayOff](t)(st.SetDaysOff("alice", "bob", date(t, "2026-12-25"), date(t, "2026-12-28"), true))
	if len(got) != 2 || got[0].To != date(t, "2026-12-24") || got[1].From != date(t, "2026-12-29") {
		t.Fatalf("clearing the middle: %+v", got)
	}
	if cal := must[sprint.Calendar](t)(st.Calendar()); len(cal.DaysOff) != 2 {
		t.Fatalf("calendar %+v", cal)
	}
	if err := st.RemoveMember("alice", "bob"); err != nil {
		t.Fatal(err)
	}
	if cal := must[sprint.Calendar](t)(st.Calendar()); len(cal.DaysOff) != 0 {
		t.Fatalf("a removed member's days off stayed: %+v", cal)
	}
	if problems := must[[]string](t)(st.Check()); len(problems) != 0 {
		t.Fatalf("check: %v", problems)
	}
}

// The export carries the calendar, an import brings it back, and check
// refuses a damaged calendar record.
func TestCalendarTravelsThroughExportAndImport(t *testing.T) {
	st, _ := newTestStore(t)
	must[sprint.Holiday](t)(st.AddHoliday("alice", date(t, "2026-12-25"), "Christmas"))
	must[[]sprint.DayOff](t)(st.SetDaysOff("alice", "bob", date(t, "2026-12-22"), date(t, "2026-12-23"), false))
	var buf bytes.Buffer
	if err := st.ExportJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"holiday/2026-12-25"`) {
		t.Fatalf("the export has no calendar:\n%s", buf.String())
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	if _, err := ImportJSON(bytes.NewReader(buf.Bytes()), dst); err != nil {
		t.Fatal(err)
	}
	cp, err := Open(dst, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	cal := must[sprint.Calendar](t)(cp.Calendar())
	if h, ok := cal.Holiday(date(t, "2026-12-25")); !ok || h.Name != "Christmas" || !cal.Off("bob", date(t, "2026-12-23")) {
		t.Fatalf("imported calendar %+v", cal)
	}

	bad := strings.Replace(buf.String(), `"to":"2026-12-23"`, `"to":"2026-12-21"`, 1)
	if bad == buf.String() {
		t.Fatal("the test did not damage the export")
	}
	if _, err := ImportJSON(strings.NewReader(bad), filepath.Join(t.TempDir(), "bad.db")); err == nil || !strings.Contains(err.Error(), "calendar") {
		t.Fatalf("an import with days off ending before they start: %v", err)
	}
}

// Migration 4 adds the calendar bucket to a file from before it; read-only,
// such a file reads as having no holidays.
func TestMigration4AddsTheCalendar(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huddle.db")
	st, err := Open(path, Options{Create: true, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Bootstrap("alice", "Rocket"); err != nil {
		t.Fatal(err)
	}
	if err := st.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketCalendar); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(4))
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open before the calendar: %v", err)
	}
	if cal := must[sprint.Calendar](t)(ro.Calendar()); !cal.IsZero() {
		t.Fatalf("calendar before migration 5: %+v", cal)
	}
	ro.Close()

	st, err = Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCalendar) == nil {
			return errors.New("no calendar bucket after migrating")
		}
		if v := readSchema(tx); v != SchemaVersion() || v < 4 {
			return errors.New("schema not moved on")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	must[sprint.Holiday](t)(st.AddHoliday("alice", date(t, "2026-12-25"), ""))
}

// A note written on a team holiday belongs to the next working day's
// stand-up, not to a round nobody holds.
func TestNoteDaySkipsTheTeamsHolidays(t *testing.T) {
	st, clk := newTestStore(t)  // Thursday Nov 26
	clk.Advance(24 * time.Hour) // Friday Nov 27
	if d := must[sprint.Date](t)(st.NoteDay()); d != date(t, "2026-11-27") {
		t.Fatalf("a working Friday's note is for %s", d)
	}
	must[sprint.Holiday](t)(st.AddHoliday("alice", date(t, "2026-11-27"), "Day after Thanksgiving"))
	if d := must[sprint.Date](t)(st.NoteDay()); d != date(t, "2026-11-30") {
		t.Fatalf("a note written on the holiday is for %s, want Monday Nov 30", d)
	}
}
