package backlog

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestDecksDealTheScaleAndReadCards(t *testing.T) {
	fib := DeckFibonacci.Cards()
	if want := []string{"0", "1", "2", "3", "5", "8", "13", "20", "40", "100", "?", "coffee"}; !slices.Equal(fib, want) {
		t.Fatalf("fibonacci %v", fib)
	}
	if got := DeckTShirt.Cards(); !slices.Equal(got, []string{"XS", "S", "M", "L", "XL", "?", "coffee"}) {
		t.Fatalf("tshirt %v", got)
	}
	for in, want := range map[string]string{" 13 ": "13", "c": "coffee", "?": "?"} {
		if got, err := DeckFibonacci.Card(in); err != nil || got != want {
			t.Errorf("Card(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"4", "XS", "", "-1"} {
		if _, err := DeckFibonacci.Card(bad); err == nil {
			t.Errorf("%q is a card", bad)
		}
	}
	if got, err := DeckTShirt.Card("xl"); err != nil || got != "XL" {
		t.Errorf("xl: %q %v", got, err)
	}
	if _, err := ParseDeck("poker"); err == nil {
		t.Error("poker is a deck")
	}
}

func TestTShirtMapIsATeamSetting(t *testing.T) {
	m, err := ParseTShirtMap("xs=1, S=3,M=5,L=8,XL=13")
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := DeckTShirt.Points("L", m); !ok || p != 8 {
		t.Errorf("L is %d %v", p, ok)
	}
	if p, ok := DeckTShirt.Points("L", nil); !ok || p != DefaultTShirt()["L"] {
		t.Errorf("L by default is %d %v", p, ok)
	}
	if _, ok := DeckTShirt.Points("?", m); ok {
		t.Error("? has points")
	}
	for _, bad := range []string{"XS=1,S=2", "XS=1,S=2,M=4,L=5,XL=8", "XS=5,S=2,M=3,L=5,XL=8", "XS=1,S=2,M=3,L=5,XL=8,XXL=13", "XS"} {
		if _, err := ParseTShirtMap(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if m.String() != "XS=1,S=3,M=5,L=8,XL=13" {
		t.Errorf("String %q", m.String())
	}
}

func TestGuestsCannotVote(t *testing.T) {
	if err := CanVote(Member{Handle: "gus", Role: RoleGuest}); !errors.Is(err, ErrForbidden) {
		t.Errorf("guest: %v", err)
	}
	for _, r := range []Role{RoleLead, RoleMember} {
		if err := CanVote(Member{Handle: "x", Role: r}); err != nil {
			t.Errorf("%s: %v", r, err)
		}
	}
}

func TestRevealWaitsForThePresentOnly(t *testing.T) {
	voter := func(h string) bool { return h != "gus" }
	r := PokerRound{}
	r.AddVoter("ben")
	r.AddVoter("ann")
	r.AddVoter("ben")
	if !slices.Equal(r.Voters, []string{"ann", "ben"}) {
		t.Fatalf("voters %v", r.Voters)
	}
	if r.ShouldReveal([]string{"ann", "ben", "chen", "gus"}, voter) {
		t.Error("revealed while chen, present, has not voted")
	}
	if w := r.Waiting([]string{"ann", "chen", "gus", "chen"}, voter); !slices.Equal(w, []string{"chen"}) {
		t.Errorf("waiting %v", w)
	}
	if !r.ShouldReveal([]string{"ann", "ben", "gus"}, voter) {
		t.Error("not revealed when everyone present voted (the guest does not count)")
	}
	if r.ShouldReveal(nil, voter) || r.ShouldReveal([]string{"gus"}, voter) {
		t.Error("revealed with no voter present: only the lead reveals then")
	}
	r.Revealed = time.Now()
	if r.ShouldReveal([]string{"ann"}, voter) {
		t.Error("revealed twice")
	}
}

func TestSpreadNamesHighAndLowVoters(t *testing.T) {
	r := PokerRound{Deck: DeckFibonacci, Votes: map[string]string{"ben": "13", "chen": "3", "ann": "5", "dee": "5", "eve": "?", "fay": "coffee"}}
	sp := SpreadOf(r)
	if sp.Low != 3 || sp.High != 13 || sp.Estimates != 4 || sp.Agreed || sp.Suggested != 5 {
		t.Fatalf("spread %+v", sp)
	}
	if sp.Explanation != "ben 13, chen 3 — explain" {
		t.Errorf("explanation %q", sp.Explanation)
	}
	if !slices.Equal(sp.Abstained, []string{"eve", "fay"}) {
		t.Errorf("abstained %v", sp.Abstained)
	}
	agreed := SpreadOf(PokerRound{Deck: DeckTShirt, Votes: map[string]string{"a": "M", "b": "M"}})
	if !agreed.Agreed || agreed.Suggested != 3 || agreed.Explanation != "" {
		t.Errorf("agreed %+v", agreed)
	}
	tie := SpreadOf(PokerRound{Deck: DeckFibonacci, Votes: map[string]string{"a": "3", "b": "8"}})
	if tie.Suggested != 8 {
		t.Errorf("a tie suggests %d, want the upper median", tie.Suggested)
	}
	if three := SpreadOf(PokerRound{Deck: DeckFibonacci, Votes: map[string]string{"a": "3", "b": "13", "c": "5"}}); three.Suggested != 5 {
		t.Errorf("3, 5, 13 suggests %d, want the median 5", three.Suggested)
	}
	if none := SpreadOf(PokerRound{Deck: DeckFibonacci, Votes: map[string]string{"a": "?"}}); none.Suggested != Unestimated || none.Agreed {
		t.Errorf("no estimate %+v", none)
	}
	if one := SpreadOf(PokerRound{Deck: DeckFibonacci, Votes: map[string]string{"a": "5", "b": "?"}}); one.Agreed || one.Suggested != 5 {
		t.Errorf("one estimate is not an agreement: %+v", one)
	}
}

func TestSummaryCountsStoriesPointsTimeAndFirstAgreement(t *testing.T) {
	t0 := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	round := func(story, attempt int, votes map[string]string, outcome RoundOutcome, accepted int, mins int) PokerRound {
		start := t0.Add(time.Duration(story*10+attempt) * time.Minute)
		return PokerRound{Story: story, Attempt: attempt, Deck: DeckFibonacci, Votes: votes, Revealed: start, Started: start,
			Ended: start.Add(time.Duration(mins) * time.Minute), Outcome: outcome, Accepted: accepted}
	}
	sum := Summarize([]PokerRound{
		round(1, 1, map[string]string{"a": "3", "b": "8"}, OutcomeRevote, Unestimated, 4),
		round(1, 2, map[string]string{"a": "5", "b": "5"}, OutcomeAccepted, 5, 2),
		round(2, 1, map[string]string{"a": "2", "b": "2"}, OutcomeAccepted, 2, 3),
		round(3, 1, map[string]string{"a": "2", "b": "?"}, OutcomeSkipped, Unestimated, 3),
	}, t0)
	if sum.Stories != 2 || sum.Points != 7 || sum.Rounds != 4 || sum.FirstAgreed != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if sum.Time != 12*time.Minute || sum.PerStory != 6*time.Minute {
		t.Errorf("time %v per story %v", sum.Time, sum.PerStory)
	}
	if sum.AgreementRate() != 0.5 {
		t.Errorf("rate %v", sum.AgreementRate())
	}
}

func TestToEstimateTakesUnestimatedAndReestimateInOrder(t *testing.T) {
	stories := []Story{
		{ID: 1, Points: 3, Status: StatusBacklog},
		{ID: 2, Points: Unestimated, Status: StatusBacklog},
		{ID: 3, Points: 5, Labels: []string{LabelReestimate}, Status: StatusBacklog},
		{ID: 4, Points: Unestimated, Status: StatusPlanned},
		{ID: 5, Points: Unestimated, Status: StatusBacklog},
	}
	if got := ToEstimate(stories, 10); !slices.Equal(got, []int{2, 3, 5}) {
		t.Errorf("got %v", got)
	}
	if got := ToEstimate(stories, 2); !slices.Equal(got, []int{2, 3}) {
		t.Errorf("limit 2: %v", got)
	}
}
