package sprint

import (
	"errors"
	"testing"
	"time"
)

// clock is an injected, settable clock for the round.
type clock struct{ t time.Time }

func (c *clock) now() time.Time       { return c.t }
func (c *clock) tick(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock                { return &clock{t: time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)} }
func states(s Standup) (out []TurnState) {
	for _, t := range s.Turns {
		out = append(out, t.State)
	}
	return out
}

func round(c *clock, absent ...string) Standup {
	return NewStandup(NewDate(2026, 11, 26), 2, []string{"ann", "bo", "cy", "di", "ed"}, absent, StandupSettings{}, c.now())
}

func speaker(t *testing.T, s Standup) string {
	t.Helper()
	sp, ok := s.Speaker()
	if !ok {
		return ""
	}
	return sp.Member
}

func TestStandupTimeboxArithmetic(t *testing.T) {
	c := newClock()
	s := round(c)
	if s.Timebox() != 3*time.Minute {
		t.Errorf("15 min among 5 = %v, want 3m", s.Timebox())
	}
	check(t, s.SetAbsent("bo", true, c.now()))
	check(t, s.SetAbsent("cy", true, c.now()))
	if s.Timebox() != 5*time.Minute {
		t.Errorf("15 min among 3 = %v, want 5m", s.Timebox())
	}
	check(t, s.SetAbsent("ed", true, c.now()))
	if s.Timebox() != 450*time.Second {
		t.Errorf("15 min among 2 = %v, want 7m30s", s.Timebox())
	}
	s = NewStandup(NewDate(2026, 11, 26), 0, []string{"a", "b", "c", "d", "e", "f", "g"}, nil, StandupSettings{}, c.now())
	if s.Timebox() != 128*time.Second { // 900/7 = 128.57s, whole seconds
		t.Errorf("15 min among 7 = %v, want 2m8s", s.Timebox())
	}
	s = NewStandup(NewDate(2026, 11, 26), 0, []string{"a", "b"}, nil, StandupSettings{Timebox: 90 * time.Second, Budget: 10 * time.Minute}, c.now())
	if s.Timebox() != 90*time.Second || s.Budget != 10*time.Minute {
		t.Errorf("fixed timebox %v, budget %v", s.Timebox(), s.Budget)
	}
	// Everyone absent: the timebox is the whole budget, and nobody can begin.
	s = NewStandup(NewDate(2026, 11, 26), 0, []string{"a"}, []string{"a"}, StandupSettings{}, c.now())
	if s.Timebox() != DefaultBudget {
		t.Errorf("nobody present: %v", s.Timebox())
	}
	if err := s.Begin(c.now()); !errors.Is(err, ErrNobodyPresent) {
		t.Errorf("begin with everyone absent: %v", err)
	}
	if err := s.End(c.now()); err != nil || s.Status != StandupEnded {
		t.Errorf("end with everyone absent: %v %v", err, s.Status)
	}
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestStandupRoundStateMachine(t *testing.T) {
	c := newClock()
	s := round(c, "cy")
	if s.Status != StandupReady || speaker(t, s) != "" {
		t.Fatalf("a new round is in roll call: %v %q", s.Status, speaker(t, s))
	}
	if err := s.Skip(c.now()); !errors.Is(err, ErrRoundNotBegun) {
		t.Errorf("skip before the first speaker: %v", err)
	}
	check(t, s.Next(c.now())) // begins
	if speaker(t, s) != "ann" || s.Timebox() != 225*time.Second {
		t.Fatalf("speaker %q timebox %v", speaker(t, s), s.Timebox())
	}
	// ann speaks 3 minutes: 45s left, which is 20% of 3m45s: warning.
	c.tick(3 * time.Minute)
	if r := s.Remaining(c.now()); r != 45*time.Second {
		t.Errorf("remaining %v", r)
	}
	if !s.Warning(c.now()) {
		t.Error("45s of 3m45s left is the last 20%")
	}
	c.tick(time.Minute) // 15s over
	if r := s.Remaining(c.now()); r != -15*time.Second || s.Warning(c.now()) {
		t.Errorf("remaining %v warning %v", r, s.Warning(c.now()))
	}
	check(t, s.Next(c.now()))
	if s.Turns[0].Spoke != 4*time.Minute || s.Turns[0].Overrun != 15*time.Second || s.Turns[0].State != TurnSpoke {
		t.Errorf("ann's turn: %+v", s.Turns[0])
	}
	if speaker(t, s) != "bo" {
		t.Fatalf("next speaker %q", speaker(t, s))
	}
	// Pause for 2 minutes: the clocks stop.
	c.tick(30 * time.Second)
	check(t, s.Pause(c.now()))
	c.tick(2 * time.Minute)
	if r := s.Remaining(c.now()); r != 195*time.Second {
		t.Errorf("paused remaining %v, want 3m15s", r)
	}
	if e := s.Elapsed(c.now()); e != 4*time.Minute+30*time.Second {
		t.Errorf("paused elapsed %v", e)
	}
	check(t, s.Resume(c.now()))
	c.tick(10 * time.Second)
	if r := s.Remaining(c.now()); r != 185*time.Second {
		t.Errorf("resumed remaining %v", r)
	}
	// Skip bo: cy is absent, so di speaks.
	check(t, s.Skip(c.now()))
	if speaker(t, s) != "di" || s.Turns[1].State != TurnSkipped || s.Turns[1].Spoke != 40*time.Second {
		t.Fatalf("after skip: %q %+v", speaker(t, s), s.Turns[1])
	}
	// A latecomer joins at the end; cy arrives after all.
	check(t, s.AddLate("fay", c.now()))
	check(t, s.AddLate("cy", c.now()))
	if n := len(s.Turns); n != 6 || s.Turns[5].Member != "cy" || !s.Turns[5].Late || s.Turns[4].Member != "fay" {
		t.Fatalf("latecomers: %+v", s.Turns)
	}
	if err := s.AddLate("ann", c.now()); err == nil {
		t.Error("ann is already in the round")
	}
	if speaker(t, s) != "di" {
		t.Fatalf("adding latecomers moved the speaker: %q", speaker(t, s))
	}
	// Previous brings bo back; his clock continues from 40s.
	c.tick(20 * time.Second)
	check(t, s.Previous(c.now()))
	if speaker(t, s) != "bo" || s.Remaining(c.now()) != s.Timebox()-40*time.Second {
		t.Errorf("previous: %q remaining %v", speaker(t, s), s.Remaining(c.now()))
	}
	check(t, s.Next(c.now()))
	if speaker(t, s) != "di" {
		t.Errorf("after bo comes di again, got %q", speaker(t, s))
	}
	// Move ed after fay.
	check(t, s.Move("ed", 5, c.now()))
	order := []string{}
	for _, tt := range s.Turns {
		order = append(order, tt.Member)
	}
	if want := "ann bo di fay cy ed"; join(order) != want {
		t.Errorf("order %q, want %q", join(order), want)
	}
	for range 4 {
		c.tick(time.Minute)
		check(t, s.Next(c.now()))
	}
	if s.Status != StandupEnded || speaker(t, s) != "" {
		t.Fatalf("the round did not end after the last speaker: %v %v", s.Status, states(s))
	}
	sum := s.Summarize(c.now())
	if sum.Spoke != 6 || sum.Skipped != 0 || sum.Absent != 0 || sum.Overruns != 1 {
		t.Errorf("summary %+v %v", sum, states(s))
	}
	if err := s.Next(c.now()); !errors.Is(err, ErrRoundEnded) {
		t.Errorf("next after end: %v", err)
	}
	if sum.Total != s.Ended.Sub(s.Started)-2*time.Minute {
		t.Errorf("total %v excludes the pause", sum.Total)
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}

func TestStandupEndRecordsSpeaker(t *testing.T) {
	c := newClock()
	s := round(c)
	check(t, s.Begin(c.now()))
	c.tick(4 * time.Minute)
	check(t, s.End(c.now()))
	if s.Turns[0].Spoke != 4*time.Minute || s.Turns[0].Overrun != time.Minute {
		t.Errorf("ann: %+v", s.Turns[0])
	}
	sum := s.Summarize(c.now())
	if sum.Spoke != 1 || sum.Waiting != 4 || sum.Total != 4*time.Minute {
		t.Errorf("summary %+v", sum)
	}
	if err := s.End(c.now()); !errors.Is(err, ErrRoundEnded) {
		t.Errorf("second end: %v", err)
	}
}

func TestStandupClockJumpsAndOvernight(t *testing.T) {
	c := newClock()
	s := round(c)
	check(t, s.Begin(c.now()))
	c.tick(-10 * time.Minute) // the clock jumps back
	if r := s.Remaining(c.now()); r != s.Timebox() {
		t.Errorf("remaining after a backward jump %v", r)
	}
	if e := s.Elapsed(c.now()); e != 0 {
		t.Errorf("elapsed after a backward jump %v", e)
	}
	check(t, s.Next(c.now()))
	if s.Turns[0].Spoke != 0 {
		t.Errorf("negative speaking time recorded: %v", s.Turns[0].Spoke)
	}
	// Left running overnight: closed with at most the timebox for the speaker.
	c.tick(16 * time.Hour)
	s.CloseStale()
	if s.Status != StandupEnded || !s.ClosedLate || s.Turns[1].Spoke != s.Timebox() {
		t.Errorf("stale close: %v %v %+v", s.Status, s.ClosedLate, s.Turns[1])
	}
}

func TestStandupSpeakerLeavesTeam(t *testing.T) {
	c := newClock()
	s := round(c)
	check(t, s.Begin(c.now()))
	c.tick(time.Minute)
	team := map[string]bool{"bo": true, "cy": true, "di": true, "ed": true} // ann removed
	s.Reconcile(team, c.now())
	if s.Turns[0].State != TurnLeft || speaker(t, s) != "bo" {
		t.Errorf("after ann left: %v speaker %q", states(s), speaker(t, s))
	}
	if s.Present() != 4 {
		t.Errorf("present %d", s.Present())
	}
}

func TestStandupSetAbsentRules(t *testing.T) {
	c := newClock()
	s := round(c)
	check(t, s.Begin(c.now()))
	check(t, s.SetAbsent("ann", true, c.now())) // the speaker was not here after all
	if speaker(t, s) != "bo" || s.Turns[0].State != TurnAbsent {
		t.Errorf("%v %q", states(s), speaker(t, s))
	}
	check(t, s.Next(c.now()))
	if err := s.SetAbsent("bo", true, c.now()); err == nil {
		t.Error("bo has spoken; he cannot be absent")
	}
	if err := s.SetAbsent("zed", true, c.now()); !errors.Is(err, ErrNotInRound) {
		t.Errorf("unknown member: %v", err)
	}
}

func TestSpeakingOrderRandomIsStablePerDay(t *testing.T) {
	h := []string{"a", "b", "c", "d", "e", "f"}
	d := NewDate(2026, 11, 26)
	a, b := SpeakingOrder(h, d, OrderRandom), SpeakingOrder(h, d, OrderRandom)
	if join(a) != join(b) || len(a) != 6 {
		t.Errorf("same day, different orders: %v %v", a, b)
	}
	same := 0
	for i := range 10 {
		if join(SpeakingOrder(h, d.AddDays(i+1), OrderRandom)) == join(a) {
			same++
		}
	}
	if same > 2 {
		t.Errorf("random order repeats %d of 10 days", same)
	}
	if join(SpeakingOrder(h, d, OrderRotate)) != join(RotatedOrder(h, d)) {
		t.Error("rotate is RotatedOrder")
	}
}

func TestStandupSettingsValidate(t *testing.T) {
	for _, bad := range []StandupSettings{
		{Questions: []string{"a", "b"}},
		{Questions: []string{"a", " ", "c"}},
		{Budget: 10 * time.Second},
		{Budget: 2 * time.Hour},
		{Timebox: time.Second},
		{Order: "alphabetical"},
	} {
		if bad.Validate() == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
	if err := (StandupSettings{Questions: []string{"Done?", "Next?", "Stuck?"}, Budget: 10 * time.Minute, Order: OrderRandom}).Validate(); err != nil {
		t.Error(err)
	}
	if FormatClock(-75*time.Second) != "-1:15" || FormatClock(3*time.Minute) != "3:00" {
		t.Error(FormatClock(-75*time.Second), FormatClock(3*time.Minute))
	}
}

func TestSinceLastStandupFromChanges(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 11, 26, h, 0, 0, 0, time.UTC) }
	since, until := at(9), at(20)
	changes := []WorkChange{
		{At: at(8), Member: "bo", Kind: WorkClaimed, Task: 1}, // before the window
		{At: at(10), Member: "bo", Kind: WorkClaimed, Task: 2},
		{At: at(10), Member: "bo", Kind: WorkClaimed, Task: 2}, // counted once
		{At: at(11), Member: "bo", Kind: WorkMoved, Task: 2, To: TaskDoing},
		{At: at(12), Member: "bo", Kind: WorkRemaining, Task: 2, Burned: 3},
		{At: at(13), Member: "bo", Kind: WorkFinished, Task: 2, Burned: 2},
		{At: at(13), Member: "bo", Kind: WorkMoved, Task: 3, To: TaskDoing},
		{At: at(14), Member: "cy", Kind: WorkBlocked, Task: 4, Text: "T-4: waiting on design"},
		{At: at(15), Member: "cy", Kind: WorkRemaining, Task: 4, Burned: -2}, // re-estimated up
		{At: at(21), Member: "di", Kind: WorkFinished, Task: 5},              // after the window
		{At: at(12), Member: "", Kind: WorkClaimed, Task: 6},                 // nobody's
	}
	got := SinceLastStandup(changes, since, until)
	if len(got) != 2 {
		t.Fatalf("members %v", got)
	}
	bo := got["bo"]
	if join(ints(bo.Claimed)) != "2" || join(ints(bo.Finished)) != "2" || join(ints(bo.Moved)) != "3" || bo.Burned != 5 {
		t.Errorf("bo %+v", bo)
	}
	cy := got["cy"]
	if len(cy.Blockers) != 1 || cy.Burned != -2 {
		t.Errorf("cy %+v", cy)
	}
	if len(SinceLastStandup(nil, since, until)) != 0 {
		t.Error("no changes, no activity")
	}
}

func ints(xs []int) []string {
	var out []string
	for _, x := range xs {
		out = append(out, TaskRef(x)[2:])
	}
	return out
}
