package retro

// Meeting reports whether a board in phase p is in its meeting part: the
// cards are revealed and the retro is not done yet, so people are in the
// room together (leaving asks first).
func (p Phase) Meeting() bool {
	switch p {
	case PhaseReveal, PhaseGroup, PhaseVote, PhaseDiscuss, PhaseActions:
		return true
	}
	return false
}
