package store

import (
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
)

// z takes back a task edit, a split (both its events, one undo) and a tick;
// the burndown ends where it started; a split whose part someone else has
// changed since is not taken back.
func TestUndoTaskEditSplitAndTick(t *testing.T) {
	st, _ := newTestStore(t)
	today := sprint.DateOf(fixedNow)
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "Sign up", Points: 3, Acceptance: "- two steps\n- fast"}))
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "g", Start: today, End: today.AddDays(13)}))
	check(t, st.AddStoryToSprint("alice", sp.ID, s.ID))
	must[sprint.Task](t)(st.AddTask("alice", s.ID, "Form", 10))
	check(t, st.StartSprint("alice", sp.ID))
	burn := func() (scope, left float64) {
		b := must[sprint.Burndown](t)(st.Burndown(sp.ID, today))
		last := b.Days[len(b.Days)-1]
		return last.ScopeHours, last.RemainingHours
	}

	title, hours := "Sign-up form", 14.0
	must[sprint.Task](t)(st.EditTask("alice", 1, TaskEdit{Title: &title, Hours: &hours}))
	if scope, left := burn(); scope != 14 || left != 14 {
		t.Fatalf("after the edit: scope %g, left %g", scope, left)
	}
	res := must[UndoResult](t)(st.Undo("alice"))
	if tk := must[sprint.Task](t)(st.Task(1)); tk.Title != "Form" || tk.Estimate != 10 || tk.Remaining != 10 || !strings.Contains(res.Message(), "edited T-1") {
		t.Fatalf("after undoing the edit: %+v (%s)", tk, res.Message())
	}

	_, part, err := st.SplitTask("alice", 1, 4, "Form tests")
	check(t, err)
	must[UndoResult](t)(st.Undo("alice"))
	if _, err := st.Task(part.ID); err == nil {
		t.Fatal("the part split off is still there")
	}
	if tk := must[sprint.Task](t)(st.Task(1)); tk.Estimate != 10 || tk.Remaining != 10 {
		t.Fatalf("after undoing the split: %+v", tk)
	}
	if scope, left := burn(); scope != 10 || left != 10 {
		t.Fatalf("after both undos: scope %g, left %g", scope, left)
	}

	must[backlog.Story](t)(st.CheckAcceptance("alice", s.ID, 2, true))
	must[UndoResult](t)(st.Undo("alice"))
	if got := must[backlog.Story](t)(st.Story(s.ID)); len(got.Checked) != 0 {
		t.Fatalf("after undoing the tick: %v", got.Checked)
	}

	// bob claims the part alice split off: her split stays.
	_, part, err = st.SplitTask("alice", 1, 4, "Form tests")
	check(t, err)
	must[sprint.Task](t)(st.ClaimTask("bob", part.ID, ""))
	if _, err := st.Undo("alice"); err == nil || !strings.Contains(err.Error(), "bob changed "+part.Ref()+" since") {
		t.Fatalf("undo of a split whose part bob claimed: %v", err)
	}
}
