package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

// act presses keys on a model, reloading the Sprint screen after each the way a
// store event would. Commands that do not answer at once (the status line's
// clearing timer, the event relay) are dropped, so the status line stays
// readable.
func act(t *testing.T, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		run(t, m, cmd)
		run(t, m, m.screens[screenSprint].Load())
	}
}

// taskNow reads a task from the store.
func taskNow(t *testing.T, st *store.Store, id int) sprint.Task {
	t.Helper()
	return must[sprint.Task](t)(st.Task(id))
}

func TestBoardClaimMoveHoursBlock(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "carol", 80, 24)
	act(t, m, "3")
	// The first To do task is T-5, unclaimed: one key claims it.
	act(t, m, "c")
	if got := taskNow(t, st, 5); got.Owner != "carol" {
		t.Fatalf("claim: owner %q", got.Owner)
	}
	// T-6 is bob's: the error names him and nothing changes.
	act(t, m, "j", "c")
	if v := m.View(); !strings.Contains(v, "T-6 is bob's; only bob or the lead can claim it") {
		t.Fatalf("no holder in the message:\n%s", v)
	}
	if taskNow(t, st, 6).Owner != "bob" {
		t.Fatal("T-6 changed hands")
	}
	// Move T-5 on to In progress; the selection follows it.
	act(t, m, "k", "m")
	if got := taskNow(t, st, 5); got.Status != sprint.TaskDoing {
		t.Fatalf("move: %s", got.Status)
	}
	if s := m.screens[screenSprint].(*boardScreen); s.col != 1 || s.selID != 5 {
		t.Fatalf("selection did not follow: col %d task %d", s.col, s.selID)
	}
	// Hours left: bad input keeps the form open with its error; good input saves.
	act(t, m, "r", "backspace", "lots", "enter")
	if v := m.View(); !strings.Contains(v, `"lots" is not a number of hours`) || !m.screens[screenSprint].Capturing() {
		t.Fatalf("bad hours:\n%s", v)
	}
	act(t, m, "backspace", "backspace", "backspace", "backspace", "999", "enter")
	if v := m.View(); !strings.Contains(v, "hours must be between 0 and 200") {
		t.Fatalf("absurd hours:\n%s", v)
	}
	act(t, m, "backspace", "backspace", "backspace", "5", "enter")
	if got := taskNow(t, st, 5); got.Remaining != 5 || m.screens[screenSprint].Capturing() {
		t.Fatalf("remaining %g, form open %v", got.Remaining, m.screens[screenSprint].Capturing())
	}
	// Block with a reason, then clear it.
	act(t, m, "b", "waiting for the 设计稿", "enter")
	if got := taskNow(t, st, 5); got.Blocked != "waiting for the 设计稿" {
		t.Fatalf("block %q", got.Blocked)
	}
	if v := m.View(); !strings.Contains(v, "! blocked: waiting for") {
		t.Fatalf("blocked task does not stand out:\n%s", v)
	}
	// b on a blocked task asks first, showing the reason it would drop.
	act(t, m, "b")
	if taskNow(t, st, 5).Blocked == "" {
		t.Fatal("b unblocked without asking")
	}
	if v := m.View(); !strings.Contains(v, "Unblock T-5? It is blocked: waiting for the 设计稿") {
		t.Fatalf("the question does not show the reason:\n%s", v)
	}
	act(t, m, "y")
	if taskNow(t, st, 5).Blocked != "" {
		t.Fatal("unblock")
	}
	// Done sets 0h; moving back reopens with the estimate.
	act(t, m, "m")
	if got := taskNow(t, st, 5); got.Status != sprint.TaskDone || got.Remaining != 0 {
		t.Fatalf("done %+v", got)
	}
	act(t, m, "M")
	if got := taskNow(t, st, 5); got.Status != sprint.TaskDoing || got.Remaining != 8 {
		t.Fatalf("reopened %+v", got)
	}
	// Unclaim.
	act(t, m, "u")
	if taskNow(t, st, 5).Owner != "" {
		t.Fatal("unclaim")
	}
}

func TestBoardMineFilterAndLeadAssigns(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "bob", 80, 24)
	act(t, m, "3", "f")
	v := m.View()
	if !strings.Contains(v, "Only bob's tasks (2)") || strings.Contains(v, "T-5") || !strings.Contains(v, "T-6") {
		t.Fatalf("mine:\n%s", v)
	}
	act(t, m, "f")
	if !strings.Contains(m.View(), "T-5") {
		t.Fatal("f did not show everyone's tasks again")
	}
	// bob is not the lead: assigning to carol is refused.
	// The footer does not offer a; pressed anyway it says why, with no form.
	if strings.Contains(m.View(), "a assign") {
		t.Fatalf("a offered to a member:\n%s", m.View())
	}
	act(t, m, "a")
	if !strings.Contains(m.View(), "only a lead can assign tasks") || m.screens[screenSprint].Capturing() {
		t.Fatalf("member assigned:\n%s", m.View())
	}

	lead := newModel(t, st, "alice", 80, 24)
	act(t, lead, "3", "a", "right", "right", "enter") // alice -> bob -> carol
	if got := taskNow(t, st, 5); got.Owner != "carol" {
		t.Fatalf("assign: %q", got.Owner)
	}
}

