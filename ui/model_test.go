package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

func TestNumberKeysAndTabSwitchScreens(t *testing.T) {
	t.Parallel()
	m := newModel(t, demoStore(t), "alice", 80, 24)
	if got := m.ActiveTitle(); got != "Backlog" {
		t.Fatalf("starts on %q, want the backlog", got)
	}
	for _, tc := range []struct {
		key  string
		want int
	}{
		{"1", 0}, {"3", 2}, {"5", 4}, {"2", 1}, {"4", 3}, {"6", 5},
		{"shift+tab", 4}, {"tab", 5}, {"tab", 0}, {"tab", 1},
		{"shift+tab", 0}, {"shift+tab", 5},
	} {
		press(t, m, tc.key)
		if m.Active() != tc.want {
			t.Fatalf("after %q the active screen is %d, want %d", tc.key, m.Active(), tc.want)
		}
		title := m.screens[tc.want].Title()
		if !strings.Contains(m.View(), "["+string(rune('1'+tc.want))+" "+title+"]") {
			t.Errorf("after %q the tab %q is not marked active:\n%s", tc.key, title, m.View())
		}
	}
}

func TestQuestionMarkTogglesFullHelp(t *testing.T) {
	t.Parallel()
	m := newModel(t, demoStore(t), "alice", 80, 24)
	short := m.View()
	if strings.Contains(short, "previous screen") {
		t.Fatal("the short help already shows every key")
	}
	for _, closer := range []string{"?", "esc"} {
		press(t, m, "?")
		if !m.helpOpen() || !strings.Contains(m.View(), "previous screen") || !strings.Contains(m.View(), "page down") {
			t.Fatalf("? did not open the full help:\n%s", m.View())
		}
		assertFits(t, m.View(), 80, 24)
		press(t, m, closer)
		if m.helpOpen() || m.View() != short {
			t.Fatalf("%s did not close the full help", closer)
		}
	}
}

func TestQuitKeys(t *testing.T) {
	t.Parallel()
	m := newModel(t, demoStore(t), "alice", 80, 24)
	for _, k := range []string{"q", "ctrl+c"} {
		if !pressQuits(t, m, k) {
			t.Fatalf("%s does not quit", k)
		}
	}
}

func TestWindowSizeFlowsToEveryScreen(t *testing.T) {
	t.Parallel()
	m := newModel(t, demoStore(t), "alice", 80, 24)
	send(t, m, tea.WindowSizeMsg{Width: 132, Height: 43})
	for _, s := range m.screens {
		c := commonOf(s)
		if c.Width != 132 || c.Height != 43-chromeLines-1 {
			t.Errorf("%s got %dx%d, want 132x%d", s.Title(), c.Width, c.Height, 43-chromeLines-1)
		}
	}
	assertFits(t, m.View(), 132, 43)
}

