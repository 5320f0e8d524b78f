package ui

import "huddle/ui/common"

// ShowFile shows the file the session has open at the right of the line under
// the tabs. Only the local UI is given it: an SSH session never sees a path
// on the server.
func ShowFile(path string) Option { return func(m *Model) { m.file = path } }

// fileLabel is " FILE ─" for the end of the rule line when the file was given
// and fits in room cells beside a few cells of rule; "" otherwise.
func (m *Model) fileLabel(room int) string {
	if m.file == "" {
		return ""
	}
	label := " " + common.Line(m.file) + " ─"
	if common.Width(label)+4 > room {
		return ""
	}
	return label
}
