package serve

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// quietScreen is a session screen whose frames are sent only when the test
// flushes them (no sender running).
func quietScreen(w, h int) (*sessionScreen, *bytes.Buffer) {
	var out bytes.Buffer
	s := &sessionScreen{out: &out, kick: make(chan struct{}, 1)}
	if w > 0 {
		s.resize(w, h)
	}
	return s, &out
}

// sent flushes frame and is what went to the terminal.
func sent(t *testing.T, s *sessionScreen, out *bytes.Buffer, frame string) string {
	t.Helper()
	out.Reset()
	s.show(frame)
	s.flush()
	return out.String()
}

func frameOf(lines ...string) string { return strings.Join(lines, "\n") }

// TestScreenSendsOnlyTheLinesThatChanged: the first frame writes every line
// at its row; after that only a changed line goes out, and a frame equal to
// the one shown sends nothing.
func TestScreenSendsOnlyTheLinesThatChanged(t *testing.T) {
	s, out := quietScreen(20, 4)
	first := sent(t, s, out, frameOf("header", "T-1 unclaimed", "T-2 bob", "footer"))
	for i, want := range []string{"\x1b[1;1Hheader\x1b[K", "\x1b[2;1HT-1 unclaimed\x1b[K", "\x1b[3;1HT-2 bob\x1b[K", "\x1b[4;1Hfooter\x1b[K"} {
		if !strings.Contains(first, want) {
			t.Errorf("line %d: %q not in the first frame's output %q", i+1, want, first)
		}
	}
	second := sent(t, s, out, frameOf("header", "T-1 lucas", "T-2 bob", "footer"))
	if second != "\x1b[2;1HT-1 lucas\x1b[K" {
		t.Errorf("a claim sent %q, want only its line", second)
	}
	if again := sent(t, s, out, frameOf("header", "T-1 lucas", "T-2 bob", "footer")); again != "" {
		t.Errorf("the same frame again sent %q", again)
	}
}

// TestScreenClearsWhatAShorterFrameLeaves: rows a frame no longer covers are
// cleared, but never the last row of a full screen (the cursor cannot go
// below it, and clearing from there would wipe the frame's last line).
func TestScreenClearsWhatAShorterFrameLeaves(t *testing.T) {
	s, out := quietScreen(10, 4)
	sent(t, s, out, frameOf("a", "b", "c", "d"))
	if got := sent(t, s, out, frameOf("a", "b")); !strings.HasSuffix(got, "\x1b[3;1H"+ansi.EraseScreenBelow) {
		t.Errorf("a shorter frame sent %q; want the rows below it cleared", got)
	}
	s.resize(10, 3)
	got := sent(t, s, out, frameOf("x", "y", "footer"))
	if strings.Contains(got, ansi.EraseScreenBelow) {
		t.Errorf("a frame filling the screen sent %q: it clears below its last row", got)
	}
	if !strings.Contains(got, "\x1b[3;1Hfooter") {
		t.Errorf("the footer is not written: %q", got)
	}
}

// TestScreenRepaintsAfterAResize: a new size draws every line again (the
// terminal may have wrapped or dropped what it showed), cut to the width.
func TestScreenRepaintsAfterAResize(t *testing.T) {
	s, out := quietScreen(20, 3)
	frame := frameOf("one", "a line of twenty-one", "three")
	sent(t, s, out, frame)
	s.resize(8, 3)
	got := sent(t, s, out, frame)
	for _, want := range []string{"\x1b[1;1Hone\x1b[K", "\x1b[2;1Ha line o", "\x1b[3;1Hthree\x1b[K"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q not in the repaint %q", want, got)
		}
	}
	if strings.Contains(got, "twenty") {
		t.Errorf("a line wider than the terminal went out whole: %q", got)
	}
}

// TestScreenKeepsTheBottomOfATallFrame: a frame taller than the terminal
// shows its last lines, as Bubble Tea's renderer does.
func TestScreenKeepsTheBottomOfATallFrame(t *testing.T) {
	s, out := quietScreen(10, 2)
	got := sent(t, s, out, frameOf("top", "middle", "bottom"))
	if strings.Contains(got, "top") || !strings.Contains(got, "\x1b[1;1Hmiddle") || !strings.Contains(got, "\x1b[2;1Hbottom") {
		t.Errorf("sent %q; want middle and bottom on rows 1 and 2", got)
	}
}

// TestScreenSetsUpAndGivesBackTheTerminal: a session's terminal goes to the
// alternate screen with the cursor hidden, clicks and pastes reported, and
// comes back as it was when the session ends.
func TestScreenSetsUpAndGivesBackTheTerminal(t *testing.T) {
	var out syncBuffer
	s := newSessionScreen(&out)
	s.resize(20, 2)
	s.show(frameOf("board", "keys"))
	s.close()
	got := out.String()
	setup := ansi.SetModeAltScreenSaveCursor + ansi.EraseEntireScreen + ansi.CursorHomePosition + ansi.HideCursor +
		ansi.SetModeBracketedPaste + ansi.SetModeMouseButtonEvent + ansi.SetModeMouseExtSgr
	if !strings.HasPrefix(got, setup) {
		t.Errorf("the session starts with %q, want %q", got[:min(len(got), len(setup))], setup)
	}
	for _, reset := range []string{ansi.ResetModeBracketedPaste, ansi.ShowCursor, ansi.ResetModeMouseButtonEvent, ansi.ResetModeMouseExtSgr, ansi.ResetModeAltScreenSaveCursor} {
		if !strings.Contains(got, reset) {
			t.Errorf("the session ends without %q: %q", reset, got)
		}
	}
	if !strings.HasSuffix(got, ansi.ResetModeAltScreenSaveCursor) {
		t.Errorf("something was sent after the terminal was given back: %q", got)
	}
}

// cursorMoves are the screen's moves to the start of a row.
var cursorMoves = regexp.MustCompile(`\x1b\[\d+;1H`)

// TestScreenTakesAnySize: a client may claim any window size; a frame still
// goes out whole or cut, never past the width, and nothing panics.
func TestScreenTakesAnySize(t *testing.T) {
	frame := frameOf("新用户引导 wide", "\x1b[1mbold\x1b[0m line", "x")
	for _, size := range [][2]int{{1, 1}, {3, 2}, {1, 100000}, {100000, 100000}, {0, 0}} {
		s, out := quietScreen(size[0], size[1])
		got := sent(t, s, out, frame)
		rows := cursorMoves.Split(got, -1)
		if len(rows) < 2 {
			t.Errorf("%v: no line went out: %q", size, got)
		}
		for _, l := range rows {
			if w := ansi.StringWidth(l); size[0] > 0 && w > size[0] {
				t.Errorf("%v: a line %d cells wide went out: %q", size, w, got)
			}
		}
	}
}
