package ui

import (
	"strings"
	"testing"

	"huddle/retro"
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
