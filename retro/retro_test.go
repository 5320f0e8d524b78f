package retro

import "testing"

func TestPhaseOrder(t *testing.T) {
	p := PhaseWrite
	var seen []Phase
	for p != PhaseDone {
		seen = append(seen, p)
		p = p.Next()
	}
	if len(seen) != len(Phases)-1 {
		t.Fatalf("walked %v", seen)
	}
	if PhaseDone.Next() != PhaseDone {
		t.Error("done moved on")
	}
}

func TestCannotGoBackAfterVotes(t *testing.T) {
	if PhaseDiscuss.CanMoveTo(PhaseReveal, true) == nil {
		t.Error("went back after votes")
	}
	if err := PhaseDiscuss.CanMoveTo(PhaseReveal, false); err != nil {
		t.Error(err)
	}
	if PhaseWrite.CanMoveTo("nonsense", false) == nil {
		t.Error("unknown phase accepted")
	}
}

func TestVoteBudget(t *testing.T) {
	b := NewBoard(1, TemplateWellImprove)
	b.Phase = PhaseVote
	cards := []Card{{ID: 1, Votes: map[string]int{"ann": 2}}, {ID: 2, Votes: map[string]int{"ann": 1}}, {ID: 3}}
	if left := b.VotesLeft(cards, "ann"); left != 0 {
		t.Fatalf("votes left = %d", left)
	}
	if b.CanVote(cards, cards[2], "ann") == nil {
		t.Error("voted past budget")
	}
	if b.CanVote(cards, cards[0], "bob") != nil {
		t.Error("bob cannot vote")
	}
	cards[0].Votes["bob"] = 2
	if b.CanVote(cards, cards[0], "bob") == nil {
		t.Error("three dots on one card")
	}
	b.Phase = PhaseDiscuss
	if b.CanVote(cards, cards[2], "bob") == nil {
		t.Error("voted outside vote phase")
	}
}

func TestCardVisibility(t *testing.T) {
	c := Card{Author: "ann"}
	if c.VisibleTo("bob", PhaseWrite) || !c.VisibleTo("ann", PhaseWrite) || !c.VisibleTo("bob", PhaseReveal) {
		t.Error("visibility rules wrong")
	}
}

func TestTemplates(t *testing.T) {
	if got := Template4Ls.Columns(); len(got) != 4 {
		t.Error(got)
	}
	if tp, err := ParseTemplate(""); err != nil || tp != TemplateWellImprove {
		t.Error(tp, err)
	}
	if _, err := ParseTemplate("x"); err == nil {
		t.Error("bad template accepted")
	}
}