func TestFilterNarrowsTheBacklog(t *testing.T) {
	t.Parallel()
	m := newModel(t, demoStore(t), "alice", 80, 24)
	b := m.screens[screenBacklog].(*backlogScreen)
	all := len(b.shown)

	press(t, m, "/", "s", "s", "h")
	if !b.Capturing() || b.Filter() != "ssh" {
		t.Fatalf("typing after / gave filter %q (capturing %v)", b.Filter(), b.Capturing())
	}
	if len(b.shown) == 0 || len(b.shown) >= all {
		t.Fatalf("filter ssh shows %d of %d stories", len(b.shown), all)
	}
	for _, i := range b.shown[:3] {
		if st := b.stories[i]; !hasLabel(st, "ssh") {
			t.Errorf("%s %q is among the best matches for ssh", st.Ref(), st.Title)
		}
	}
	if v := m.View(); !strings.Contains(v, "SSH server with per-key identity") || strings.Contains(v, "Dark and light themes") {
		t.Errorf("the view does not show the filtered list:\n%s", v)
	}

	// While typing, q and digits are text, not commands.
	press(t, m, "q", "2")
	if b.Filter() != "sshq2" || m.Active() != int(screenBacklog) {
		t.Fatalf("q and 2 while typing: filter %q, screen %d", b.Filter(), m.Active())
	}
	press(t, m, "backspace", "backspace")

	// enter keeps the filter and gives the keys back; esc clears it.
	press(t, m, "enter")
	if b.Capturing() || b.Filter() != "ssh" {
		t.Fatalf("enter: capturing %v, filter %q", b.Capturing(), b.Filter())
	}
	press(t, m, "j")
	if sel, _ := b.Selected(); sel.ID != b.stories[b.shown[1]].ID {
		t.Errorf("j in a filtered list selected %s", sel.Ref())
	}
	press(t, m, "esc")
	if b.Filter() != "" || len(b.shown) != all {
		t.Fatalf("esc left filter %q with %d of %d stories", b.Filter(), len(b.shown), all)
	}

	// esc while typing clears too; a filter nothing matches says so.
	press(t, m, "/", "z", "z", "z", "x")
	if len(b.shown) != 0 || !strings.Contains(m.View(), `No story matches "zzzx"`) {
		t.Fatalf("no-match state missing:\n%s", m.View())
	}
	press(t, m, "esc")
	if b.Capturing() || len(b.shown) != all {
		t.Fatal("esc while typing did not clear the filter")
	}
}

func TestFilterMatchesIDsAndCJK(t *testing.T) {
	t.Parallel()
	m := newModel(t, demoStore(t), "alice", 80, 24)
	b := m.screens[screenBacklog].(*backlogScreen)
	press(t, m, "/", "S", "-", "1", "7")
	if sel, ok := b.Selected(); !ok || sel.ID != 17 {
		t.Errorf("S-17 selects %v", sel.Ref())
	}
	press(t, m, "esc", "/")
	send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("新用户")})
	if len(b.shown) != 1 || !strings.HasPrefix(b.stories[b.shown[0]].Title, "新用户") {
		t.Errorf("新用户 shows %d stories", len(b.shown))
	}
	assertFits(t, m.View(), 80, 24)
}

func hasLabel(st backlog.Story, l string) bool {
	for _, x := range st.Labels {
		if x == l {
			return true
		}
	}
	return false
}

func TestBacklogSelectionScrolls(t *testing.T) {
	t.Parallel()
	m := newModel(t, demoStore(t), "alice", 80, 24)
	b := m.screens[screenBacklog].(*backlogScreen)
	last := b.stories[len(b.stories)-1]
	if strings.Contains(m.View(), last.Title) {
		t.Fatal("the demo backlog fits the screen; the test needs it to scroll")
	}
	press(t, m, "G")
	if sel, _ := b.Selected(); sel.ID != last.ID || !strings.Contains(m.View(), "> "+last.Ref()) {
		t.Fatalf("G did not select and show the last story:\n%s", m.View())
	}
	press(t, m, "g")
	for range len(b.stories) + 3 {
		press(t, m, "j")
	}
	if sel, _ := b.Selected(); sel.ID != last.ID {
		t.Fatalf("j past the end selected %s", sel.Ref())
	}
	press(t, m, "up")
	if sel, _ := b.Selected(); sel.ID != b.stories[len(b.stories)-2].ID || !strings.Contains(m.View(), "> "+sel.Ref()) {
		t.Fatalf("up selected %s", sel.Ref())
	}
	assertFits(t, m.View(), 80, 24)
}

