package ui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"
	"huddle/ui/internal/uitest"
)

// onBoard100x30 sizes m to 100x30 and shows it the board.
func onBoard100x30(t *testing.T, m *Model) *Model {
	t.Helper()
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	run(t, m, tea.Batch(m.loadHeader(), m.screens[screenSprint].Load()))
	press(t, m, "3")
	return m
}

// drawnAlone is m's frame with the board drawn by the session itself, none
// of it taken from what other sessions drew.
func drawnAlone(m *Model) string {
	b := m.screens[screenSprint].(*boardScreen)
	b.data.shared, b.drawn, b.cards = nil, boardDrawn{}, nil
	m.viewGen++
	m.cached = cachedView{}
	return m.View()
}

// TestSharedBoardDrawingKeepsEachViewersOwn: sessions showing the same load
// of a board share what is drawn of it (board_cache.go), and each still gets
// exactly the frame it draws on its own: its language, its terminal's colours
// and background, its own selection. The Chinese session draws first, so a
// shared cache keyed on too little would hand its words to the others.
func TestSharedBoardDrawingKeepsEachViewersOwn(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	// A card naming bob: highlighted for bob alone.
	sp, _, err := st.ActiveSprint()
	if err != nil {
		t.Fatal(err)
	}
	tasks, err := st.Tasks(sp.ID)
	if err != nil {
		t.Fatal(err)
	}
	var todo []sprint.Task
	for _, tk := range tasks {
		if tk.Status == sprint.TaskTodo {
			todo = append(todo, tk)
		}
	}
	if len(todo) < 2 {
		t.Fatal("the demo's board has fewer than two tasks to do")
	}
	title := "Pair with @bob on receipts"
	must[sprint.Task](t)(st.EditTask("alice", todo[1].ID, store.TaskEdit{Title: &title}))
	session := func(actor string, lang i18n.Lang, r *lipgloss.Renderer) *Model {
		timers := uitest.NewClock(testNow()).Timers()
		m := New(t.Context(), st, actor, r, WithTimers(timers), WithEnv(envOf("HUDDLE_LANG", string(lang))))
		timers.DeliverTo(t, m)
		return onBoard100x30(t, m)
	}
	sessions := []*Model{
		session("alice", i18n.ZH, colourRenderer(true)),
		session("bob", i18n.EN, colourRenderer(true)),
		session("carol", i18n.EN, colourRenderer(false)),
		session("bob", i18n.EN, asciiRenderer()),
		session("dave", i18n.EN, colourRenderer(true)), // draws like bob
	}
	press(t, sessions[4], "l", "j") // another column and task selected
	board := func(m *Model) *boardScreen { return m.screens[screenSprint].(*boardScreen) }
	shared := board(sessions[0]).data.shared
	if shared == nil {
		t.Fatal("the board's load carries no shared drawing")
	}
	frames := make([]string, len(sessions))
	for i, m := range sessions {
		if board(m).data.shared != shared {
			t.Fatalf("session %d does not share the load of session 0", i)
		}
		frames[i] = m.View()
	}
	n := 0
	for k := range shared.drawn {
		if _, ok := k.(sharedHeadKey); ok {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d heads drawn for 5 sessions in 4 looks and languages, want 4", n)
	}
	for i, m := range sessions {
		goal := m.c.Tr.T("board.goal")
		if !strings.Contains(frames[i], goal) {
			t.Errorf("session %d (%s) does not show its own word for the goal %q:\n%s", i, m.Lang(), goal, frames[i])
		}
		if own := drawnAlone(m); own != frames[i] {
			t.Errorf("session %d's frame from the shared drawing differs from its own:\nshared:\n%s\nown:\n%s", i, frames[i], own)
		}
	}
	mention := sessions[1].c.Styles.Warning.Render("@bob")
	if !strings.Contains(frames[1], mention) || strings.Contains(frames[4], mention) {
		t.Errorf("@bob is highlighted for bob: %v, for dave: %v; want only for bob", strings.Contains(frames[1], mention), strings.Contains(frames[4], mention))
	}
	if frames[1] == frames[3] {
		t.Error("bob in colour and bob on a plain terminal got the same bytes")
	}
}

// TestFitFrameIsFit: the frame joined from chrome, a fitted body and a footer
// comes out as common.Fit would make it, whether the parts fit or not.
func TestFitFrameIsFit(t *testing.T) {
	t.Parallel()
	const w, h = 20, 6
	body := common.Fit("board line one\nline two", w, 2)
	cases := []struct {
		chrome []string
		footer string
	}{
		{[]string{"Team  you: bob", "1 Vision 2 Backlog", "────"}, "q quit"},
		{[]string{"a header far wider than twenty cells", "tabs", "rule"}, "q quit"},
		{[]string{"header", "tabs", "rule"}, "a footer far wider than twenty cells"},
		{[]string{"header", "tabs", "rule"}, "status\nq quit"}, // one line too many
		{[]string{"header", "tabs"}, "q quit"},                 // one line short
		{[]string{"新用户7日内完成核心功能新用户", "tabs", "rule"}, ""},
	}
	for i, c := range cases {
		joined := strings.Join(append(slices.Clone(c.chrome), body, c.footer), "\n")
		if got, want := fitFrame(c.chrome, 2, c.footer, joined, w, h), common.Fit(joined, w, h); got != want {
			t.Errorf("case %d: fitFrame gives\n%q\nFit gives\n%q", i, got, want)
		}
	}
}

// TestSharedBoardBodyKeepsEachSessionsView: sessions that would draw the
// board's body alike (size, selection, scroll, look, language) share one
// drawing of it; every other session draws its own, and each frame is the
// one the session draws alone. A click on the shared body lands on the task
// under it in the session that clicked, whoever drew it.
func TestSharedBoardBodyKeepsEachSessionsView(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	session := func(actor string, w, h int) *Model {
		timers := uitest.NewClock(testNow()).Timers()
		m := New(t.Context(), st, actor, colourRenderer(true), WithTimers(timers))
		timers.DeliverTo(t, m)
		send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		run(t, m, tea.Batch(m.loadHeader(), m.screens[screenSprint].Load()))
		press(t, m, "3")
		return m
	}
	alice, bob := session("alice", 100, 30), session("bob", 100, 30)
	carol, dave, erin := session("carol", 100, 16), session("dave", 100, 30), session("erin", 80, 24)
	frank := session("frank", 100, 30)
	press(t, carol, "j", "j", "j", "j", "j") // down the column, scrolled
	press(t, dave, "f")                      // only dave's tasks
	press(t, frank, "j")                     // the second task selected
	sessions := []*Model{alice, bob, carol, dave, erin, frank}
	board := func(m *Model) *boardScreen { return m.screens[screenSprint].(*boardScreen) }
	if board(carol).offset == ([boardCols]int{}) {
		t.Fatal("carol's column did not scroll; the test needs it to")
	}
	frames := make([]string, len(sessions))
	for i, m := range sessions {
		frames[i] = m.View()
	}
	bodies := 0
	for k := range board(alice).data.shared.drawn {
		if _, ok := k.(boardBodyKey); ok {
			bodies++
		}
	}
	if bodies != 4 { // alice and bob share one; carol's, erin's and frank's are their own; dave's filtered board is not shared
		t.Errorf("%d board bodies drawn for alice, bob, carol, erin, frank; want 4", bodies)
	}
	for i, m := range sessions {
		if own := drawnAlone(m); own != frames[i] {
			t.Errorf("session %d's frame from the shared drawing differs from its own:\nshared:\n%s\nown:\n%s", i, frames[i], own)
		}
	}

	// bob clicks a task of the first column, on the body alice drew.
	fresh := session("bob", 100, 30)
	var target sprint.Task
	for _, tk := range board(fresh).cols[0][1:] {
		if strings.Contains(ansi.Strip(fresh.View()), tk.Ref()+" ") {
			target = tk
			break
		}
	}
	if target.ID == 0 {
		t.Fatal("no task but the selected one shows in the first column")
	}
	for y, line := range strings.Split(ansi.Strip(fresh.View()), "\n") {
		if i := strings.Index(line, target.Ref()+" "); i >= 0 {
			click(t, fresh, ansi.StringWidth(line[:i])+1, y)
			break
		}
	}
	if got, ok := board(fresh).selected(); !ok || got.ID != target.ID {
		t.Fatalf("bob clicked %s and has %s selected", target.Ref(), got.Ref())
	}
}
