package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/sprint"
	"huddle/store"
	"huddle/ui/internal/uitest"
)

// boardSession is a session on the board in 256 colours whose store relay
// is stopped: the test hands it the store's events.
func boardSession(t *testing.T, st *store.Store, actor string) *Model {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	clk := uitest.NewClock(testNow())
	timers := clk.Timers()
	m := New(ctx, st, actor, colourRenderer(true), WithTimers(timers))
	timers.DeliverTo(t, m)
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	run(t, m, tea.Batch(m.loadHeader(), m.screens[screenSprint].Load()))
	press(t, m, "3")
	send(t, m, subscriptionClosedMsg{}) // as the new sessions below see it
	return m
}

// A session that kept what it drew (cards, story headings, the sprint's
// summary, the footer, the chrome) and redrew after each change shows exactly
// what a session opened after the change shows.
func TestKeptDrawingsMatchAFreshSession(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	old := boardSession(t, st, "bob")
	first := old.View()
	sp, _, err := st.ActiveSprint()
	check(t, err)
	tasks := must[[]sprint.Task](t)(st.Tasks(sp.ID))
	var open sprint.Task
	for _, tk := range tasks {
		if tk.Owner == "" && tk.Status == sprint.TaskTodo {
			open = tk
		}
	}
	if open.ID == 0 {
		t.Fatal("no unclaimed task in the demo")
	}
	theme := "high-contrast"
	steps := []struct {
		name  string
		write func() error
	}{
		{"claim", func() error { _, err := st.ClaimTask("bob", open.ID, ""); return err }},
		{"hours", func() error { _, err := st.SetRemaining("bob", open.ID, 1.5); return err }},
		{"block", func() error { _, err := st.BlockTask("bob", open.ID, "waiting for the API"); return err }},
		{"theme", func() error {
			_, err := st.UpdateMember("bob", "bob", store.MemberChange{Theme: &theme})
			return err
		}},
		{"unclaim", func() error { _, err := st.UnclaimTask("bob", open.ID); return err }},
	}
	for _, step := range steps {
		check(t, step.write())
		send(t, old, eventMsg{N: 1})
		got, want := old.View(), boardSession(t, st, "bob").View()
		if got != want {
			t.Fatalf("after %s the session that redrew shows:\n%s\na new session shows:\n%s", step.name, got, want)
		}
		if got == first {
			t.Fatalf("after %s the board did not change", step.name)
		}
	}
}

func TestZoneMarkersAgreeWithTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`\x1b\[(\d+(?:;\d+)*)z`)
	for _, s := range []string{"", "plain", "\x1b[1zcard\x1b[1z", "\x1b[z", "\x1b[12;3m", "\x1b[\x1b[3z", "a\x1b[007zb\x1b[45z",
		"\x1b[1m\x1b[2z新\x1b[2z\x1b[0m", "\x1b[9", "\x1b[99", "\x1b[3;12zT\x1b[3;12z", "\x1b[4;0;2z", "\x1b[3;z", "\x1b[;3z", "\x1b[3;;4z",
		"\x1b[3;12", "\x1b[3;1\x1b[2;5z"} {
		want := re.FindAllStringSubmatchIndex(s, -1)
		got := zoneMarkers(s, -1)
		if len(got) != len(want) {
			t.Fatalf("%q: %v, the regexp finds %v", s, got, want)
		}
		for i := range got {
			for j := range 4 {
				if got[i][j] != want[i][j] {
					t.Fatalf("%q: %v, the regexp finds %v", s, got, want)
				}
			}
		}
	}
}

// A new session reads the header and the screen it shows (and the board,
// where it may land); every other screen reads the store when first shown.
func TestInitLoadsTheShownScreensOnly(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the relay returns at once
	clk := uitest.NewClock(testNow())
	timers := clk.Timers()
	m := New(ctx, st, "alice", asciiRenderer(), WithTimers(timers), LandOnBoard())
	timers.DeliverTo(t, m)
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	run(t, m, m.Init())
	if v := m.View(); !strings.Contains(v, "In progress (") {
		t.Fatalf("the session did not land on the board:\n%s", v)
	}
	for _, s := range []screen{m.screens[screenVision], m.screens[screenRetro], m.screens[screenTeam]} {
		if v := s.View(); !strings.Contains(v, "Loading") {
			t.Fatalf("%s was read before it was shown:\n%s", s.Title(), v)
		}
	}
	press(t, m, "1")
	if v := m.View(); strings.Contains(v, "Loading") || !strings.Contains(v, "Every team keeps its whole sprint loop") {
		t.Fatalf("the vision did not load when shown:\n%s", v)
	}
}