func TestBacklogMarksUnestimatedAndSums(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	for _, in := range []store.StoryInput{
		{Title: "Five", Points: 5},
		{Title: "Unknown", Points: backlog.Unestimated},
		{Title: "Eight", Points: 8, Labels: []string{"ux"}},
	} {
		must[backlog.Story](t)(st.AddStory("alice", in))
	}
	m := newModel(t, st, "alice", 80, 24)
	v := m.View()
	if !strings.Contains(v, "3 stories · 13 points · 1 unestimated") {
		t.Errorf("summary missing:\n%s", v)
	}
	row := lineWith(v, "Unknown")
	if !strings.Contains(row, "  ?  ") {
		t.Errorf("unestimated story row %q shows no ?", row)
	}
}

func lineWith(view, s string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestVisionQuarterKeys(t *testing.T) {
	t.Parallel()
	m := newModel(t, demoStore(t), "alice", 80, 24)
	press(t, m, "1")
	if !strings.Contains(m.View(), "2026-Q1 (this quarter)") || !strings.Contains(m.View(), "Run every ceremony inside huddle") {
		t.Fatalf("vision screen:\n%s", m.View())
	}
	press(t, m, "]")
	if v := m.View(); !strings.Contains(v, "2026-Q2") || !strings.Contains(v, "Open the SSH server to every team") || strings.Contains(v, "Run every ceremony") {
		t.Fatalf("] did not show the next quarter:\n%s", v)
	}
	press(t, m, "[", "[")
	if v := m.View(); !strings.Contains(v, "No objectives for 2025-Q4") {
		t.Fatalf("[ [ did not show the empty quarter before:\n%s", v)
	}
	press(t, m, "t")
	if !strings.Contains(m.View(), "2026-Q1 (this quarter)") {
		t.Fatal("t did not come back to this quarter")
	}
}

func TestRetroHidesOthersCardsWhileWriting(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	for actor, c := range map[string]struct{ mine, others, hiddenCol string }{
		"alice": {"The new board keeps the", "Too many tasks were estimated", "+ 2 by others (hidden)"},
		"bob":   {"Too many tasks were estimated", "The new board keeps", "+ 1 by others (hidden)"},
	} {
		m := newModel(t, st, actor, 100, 30)
		press(t, m, "5")
		v := m.View()
		if !strings.Contains(v, c.mine) || strings.Contains(v, c.others) || !strings.Contains(v, c.hiddenCol) {
			t.Errorf("%s sees:\n%s", actor, v)
		}
		if strings.Contains(v, "新用户引导的文案改了三次") {
			t.Errorf("%s sees carol's card", actor)
		}
	}
}

func TestRetroSprintKeys(t *testing.T) {
	t.Parallel()
	m := newModel(t, demoStore(t), "alice", 100, 30)
	press(t, m, "5")
	if !strings.Contains(m.View(), "Retro of #2") {
		t.Fatalf("retro does not start on the active sprint:\n%s", m.View())
	}
	press(t, m, "[")
	v := m.View()
	if !strings.Contains(v, "Retro of #1") || !strings.Contains(v, "Cache Go modules in CI") || !strings.Contains(v, "bob · open") {
		t.Fatalf("[ did not show sprint 1 with its action:\n%s", v)
	}
	press(t, m, "[")
	if !strings.Contains(m.View(), "Retro of #1") {
		t.Fatal("[ went past the first sprint")
	}
	press(t, m, "]", "]")
	if !strings.Contains(m.View(), "Retro of #2") {
		t.Fatal("] did not come back to sprint 2")
	}
}

func TestSprintScreenWithoutActiveSprint(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	s := must[backlog.Story](t)(st.AddStory("alice", store.StoryInput{Title: "First story", Points: 3}))
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", store.NewSprint{Goal: "Get going", Start: sprint.NewDate(2026, 3, 16), End: sprint.NewDate(2026, 3, 27)}))
	ctx, stop := context.WithCancel(t.Context())
	m := newModelCtx(t, ctx, st, "alice", 80, 24)
	press(t, m, "3", "v") // a sprint being planned opens on the Plan view; v shows the board
	if v := m.View(); !strings.Contains(v, "#1 Sprint 1 · planning") || !strings.Contains(v, "starts Mar 16") || !strings.Contains(v, "No tasks in #1 yet") {
		t.Fatalf("planning sprint not shown:\n%s", v)
	}
	check(t, st.AddStoryToSprint("alice", sp.ID, s.ID))
	must[sprint.Task](t)(st.AddTask("alice", s.ID, "Do the thing", 4))
	stop() // so that the relay's next wait returns
	send(t, m, eventMsg{N: 1})
	if v := m.View(); !strings.Contains(v, "T-1 Do the thing") || !strings.Contains(v, "4h left") {
		t.Fatalf("board did not reload:\n%s", v)
	}
	if !strings.Contains(m.View(), "no active sprint") {
		t.Error("header does not say no sprint is active")
	}
}

func TestEventReloadsShownScreenAndMarksOthersStale(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 100, 30)
	press(t, m, "1")
	must[backlog.Story](t)(st.AddStory("alice", store.StoryInput{Title: "Arrived while away", Points: 1}))

	// Deliver the event without running the relay's next wait.
	_, cmd := m.Update(eventMsg{N: 1})
	if cmd == nil {
		t.Fatal("an event started no reload")
	}
	for id := range numScreens {
		if want := id != screenVision; m.stale[id] != want {
			t.Errorf("screen %d stale = %v, want %v", id, m.stale[id], want)
		}
	}
	press(t, m, "2")
	if !strings.Contains(m.View(), "Arrived while away") {
		t.Fatalf("the backlog did not reload when shown:\n%s", m.View())
	}
	if m.stale[screenBacklog] {
		t.Error("the backlog is still marked stale")
	}
}