func TestPlanPullTaskStartAndClose(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "bob"}))
	for _, title := range []string{"First", "Second", "Third"} {
		must[backlog.Story](t)(st.AddStory("alice", store.StoryInput{Title: title, Points: 3}))
	}
	m := newModel(t, st, "alice", 80, 24)
	act(t, m, "3")
	if !strings.Contains(m.View(), "No sprint yet") {
		t.Fatalf("empty state:\n%s", m.View())
	}
	act(t, m, "n", "enter", "Ship the first story", "enter", "enter", "enter")
	sp := must[sprint.Sprint](t)(st.Sprint(1))
	if sp.Name != "Sprint 1" || sp.Start != sprint.NewDate(2026, 3, 9) || sp.End != sprint.NewDate(2026, 3, 20) {
		t.Fatalf("sprint %+v", sp)
	}
	if v := m.View(); !strings.Contains(v, "[Plan]") || !strings.Contains(v, "Capacity 120h") {
		t.Fatalf("plan view:\n%s", v)
	}
	// Pull the top two stories, put the second back.
	act(t, m, "l", "enter", "enter")
	if n := len(must[[]backlog.Story](t)(st.SprintStories(1))); n != 2 {
		t.Fatalf("%d stories pulled", n)
	}
	act(t, m, "h", "j", "x")
	if n := len(must[[]backlog.Story](t)(st.SprintStories(1))); n != 1 {
		t.Fatalf("%d stories after putting one back", n)
	}
	// Starting without tasks is refused.
	act(t, m, "S", "y")
	if !strings.Contains(m.View(), "has no tasks") {
		t.Fatalf("start without tasks:\n%s", m.View())
	}
	act(t, m, "k", "t", "Write it", "enter", "20", "enter")
	if v := m.View(); !strings.Contains(v, "20h is more than 16h: split it?") {
		t.Fatalf("no split offered for 20h:\n%s", v)
	}
	act(t, m, "enter", "enter", "right", "enter") // no, add it whole
	if tasks := must[[]sprint.Task](t)(st.Tasks(1)); len(tasks) != 1 || tasks[0].Estimate != 20 {
		t.Fatalf("added whole: %+v", tasks)
	}
	act(t, m, "S", "y")
	sp = must[sprint.Sprint](t)(st.Sprint(1))
	if sp.Status != sprint.StatusActive || sp.BaselineHours != 20 {
		t.Fatalf("start %+v", sp)
	}
	act(t, m, "X", "y")
	if v := m.View(); !strings.Contains(v, "#1 closed: 0 points done") || !strings.Contains(v, "back on top of the backlog: S-1") {
		t.Fatalf("close:\n%s", v)
	}
	if top := must[[]backlog.Story](t)(st.Stories(1))[0]; top.ID != 1 || top.Status != backlog.StatusBacklog {
		t.Fatalf("top %+v", top)
	}
}

func TestMemberCannotPlan(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "bob", 80, 24)
	act(t, m, "3", "v", "v", "l", "enter")
	if v := m.View(); !strings.Contains(v, "lead") {
		t.Fatalf("member pulled a story:\n%s", v)
	}
}

// TestFlowPlanStartClaimFinish is the user journey: plan a sprint, start it,
// claim a task, finish it, and see the burndown drop.
func TestFlowPlanStartClaimFinish(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	must[backlog.Story](t)(st.AddStory("alice", store.StoryInput{Title: "Walking skeleton", Points: 5}))
	tm := teatest.NewTestModel(t, New(t.Context(), st, "alice", asciiRenderer()), teatest.WithInitialTermSize(100, 30))
	keys := func(ks ...string) {
		for _, k := range ks {
			tm.Send(keyMsg(k))
		}
	}
	waitFor(t, tm, "Walking skeleton")
	keys("3")
	waitFor(t, tm, "No sprint yet")
	keys("n", "enter", "A skeleton that runs", "enter", "enter", "enter")
	waitFor(t, tm, "[Plan]", "Top of the backlog")
	keys("l", "enter")
	waitFor(t, tm, "no tasks yet")
	keys("h", "t", "Store and CLI", "enter", "8", "enter")
	waitFor(t, tm, "T-1 Store and CLI")
	keys("S", "y")
	waitFor(t, tm, "started")
	keys("v")
	waitFor(t, tm, "8h left of 8h")
	keys("c")
	waitFor(t, tm, "T-1 is yours")
	// The second move waits for the first write's answer: the board shows a
	// move at once, and two moves in flight may commit in either order.
	keys("m")
	waitFor(t, tm, "In progress (1)", "T-1 is In progress")
	keys("m")
	waitFor(t, tm, "Done (1)", "0h left of 8h")
	keys("v")
	waitFor(t, tm, "[Burndown]", "today")
	keys("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	b := must[sprint.Burndown](t)(st.Burndown(1, sprint.DateOf(testNow())))
	if len(b.Days) != 1 || b.BaselineHours != 8 || b.Days[0].RemainingHours != 0 {
		t.Fatalf("burndown %+v", b)
	}
}
