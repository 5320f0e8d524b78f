package retro

import (
	"strings"
	"testing"
	"time"
)

func board(p Phase) Board {
	b := NewBoard(1, TemplateWellImprove)
	b.Phase = p
	return b
}

func TestPhaseMachine(t *testing.T) {
	for _, p := range Phases {
		got, err := ParsePhase(strings.ToUpper(string(p)))
		if err != nil || got != p {
			t.Errorf("ParsePhase(%s) = %v, %v", p, got, err)
		}
	}
	if _, err := ParsePhase("lunch"); err == nil {
		t.Error("unknown phase parsed")
	}
	if PhaseWrite.Prev() != PhaseWrite || PhaseVote.Prev() != PhaseGroup {
		t.Error("Prev")
	}
	// Forward always, back only before votes are cast.
	for i, p := range Phases {
		for j, q := range Phases {
			err := p.CanMoveTo(q, true)
			blocked := j < i && i >= PhaseVote.index()
			if (err != nil) != blocked {
				t.Errorf("%s -> %s with votes: %v", p, q, err)
			}
			if err := p.CanMoveTo(q, false); err != nil {
				t.Errorf("%s -> %s without votes: %v", p, q, err)
			}
		}
	}
}

func TestBoardValidate(t *testing.T) {
	b := NewBoard(1, TemplateStartStop)
	if err := b.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []Board{{Template: "x", VoteBudget: 3, MaxPerCard: 2}, {Template: Template4Ls, VoteBudget: 0, MaxPerCard: 1},
		{Template: Template4Ls, VoteBudget: 3, MaxPerCard: 4}, {Template: Template4Ls, VoteBudget: 99, MaxPerCard: 1}} {
		if bad.Validate() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestVoteBudgetAndPerCardMax(t *testing.T) {
	b := board(PhaseVote)
	cards := []Card{{ID: 1, Sprint: 1}, {ID: 2, Sprint: 1}, {ID: 3, Sprint: 1, Merged: 1}}
	vote := func(i int) error {
		if err := b.CanVoteOn(cards, cards[i], "ann"); err != nil {
			return err
		}
		if cards[i].Votes == nil {
			cards[i].Votes = map[string]int{}
		}
		cards[i].Votes["ann"]++
		return nil
	}
	if err := vote(0); err != nil {
		t.Fatal(err)
	}
	if err := vote(0); err != nil {
		t.Fatal(err)
	}
	if err := vote(0); err == nil || !strings.Contains(err.Error(), "at most 2") {
		t.Errorf("third dot on one card: %v", err)
	}
	if err := vote(2); err == nil || !strings.Contains(err.Error(), "grouped") {
		t.Errorf("vote on a grouped card: %v", err)
	}
	if err := vote(1); err != nil {
		t.Fatal(err)
	}
	if b.VotesLeft(cards, "ann") != 0 {
		t.Errorf("left %d", b.VotesLeft(cards, "ann"))
	}
	cards = append(cards, Card{ID: 4, Sprint: 1})
	if err := vote(3); err == nil || !strings.Contains(err.Error(), "no votes left") {
		t.Errorf("fourth dot: %v", err)
	}
	if b.VotesLeft(cards, "ben") != 3 {
		t.Error("ben's budget touched")
	}
	if err := b.CanUnvote(cards[3], "ann"); err == nil {
		t.Error("unvote without a vote")
	}
	if err := b.CanUnvote(cards[0], "ann"); err != nil {
		t.Error(err)
	}
	b.Phase = PhaseDiscuss
	if err := b.CanVote(cards, cards[1], "ben"); err == nil {
		t.Error("voted outside the vote phase")
	}
	if err := b.CanUnvote(cards[0], "ann"); err == nil {
		t.Error("unvoted outside the vote phase")
	}
	if !VotesCast(cards) || VotesCast(cards[3:]) {
		t.Error("VotesCast")
	}
}

func TestCardRules(t *testing.T) {
	mine := Card{ID: 1, Sprint: 1, Author: "ann"}
	for _, p := range []Phase{PhaseWrite, PhaseReveal, PhaseGroup} {
		if err := board(p).CanEditCard(mine, "ann"); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		if err := board(p).CanEditCard(mine, "ben"); err == nil || !strings.Contains(err.Error(), "not yours") {
			t.Errorf("%s: ben edited ann's card: %v", p, err)
		}
	}
	for _, p := range []Phase{PhaseVote, PhaseDiscuss, PhaseActions, PhaseDone} {
		if board(p).CanEditCard(mine, "ann") == nil || board(p).CanWriteCard() == nil {
			t.Errorf("%s: cards still open", p)
		}
	}
	other := Card{ID: 2, Sprint: 1}
	if err := board(PhaseGroup).CanMerge(other, mine); err != nil {
		t.Error(err)
	}
	if board(PhaseReveal).CanMerge(other, mine) == nil || board(PhaseGroup).CanMerge(mine, mine) == nil {
		t.Error("merge outside group or onto itself")
	}
	other.Merged = 1
	if board(PhaseGroup).CanMerge(mine, other) == nil || board(PhaseGroup).CanEditCard(Card{ID: 3, Author: "x", Merged: 1}, "x") == nil {
		t.Error("merge under a grouped card, or edit a grouped one")
	}
}

func TestVisibleHidesOthersWhileWritingAndAuthorsWhenAnonymous(t *testing.T) {
	cards := []Card{
		{ID: 2, Sprint: 1, Author: "ben", Text: "ben's", Votes: map[string]int{"ann": 1}},
		{ID: 1, Sprint: 1, Author: "ann", Text: "ann's"},
		{ID: 3, Sprint: 1, Author: "ann", Text: "grouped", Merged: 2},
		{ID: 4, Sprint: 2, Author: "ann", Text: "other sprint"},
	}
	b := board(PhaseWrite)
	v := Visible(b, cards, "ann")
	if len(v) != 2 || v[0].ID != 1 || v[0].Hidden || !v[0].Mine || !v[1].Hidden || v[1].Text != "" || v[1].Votes != nil {
		t.Fatalf("write phase for ann: %+v", v)
	}
	if nobody := Visible(b, cards, ""); !nobody[0].Hidden || !nobody[1].Hidden {
		t.Errorf("an export in the write phase shows text: %+v", nobody)
	}
	b.Phase = PhaseDiscuss
	v = Visible(b, cards, "ann")
	if v[1].Hidden || v[1].Author != "ben" || len(v[1].Grouped) != 1 || v[1].Grouped[0] != "grouped" {
		t.Errorf("discuss: %+v", v)
	}
	b.Anonymous = true
	for _, viewer := range []string{"", "ann", "ben"} {
		for _, c := range Visible(b, cards, viewer) {
			if c.Author != "" {
				t.Errorf("anonymous board shows %q to %q", c.Author, viewer)
			}
		}
	}
	if cards[0].Author != "ben" || cards[0].Votes["ann"] != 1 {
		t.Error("Visible changed its input")
	}
	ranked := ByVotes(Visible(b, cards, ""))
	if ranked[0].ID != 2 {
		t.Errorf("by votes: %+v", ranked)
	}
}

func TestActionCarryOver(t *testing.T) {
	actions := []Action{
		{ID: 1, Sprint: 1, Status: ActionOpen},
		{ID: 2, Sprint: 1, Status: ActionOpen},
		{ID: 3, Sprint: 2, Status: ActionOpen},
	}
	if got := PendingReview(actions, 2); len(got) != 2 {
		t.Fatalf("retro 2 opens with %+v", got)
	}
	if _, err := Review(actions[2], ActionDone, 2); err == nil {
		t.Error("reviewed an action at its own retro")
	}
	var err error
	if actions[0], err = Review(actions[0], ActionCarried, 2); err != nil {
		t.Fatal(err)
	}
	if actions[0].Due != 3 || actions[0].Reviewed != 2 {
		t.Errorf("carried: %+v", actions[0])
	}
	if actions[1], err = Review(actions[1], ActionDropped, 2); err != nil {
		t.Fatal(err)
	}
	if got := PendingReview(actions, 2); len(got) != 0 {
		t.Errorf("retro 2 still asks about %+v", got)
	}
	if got := ReviewedAt(actions, 2); len(got) != 2 {
		t.Errorf("reviewed at 2: %+v", got)
	}
	// The next retro asks again about the carried one, and about retro 2's own.
	got := PendingReview(actions, 3)
	if len(got) != 2 || got[0].ID != 1 || got[1].ID != 3 {
		t.Errorf("retro 3 opens with %+v", got)
	}
	if _, err := Review(actions[1], ActionDone, 3); err == nil {
		t.Error("a dropped action was reviewed again")
	}
	if _, err := Review(actions[0], "maybe", 3); err == nil {
		t.Error("unknown status accepted")
	}
	if s, err := ParseActionStatus("Carry"); err != nil || s != ActionCarried {
		t.Error("carry")
	}
	if ActionWarning(2) != "" || ActionWarning(3) == "" {
		t.Error("warning")
	}
}

func TestTimer(t *testing.T) {
	b := board(PhaseDiscuss)
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	if _, ok := b.TimerLeft(now); ok {
		t.Error("timer without one set")
	}
	b.TimerMinutes, b.TimerStarted = 5, now
	if left, ok := b.TimerLeft(now.Add(2 * time.Minute)); !ok || left != 3*time.Minute {
		t.Errorf("left %v", left)
	}
}
