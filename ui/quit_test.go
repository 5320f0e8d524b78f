package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
)

// q asks first while a meeting runs; n stays, y quits.
func TestQuitAsksWhileAStandupRuns(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 100, 30)
	if !pressQuits(t, m, "q") {
		t.Fatal("q did not quit when no meeting runs")
	}
	if _, _, err := st.StartStandup("alice", sprint.DateOf(st.Now()), nil); err != nil {
		t.Fatal(err)
	}
	m = newModel(t, st, "alice", 100, 30)
	if pressQuits(t, m, "q") {
		t.Fatal("q quit in the middle of the stand-up")
	}
	if v := m.View(); !strings.Contains(v, "The stand-up is running") || !strings.Contains(v, "y yes") {
		t.Fatalf("no question on screen:\n%s", v)
	}
	assertFits(t, m.View(), 100, 30)
	if _, cmd := m.Update(keyMsg("n")); cmd != nil && isQuit(cmd) {
		t.Fatal("n quit")
	}
	if strings.Contains(m.View(), "Quit anyway") {
		t.Fatal("question stayed after n")
	}
	pressQuits(t, m, "q")
	if _, cmd := m.Update(keyMsg("y")); cmd == nil || !isQuit(cmd) {
		t.Fatal("y did not quit")
	}
}

// pressQuits sends a key and runs what follows (the store's answer about
// running meetings included); it reports whether the program would quit.
func pressQuits(t *testing.T, m *Model, k string) bool {
	t.Helper()
	_, cmd := m.Update(keyMsg(k))
	for cmd != nil {
		switch msg := cmd().(type) {
		case tea.QuitMsg:
			return true
		case nil:
			return false
		default:
			_, cmd = m.Update(msg)
		}
	}
	return false
}

// q asks while a retro is between its reveal and its end, whichever screen
// and sprint the session shows: the store answers, not the screen.
func TestQuitAsksWhileARetroRunsElsewhere(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	for _, p := range []retro.Phase{retro.PhaseReveal} {
		if _, err := st.SetRetroPhase("alice", 2, p); err != nil {
			t.Fatal(err)
		}
	}
	m := newModel(t, st, "bob", 100, 30)
	press(t, m, "5", "[") // screen 5, browsed to the older sprint
	if pressQuits(t, m, "q") {
		t.Fatal("q quit while the retro runs")
	}
	if v := m.View(); !strings.Contains(v, "#2 retro is running") {
		t.Fatalf("no question:\n%s", v)
	}
	press(t, m, "n")
	if _, err := st.SetRetroPhase("alice", 2, retro.PhaseDone); err != nil {
		t.Fatal(err)
	}
	if !pressQuits(t, m, "q") {
		t.Fatal("q did not quit once the retro was done")
	}
}

func isQuit(cmd tea.Cmd) bool {
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

// Sessions built with LandOnBoard open on the board while a sprint runs, and
// on the backlog for a team without one; a key pressed first wins.
func TestLandOnBoard(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := New(t.Context(), st, "alice", asciiRenderer(), LandOnBoard())
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	run(t, m, m.loadHeader())
	if m.active != screenSprint {
		t.Fatalf("landed on %s, want the board", m.ActiveTitle())
	}

	empty := openStore(t)
	m = New(t.Context(), empty, "alice", asciiRenderer(), LandOnBoard())
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	run(t, m, m.loadHeader())
	if m.active != screenBacklog {
		t.Fatalf("a team without a sprint landed on %s", m.ActiveTitle())
	}

	m = New(t.Context(), st, "alice", asciiRenderer(), LandOnBoard())
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(keyMsg("1"))
	run(t, m, m.loadHeader())
	if m.active != screenVision {
		t.Fatalf("the first key was overridden: on %s", m.ActiveTitle())
	}
}

// A session that lands on the board reads only the board at start: the
// backlog (every story) is read once the header says no sprint is running,
// or when a key pressed first keeps the person on it.
func TestLandingReadsOnlyTheBoard(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	start := func(st *store.Store) *Model {
		m := New(t.Context(), st, "alice", asciiRenderer(), LandOnBoard())
		send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
		_ = m.Init()
		if m.loading[screenBacklog] || !m.stale[screenBacklog] || !m.loading[screenSprint] {
			t.Fatalf("at start: backlog loading %v stale %v, board loading %v", m.loading[screenBacklog], m.stale[screenBacklog], m.loading[screenSprint])
		}
		return m
	}
	m := start(st)
	run(t, m, m.loadHeader())
	if m.active != screenSprint || m.screens[screenBacklog].Loaded() {
		t.Fatalf("landed on %s, backlog read %v", m.ActiveTitle(), m.screens[screenBacklog].Loaded())
	}

	empty := openStore(t)
	m = start(empty)
	run(t, m, m.loadHeader())
	if m.active != screenBacklog || !m.screens[screenBacklog].Loaded() {
		t.Fatalf("no sprint: on %s, backlog read %v", m.ActiveTitle(), m.screens[screenBacklog].Loaded())
	}

	// A key before the header: the backlog loads, the key waits for it and
	// then moves the cursor, and the header no longer moves the person.
	m = start(st)
	_, load := m.Update(keyMsg("j"))
	if load == nil || len(m.keysWaiting) != 1 {
		t.Fatalf("a key before the header: load %v, waiting %d", load != nil, len(m.keysWaiting))
	}
	run(t, m, load)
	run(t, m, m.loadHeader())
	b := m.screens[screenBacklog].(*backlogScreen)
	if m.active != screenBacklog || !b.Loaded() || len(m.keysWaiting) != 0 || b.sel != 1 {
		t.Fatalf("after the key: on %s, loaded %v, waiting %d, row %d", m.ActiveTitle(), b.Loaded(), len(m.keysWaiting), b.sel)
	}
}
