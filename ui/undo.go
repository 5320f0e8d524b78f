package ui

import tea "github.com/charmbracelet/bubbletea"

// undoTag tags the write result of z; no screen takes it, the root shows it.
const undoTag = "undo"

// undo takes back the person's own last change (z, on every screen while
// nothing is being typed): the store decides what that is and whether it may
// be taken back (store.Undo). The outcome is one line in the status line; the
// change itself reaches every screen, this one included, as a store event.
func (m *Model) undo() tea.Cmd {
	st, actor, tr := m.c.Store, m.c.Actor, *m.c.Tr
	return writeCmd(undoTag, func() (string, error) {
		res, err := st.Undo(actor)
		if err != nil {
			return "", err
		}
		return tr.Tf("page.undone", "What", tr.Event(res.Undone.Text)), nil
	})
}
