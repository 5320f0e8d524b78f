package ui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// quick delivers keys like press, but gives up on any command that has not
// answered within a moment: timers (the status line's clearing tick, cursor
// blinks) and the store-event relay are left behind, so the status line can
// be read and tests do not wait for timers.
func quick(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		quickSend(t, m, keyMsg(k))
	}
}

func quickSend(t testing.TB, m *Model, msg tea.Msg) {
	t.Helper()
	_, cmd := m.Update(msg)
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		done := make(chan tea.Msg, 1)
		go func() { done <- c() }()
		var msg tea.Msg
		select {
		case msg = <-done:
		case <-time.After(500 * time.Millisecond):
			continue // a timer or a wait: dropped
		}
		switch msg := msg.(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}
