package ui

import (
	tea "github.com/charmbracelet/bubbletea"
)

// How keys reach the screens. Bubble Tea v1 hands a run of printable runes
// that arrived in one read (fast typing over SSH, a paste without bracketed
// paste, tmux send-keys -l) to the program as ONE key message whose String is
// the runes themselves: "jj" matches no binding and "up" matches the up key.
// The root fixes that here, in one place:
//
//   - while a text field has the keyboard (typing), every printable rune and
//     space is text, and the screen gets the run whole (form.Update and the
//     filter decide by the key's type, never by its String);
//   - otherwise the run is split into single keys handled one by one, as if
//     typed; when one of them opens a text field the rest of the run is text
//     in it, and when one of them asks a yes/no question the rest of the run
//     is dropped: nobody has seen the question yet, so nothing in the same
//     read may answer it (d then y in one read never deletes);
//   - a bracketed paste outside a text field is not keys at all: it is dropped.

// inputScreen is what the root asks a screen about its keyboard.
type inputScreen interface {
	// Typing reports whether a text field has the keyboard.
	Typing() bool
	// Asking reports whether a yes/no question waits for its answer.
	Asking() bool
}

// typing reports whether the active screen takes text now.
func (m *Model) typing() bool {
	if m.quitting != nil || m.helpOpen() || m.detail != nil {
		return false
	}
	if s, ok := m.screens[m.active].(inputScreen); ok {
		return s.Typing()
	}
	return false
}

// asking reports whether a question waits for an answer (the quit question,
// or one of the active screen's).
func (m *Model) asking() bool {
	if m.quitting != nil {
		return true
	}
	if s, ok := m.screens[m.active].(inputScreen); ok {
		return s.Asking()
	}
	return m.screens[m.active].Capturing()
}

// handleInput takes a key message as Bubble Tea delivers it and hands it on
// as the keys a person typed (see above).
func (m *Model) handleInput(msg tea.KeyMsg) tea.Cmd {
	if msg.Paste && !m.typing() {
		return nil // pasted text is never keys
	}
	if msg.Type != tea.KeyRunes || len(msg.Runes) < 2 || msg.Paste || m.typing() {
		return m.handleKey(msg)
	}
	var cmds []tea.Cmd
	for i, r := range msg.Runes {
		one := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
		asked := m.asking()
		cmds = append(cmds, m.handleKey(one))
		if !asked && m.asking() {
			break // a new question: the rest of this read never answers it
		}
		if rest := msg.Runes[i+1:]; len(rest) > 0 && m.typing() {
			cmds = append(cmds, m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: rest}))
			break
		}
	}
	return tea.Batch(cmds...)
}

func (s *visionScreen) Typing() bool { return s.confirm == nil && s.form != nil && s.form.Typing() }
func (s *visionScreen) Asking() bool { return s.confirm != nil }

func (s *backlogScreen) Typing() bool {
	if s.confirm != nil {
		return false
	}
	if s.mode == modeForm {
		return s.form.f.Typing()
	}
	return s.filter.Focused()
}
func (s *backlogScreen) Asking() bool { return s.confirm != nil }

func (s *boardScreen) Typing() bool { return s.confirm == nil && s.form != nil && s.form.Typing() }
func (s *boardScreen) Asking() bool { return s.confirm != nil }

func (s *standupScreen) Typing() bool { return s.confirm == nil && s.form != nil && s.form.Typing() }
func (s *standupScreen) Asking() bool { return s.confirm != nil }

func (s *retroScreen) Typing() bool { return s.confirm == nil && s.form != nil && s.form.Typing() }
func (s *retroScreen) Asking() bool { return s.confirm != nil }
