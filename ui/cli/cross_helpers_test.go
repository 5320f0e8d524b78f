package cli

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"huddle/store"
	"huddle/ui"
	"huddle/ui/internal/uitest"
)

// The cross-path tests build one crafted sprint in a file, then ask the
// screen, the command line and the Markdown report about it, and assert that
// all three give the same answer: one owner for every rule.

// crossTeam is a file with alice (lead), bob and wei (members).
type crossTeam struct {
	db  string
	clk *uitest.Clock // the store's clock, set by the test
	st  *store.Store
}

func newCrossTeam(t *testing.T, now time.Time) *crossTeam {
	t.Helper()
	db := filepath.Join(t.TempDir(), "team.db")
	clk := uitest.NewClock(now)
	st, err := store.Open(db, store.Options{Create: true, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Bootstrap("alice", "Rocket"); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"bob", "wei"} {
		if _, err := st.AddMember("alice", store.NewMember{Handle: h, Name: h}); err != nil {
			t.Fatal(err)
		}
	}
	team := &crossTeam{db: db, clk: clk, st: st}
	t.Cleanup(func() { team.close() })
	return team
}

// close lets the command line open the file.
func (c *crossTeam) close() {
	if c.st != nil {
		c.st.Close()
		c.st = nil
	}
}

// store reopens the file (after the command line used it) at the team's clock.
func (c *crossTeam) store(t *testing.T) *store.Store {
	t.Helper()
	if c.st == nil {
		st, err := store.Open(c.db, store.Options{Now: c.clk.Now})
		if err != nil {
			t.Fatal(err)
		}
		c.st = st
	}
	return c.st
}

// cli runs one command as actor at the team's clock; the store is closed first.
func (c *crossTeam) cli(t *testing.T, actor string, args ...string) (string, string, int) {
	t.Helper()
	c.close()
	env := map[string]string{"HUDDLE_DB": c.db, "USER": actor, "HUDDLE_NOW": c.clk.Now().Format(time.RFC3339)}
	return huddle(t, env, args...)
}

// cliOK runs a command that must succeed and returns its output.
func (c *crossTeam) cliOK(t *testing.T, actor string, args ...string) string {
	t.Helper()
	out, errOut, code := c.cli(t, actor, args...)
	if code != 0 {
		t.Fatalf("huddle %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// report is the sprint's Markdown report.
func (c *crossTeam) report(t *testing.T, sprintRef string) string {
	t.Helper()
	return c.cliOK(t, "alice", "export", "--format", "md", "--sprint", sprintRef)
}

// screen is one session's model, driven by the shared harness (uitest):
// commands run to completion by what they are, timers only book themselves.
type screen struct {
	t *testing.T
	m tea.Model
}

// openScreen builds actor's session on the team's file, w x h cells, loaded.
// Its context is cancelled from the start, so the store-event relay returns
// at once instead of waiting.
func (c *crossTeam) openScreen(t *testing.T, actor string, w, h int) *screen {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	timers := uitest.NewClock(c.clk.Now()).Timers()
	s := &screen{t: t, m: ui.New(ctx, c.store(t), actor, r, ui.WithTimers(timers))}
	s.send(tea.WindowSizeMsg{Width: w, Height: h})
	uitest.Run(t, s.m, s.m.Init())
	return s
}

// send delivers msg and runs what it returns.
func (s *screen) send(msg tea.Msg) {
	s.t.Helper()
	uitest.Send(s.t, s.m, msg)
}

// press types keys: "enter", "esc", "tab", "up", "down", " " or runes.
func (s *screen) press(keys ...string) {
	s.t.Helper()
	uitest.Press(s.t, s.m, keys...)
}

// view is the screen as plain text.
func (s *screen) view() string { return ansi.Strip(s.m.View()) }
