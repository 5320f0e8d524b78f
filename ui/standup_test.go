package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/internal/uitest"
)

// clockStore is demoStore's team on a manual clock: the demo is built at
// testNow, then the file is reopened with the clock, which the screens' timers
// run on too (newRoundModel).
func clockStore(t testing.TB) (*store.Store, *uitest.Clock) {
	t.Helper()
	st := demoStore(t)
	path := st.Path()
	check(t, st.Close())
	clk := uitest.NewClock(testNow())
	st, err := store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "dan"}))
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "eve", Name: "伊芙"}))
	return st, clk
}

// newRoundModel is newModel on the store's manual clock: the tests of the
// round move time with clk.Advance, which delivers the round's ticks.
func newRoundModel(t testing.TB, st *store.Store, clk *uitest.Clock, actor string, w, h int) *Model {
	t.Helper()
	return newModelOn(t, t.Context(), st, clk, actor, w, h)
}

func standupOf(m *Model) *standupScreen { return m.screens[screenStandup].(*standupScreen) }

func roundOf(t testing.TB, st *store.Store) sprint.Standup {
	t.Helper()
	su, found, err := st.Standup(sprint.DateOf(st.Now()))
	if err != nil || !found {
		t.Fatalf("no round: %v", err)
	}
	return su
}

func TestStandupRoundOnScreen(t *testing.T) {
	t.Parallel()
	st, clk := clockStore(t)
	m := newRoundModel(t, st, clk, "alice", 80, 24)
	press(t, m, "4", "s")
	su := roundOf(t, st)
	if su.Status != sprint.StandupReady || len(su.Turns) != 5 {
		t.Fatalf("start: %+v", su)
	}
	view := m.View()
	for _, want := range []string{"Roll call", "5 of 5 present", "3:00 each", "enter"} {
		if !strings.Contains(view, want) {
			t.Errorf("roll call lacks %q:\n%s", want, view)
		}
	}
	// Mark the second speaker absent, move the fourth up, begin.
	second := su.Turns[1].Member
	press(t, m, "j", "a")
	su = roundOf(t, st)
	if !su.Turns[1].Absent() || su.Timebox() != 225*time.Second {
		t.Fatalf("absent: %+v timebox %v", su.Turns, su.Timebox())
	}
	fourth := su.Turns[3].Member
	press(t, m, "j", "j", "K")
	if su = roundOf(t, st); su.Turns[2].Member != fourth {
		t.Errorf("move up: %v", su.Turns)
	}
	press(t, m, "enter")
	su = roundOf(t, st)
	first, ok := su.Speaker()
	if !ok || su.Status != sprint.StandupRunning {
		t.Fatalf("begin: %+v", su)
	}
	if !strings.Contains(m.View(), "3:45 left") {
		t.Errorf("countdown:\n%s", m.View())
	}
	// The clock runs: 3 minutes later the countdown warns, then goes over.
	clk.Advance(3 * time.Minute)
	if v := m.View(); !strings.Contains(v, "last 20%") || !strings.Contains(v, "round 3:00 / 15:00") {
		t.Errorf("warning:\n%s", v)
	}
	clk.Advance(time.Minute)
	if v := m.View(); !strings.Contains(v, "OVER by 0:15") {
		t.Errorf("over:\n%s", v)
	}
	// Pause stops the clock on every screen.
	press(t, m, " ")
	clk.Advance(time.Minute)
	if v := m.View(); !strings.Contains(v, "PAUSED") || !strings.Contains(v, "round 4:00") {
		t.Errorf("paused:\n%s", v)
	}
	press(t, m, " ", "n")
	su = roundOf(t, st)
	if su.Turns[su.Current].Member == first.Member || su.Turns[0].Overrun != 15*time.Second {
		t.Errorf("next: %+v", su.Turns)
	}
	press(t, m, "s")
	su = roundOf(t, st)
	skipped := 0
	for _, tt := range su.Turns {
		if tt.State == sprint.TurnSkipped {
			skipped++
		}
	}
	if skipped != 1 {
		t.Errorf("skip: %+v", su.Turns)
	}
	// The lead edits the speaker's answers in place.
	sp, _ := su.Speaker()
	press(t, m, "e")
	if !standupOf(m).Capturing() {
		t.Fatal("the answers form did not open")
	}
	press(t, m, "tab", "Pair on T-9", "ctrl+s")
	if standupOf(m).Capturing() {
		t.Fatalf("the form stayed open:\n%s", m.View())
	}
	notes := must[[]sprint.Note](t)(st.Notes(sprint.DateOf(st.Now())))
	found := false
	for _, n := range notes {
		if n.Member == sp.Member && strings.HasSuffix(n.Today, "Pair on T-9") {
			found = true
		}
	}
	if !found {
		t.Errorf("answers not saved for %s: %+v", sp.Member, notes)
	}
	// A latecomer comes back at the end.
	press(t, m, "L", "enter")
	su = roundOf(t, st)
	if last := su.Turns[len(su.Turns)-1]; last.Member != second || !last.Late {
		t.Errorf("latecomer: %+v", su.Turns)
	}
	// Park a blocker on a task and flag it in one step.
	press(t, m, "b")
	press(t, m, "Waiting on the API key", "tab")
	pickTask(t, m, "T-3") // the task is picked, not typed
	press(t, m, "tab", "right", "ctrl+s")
	su = roundOf(t, st)
	if len(su.Parking) != 1 {
		t.Fatalf("parking %+v\n%s", su.Parking, m.View())
	}
	if tk := must[sprint.Task](t)(st.Task(3)); tk.Blocked == "" {
		t.Errorf("T-3 not flagged blocked")
	}
	// End (asks first), then the summary is kept.
	press(t, m, "x", "y")
	su = roundOf(t, st)
	if su.Status != sprint.StandupEnded {
		t.Fatalf("end: %v", su.Status)
	}
	v := m.View()
	for _, want := range []string{"Summary", "skipped", "absent", "Parking lot", "+0:15 over"} {
		if !strings.Contains(v, want) {
			t.Errorf("summary lacks %q:\n%s", want, v)
		}
	}
	// The blocker flagged T-3: resolving it asks whether to unblock the task.
	press(t, m, "r")
	if v := m.View(); !strings.Contains(v, "T-3 is still flagged blocked. Unblock it too? (y/n)") {
		t.Fatalf("r does not ask about T-3:\n%s", v)
	}
	press(t, m, "y")
	if su = roundOf(t, st); su.Parking[0].Open() {
		t.Error("r did not resolve the blocker")
	}
	if tk := must[sprint.Task](t)(st.Task(3)); tk.Blocked != "" {
		t.Errorf("T-3 still blocked after y: %q", tk.Blocked)
	}
}

