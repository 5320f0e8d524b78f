package retro

import "fmt"

// CanUndoPhase says whether a phase change from -> to may be taken back now
// (the board going back to from). The reveal showed every card to everyone,
// so it cannot be taken back; a done retro stays done (an anonymous board's
// key is gone by then); any other step back follows CanMoveTo.
func CanUndoPhase(from, to Phase, votesCast bool) error {
	switch {
	case to == PhaseDone:
		return fmt.Errorf("the retro is done; a finished retro stays finished")
	case from.Before(PhaseReveal) && !to.Before(PhaseReveal):
		return fmt.Errorf("the cards were revealed to everyone; they cannot be hidden again")
	}
	return to.CanMoveTo(from, votesCast)
}
