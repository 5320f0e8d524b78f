package common

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Timers makes every timer of a session: the status line's clearing, the
// stand-up's and the retro's one-second ticks, the wait for midnight. A
// session gets them from its Common, so a test hands in a manual clock and
// moves time itself instead of waiting for it (see ui/internal/uitest).
type Timers interface {
	// Tick is tea.Tick: a command that returns fire(the time then) after d.
	Tick(d time.Duration, fire func(time.Time) tea.Msg) tea.Cmd
	// Wait is Tick that gives up, returning nil, when ctx ends first, so a
	// long wait does not outlive the session that asked for it.
	Wait(ctx context.Context, d time.Duration, fire func(time.Time) tea.Msg) tea.Cmd
	// CursorBlinks reports whether text cursors blink. bubbles times a blink
	// on the wall clock, out of reach of a manual clock, so under one the
	// cursor stands still.
	CursorBlinks() bool
}

// RealTimers are the wall clock's timers, what every session uses outside
// tests.
type RealTimers struct{}

func (RealTimers) Tick(d time.Duration, fire func(time.Time) tea.Msg) tea.Cmd {
	return tea.Tick(d, fire)
}

func (RealTimers) Wait(ctx context.Context, d time.Duration, fire func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		// Not tea.Tick: its goroutine would outlive a session that ends
		// before the wait does (the SSH server runs many sessions in one
		// process).
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case now := <-t.C:
			return fire(now)
		case <-ctx.Done():
			return nil
		}
	}
}

func (RealTimers) CursorBlinks() bool { return true }
