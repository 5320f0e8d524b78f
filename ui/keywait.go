package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// maxWaitingKeys bounds the keys held for a screen that has not loaded yet:
// a paste-sized burst, not a whole session's typing into a dead screen.
const maxWaitingKeys = 64

// holdKey keeps a key while the screen on show has not had its first load
// (screens load when first shown) while that load is on its way, and every
// key after one that waits, so that order is kept. ctrl+c is never held. It reports whether it kept msg.
func (m *Model) holdKey(msg tea.KeyMsg) bool {
	if key.Matches(msg, m.keys.ForceQuit) {
		return false
	}
	if len(m.keysWaiting) == 0 && (m.screens[m.active].Loaded() || !m.loading[m.active]) {
		return false
	}
	m.landOnBoard = false // a key pressed first wins over landing on the board
	if len(m.keysWaiting) >= maxWaitingKeys {
		return true // dropped: the screen has not answered for a long burst
	}
	m.keysWaiting = append(m.keysWaiting, msg)
	return true
}

// releaseKeys hands the waiting keys on, in order, once the screen on show
// has loaded; a key that switches to another screen not loaded yet makes the
// rest wait again.
func (m *Model) releaseKeys() tea.Cmd {
	var cmds []tea.Cmd
	for len(m.keysWaiting) > 0 && (m.screens[m.active].Loaded() || !m.loading[m.active]) {
		k := m.keysWaiting[0]
		m.keysWaiting = m.keysWaiting[1:]
		cmds = append(cmds, m.handleInput(k))
		m.layout(false)
	}
	if len(m.keysWaiting) == 0 {
		m.keysWaiting = nil
	}
	return tea.Batch(cmds...)
}