func TestStandupMemberCannotDrive(t *testing.T) {
	t.Parallel()
	st, clk := clockStore(t)
	_, _, err := st.StartStandup("alice", sprint.DateOf(st.Now()), nil)
	check(t, err)
	must[sprint.Standup](t)(st.StepStandup("alice", sprint.DateOf(st.Now()), store.RoundNext, ""))
	m := newRoundModel(t, st, clk, "bob", 80, 24)
	press(t, m, "4", "n", "s", " ", "x")
	su := roundOf(t, st)
	if su.Turns[su.Current].State != sprint.TurnSpeaking || su.Status != sprint.StandupRunning {
		t.Errorf("bob moved the round: %+v", su)
	}
	if v := m.View(); strings.Contains(v, "next speaker") || strings.Contains(v, "skip") {
		t.Errorf("bob is offered the lead's keys:\n%s", v)
	}
}

func TestStandupFormErrorKeepsText(t *testing.T) {
	t.Parallel()
	st, clk := clockStore(t)
	_, _, err := st.StartStandup("alice", sprint.DateOf(st.Now()), nil)
	check(t, err)
	must[sprint.Standup](t)(st.StepStandup("alice", sprint.DateOf(st.Now()), store.RoundNext, ""))
	m := newRoundModel(t, st, clk, "alice", 80, 24)
	press(t, m, "4", "b", "API key", "tab", "T-999", "tab", "right", "ctrl+s") // typed runes never pick a task
	s := standupOf(m)
	if !s.Capturing() || !strings.HasSuffix(s.form.Value(0), "API key") || s.form.Value(1) != "no task" || !strings.Contains(m.View(), "name the task to flag blocked") {
		t.Errorf("the failed save lost the form:\n%s", m.View())
	}
}

