// Package common is what every screen of one huddle session shares: the window
// size, the styles made for this session's renderer, the store, who is acting
// and the clock. It is passed by value, the way charmbracelet/soft-serve passes
// its pkg/ui/common: a screen keeps its own copy and gets a new one when the
// window changes.
//
// Nothing here is package-global or mutable after construction: many SSH
// sessions run in one process, each with its own renderer and colour profile.
package common

import (
	"time"

	"github.com/charmbracelet/lipgloss"

	"huddle/store"
	"huddle/ui/i18n"
)

// Common is the per-session context handed to every screen.
type Common struct {
	// Width and Height are the space the screen may draw in, in terminal cells.
	Width, Height int
	// Styles are this session's styles; shared read-only between its screens.
	Styles *Styles
	// Tr writes every text in this session's language; shared like Styles, so
	// a change of language reaches every screen at once.
	Tr *i18n.Tr
	// Store is the team's shared state. Screens read it only inside tea.Cmds.
	Store *store.Store
	// Actor is the handle of the member using this session.
	Actor string
	// Now is the store's clock (st.Now), so HUDDLE_NOW and test clocks apply.
	Now func() time.Time
	// Timers makes the session's timers: RealTimers, or a test's manual clock.
	Timers Timers
	// Zones marks what the mouse may click (the session's own; nil: nothing).
	Zones Marker
	// Remap is the person's own keys, "board.claim" -> keys (ui/keyconfig.go);
	// shared read-only, nil for the defaults.
	Remap map[string][]string
}

// New builds a session context. Width and Height stay zero until the first
// tea.WindowSizeMsg arrives.
func New(st *store.Store, actor string, r *lipgloss.Renderer) Common {
	s := NewStyles(r)
	tr := i18n.For(i18n.EN)
	return Common{Styles: &s, Tr: &tr, Store: st, Actor: actor, Now: st.Now, Timers: RealTimers{}}
}

// SetSize records the space the screen may draw in.
func (c *Common) SetSize(width, height int) {
	c.Width, c.Height = max(width, 0), max(height, 0)
}
