package ui

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aymanbagabas/go-udiff"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"
	"huddle/ui/internal/uitest"
)

// The -update flag rewrites testdata/*.golden. teatest's golden package
// already defines it; define it here only when it does not.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

func updateGoldens() bool { return flag.Lookup("update").Value.String() == "true" }

// testNow is the fixed clock of every test: Monday 9 March 2026, day 6 of the
// demo team's sprint 2.
func testNow() time.Time { return time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC) }

// openStore opens a fresh store in a temp dir with the fixed clock and alice as
// the lead of Team Rocket.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "huddle.db"), store.Options{Create: true, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Bootstrap("alice", "Team Rocket"); err != nil {
		t.Fatal(err)
	}
	return st
}

// must fails the test on a store error and returns the value.
func must[T any](t testing.TB) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestMain keeps the demo team's file (demoStore) in a directory it removes
// at the end.
func TestMain(m *testing.M) { os.Exit(runTests(m)) }

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "huddle-ui-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	demoFile.path = filepath.Join(dir, "demo.db")
	return m.Run()
}

// demoFile is demoStore's team, written by the first test that needs it
// (about eighty fsynced writes) and copied by every test after.
var demoFile struct {
	sync.Mutex
	path  string // set by TestMain
	built bool
}

// demoStore opens a copy of a realistic team: a vision, OKRs (one key result
// in Chinese), a backlog long enough to scroll, a closed sprint with a retro
// and an action, and an active sprint 2 on its sixth day with claimed,
// blocked and done tasks, stand-up notes and hidden retro cards.
func demoStore(t testing.TB) *store.Store {
	t.Helper()
	b := func() []byte {
		demoFile.Lock()
		defer demoFile.Unlock()
		if !demoFile.built {
			st := buildDemo(t, filepath.Join(t.TempDir(), "demo.db"))
			must[int64](t)(st.BackupFile(demoFile.path))
			demoFile.built = true
		}
		return must[[]byte](t)(os.ReadFile(demoFile.path))
	}()
	path := filepath.Join(t.TempDir(), "huddle.db")
	check(t, os.WriteFile(path, b, 0o600))
	st, err := store.Open(path, store.Options{Now: testNow})
	check(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

// buildDemo writes demoStore's team to a new file at path.
func buildDemo(t testing.TB, path string) *store.Store {
	t.Helper()
	clk := uitest.NewClock(testNow()) // sprints are planned on their first day (pastSprint)
	st, err := store.Open(path, store.Options{Create: true, Now: clk.Now})
	check(t, err)
	t.Cleanup(func() { st.Close() })
	_, err = st.Bootstrap("alice", "Team Rocket")
	check(t, err)
	const lead = "alice"
	name := "Alice Liddell"
	must[backlog.Member](t)(st.UpdateMember(lead, lead, store.MemberChange{Name: &name}))
	must[backlog.Member](t)(st.AddMember(lead, store.NewMember{Handle: "bob", Name: "Bob Stone"}))
	must[backlog.Member](t)(st.AddMember(lead, store.NewMember{Handle: "carol"}))
	must[backlog.Member](t)(st.AddMember(lead, store.NewMember{Handle: "dave", Role: backlog.RoleGuest}))
	check(t, st.SetVision(lead, "Every team keeps its whole sprint loop in one place and ships what matters most, every two weeks."))

	q := backlog.QuarterOf(testNow())
	o1 := must[backlog.Objective](t)(st.AddObjective(lead, q, "Make new users successful in their first week"))
	kr := must[backlog.KeyResult](t)(st.AddKeyResult(lead, backlog.KeyResult{ObjectiveID: o1.ID, Name: "新用户7日内完成核心功能操作的比例", Unit: "%", Baseline: 30, Target: 50}))
	must[backlog.KeyResult](t)(st.SetKeyResultCurrent(lead, kr.ID, 39))
	kr = must[backlog.KeyResult](t)(st.AddKeyResult(lead, backlog.KeyResult{ObjectiveID: o1.ID, Name: "Time from sign-up to a first sprint board", Unit: "min", Baseline: 45, Target: 10}))
	must[backlog.KeyResult](t)(st.SetKeyResultCurrent(lead, kr.ID, 24))
	o2 := must[backlog.Objective](t)(st.AddObjective(lead, q, "Run every ceremony inside huddle"))
	kr = must[backlog.KeyResult](t)(st.AddKeyResult(lead, backlog.KeyResult{ObjectiveID: o2.ID, Name: "Teams holding their stand-up in huddle", Unit: "teams", Baseline: 0, Target: 20}))
	must[backlog.KeyResult](t)(st.SetKeyResultCurrent(lead, kr.ID, 6))
	must[backlog.Objective](t)(st.AddObjective(lead, q.Shift(1), "Open the SSH server to every team"))

	story := func(title string, points, value int, labels ...string) backlog.Story {
		t.Helper()
		return must[backlog.Story](t)(st.AddStory(lead, store.StoryInput{Title: title, Points: points, Value: value, Labels: labels}))
	}

	// Sprint 1, closed, with its retro.
	skeleton := story("Walking skeleton: store and CLI", 5, 90, "core")
	sp1 := pastSprint(t, st, clk, store.NewSprint{Goal: "A walking skeleton", Start: sprint.NewDate(2026, 2, 16), End: sprint.NewDate(2026, 2, 27)})
	check(t, st.AddStoryToSprint(lead, sp1.ID, skeleton.ID))
	t1 := must[sprint.Task](t)(st.AddTask(lead, skeleton.ID, "bbolt store with migrations", 6))
	check(t, st.StartSprint(lead, sp1.ID))
	must[sprint.Task](t)(st.SetTaskStatus(lead, t1.ID, sprint.TaskDone))
	must[store.CloseResult](t)(st.CloseSprint(lead, sp1.ID))
	card := func(who string, sp, col int, text string) {
		t.Helper()
		_, err := st.AddCard(who, sp, col, text)
		check(t, err)
	}
	card("alice", sp1.ID, 0, "Pairing on the store went fast")
	card("bob", sp1.ID, 1, "CI took twenty minutes per push")
	_, err = st.AddAction(lead, sp1.ID, "Cache Go modules in CI", "bob")
	check(t, err)

	// The backlog.
	onboarding := story("Onboarding checklist for new teams", 5, 80, "onboarding", "ux")
	cjk := story("新用户7日内完成核心功能操作的比例提升：引导流程", 8, 90, "growth")
	blocked := story("Sprint board shows blocked tasks", 3, 60, "board")
	story("Export the backlog as Markdown", backlog.Unestimated, 40, "export")
	story("SSH server with per-key identity", 13, 70, "ssh", "server")
	story("Burndown chart from the event log", backlog.Unestimated, 55, "board", "charts")
	story("Dark and light themes", 2, 20, "ux")
	story("Stand-up countdown per speaker", 5, 65, "standup")
	story("Parking lot for blockers", 3, 45, "standup")
	story("Retro vote budget per member", 2, 35, "retro")
	story("Import stories from a CSV file", 8, 25, "import")
	story("Velocity chart over the last six sprints", 5, 50, "charts")
	story("Guest access for stakeholders at the review", backlog.Unestimated, 30, "review", "ssh")
	story("Backup from the TUI", 1, 15, "ops")
	story("Story detail view with history", 3, 45, "backlog")
	story("Keyboard shortcut cheat sheet", 1, 20, "ux")
	story("Member names from SSH key comments", 2, 25, "ssh")
	story("Quarterly OKR review report", backlog.Unestimated, 40, "okr", "export")
	story("Idle timeout for SSH sessions", 2, 30, "ssh", "ops")

	// Sprint 2, active, day 6 of 10.
	sp2 := pastSprint(t, st, clk, store.NewSprint{Goal: "A new team can plan and run its first sprint in huddle", Start: sprint.NewDate(2026, 3, 2), End: sprint.NewDate(2026, 3, 13)})
	for _, s := range []backlog.Story{onboarding, cjk, blocked} {
		check(t, st.AddStoryToSprint(lead, sp2.ID, s.ID))
	}
	task := func(s backlog.Story, title string, hours float64) sprint.Task {
		t.Helper()
		return must[sprint.Task](t)(st.AddTask(lead, s.ID, title, hours))
	}
	layout := task(onboarding, "Checklist screen layout", 6)
	progress := task(onboarding, "Checklist progress in the store", 4)
	copyTask := task(cjk, "新用户引导流程文案", 5)
	task(cjk, "Measure activation events", 8)
	badge := task(blocked, "Blocked badge on the board", 3)
	widths := task(blocked, "Board column widths at 80 columns", 2)
	task(blocked, "Keyboard navigation between columns", 4)
	check(t, st.StartSprint(lead, sp2.ID))

	must[sprint.Task](t)(st.ClaimTask(lead, layout.ID, "bob"))
	must[sprint.Task](t)(st.SetTaskStatus(lead, layout.ID, sprint.TaskDoing))
	must[sprint.Task](t)(st.SetRemaining(lead, layout.ID, 3))
	must[sprint.Task](t)(st.ClaimTask(lead, progress.ID, "alice"))
	must[sprint.Task](t)(st.SetTaskStatus(lead, progress.ID, sprint.TaskDone))
	must[sprint.Task](t)(st.ClaimTask(lead, copyTask.ID, "carol"))
	must[sprint.Task](t)(st.SetTaskStatus(lead, copyTask.ID, sprint.TaskDoing))
	must[sprint.Task](t)(st.BlockTask(lead, copyTask.ID, "等待市场部确认文案"))
	must[sprint.Task](t)(st.ClaimTask(lead, badge.ID, "bob"))
	must[sprint.Task](t)(st.BlockTask(lead, badge.ID, "needs the task API from T-2 merged first"))
	must[sprint.Task](t)(st.ClaimTask(lead, widths.ID, "alice"))
	must[sprint.Task](t)(st.SetTaskStatus(lead, widths.ID, sprint.TaskDone))

	today := sprint.DateOf(testNow())
	note := func(who, y, td, b string) {
		t.Helper()
		_, err := st.SaveNote(who, today, store.NoteInput{Yesterday: &y, Today: &td, Blocker: &b})
		check(t, err)
	}
	note("alice", "Finished the checklist progress in the store and reviewed T-6", "Pair with bob on the checklist layout", "")
	note("bob", "Checklist screen layout, half done", "Finish the layout, then the blocked badge", "The blocked badge needs the task API merged first")

	card("alice", sp2.ID, 0, "The new board keeps the stand-up short")
	card("bob", sp2.ID, 1, "Too many tasks were estimated above a day")
	card("carol", sp2.ID, 1, "新用户引导的文案改了三次")
	return st
}

// asciiRenderer renders without colour, so golden files are plain text.
func asciiRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return r
}

// newModel builds a sized model for actor and loads every screen, running the
// load commands to completion. Its timers run on a manual clock at testNow
// (clockOf), which moves only when a test advances it.
func newModel(t testing.TB, st *store.Store, actor string, w, h int) *Model {
	t.Helper()
	return newModelOn(t, t.Context(), st, uitest.NewClock(testNow()), actor, w, h)
}

// newModelIn is newModel for a session whose environment asks for lang
// (HUDDLE_LANG, as an SSH client may send it).
func newModelIn(t testing.TB, lang i18n.Lang, st *store.Store, actor string, w, h int) *Model {
	t.Helper()
	env := func(k string) string {
		if k == "HUDDLE_LANG" {
			return string(lang)
		}
		return ""
	}
	return newModelOn(t, t.Context(), st, uitest.NewClock(testNow()), actor, w, h, WithEnv(env))
}

// newModelCtx is newModel with the context that holds the store subscription.
func newModelCtx(t testing.TB, ctx context.Context, st *store.Store, actor string, w, h int) *Model {
	t.Helper()
	return newModelOn(t, ctx, st, uitest.NewClock(testNow()), actor, w, h)
}

// newModelOn is newModel whose timers run on clk (the store's clock too, in
// tests that move time for both).
func newModelOn(t testing.TB, ctx context.Context, st *store.Store, clk *uitest.Clock, actor string, w, h int, opts ...Option) *Model {
	t.Helper()
	timers := clk.Timers()
	m := New(ctx, st, actor, asciiRenderer(), append([]Option{WithTimers(timers)}, opts...)...)
	timers.DeliverTo(t, m)
	send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	cmds := []tea.Cmd{m.loadHeader()}
	for _, s := range m.screens {
		cmds = append(cmds, s.Load())
	}
	run(t, m, tea.Batch(cmds...))
	return m
}

// send delivers msg to the model and runs the commands that follow (uitest.Run).
func send(t testing.TB, m *Model, msg tea.Msg) {
	t.Helper()
	uitest.Send(t, m, msg)
}

// press sends key presses: "j", "up", "tab", "shift+tab", "esc", "enter",
// "ctrl+s" or text.
func press(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	uitest.Press(t, m, keys...)
}

func keyMsg(k string) tea.KeyMsg { return uitest.Key(k) }

// run executes commands the way Bubble Tea would, until none are left
// (uitest.Run).
func run(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	uitest.Run(t, m, cmd)
}

// assertGolden compares a view with testdata/name.golden (rewritten with
// -update), after checking that it fills exactly w x h cells at most.
func assertGolden(t *testing.T, name, view string, w, h int) {
	t.Helper()
	assertFits(t, view, w, h)
	path := filepath.Join("testdata", name+".golden")
	if updateGoldens() {
		check(t, os.MkdirAll("testdata", 0o755))
		check(t, os.WriteFile(path, []byte(view), 0o644))
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -run %s -update to create it)", err, t.Name())
	}
	if string(want) != view {
		t.Errorf("%s differs from the golden file (go test ./ui -update rewrites it):\n%s", name, udiff.Unified(path, "got", string(want), view))
	}
}

// assertFits checks that a view has h lines and no line wider than w cells.
func assertFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, n, w, l)
		}
	}
}

// commonOf reads the context a screen was last given.
func commonOf(s screen) common.Common {
	switch s := s.(type) {
	case *visionScreen:
		return s.c
	case *backlogScreen:
		return s.c
	case *boardScreen:
		return s.c
	case *standupScreen:
		return s.c
	case *retroScreen:
		return s.c
	case *teamScreen:
		return s.c
	}
	panic("unknown screen")
}