func TestStandupGoldens(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		st, clk := clockStore(t)
		day := sprint.DateOf(st.Now())
		m := newRoundModel(t, st, clk, "alice", w, h)
		press(t, m, "4", "s", "j", "a")
		assertGolden(t, sizeName("standup_rollcall", w, h), m.View(), w, h)
		press(t, m, "enter")
		// Someone changes work so "since last stand-up" has something to show.
		must[sprint.Task](t)(st.SetRemaining("bob", 2, 1))
		su := roundOf(t, st)
		for {
			sp, _ := su.Speaker()
			if sp.Member == "bob" {
				break
			}
			su = must[sprint.Standup](t)(st.StepStandup("alice", day, store.RoundNext, ""))
		}
		clk.Advance(2*time.Minute + 30*time.Second)
		_, cmd := m.Update(standupOf(m).Load()())
		run(t, m, cmd)
		assertGolden(t, sizeName("standup_speaking", w, h), m.View(), w, h)
		press(t, m, "e")
		assertGolden(t, sizeName("standup_edit", w, h), m.View(), w, h)
		press(t, m, "esc")
		must[sprint.Blocker](t)(st.ParkBlocker("alice", day, store.ParkInput{Text: "The blocked badge needs the task API merged first", RaisedBy: "bob", Task: 6, Helper: "carol"}))
		must[sprint.Blocker](t)(st.ParkBlocker("eve", day, store.ParkInput{Text: "测试环境的数据库连接经常超时"}))
		press(t, m, "x", "y")
		assertGolden(t, sizeName("standup_summary", w, h), m.View(), w, h)
	}
}

func sizeName(name string, w, h int) string { return fmt.Sprintf("%s_%dx%d", name, w, h) }

func TestStandupBellRingsOnceWhenTimeRunsOut(t *testing.T) {
	t.Parallel()
	st, clk := clockStore(t)
	must[sprint.StandupSettings](t)(st.SetStandupSettings("alice", sprint.StandupSettings{Bell: true, Timebox: time.Minute}))
	day := sprint.DateOf(st.Now())
	_, _, err := st.StartStandup("alice", day, nil)
	check(t, err)
	must[sprint.Standup](t)(st.StepStandup("alice", day, store.RoundNext, ""))
	m := newRoundModel(t, st, clk, "alice", 80, 24)
	press(t, m, "4")
	clk.Advance(50 * time.Second)
	if strings.Contains(m.View(), "\a") {
		t.Fatal("the bell rang with time left")
	}
	clk.Advance(11 * time.Second)
	if strings.Count(m.View(), "\a") != 1 {
		t.Fatalf("no bell when the time ran out:\n%q", m.View())
	}
	clk.Advance(time.Second)
	if strings.Contains(m.View(), "\a") {
		t.Error("the bell rang again for the same speaker")
	}
}

func TestStandupMemberWritesAheadAndBrowsesDays(t *testing.T) {
	t.Parallel()
	st, clk := clockStore(t)
	day := sprint.DateOf(st.Now())
	// Yesterday's round, ended, with a parked blocker.
	clk.Advance(-24 * time.Hour)
	_, _, err := st.StartStandup("alice", day.AddDays(-1), nil)
	check(t, err)
	must[sprint.Standup](t)(st.StepStandup("alice", day.AddDays(-1), store.RoundNext, ""))
	must[sprint.Blocker](t)(st.ParkBlocker("bob", day.AddDays(-1), store.ParkInput{Text: "Staging is down"}))
	must[sprint.Standup](t)(st.StepStandup("alice", day.AddDays(-1), store.RoundEnd, ""))
	clk.Advance(24 * time.Hour)

	m := newRoundModel(t, st, clk, "carol", 80, 24)
	press(t, m, "4", "e", "Drafted the 引导 copy", "tab", "Review with marketing", "ctrl+s")
	n := must[[]sprint.Note](t)(st.Notes(day))
	found := false
	for _, x := range n {
		found = found || (x.Member == "carol" && x.Yesterday == "Drafted the 引导 copy" && x.Today == "Review with marketing")
	}
	if !found {
		t.Fatalf("carol's answers: %+v\n%s", n, m.View())
	}
	if v := m.View(); strings.Contains(v, "start stand-up") {
		t.Errorf("a member is offered the lead's start key:\n%s", v)
	}
	press(t, m, "[")
	v := m.View()
	if !strings.Contains(v, "Summary") || !strings.Contains(v, "Staging is down") || !strings.Contains(v, "Sun Mar 8") {
		t.Fatalf("yesterday's round:\n%s", v)
	}
	press(t, m, "r")
	su, _, _ := st.Standup(day.AddDays(-1))
	if su.Parking[0].Open() || su.Parking[0].ResolvedBy != "carol" {
		t.Errorf("resolve from a past day: %+v", su.Parking)
	}
	press(t, m, "t")
	if !strings.Contains(m.View(), "(today)") {
		t.Errorf("t did not come back to today:\n%s", m.View())
	}
}

