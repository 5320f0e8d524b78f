package ui

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

// TestGoldenSprintViews draws the Plan and Burndown views of the demo team's
// sprint, the board filtered to one person's tasks and a closed sprint.
func TestGoldenSprintViews(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	cases := []struct {
		name string
		keys []string
	}{
		{"sprint_plan", []string{"3", "v", "v"}},
		{"sprint_burndown", []string{"3", "v"}},
		{"sprint_burndown_points", []string{"3", "v", "p"}},
		{"sprint_board_mine", []string{"3", "f"}},
		{"sprint_closed_plan", []string{"3", "[", "v", "v"}},
		{"sprint_closed_burndown", []string{"3", "[", "v"}},
		{"sprint_new_form", []string{"3", "n"}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		for _, tc := range cases {
			name := fmt.Sprintf("%s_%dx%d", tc.name, w, h)
			t.Run(name, func(t *testing.T) {
				m := newModel(t, st, "alice", w, h)
				press(t, m, tc.keys...)
				assertGolden(t, name, m.View(), w, h)
			})
		}
	}
}

// historyStore is a team whose sprint #1 (2-13 March 2026) was run day by
// day: started on Monday, work burned each day, a task added on day 3 (scope
// up), a story taken out on day 4 (scope down), nothing on the weekend. The
// clock ends at testNow, day 6.
func historyStore(t testing.TB) *store.Store {
	t.Helper()
	now := time.Date(2026, 2, 27, 10, 0, 0, 0, time.UTC)
	st, err := store.Open(filepath.Join(t.TempDir(), "huddle.db"), store.Options{Create: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	check(t, func() error { _, err := st.Bootstrap("alice", "Team Rocket"); return err }())
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "bob"}))
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "carol"}))
	story := func(title string, pts int) backlog.Story {
		return must[backlog.Story](t)(st.AddStory("alice", store.StoryInput{Title: title, Points: pts}))
	}
	login := story("Sign in with an SSH key", 5)
	board := story("The board shows blocked tasks", 3)
	export := story("Export the sprint as Markdown", 2)
	story("Velocity chart over six sprints", 5)
	story("新用户引导流程", 8)
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", store.NewSprint{Goal: "A developer signs in and works the board", Start: sprint.NewDate(2026, 3, 2), End: sprint.NewDate(2026, 3, 13)}))
	for _, s := range []backlog.Story{login, board, export} {
		check(t, st.AddStoryToSprint("alice", sp.ID, s.ID))
	}
	task := func(s backlog.Story, title string, h float64) sprint.Task {
		return must[sprint.Task](t)(st.AddTask("alice", s.ID, title, h))
	}
	keys := task(login, "Key lookup in the store", 8)
	auth := task(login, "SSH auth middleware", 12)
	badge := task(board, "Blocked badge", 6)
	task(board, "Column widths at 80 columns", 4)
	task(export, "Markdown writer", 6)
	day := func(d int) { now = time.Date(2026, 3, d, 17, 0, 0, 0, time.UTC) }
	day(2)
	check(t, st.StartSprint("alice", sp.ID)) // 36h
	must[sprint.Task](t)(st.ClaimTask("bob", keys.ID, ""))
	must[sprint.Task](t)(st.SetTaskStatus("bob", keys.ID, sprint.TaskDoing))
	must[sprint.Task](t)(st.SetRemaining("bob", keys.ID, 4))
	day(3)
	must[sprint.Task](t)(st.SetTaskStatus("bob", keys.ID, sprint.TaskDone))
	must[sprint.Task](t)(st.ClaimTask("carol", badge.ID, ""))
	day(4)
	task(board, "Keyboard moves between columns", 6) // scope +6h
	must[sprint.Task](t)(st.SetRemaining("carol", badge.ID, 2))
	day(5)
	check(t, st.RemoveStoryFromSprint("alice", sp.ID, export.ID)) // scope -6h
	must[sprint.Task](t)(st.ClaimTask("bob", auth.ID, ""))
	must[sprint.Task](t)(st.SetRemaining("bob", auth.ID, 8))
	day(9)
	must[sprint.Task](t)(st.SetRemaining("bob", auth.ID, 5))
	must[sprint.Task](t)(st.BlockTask("bob", auth.ID, "waiting for the host key from ops"))
	now = testNow()
	return st
}

func TestGoldenBurndownHistory(t *testing.T) {
	t.Parallel()
	st := historyStore(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		m := newModel(t, st, "bob", w, h)
		press(t, m, "3", "v")
		assertGolden(t, fmt.Sprintf("sprint_burndown_history_%dx%d", w, h), m.View(), w, h)
	}
	b := must[sprint.Burndown](t)(st.Burndown(1, sprint.DateOf(testNow())))
	var left []float64
	for _, d := range b.Days {
		left = append(left, d.RemainingHours)
	}
	if fmt.Sprint(left) != "[32 28 30 20 20 17]" || b.Days[2].ScopeChange != 6 || b.Days[3].ScopeChange != -6 {
		t.Fatalf("burndown %v %+v", left, b.Days)
	}
}

// TestGoldenPlanningSprint draws the plan of a sprint being prepared while
// another runs: capacity with a day off, an over-commit against the velocity,
// a task that needs splitting.
func TestGoldenPlanningSprint(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", store.NewSprint{Goal: "导入与导出 for every team", Start: sprint.NewDate(2026, 3, 16), End: sprint.NewDate(2026, 3, 27)}))
	check(t, st.SetCapacity("alice", sp.ID, "bob", 42))
	top := must[store.Plan](t)(st.SprintPlan(sp.ID, 3)).Backlog
	for _, s := range top[1:3] {
		check(t, st.AddStoryToSprint("alice", sp.ID, s.ID))
	}
	must[sprint.Task](t)(st.AddTask("alice", top[1].ID, "One huge task nobody split", 24))
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		m := newModel(t, st, "alice", w, h)
		press(t, m, "3", "]")
		assertGolden(t, fmt.Sprintf("sprint_planning_%dx%d", w, h), m.View(), w, h)
	}
}
