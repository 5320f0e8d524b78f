package retro

import (
	"strings"
	"testing"
)

func TestCanUndoPhase(t *testing.T) {
	cases := []struct {
		from, to Phase
		votes    bool
		want     string // "" allowed
	}{
		{PhaseReveal, PhaseGroup, false, ""},
		{PhaseGroup, PhaseVote, false, ""},
		{PhaseGroup, PhaseVote, true, "votes are cast"},
		{PhaseWrite, PhaseReveal, false, "revealed to everyone"},
		{PhaseWrite, PhaseGroup, false, "revealed to everyone"}, // a jump past the reveal
		{PhaseActions, PhaseDone, false, "stays finished"},
		{PhaseVote, PhaseGroup, false, ""}, // undoing a step back goes forward again
	}
	for _, c := range cases {
		err := CanUndoPhase(c.from, c.to, c.votes)
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("undo %s -> %s (votes %v): %v, want %q", c.from, c.to, c.votes, err, c.want)
		}
	}
}
