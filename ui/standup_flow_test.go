package ui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"huddle/sprint"
	"huddle/store"
)

func typeKey(tm *teatest.TestModel, k string) {
	switch k {
	case "enter":
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	case " ":
		tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	default:
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
	}
}

// TestFlowStandupRound runs a whole round in a real program on a fake clock:
// the lead opens it, marks someone absent, walks through the speakers while
// the one-second tick redraws the countdown from the stored start time, and
// ends it; the summary is what every session then sees.
func TestFlowStandupRound(t *testing.T) {
	t.Parallel()
	st, clk := clockStore(t)
	timers := clk.Timers()
	tm := teatest.NewTestModel(t, New(t.Context(), st, "alice", asciiRenderer(), WithTimers(timers)), teatest.WithInitialTermSize(80, 24))
	timers.SendTo(tm)
	// advance moves the clock once the round's tick is booked: the tick then
	// redraws the countdown at the new time.
	advance := func(d time.Duration) {
		timers.Await(func(msg tea.Msg) bool { _, ok := msg.(standupTickMsg); return ok })
		clk.Advance(d)
	}
	waitFor(t, tm, "Cache Go modules in CI")
	typeKey(tm, "4")
	waitFor(t, tm, "Press `s` to open")
	typeKey(tm, "s")
	waitFor(t, tm, "Roll call", "5 of 5 present")
	typeKey(tm, "j")
	typeKey(tm, "a")
	waitFor(t, tm, "4 of 5 present")
	typeKey(tm, "enter")
	waitFor(t, tm, "3:45 left", "speaker 1 of 4")

	// The tick redraws the countdown as the (manual) clock moves.
	advance(3*time.Minute + 10*time.Second)
	waitFor(t, tm, "0:35 left", "last 20%")
	advance(time.Minute)
	waitFor(t, tm, "OVER by 0:25")
	typeKey(tm, "n")
	waitFor(t, tm, "speaker 2 of 4", "3:45 left")

	// Another session (the CLI, say) pauses the round: this screen follows.
	day := sprint.DateOf(st.Now())
	if _, err := st.StepStandup("alice", day, store.RoundPause, ""); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "PAUSED")
	clk.Advance(5 * time.Minute)
	typeKey(tm, " ")
	waitFor(t, tm, "3:45 left")
	typeKey(tm, "s")
	waitFor(t, tm, "speaker 3 of 4")
	clk.Advance(time.Minute)
	typeKey(tm, "n")
	waitFor(t, tm, "speaker 4 of 4")
	clk.Advance(2 * time.Minute)
	typeKey(tm, "n")
	waitFor(t, tm, "Summary", "3 spoke, 1 skipped, 1 absent", "+0:25 over")
	typeKey(tm, "q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	if final.ActiveTitle() != "Stand-up" {
		t.Errorf("ended on %q", final.ActiveTitle())
	}
	su, _, err := st.Standup(day)
	if err != nil || su.Status != sprint.StandupEnded {
		t.Fatalf("round %v %v", su.Status, err)
	}
	if sum := su.Summarize(st.Now()); sum.Total != 4*time.Minute+10*time.Second+time.Minute+2*time.Minute {
		t.Errorf("total %v: the pause must not count", sum.Total)
	}
}

// BenchmarkStandupTick is one second of a running round: the tick's Update
// plus the View it causes, for the stand-up screen alone ("screen") and for
// the whole session around it, header, tabs and footer included ("session").
// Demo team, 5 speakers, at 80x24 and 120x40.
func BenchmarkStandupTick(b *testing.B) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, whole := range []bool{false, true} {
			name := "screen"
			if whole {
				name = "session"
			}
			b.Run(sizeName(name, size[0], size[1]), func(b *testing.B) {
				st, clk := clockStore(b)
				day := sprint.DateOf(st.Now())
				if _, _, err := st.StartStandup("alice", day, nil); err != nil {
					b.Fatal(err)
				}
				if _, err := st.StepStandup("alice", day, store.RoundNext, ""); err != nil {
					b.Fatal(err)
				}
				m := newRoundModel(b, st, clk, "alice", size[0], size[1])
				press(b, m, "4")
				s := standupOf(m)
				if !s.ticking {
					b.Fatal("the running round's clock does not tick")
				}
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					clk.Advance(time.Second)
					if whole {
						m.Update(standupTickMsg{gen: s.tickGen})
						_ = m.View()
					} else {
						s.Update(standupTickMsg{gen: s.tickGen})
						_ = s.View()
					}
				}
			})
		}
	}
}
