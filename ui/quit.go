package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"huddle/sprint"
)

// Quitting asks first while a meeting runs in this file: today's stand-up
// round, a planning poker session, or a retro between its reveal and its end, whichever screen (and
// whichever sprint) this session shows. The store answers, not the screens:
// a screen browsing an older sprint knows nothing of the running retro.

// quitCheckMsg answers q: what meeting runs ("" when none).
type quitCheckMsg struct {
	what string
	err  error
}

// checkQuit asks the store whether a meeting runs.
func (m *Model) checkQuit() tea.Cmd {
	st, now := m.c.Store, m.c.Now
	return func() tea.Msg {
		what, err := st.RunningMeeting(sprint.DateOf(now()))
		return quitCheckMsg{what: what, err: err}
	}
}

// quitAnswer quits, or asks first when a meeting runs.
func (m *Model) quitAnswer(msg quitCheckMsg) tea.Cmd {
	what := msg.what
	if msg.err != nil {
		what = "huddle cannot tell whether a meeting runs (" + msg.err.Error() + ")"
	}
	if what == "" {
		return tea.Quit
	}
	m.quitting = newConfirm(what + " (it goes on without you). Quit anyway?")
	m.status, m.statusErr = m.quitting.question+" (y/n)", true
	m.statusGen++ // no timer clears this question
	return nil
}