// TestStandupLayoutHoldsAtManySizes draws every state of the round, with full
// help and with a form open, at sizes from tiny to wide.
func TestStandupLayoutHoldsAtManySizes(t *testing.T) {
	t.Parallel()
	st, clk := clockStore(t)
	day := sprint.DateOf(st.Now())
	sizes := [][2]int{{80, 24}, {60, 20}, {100, 30}, {120, 40}, {200, 60}, {40, 12}, {20, 6}, {10, 3}, {1, 1}}
	drawAll := func(stage string) {
		t.Helper()
		for _, size := range sizes {
			w, h := size[0], size[1]
			m := newRoundModel(t, st, clk, "alice", w, h)
			press(t, m, "4")
			assertFits(t, m.View(), w, h)
			press(t, m, "?")
			assertFits(t, m.View(), w, h)
			press(t, m, "?", "e")
			assertFits(t, m.View(), w, h)
			press(t, m, "esc")
			if t.Failed() {
				t.Fatalf("%s at %dx%d:\n%s", stage, w, h, m.View())
			}
		}
	}
	drawAll("notes")
	_, _, err := st.StartStandup("alice", day, nil)
	check(t, err)
	drawAll("roll call")
	must[sprint.Standup](t)(st.StepStandup("alice", day, store.RoundNext, ""))
	clk.Advance(20 * time.Minute) // far over, and over budget
	must[sprint.Blocker](t)(st.ParkBlocker("eve", day, store.ParkInput{Text: strings.Repeat("测试环境很慢 ", 30)}))
	drawAll("speaking")
	must[sprint.Standup](t)(st.StepStandup("alice", day, store.RoundEnd, ""))
	drawAll("summary")
}

func TestStandupSettingsForm(t *testing.T) {
	t.Parallel()
	st, clk := clockStore(t)
	m := newRoundModel(t, st, clk, "alice", 80, 24)
	press(t, m, "4", "c")
	s := standupOf(m)
	if !s.Capturing() {
		t.Fatal("c did not open the settings")
	}
	// A bad budget keeps the form open with what was typed.
	for range 5 {
		press(t, m, "backspace")
	}
	press(t, m, "soon", "ctrl+s")
	if !s.Capturing() || s.form.Value(0) != "soon" || !strings.Contains(m.View(), "not a length of time") {
		t.Fatalf("bad budget:\n%s", m.View())
	}
	for range 4 {
		press(t, m, "backspace")
	}
	press(t, m, "10", "tab", "tab", "right", "tab", "right", "ctrl+s")
	if s.Capturing() {
		t.Fatalf("the form stayed open:\n%s", m.View())
	}
	set := must[sprint.StandupSettings](t)(st.StandupSettings())
	if set.Budget != 10*time.Minute || set.Order != sprint.OrderRandom || !set.Bell || set.Timebox != 0 {
		t.Errorf("settings %+v", set)
	}
	// Members do not get the key.
	m = newRoundModel(t, st, clk, "bob", 80, 24)
	press(t, m, "4", "c")
	if standupOf(m).Capturing() {
		t.Error("bob opened the settings")
	}
}

