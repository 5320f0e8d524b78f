package store

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"
)

func ptr[T any](v T) *T { return &v }

// lastDay is the burndown's row for today.
func lastDay(t *testing.T, st *Store, spID int, today sprint.Date) sprint.BurndownDay {
	t.Helper()
	b := must[sprint.Burndown](t)(st.Burndown(spID, today))
	if len(b.Days) == 0 {
		t.Fatal("no burndown rows")
	}
	live := must[BoardView](t)(st.BoardView(spID, today, 10))
	if fmt.Sprint(live.Burndown) != fmt.Sprint(b) {
		t.Fatalf("the live board's burndown differs from the log's:\n%v\n%v", live.Burndown, b)
	}
	return b.Days[len(b.Days)-1]
}

func TestEditTaskEstimateAfterStartIsScope(t *testing.T) {
	st, clk := newTestStore(t)
	sp, tasks := sprintWithTasks(t, st) // 6h + 10h, started
	today := sprint.DateOf(fixedNow)
	st.BoardView(sp.ID, today, 10) // a live board exists before the edits
	clk.Advance(time.Hour)
	before := lastDay(t, st, sp.ID, today)
	if before.ScopeHours != 16 || before.RemainingHours != 16 {
		t.Fatalf("before: %+v", before)
	}
	got := must[sprint.Task](t)(st.EditTask("bob", tasks[0].ID, TaskEdit{Title: ptr("Login form"), Hours: ptr(9.0)}))
	if got.Title != "Login form" || got.Estimate != 9 || got.Remaining != 9 {
		t.Fatalf("edited %+v", got)
	}
	day := lastDay(t, st, sp.ID, today)
	if day.ScopeHours != 19 || day.RemainingHours != 19 || day.ScopeChange != 3 {
		t.Fatalf("after +3h: %+v, want scope 19, remaining 19, change +3", day)
	}
	ev := must[[]Event](t)(st.SprintEvents(sp.ID))
	last := ev[len(ev)-1]
	if last.Kind != EventTaskEdited || !strings.Contains(last.Text, `title "Login form", estimate 9h (was 6h)`) {
		t.Fatalf("event %+v", last)
	}
	// Down again below the hours spent: nothing left, never negative.
	must[sprint.Task](t)(st.SetRemaining("bob", tasks[0].ID, 2))
	got = must[sprint.Task](t)(st.EditTask("bob", tasks[0].ID, TaskEdit{Hours: ptr(4.0)}))
	if got.Remaining != 0 || got.Estimate != 4 {
		t.Fatalf("re-estimated below what was spent: %+v", got)
	}
	if day := lastDay(t, st, sp.ID, today); day.ScopeHours != 14 || day.RemainingHours != 10 {
		t.Fatalf("after -5h: %+v, want scope 14, remaining 10", day)
	}
	// Nothing to change, a blank title, and bad hours are refused.
	for _, c := range []struct {
		e    TaskEdit
		want string
	}{{TaskEdit{}, "say what to change"}, {TaskEdit{Title: ptr("  ")}, "cannot be empty"}, {TaskEdit{Hours: ptr(-1.0)}, "between 0"}, {TaskEdit{Hours: ptr(4.0)}, "nothing changed"}} {
		if _, err := st.EditTask("bob", tasks[0].ID, c.e); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.e, err, c.want)
		}
	}
}

func TestEditTaskBeforeStartIsNoScope(t *testing.T) {
	st, _ := newTestStore(t)
	today := sprint.DateOf(fixedNow)
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "s", Points: 3}))
	other := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "o", Points: 2}))
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "g", Start: today, End: today.AddDays(13)}))
	check(t, st.AddStoryToSprint("alice", sp.ID, s.ID))
	tk := must[sprint.Task](t)(st.AddTask("alice", s.ID, "t", 4))
	must[sprint.Task](t)(st.EditTask("alice", tk.ID, TaskEdit{Hours: ptr(8.0)}))
	if _, err := st.EditTask("alice", tk.ID, TaskEdit{Story: ptr(other.ID)}); err == nil || !strings.Contains(err.Error(), "own sprint") {
		t.Fatalf("moved to a story outside the sprint: %v", err)
	}
	check(t, st.AddStoryToSprint("alice", sp.ID, other.ID))
	moved := must[sprint.Task](t)(st.EditTask("alice", tk.ID, TaskEdit{Story: ptr(other.ID)}))
	if moved.Story != other.ID {
		t.Fatalf("story %d, want %d", moved.Story, other.ID)
	}
	check(t, st.StartSprint("alice", sp.ID))
	sp = must[sprint.Sprint](t)(st.Sprint(sp.ID))
	if sp.BaselineHours != 8 {
		t.Fatalf("baseline %v, want the edited 8h", sp.BaselineHours)
	}
	if day := lastDay(t, st, sp.ID, today); day.ScopeChange != 0 || day.ScopeHours != 8 {
		t.Fatalf("an edit before the start counted as scope: %+v", day)
	}
}

