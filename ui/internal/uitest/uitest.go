// Package uitest drives huddle's Bubble Tea models in tests without waiting
// on the wall clock.
//
// Run executes a command the way a tea.Program would and feeds its messages
// back into the model until no command is left. It tells a timer from a store
// call by what the command is, never by how long it takes: every timer of a
// session comes from the session's common.Timers, and a test hands in a
// Clock's Timers, which do not wait: running one only books it on the Clock.
// Time moves when the test says so (Clock.Advance), which delivers every timer
// that fell due, in order, with the clock set to the moment each was due.
//
// A command that blocks (the store-event relay of a session whose context is
// still live) blocks Run too: tests that deliver store events cancel the
// session's context first, so its relay returns at once.
package uitest

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/ui/common"
)

// Clock is a manual clock: the store's Now (store.Options{Now: c.Now}) and,
// through Timers, the timers of every session in the test, moved only by the
// test. It is safe for concurrent use: store calls read it from commands.
type Clock struct {
	mu       sync.Mutex
	booked   *sync.Cond // signalled on every booking, under mu
	now      time.Time
	seq      int
	sessions []*Timers
}

// Timers are one session's timers on a Clock (ui.WithTimers): they book
// themselves when their command runs and are delivered to the session's model
// when Advance passes their moment.
type Timers struct {
	clock   *Clock
	pending []timer
	deliver func(tea.Msg)
	async   bool // deliver hands the message to a running program
}

type timer struct {
	at   time.Time
	seq  int // booking order, for timers due at the same moment
	ctx  context.Context
	fire func(time.Time) tea.Msg
}

var _ common.Timers = (*Timers)(nil)

// NewClock returns a clock stopped at now.
func NewClock(now time.Time) *Clock {
	c := &Clock{now: now}
	c.booked = sync.NewCond(&c.mu)
	return c
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Timers makes the timers of one more session on c. Hand them to the model
// (ui.WithTimers), then say where they go (DeliverTo).
func (c *Clock) Timers() *Timers {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &Timers{clock: c}
	c.sessions = append(c.sessions, t)
	return t
}

// DeliverTo sends the session's timers, when they fall due, to m (Send).
func (t *Timers) DeliverTo(tb testing.TB, m tea.Model) {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	t.deliver = func(msg tea.Msg) { Send(tb, m, msg) }
}

// SendTo sends the session's timers, when they fall due, to a running
// program (a tea.Program or teatest's TestModel). The program handles them
// later, so Advance sets the clock to its end before sending them, as a real
// clock would have moved on by the time the program draws.
func (t *Timers) SendTo(p interface{ Send(tea.Msg) }) {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	t.deliver, t.async = p.Send, true
}

// Await blocks until one of the session's booked timers would deliver a
// message that match accepts. A running program books its timers from its
// own goroutines: a test awaits the timer before it advances the clock past it.
func (t *Timers) Await(match func(tea.Msg) bool) {
	c := t.clock
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		for _, p := range t.pending {
			if match(p.fire(p.at)) {
				return
			}
		}
		c.booked.Wait()
	}
}

// Clock is the clock the timers run on.
func (t *Timers) Clock() *Clock { return t.clock }

// Tick books a timer d after the moment the command runs, as tea.Tick does.
func (t *Timers) Tick(d time.Duration, fire func(time.Time) tea.Msg) tea.Cmd {
	return t.Wait(context.Background(), d, fire)
}

// Wait is Tick that is dropped when ctx has ended by the time it falls due.
func (t *Timers) Wait(ctx context.Context, d time.Duration, fire func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		c := t.clock
		c.mu.Lock()
		defer c.mu.Unlock()
		c.seq++
		t.pending = append(t.pending, timer{at: c.now.Add(d), seq: c.seq, ctx: ctx, fire: fire})
		c.booked.Broadcast()
		return nil
	}
}

// CursorBlinks is false: a blink is a wall-clock timer inside bubbles.
func (t *Timers) CursorBlinks() bool { return false }

// Pending is how many of the session's timers are booked and not yet due.
func (t *Timers) Pending() int {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	return len(t.pending)
}

// Set moves the clock to t (Advance by the difference).
func (c *Clock) Set(t time.Time) { c.Advance(t.Sub(c.Now())) }

// Advance moves the clock on by d (back, when d < 0). Each timer of every
// session that falls due on the way is delivered with the clock at its
// moment, earliest first; timers booked while delivering are delivered too
// when they fall due within d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	end := c.now.Add(d)
	c.mu.Unlock()
	for {
		c.mu.Lock()
		var (
			due *Timers
			at  int
		)
		for _, s := range c.sessions {
			for j, t := range s.pending {
				if t.at.After(end) {
					continue
				}
				if b := due; b == nil || t.at.Before(b.pending[at].at) || (t.at.Equal(b.pending[at].at) && t.seq < b.pending[at].seq) {
					due, at = s, j
				}
			}
		}
		if due == nil {
			c.now = end
			c.mu.Unlock()
			return
		}
		t := due.pending[at]
		due.pending = slices.Delete(due.pending, at, at+1)
		switch {
		case due.async:
			c.now = end
		case t.at.After(c.now):
			c.now = t.at
		}
		deliver := due.deliver
		c.mu.Unlock()
		if t.ctx.Err() != nil || deliver == nil {
			continue
		}
		if msg := t.fire(t.at); msg != nil {
			deliver(msg)
		}
	}
}

// Run executes cmd and every command that follows from it, delivering each
// message to m (a model that changes in place, like *ui.Model), until none is
// left. Batches are opened, tea.Quit ends nothing (tests look at the model),
// and a Clock's timers only book themselves.
func Run(tb testing.TB, m tea.Model, cmd tea.Cmd) {
	tb.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			next, cmd := m.Update(msg)
			if next != m {
				tb.Fatalf("uitest: %T.Update returned another model; Run drives models that change in place", m)
			}
			queue = append(queue, cmd)
		}
	}
}

// Send delivers msg to m and runs what follows.
func Send(tb testing.TB, m tea.Model, msg tea.Msg) {
	tb.Helper()
	_, cmd := m.Update(msg)
	Run(tb, m, cmd)
}

// Press sends key presses, each run to completion: names such as "up",
// "enter", "esc", "tab", "ctrl+s", or text (each string one key message).
func Press(tb testing.TB, m tea.Model, keys ...string) {
	tb.Helper()
	for _, k := range keys {
		Send(tb, m, Key(k))
	}
}

// Key is the key message for a key name, or for text typed at once.
func Key(k string) tea.KeyMsg {
	switch k {
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "ctrl+j":
		return tea.KeyMsg{Type: tea.KeyCtrlJ}
	case "alt+enter":
		return tea.KeyMsg{Type: tea.KeyEnter, Alt: true}
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}
