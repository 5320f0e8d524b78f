package serve

import (
	"strings"
	"testing"

	"huddle/ui"
)

// TestEachSessionItsOwnLookAndTheMouse: over SSH a client's HUDDLE_THEME
// picks that session's theme only; the server's key file applies to every
// session; a click on a tab switches it (mouse events pass through SSH).
func TestEachSessionItsOwnLookAndTheMouse(t *testing.T) {
	keys, err := ui.ParseKeyConfig("keys.toml", []byte("[board]\nclaim = \"y\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, 0, func(c *Config) { c.Keys = keys })
	bright, err := ts.tryTerm(t, ts.keys["lucas"], 100, 30, "HUDDLE_THEME", "high-contrast")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(bright.close)
	plain := ts.openTerm(t, ts.keys["wei"])
	for _, tm := range []*term{bright, plain} {
		tm.landed(t)
		tm.waitFor(t, 0, "y claim", wait)
	}
	raw := func(tm *term) string {
		tm.mu.Lock()
		defer tm.mu.Unlock()
		return string(tm.raw)
	}
	const yellow = "38;5;226" // the high-contrast accent on a dark background
	if !strings.Contains(raw(bright), yellow) {
		t.Error("the session that sent HUDDLE_THEME=high-contrast does not draw it")
	}
	if strings.Contains(raw(plain), yellow) {
		t.Error("the other session draws high-contrast too")
	}
	// A click (an SGR mouse report, 1-based) on the Backlog tab: row 2, column 21.
	since := plain.mark()
	plain.typeKeys(t, "\x1b[<0;21;2M\x1b[<0;21;2m")
	plain.waitFor(t, since, "[2 Backlog]", wait)
}
