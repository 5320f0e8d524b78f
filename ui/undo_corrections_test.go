package ui

import (
	"strings"
	"testing"

	"huddle/sprint"
)

// z on the board takes back the task edit and the split made there.
func TestZUndoesTaskEditAndSplit(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "carol", 80, 24)
	act(t, m, "3")
	before := taskNow(t, st, 5) // first in To do, nobody's
	act(t, m, "e", "enter", "backspace", "backspace", "backspace", "backspace", "12", "enter", "enter")
	if got := taskNow(t, st, 5); got.Estimate != 12 {
		t.Fatalf("edited %+v", got)
	}
	act(t, m, "z")
	if got := taskNow(t, st, 5); got.Estimate != before.Estimate || got.Remaining != before.Remaining {
		t.Fatalf("after z: %+v, was %+v\n%s", got, before, m.View())
	}
	if !strings.Contains(m.View(), "undone: carol edited T-5") {
		t.Fatalf("z said:\n%s", m.View())
	}
	n := len(must[[]sprint.Task](t)(st.Tasks(before.Sprint)))
	act(t, m, "s", "enter", "enter")
	if got := len(must[[]sprint.Task](t)(st.Tasks(before.Sprint))); got != n+1 {
		t.Fatalf("split: %d tasks, was %d", got, n)
	}
	act(t, m, "z")
	if got := len(must[[]sprint.Task](t)(st.Tasks(before.Sprint))); got != n {
		t.Fatalf("after z: %d tasks, was %d\n%s", got, n, m.View())
	}
	if got := taskNow(t, st, 5); got.Remaining != before.Remaining {
		t.Fatalf("after z the split task keeps %gh, had %gh", got.Remaining, before.Remaining)
	}
}
