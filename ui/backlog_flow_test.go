package ui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"huddle/backlog"
)

// The lead adds a story, moves it to the top, filters to it, estimates it and
// sees the summary change, in a running program.
func TestFlowBacklogAddMoveFilterEstimate(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	tm := teatest.NewTestModel(t, New(t.Context(), st, "alice", asciiRenderer()), teatest.WithInitialTermSize(100, 30))
	keys := func(ks ...string) {
		for _, k := range ks {
			tm.Send(keyMsg(k))
		}
	}
	typeIn := func(s string) {
		for _, r := range s {
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
	waitFor(t, tm, "20 stories · 63 points · 5 unestimated")

	keys("n")
	waitFor(t, tm, "New story")
	typeIn("Zebra crossing 斑马线")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "added S-22", "21 stories · 63 points · 6 unestimated")

	keys("t")
	waitFor(t, tm, "S-22 moved to the top")

	keys("/")
	typeIn("zebra")
	keys("enter")
	waitFor(t, tm, "1 of 21 stories match · 0 points · 1 unestimated")

	keys("e", "enter", "enter", "enter", "right", "right", "right") // ? -> 0 -> 1 -> 2
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "saved S-22", "1 of 21 stories match · 2 points")

	keys("esc")
	waitFor(t, tm, "21 stories · 65 points · 5 unestimated")
	keys("q")
	tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))

	top := must[[]backlog.Story](t)(st.Stories(1))[0]
	if top.ID != 22 || top.Points != 2 || top.Title != "Zebra crossing 斑马线" {
		t.Fatalf("top of the backlog: %+v", top)
	}
}
