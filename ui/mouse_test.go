package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// cellOf is the screen cell where text first shows in the model's view.
func cellOf(t *testing.T, m *Model, text string) (x, y int) {
	t.Helper()
	for y, line := range strings.Split(m.View(), "\n") {
		if i := strings.Index(line, text); i >= 0 {
			return len([]rune(line[:i])), y
		}
	}
	t.Fatalf("%q is not on screen:\n%s", text, m.View())
	return 0, 0
}

func click(t *testing.T, m *Model, x, y int) {
	t.Helper()
	send(t, m, tea.MouseMsg{X: x, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
}

func clickOn(t *testing.T, m *Model, text string) {
	t.Helper()
	x, y := cellOf(t, m, text)
	click(t, m, x+1, y)
}

func wheel(t *testing.T, m *Model, b tea.MouseButton, n int) {
	t.Helper()
	for range n {
		send(t, m, tea.MouseMsg{X: 10, Y: 12, Button: b, Action: tea.MouseActionPress})
	}
}

// TestClickATaskThenClaimIt: a click selects a task on the board (on any line
// of its card), and c then claims the task clicked.
func TestClickATaskThenClaimIt(t *testing.T) {
	st := demoStore(t)
	m := newModel(t, st, "bob", 80, 24)
	press(t, m, "3")
	if !strings.Contains(m.View(), "> T-5 ") {
		t.Fatalf("T-5 is not selected at first:\n%s", m.View())
	}
	clickOn(t, m, "between columns") // the second line of T-8's card
	if !strings.Contains(m.View(), "> T-8 Keyboard") || strings.Contains(m.View(), "> T-5 ") {
		t.Fatalf("the click did not select T-8:\n%s", m.View())
	}
	press(t, m, "c")
	tasks, err := st.Tasks(2)
	check(t, err)
	for _, task := range tasks {
		switch task.ID {
		case 8:
			if task.Owner != "bob" {
				t.Fatalf("T-8 is %q's after c", task.Owner)
			}
		case 5:
			if task.Owner != "" {
				t.Fatalf("T-5 was claimed instead: %q", task.Owner)
			}
		}
	}
	// A click on nothing (the rule under the tabs) changes nothing.
	before := m.View()
	click(t, m, 5, 2)
	if m.View() != before {
		t.Fatal("a click on the rule changed the screen")
	}
}

// TestClickATab switches screens; keys still work as before after it.
func TestClickATab(t *testing.T) {
	st := demoStore(t)
	m := newModel(t, st, "alice", 80, 24)
	clickOn(t, m, "2 Backlog")
	if m.Active() != int(screenBacklog) {
		t.Fatalf("after clicking the Backlog tab the active screen is %d", m.Active())
	}
	clickOn(t, m, "5 Review & Retro")
	if m.Active() != int(screenRetro) {
		t.Fatalf("after clicking the Retro tab: %d", m.Active())
	}
	press(t, m, "1")
	if m.Active() != int(screenVision) {
		t.Fatal("keys stopped working after clicks")
	}
}

// TestWheelScrollsTheBacklog: the wheel moves the selection, and the list
// scrolls when it reaches the bottom.
func TestWheelScrollsTheBacklog(t *testing.T) {
	st := demoStore(t)
	m := newModel(t, st, "alice", 80, 24)
	press(t, m, "2")
	first := m.screens[screenBacklog].(*backlogScreen)
	if first.sel != 0 {
		t.Fatalf("selection starts at %d", first.sel)
	}
	wheel(t, m, tea.MouseButtonWheelDown, 3)
	if first.sel != 3 {
		t.Fatalf("after 3 wheel steps down the selection is %d", first.sel)
	}
	wheel(t, m, tea.MouseButtonWheelUp, 1)
	if first.sel != 2 {
		t.Fatalf("after one wheel step up: %d", first.sel)
	}
	wheel(t, m, tea.MouseButtonWheelDown, len(first.shown)+5)
	if first.offset == 0 || first.sel != len(first.shown)-1 {
		t.Fatalf("wheeling to the end: sel %d of %d, offset %d", first.sel, len(first.shown), first.offset)
	}
	last := first.stories[first.shown[first.sel]].Ref()
	if !strings.Contains(m.View(), "> "+last) {
		t.Fatalf("the last story %s is not on screen, selected:\n%s", last, m.View())
	}
}

// TestDoubleClickOpensAStory: one click selects a story; a second click on it
// soon after opens it, as enter does; two clicks far apart do not.
func TestDoubleClickOpensAStory(t *testing.T) {
	st := demoStore(t)
	m := newModel(t, st, "alice", 80, 24)
	now := testNow()
	m.mouse.now = func() time.Time { return now }
	press(t, m, "2")
	b := m.screens[screenBacklog].(*backlogScreen)
	second := b.stories[b.shown[1]]
	clickOn(t, m, second.Ref()+" ")
	if b.selID != second.ID {
		t.Fatalf("the click selected %d, not %s", b.selID, second.Ref())
	}
	now = now.Add(2 * time.Second) // too slow for a double click
	clickOn(t, m, second.Ref()+" ")
	if b.mode == modeDetail {
		t.Fatal("two slow clicks opened the story")
	}
	now = now.Add(100 * time.Millisecond)
	clickOn(t, m, second.Ref()+" ")
	if b.mode != modeDetail {
		t.Fatalf("a double click did not open %s:\n%s", second.Ref(), m.View())
	}
}

// TestClickAKeyResult selects it on the Vision & OKRs screen; e then edits
// the key result clicked.
func TestClickAKeyResult(t *testing.T) {
	st := demoStore(t)
	m := newModel(t, st, "alice", 80, 24)
	press(t, m, "1")
	clickOn(t, m, "Time from sign-up")
	_, y := cellOf(t, m, "Time from sign-up")
	if line := strings.Split(m.View(), "\n")[y]; !strings.HasPrefix(line, "> ") {
		t.Fatalf("the clicked key result is not selected: %q", line)
	}
	press(t, m, "e")
	if !strings.Contains(m.View(), "Time from sign-up") || !m.screens[screenVision].Capturing() {
		t.Fatalf("e did not open the key result's form:\n%s", m.View())
	}
}

// TestClickARetroCard selects it; e then edits the card clicked.
func TestClickARetroCard(t *testing.T) {
	st := demoStore(t)
	if _, err := st.AddCard("alice", 2, 1, "Stand-ups ran long on Mondays"); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, st, "alice", 80, 24)
	press(t, m, "5")
	if !strings.Contains(m.View(), "> The new board") {
		t.Fatalf("the first card is not selected at first:\n%s", m.View())
	}
	clickOn(t, m, "ran long")
	if !strings.Contains(m.View(), "> Stand-ups ran") || strings.Contains(m.View(), "> The new board") {
		t.Fatalf("the click did not select the second card:\n%s", m.View())
	}
	press(t, m, "e")
	if !m.screens[screenRetro].Capturing() || !strings.Contains(m.View(), "Stand-ups ran long on Mondays") {
		t.Fatalf("e did not open the clicked card:\n%s", m.View())
	}
}

// Every kind of zone a screen marks reads back as its id from the marker,
// the same in every session; anything else is left unmarked.
func TestZoneMarkersSpellTheirIDs(t *testing.T) {
	z := newZones()
	for _, id := range []string{"tab:0", "story:12", "task:7", "card:2:15", "okr:3"} {
		marked := z.Mark(id, "x")
		locs := zoneMarkers(marked, -1)
		if len(locs) != 2 {
			t.Fatalf("%s: markers %v in %q", id, locs, marked)
		}
		got, ok := zoneID(marked[locs[0][2]:locs[0][3]])
		if !ok || got != id {
			t.Fatalf("%s reads back as %q (%v)", id, got, ok)
		}
	}
	for _, id := range []string{"", "task", "task:", "task:x", "card:1:", "wish:3", "task:-1"} {
		if got := z.Mark(id, "x"); got != "x" {
			t.Fatalf("%q marked as %q", id, got)
		}
	}
}
