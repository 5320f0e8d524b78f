package ui

// headLines is how many lines head draws, counted without drawing them (the
// list's height is asked for on every key, and the summary sums the points
// of every story shown). TestBacklogHeadLinesCountsHead holds it to head.
func (s *backlogScreen) headLines() int {
	n := 0
	if s.confirm != nil {
		n++
	}
	if s.filter.Focused() || s.filter.Value() != "" {
		n++
	}
	if len(s.stories) > 0 {
		n++
	}
	if len(s.shown) > 0 {
		n++
	}
	return n
}