func TestStandupLeftOpenOvernightOnScreen(t *testing.T) {
	t.Parallel()
	st, clk := clockStore(t)
	day := sprint.DateOf(st.Now())
	_, _, err := st.StartStandup("alice", day, nil)
	check(t, err)
	must[sprint.Standup](t)(st.StepStandup("alice", day, store.RoundNext, ""))
	clk.Advance(23 * time.Hour) // 09:00 the next morning
	if _, err := st.StepStandup("alice", day, store.RoundNext, ""); err == nil || !strings.Contains(err.Error(), "left open") {
		t.Errorf("stepping yesterday's round: %v", err)
	}
	m := newRoundModel(t, st, clk, "alice", 80, 24)
	press(t, m, "4")
	v := m.View()
	if !strings.Contains(v, "left open") || !strings.Contains(v, "Mon Mar 9") || strings.Contains(v, "OVER") {
		t.Fatalf("yesterday's open round:\n%s", v)
	}
	press(t, m, "s")
	old, _, _ := st.Standup(day)
	if old.Live() || !old.ClosedLate {
		t.Errorf("yesterday's round was not closed: %v", old.Status)
	}
	if v := m.View(); !strings.Contains(v, "Roll call") || !strings.Contains(v, "Tue Mar 10 (today)") {
		t.Errorf("today's round did not open:\n%s", v)
	}
}

// TestStandupTwoSessionsShowTheSameCountdown: the lead drives the round in one
// session; another session, told by a store event, shows the same speaker and
// the same countdown, computed from the stored start time.
func TestStandupTwoSessionsShowTheSameCountdown(t *testing.T) {
	t.Parallel()
	st, clk := clockStore(t)
	lead := newRoundModel(t, st, clk, "alice", 80, 24)
	// The test relays the lead's changes to the developer's session itself:
	// its own relay ends with its context, so running it never waits.
	ctx, stop := context.WithCancel(t.Context())
	dev := newModelOn(t, ctx, st, clk, "bob", 120, 40)
	stop()
	press(t, dev, "4")
	press(t, lead, "4", "s", "enter")
	relay := func() {
		_, cmd := dev.Update(eventMsg{N: 1})
		run(t, dev, cmd)
	}
	relay()
	clk.Advance(70 * time.Second)
	su := roundOf(t, st)
	sp, _ := su.Speaker()
	for _, v := range []string{lead.View(), dev.View()} {
		if !strings.Contains(v, "1:50 left") || !strings.Contains(v, sp.Member) || !strings.Contains(v, "round 1:10 / 15:00") {
			t.Errorf("session does not show %s with 1:50 left:\n%s", sp.Member, v)
		}
	}
	press(t, lead, "n")
	relay()
	next, _ := roundOf(t, st).Speaker()
	if !strings.Contains(dev.View(), "speaker 2 of 5") || !strings.Contains(dev.View(), next.Member) {
		t.Errorf("the other session did not follow:\n%s", dev.View())
	}
}

func TestStandupOrderPanelDuringTheRound(t *testing.T) {
	t.Parallel()
	st, clk := clockStore(t)
	day := sprint.DateOf(st.Now())
	_, _, err := st.StartStandup("alice", day, nil)
	check(t, err)
	su := must[sprint.Standup](t)(st.StepStandup("alice", day, store.RoundNext, ""))
	m := newRoundModel(t, st, clk, "alice", 80, 24)
	press(t, m, "4", "o")
	if v := m.View(); !strings.Contains(v, "Order · a absent/present") || !strings.Contains(v, "3:00 left") {
		t.Fatalf("order panel:\n%s", v)
	}
	// The second speaker is not here; the last one should go next.
	second, last := su.Turns[1].Member, su.Turns[4].Member
	press(t, m, "j", "a", "j", "j", "j", "K", "K")
	su = roundOf(t, st)
	if !su.Turns[1].Absent() || su.Turns[2].Member != last {
		t.Errorf("order after moves: %+v (absent %s, moved %s)", su.Turns, second, last)
	}
	press(t, m, "esc")
	if standupOf(m).ordering || !strings.Contains(m.View(), "What will I do today?") {
		t.Errorf("esc did not close the panel:\n%s", m.View())
	}
	press(t, m, "n")
	if sp, _ := roundOf(t, st).Speaker(); sp.Member != last {
		t.Errorf("next speaker %s, want %s", sp.Member, last)
	}
}

// pickTask moves the blocker form's task picker to the task ref.
func pickTask(t *testing.T, m *Model, ref string) {
	t.Helper()
	s := standupOf(m)
	for range 50 {
		if strings.HasPrefix(s.form.Value(1), ref+" ") {
			return
		}
		press(t, m, "right")
	}
	t.Fatalf("%s is not among the task picker's choices %v", ref, s.form.fields[1].spec.Choices)
}