func TestSplitTaskKeepsScope(t *testing.T) {
	st, clk := newTestStore(t)
	sp, tasks := sprintWithTasks(t, st)
	today := sprint.DateOf(fixedNow)
	clk.Advance(time.Hour)
	keep, part, err := st.SplitTask("bob", tasks[1].ID, 4, "API tests")
	if err != nil {
		t.Fatal(err)
	}
	if keep.Estimate != 6 || keep.Remaining != 6 || part.Estimate != 4 || part.Remaining != 4 || part.Title != "API tests" || part.Story != tasks[1].Story {
		t.Fatalf("split into %+v and %+v", keep, part)
	}
	if all := must[[]sprint.Task](t)(st.Tasks(sp.ID)); len(all) != 3 {
		t.Fatalf("%d tasks after a split, want 3", len(all))
	}
	if day := lastDay(t, st, sp.ID, today); day.ScopeHours != 16 || day.RemainingHours != 16 || day.ScopeChange != 0 {
		t.Fatalf("a split changed the work: %+v", day)
	}
	_, def, err := st.SplitTask("bob", tasks[0].ID, 2, "")
	if err != nil || def.Title != "Form (part 2)" {
		t.Fatalf("default title %q (%v)", def.Title, err)
	}
	for _, h := range []float64{0, 4, 9} {
		if _, _, err := st.SplitTask("bob", tasks[0].ID, h, ""); err == nil || !strings.Contains(err.Error(), "less than 4h") {
			t.Errorf("split %gh off a 4h task: %v", h, err)
		}
	}
	// Undo takes a split back whole: the part goes, the task gets its hours
	// back (undo_corrections_test.go has more).
	if _, err := st.Undo("bob"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Task(def.ID); err == nil {
		t.Fatal("undo left the part of the split")
	}
	if got := must[sprint.Task](t)(st.Task(tasks[0].ID)); got.Remaining != 6 {
		t.Fatalf("after undo the split task has %gh left, want 6", got.Remaining)
	}
}

func TestTaskCorrectionsRefusedForTheWrongRole(t *testing.T) {
	st, _ := newTestStore(t)
	_, tasks := sprintWithTasks(t, st)
	must[sprint.Task](t)(st.ClaimTask("alice", tasks[0].ID, "alice"))
	if _, err := st.EditTask("bob", tasks[0].ID, TaskEdit{Title: ptr("x")}); err == nil || !strings.Contains(err.Error(), "only alice or the lead can edit") {
		t.Errorf("bob edited alice's task: %v", err)
	}
	if _, _, err := st.SplitTask("bob", tasks[0].ID, 1, ""); err == nil || !strings.Contains(err.Error(), "only alice or the lead can split") {
		t.Errorf("bob split alice's task: %v", err)
	}
	if _, err := st.EditTask("gus", tasks[1].ID, TaskEdit{Title: ptr("x")}); err == nil || !strings.Contains(err.Error(), "guest") {
		t.Errorf("a guest edited a task: %v", err)
	}
	if _, _, err := st.SplitTask("gus", tasks[1].ID, 1, ""); err == nil || !strings.Contains(err.Error(), "guest") {
		t.Errorf("a guest split a task: %v", err)
	}
	// The lead may.
	must[sprint.Task](t)(st.EditTask("alice", tasks[0].ID, TaskEdit{Title: ptr("Form v2")}))
}
