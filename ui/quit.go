package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/sprint"
	"huddle/ui/i18n"
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
	tr := m.c.Tr
	what := meetingName(tr, msg.what)
	if msg.err != nil {
		what = tr.Tf("page.quit.cannot_tell", "Err", tr.Err(msg.err))
	}
	if what == "" {
		return tea.Quit
	}
	m.quitting = newConfirm(tr.Tf("page.quit.ask", "What", what))
	m.status, m.statusErr = m.quitting.question+" (y/n)", true
	m.statusGen++ // no timer clears this question
	return nil
}

// meetingName is the store's "what runs" (store.RunningMeeting) in tr's
// language.
func meetingName(tr *i18n.Tr, what string) string {
	var ref string
	switch {
	case what == "The stand-up is running":
		return tr.T("page.quit.standup")
	case what == "Planning poker is running":
		return tr.T("page.quit.poker")
	case strings.HasPrefix(what, "The ") && strings.HasSuffix(what, " retro is running"):
		ref = strings.TrimSuffix(strings.TrimPrefix(what, "The "), " retro is running")
		return tr.Tf("page.quit.retro", "Sprint", ref)
	}
	return what
}