func TestOldLoadIsIgnored(t *testing.T) {
	t.Parallel()
	m := newModel(t, demoStore(t), "alice", 80, 24)
	b := m.screens[screenBacklog].(*backlogScreen)
	n := len(b.stories)
	send(t, m, backlogMsg{gen: b.gen - 1, stories: nil})
	if len(b.stories) != n {
		t.Fatal("a load older than the latest replaced the backlog")
	}
}

// Notes written for any day since the last round are the next round's
// answers: a note filed for Thursday, with no round since, shows on Monday,
// and the header counts it like the body shows it.
func TestStandupNotesWrittenAheadShowAtTheNextRound(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	y, td := "wrote the store", "the UI"
	_, err := st.SaveNote("alice", sprint.NewDate(2026, 3, 5), store.NoteInput{Yesterday: &y, Today: &td})
	check(t, err)
	m := newModel(t, st, "alice", 80, 24)
	press(t, m, "4")
	v := m.View()
	if !strings.Contains(v, "Mon Mar 9 (today)") || !strings.Contains(v, "1 of 1 wrote notes") || !strings.Contains(v, "wrote the store") {
		t.Fatalf("the answers written ahead are not today's:\n%s", v)
	}
}

func TestHeaderNamesTheViewer(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	for actor, want := range map[string]string{
		"alice":   "you: alice (lead)",
		"Bob":     "you: bob (member)",
		"dave":    "you: dave (guest)",
		"mallory": "you: mallory (not a member)",
	} {
		m := newModel(t, st, actor, 80, 24)
		header := strings.Split(m.View(), "\n")[0]
		if !strings.HasSuffix(header, want) || !strings.Contains(header, "#2 Sprint 2 · day 6 of 10") {
			t.Errorf("header for %s is %q", actor, header)
		}
	}
}

func TestNewDayReloads(t *testing.T) {
	t.Parallel()
	m := newModel(t, demoStore(t), "alice", 80, 24)
	_, cmd := m.Update(newDayMsg{})
	if cmd == nil {
		t.Fatal("a new day started no reload")
	}
	for id := range numScreens {
		if want := id != screenBacklog; m.stale[id] != want {
			t.Errorf("screen %d stale = %v, want %v", id, m.stale[id], want)
		}
	}
}
