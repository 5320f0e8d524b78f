package common

// Marker marks clickable parts of a frame (the session's mouse zones, see
// ui/mouse.go). Each session has its own; nil marks nothing.
type Marker interface {
	// Mark wraps one line of text as part of the zone id.
	Mark(id, line string) string
}

// MarkLines marks every line of an item (a card of several lines) as one
// clickable zone named id. Without a marker the lines come back unchanged.
func (c Common) MarkLines(id string, lines []string) []string {
	if c.Zones == nil || id == "" {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = c.Zones.Mark(id, l)
	}
	return out
}

// Mark marks one line as the clickable zone id.
func (c Common) Mark(id, line string) string {
	if c.Zones == nil || id == "" {
		return line
	}
	return c.Zones.Mark(id, line)
}
