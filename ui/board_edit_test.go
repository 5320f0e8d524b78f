package ui

import (
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
)

// On the board, e edits the selected task, s splits it, d deletes it after a
// question; another member's task is refused with one line and no form.
func TestBoardEditSplitDeleteTask(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "carol", 80, 24)
	act(t, m, "3")
	// T-5 is first in To do, nobody's. Edit its estimate.
	before := taskNow(t, st, 5)
	act(t, m, "e")
	if v := m.View(); !strings.Contains(v, "Edit T-5") || !strings.Contains(v, before.Title) {
		t.Fatalf("edit form:\n%s", v)
	}
	act(t, m, "enter", "backspace", "backspace", "backspace", "backspace", "12", "enter", "enter")
	got := taskNow(t, st, 5)
	if got.Estimate != 12 || got.Remaining != before.Remaining+12-before.Estimate || got.Title != before.Title {
		t.Fatalf("edited %+v (was %+v)", got, before)
	}
	if m.screens[screenSprint].Capturing() {
		t.Fatalf("the form stayed open:\n%s", m.View())
	}
	// Split: the new task takes half of the hours left.
	act(t, m, "s")
	if v := m.View(); !strings.Contains(v, "Split T-5") {
		t.Fatalf("split form:\n%s", v)
	}
	act(t, m, "enter", "enter")
	keep := taskNow(t, st, 5)
	var part sprint.Task
	for _, tk := range must[[]sprint.Task](t)(st.Tasks(keep.Sprint)) {
		if tk.Title == before.Title+" (part 2)" {
			part = tk
		}
	}
	if part.ID == 0 || part.Remaining+keep.Remaining != got.Remaining || part.Remaining != halfHours(got.Remaining) {
		t.Fatalf("split into %+v and %+v from %+v", keep, part, got)
	}
	// Delete asks first; n keeps it, y deletes it.
	act(t, m, "d")
	if v := m.View(); !strings.Contains(v, "Delete T-5") {
		t.Fatalf("delete question:\n%s", v)
	}
	act(t, m, "n")
	taskNow(t, st, 5)
	act(t, m, "d", "y")
	if _, err := st.Task(5); err == nil {
		t.Fatal("T-5 is still there")
	}
	// bob's T-6: each correction says why in one line, no form opens.
	s := m.screens[screenSprint].(*boardScreen)
	s.selID = 6
	s.arrange()
	for _, k := range []string{"e", "s", "d"} {
		act(t, m, k)
		if m.screens[screenSprint].Capturing() || !strings.Contains(m.View(), "T-6 is bob's; only bob or the lead can") {
			t.Fatalf("%s on bob's task:\n%s", k, m.View())
		}
	}
	// X is the lead's, on the board too.
	act(t, m, "X")
	if v := m.View(); m.screens[screenSprint].Capturing() || !strings.Contains(v, "lead") {
		t.Fatalf("X by a member:\n%s", v)
	}
}

// The lead closes the sprint from the board.
func TestBoardCloseByTheLead(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	lead := ""
	for _, mem := range must[[]backlog.Member](t)(st.Members()) {
		if mem.Role.CanLead() {
			lead = mem.Handle
		}
	}
	m := newModel(t, st, lead, 80, 24)
	act(t, m, "3", "X")
	if v := m.View(); !strings.Contains(v, "Close #") {
		t.Fatalf("close question:\n%s", v)
	}
	act(t, m, "y")
	if v := m.View(); !strings.Contains(v, "closed:") {
		t.Fatalf("after close:\n%s", v)
	}
}
