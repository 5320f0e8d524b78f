package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// A screen that offers only the keys that can work has a why function: nil
// when a key can work now, for this viewer, else the one-line reason it
// cannot (from the domain's rules). The footer and ? show the keys it lets
// through (offeredBy); a key pressed anyway says its reason (refusalBy)
// instead of opening a form or a question that would end in a refusal.

// refuse answers a key that cannot work with its reason, in the status line.
func refuse(tag string, err error) tea.Cmd {
	return func() tea.Msg { return writeResultMsg{Tag: tag + "refused", Err: err} }
}

// offeredBy is bs with the keys that cannot work now disabled.
func offeredBy(why func(key.Binding) error, bs ...key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		b.SetEnabled(why(b) == nil)
		out = append(out, b)
	}
	return out
}

// refusalBy is the reason a pressed key (the first of bs it matches) cannot
// work, as a command, or nil when it can.
func refusalBy(why func(key.Binding) error, tag string, msg tea.KeyMsg, bs ...key.Binding) tea.Cmd {
	for _, b := range bs {
		if key.Matches(msg, b) {
			if err := why(b); err != nil {
				return refuse(tag, err)
			}
			return nil
		}
	}
	return nil
}
