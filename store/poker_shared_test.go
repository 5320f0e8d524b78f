package store

import (
	"slices"
	"testing"
	"time"

	"huddle/backlog"
)

// The round on the table is read once per commit for every viewer; what is
// each viewer's own (their card, whether they may vote), who is present and
// the time spent are still each read's own: no card reaches another viewer,
// and someone joining without any commit shows at once.
func TestPokerSharedAtOneCommitKeepsEachViewersOwn(t *testing.T) {
	st, clk, vs, list := pokerTeam(t, 2)
	leave := []func(){st.Join("alice"), st.Join("bob"), st.Join(vs[0])}
	defer func() {
		for _, l := range leave {
			l()
		}
	}()
	must[backlog.PokerSession](t)(st.PokerStart("alice", PokerStartInput{Stories: []int{list[0].ID}}))
	must[backlog.PokerRound](t)(st.PokerVote("bob", 0, "3"))
	must[backlog.PokerRound](t)(st.PokerVote(vs[0], 0, "8"))
	// Same commit from here on: the first read makes the shared part.
	for _, c := range []struct{ viewer, mine string }{{"alice", ""}, {"bob", "3"}, {vs[0], "8"}, {"gus", ""}, {"", ""}} {
		v := must[PokerView](t)(st.Poker(c.viewer))
		if v.Mine != c.mine {
			t.Fatalf("%q sees the card %q, want %q", c.viewer, v.Mine, c.mine)
		}
		if want := c.viewer != "gus" && c.viewer != ""; v.CanVote != want {
			t.Fatalf("%q may vote: %v, want %v", c.viewer, v.CanVote, want)
		}
		if v.Round == nil || v.Round.IsRevealed() || len(v.Round.Votes) != 0 {
			t.Fatalf("%q sees the round %+v", c.viewer, v.Round)
		}
		if !slices.Equal(v.Waiting, []string{"alice"}) || v.Voters != 3 {
			t.Fatalf("%q: waiting for %v of %d", c.viewer, v.Waiting, v.Voters)
		}
	}
	before := must[PokerView](t)(st.Poker("alice")).Summary.Time
	clk.Advance(time.Minute)
	leave = append(leave, st.Join(vs[1]))
	v := must[PokerView](t)(st.Poker("alice"))
	if !slices.Equal(v.Waiting, []string{"alice", vs[1]}) || v.Voters != 4 || !slices.Contains(v.Present, vs[1]) {
		t.Fatalf("after %s joined: present %v, waiting for %v of %d", vs[1], v.Present, v.Waiting, v.Voters)
	}
	if v.Summary.Time <= before {
		t.Fatalf("a minute later the round has taken %v, before %v", v.Summary.Time, before)
	}
}
