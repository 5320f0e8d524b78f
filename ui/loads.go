package ui

import tea "github.com/charmbracelet/bubbletea"

// together runs the loads a change starts in a session (the header's, the
// screen's, the open page's) one after another in one command, instead of
// one goroutine each: they are reads of what every session shares, done in
// microseconds once the first session of the commit has read it. What they
// give is handed over as they would have: one message as it is, several as
// a batch, and nothing (a load with nothing new) not at all. Only loads go
// here: a command that waits (a timer, a subscription) would hold up the
// others.
func together(loads ...tea.Cmd) tea.Cmd {
	var cmds []tea.Cmd
	for _, c := range loads {
		if c != nil {
			cmds = append(cmds, c)
		}
	}
	if len(cmds) < 2 {
		return tea.Batch(cmds...)
	}
	return func() tea.Msg {
		var msgs []tea.Msg
		for _, c := range cmds {
			if msg := c(); msg != nil {
				msgs = append(msgs, msg)
			}
		}
		switch len(msgs) {
		case 0:
			return nil
		case 1:
			return msgs[0]
		}
		batch := make(tea.BatchMsg, len(msgs))
		for i, msg := range msgs {
			batch[i] = func() tea.Msg { return msg }
		}
		return batch
	}
}
