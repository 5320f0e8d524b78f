package ui

import (
	"errors"
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
)

func TestRetroSelectionFollowsAnEditedCardToItsNewColumn(t *testing.T) {
	t.Parallel()
	st := retroStore(t)
	must[retro.Card](t)(st.AddCard("alice", 1, 0, "Keep demos short"))
	must[retro.Card](t)(st.AddCard("alice", 1, 0, "Standups ran long"))
	must[retro.Card](t)(st.AddCard("alice", 1, 1, "Flaky CI"))
	alice := newModel(t, st, "alice", 100, 30)
	press(t, alice, "5", "j", "e") // card 2, in Went well
	if !strings.Contains(alice.View(), "Edit card 2") {
		t.Fatalf("edit form:\n%s", alice.View())
	}
	press(t, alice, "tab", "right", "ctrl+s") // to To improve
	if c := must[[]retro.Card](t)(st.Cards(1)); c[1].Column != 1 {
		t.Fatalf("card 2 did not move: %+v", c[1])
	}
	press(t, alice, "e") // the selection went with it
	if !strings.Contains(alice.View(), "Edit card 2") {
		t.Fatalf("after the move the selection is elsewhere:\n%s", alice.View())
	}
}

func TestRetroDroppedActionOffersToTakeItsStoryOff(t *testing.T) {
	t.Parallel()
	for _, answer := range []string{"y", "n"} {
		st := retroStore(t)
		a := must[retro.Action](t)(st.AddAction("alice", 1, "Timebox stand-ups", "bob"))
		must[store.CloseResult](t)(st.CloseSprint("alice", 1))
		must[sprint.Sprint](t)(st.CreateSprint("alice", store.NewSprint{Goal: "Next", Start: sprint.NewDate(2026, 3, 16), End: sprint.NewDate(2026, 3, 27)}))
		m := newModel(t, st, "alice", 100, 30)
		press(t, m, "5", "]", "o", "right", "right", "right", "enter") // dropped
		if v := m.View(); !strings.Contains(v, "Take "+backlog.StoryRef(a.Story)+" off the backlog too") {
			t.Fatalf("no question:\n%s", v)
		}
		press(t, m, answer)
		if got := must[[]retro.Action](t)(st.Actions(1)); got[0].Status != retro.ActionDropped {
			t.Fatalf("answer %s: action %+v", answer, got[0])
		}
		story, err := st.Story(a.Story)
		if off := errors.Is(err, store.ErrNotFound); off != (answer == "y") || (!off && story.Status != backlog.StatusBacklog) {
			t.Fatalf("answer %s: the action's story is %+v, %v", answer, story, err)
		}
	}
}
