package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/sprint"
	"huddle/store"
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
		what, err := meetingRunning(st, sprint.DateOf(now()))
		return quitCheckMsg{what: what, err: err}
	}
}

// meetingRunning names the meeting that runs in st today, or "".
func meetingRunning(st *store.Store, today sprint.Date) (string, error) {
	if su, found, err := st.Standup(today); err != nil {
		return "", err
	} else if found && su.Live() {
		return "The stand-up is running", nil
	}
	if pk, err := st.Poker(""); err == nil && pk.Session.Running() {
		return "Planning poker is running", nil
	}
	sprints, err := st.Sprints()
	if err != nil {
		return "", err
	}
	for _, sp := range sprints {
		b, err := st.RetroBoard(sp.ID)
		if err != nil {
			continue // no board for this sprint
		}
		if b.Phase.Meeting() {
			return fmt.Sprintf("The %s retro is running", sp.Ref()), nil
		}
	}
	return "", nil
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
