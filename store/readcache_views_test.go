package store

import (
	"testing"

	"huddle/retro"
	"huddle/sprint"
)

// Sessions reading the Retro screen at one commit share what every viewer
// sees alike, read once, while each gets its own cards and role: bob's hidden
// card never reaches alice through the shared part. A write gives the next
// reader a fresh read.
func TestRetroViewSharesOnlyWhatEveryViewerSees(t *testing.T) {
	st, _ := newTestStore(t)
	sp, _ := sprintWithTasks(t, st)
	must[retro.Board](t)(st.CreateRetroBoard("alice", sp.ID, BoardSettings{Template: "start-stop"}))
	must[retro.Card](t)(st.AddCard("bob", sp.ID, 0, "Pairing helped"))

	bob := must[RetroView](t)(st.RetroView(sp.ID, "bob"))
	alice := must[RetroView](t)(st.RetroView(sp.ID, "alice"))
	if len(bob.Sprints) == 0 || &bob.Sprints[0] != &alice.Sprints[0] {
		t.Fatal("two viewers at one commit read the sprints twice")
	}
	if len(bob.Cards) != 1 || bob.Cards[0].Text != "Pairing helped" || bob.Cards[0].Hidden {
		t.Fatalf("bob's own card: %+v", bob.Cards)
	}
	if len(alice.Cards) != 1 || !alice.Cards[0].Hidden || alice.Cards[0].Text != "" {
		t.Fatalf("alice sees bob's card before the reveal: %+v", alice.Cards)
	}
	if !alice.Lead || bob.Lead || !bob.Writer {
		t.Fatalf("roles: alice lead %v, bob lead %v writer %v", alice.Lead, bob.Lead, bob.Writer)
	}

	must[retro.Card](t)(st.AddCard("alice", sp.ID, 1, "Shorter demos"))
	again := must[RetroView](t)(st.RetroView(sp.ID, "bob"))
	if &again.Sprints[0] == &bob.Sprints[0] {
		t.Fatal("a read after a write was given the view from before it")
	}
	if len(again.Cards) != 2 || !again.Cards[1].Hidden {
		t.Fatalf("bob after alice's card: %+v", again.Cards)
	}
}

// Every session on the Stand-up screen reads the day once per commit.
func TestStandupDayIsReadOncePerCommit(t *testing.T) {
	st, _ := newTestStore(t)
	sprintWithTasks(t, st)
	a := must[StandupDay](t)(st.StandupDay(sprint.Date{}))
	b := must[StandupDay](t)(st.StandupDay(sprint.Date{}))
	if len(a.Members) == 0 || &a.Members[0] != &b.Members[0] {
		t.Fatal("two readers at one commit read the stand-up twice")
	}
	done := "Shipped the form"
	if _, err := st.SaveNote("bob", sprint.DateOf(fixedNow), NoteInput{Yesterday: &done}); err != nil {
		t.Fatal(err)
	}
	c := must[StandupDay](t)(st.StandupDay(sprint.Date{}))
	if &c.Members[0] == &a.Members[0] || len(c.Notes) != len(a.Notes)+1 {
		t.Fatalf("after a note: shared %v, notes %d -> %d", &c.Members[0] == &a.Members[0], len(a.Notes), len(c.Notes))
	}
}
