package ui

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/store"
	"huddle/ui/common"
)

// screen is one of the six pages. Each lives in its own file with its own
// keymap; the root routes messages to it and draws the header and footer
// around its View.
type screen interface {
	// Title is the tab label ("Backlog").
	Title() string
	// SetCommon hands the screen the session context and the size it may draw in.
	SetCommon(c common.Common)
	// Load returns a command that reads the store and answers with the
	// screen's data message. It never reads the store itself.
	Load() tea.Cmd
	// Update handles a key (only when the screen is active) or any other message.
	Update(msg tea.Msg) tea.Cmd
	// View draws the screen's body in the size from SetCommon.
	View() string
	// Keys are the keys that work on the screen right now, for the footer.
	Keys() help.KeyMap
	// Capturing reports whether the screen is taking typed text (a filter), so
	// that keys like q and 1-6 go to it instead of the root.
	Capturing() bool
	// Loaded reports whether the screen's first load has arrived; keys
	// pressed before that wait for it (keysWaiting), so a quick "1 n" is
	// not lost while the screen reads the store for the first time.
	Loaded() bool
}

// screenID names the six screens in tab order.
type screenID int

const (
	screenVision screenID = iota
	screenBacklog
	screenSprint
	screenStandup
	screenRetro
	screenTeam
	numScreens
)

// eventMsg says the store changed: N events were committed since the last
// message (Resync when some were dropped for a slow reader). Screens reload.
type eventMsg struct {
	Last   store.Event
	N      int
	Resync bool
	// PresenceOnly says every event was someone joining or leaving: only the
	// header's online line needs to load again.
	PresenceOnly bool
}

// subscriptionClosedMsg says the store stopped publishing (it closed, or the
// session's context ended).
type subscriptionClosedMsg struct{}

// waitForEvent relays the store's event channel into the program: it waits for
// the next event, then takes whatever else is already queued, so a burst of
// writes costs one reload.
func waitForEvent(ch <-chan store.Event) tea.Cmd {
	return func() tea.Msg {
		e, ok := <-ch
		if !ok {
			return subscriptionClosedMsg{}
		}
		msg := eventMsg{Last: e, N: 1, Resync: e.Kind == store.EventResync, PresenceOnly: e.Kind == store.EventPresence}
		for {
			select {
			case e, ok := <-ch:
				if !ok {
					return msg // the next wait reports the close
				}
				msg.Last, msg.N = e, msg.N+1
				msg.Resync = msg.Resync || e.Kind == store.EventResync
				msg.PresenceOnly = msg.PresenceOnly && e.Kind == store.EventPresence
			default:
				return msg
			}
		}
	}
}
