package serve

import (
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// An SSH session's terminal is drawn here, not by Bubble Tea's renderer
// (the program runs with tea.WithoutRenderer): every frame the model draws
// is handed over as it is made, and sent at once, only the lines that
// changed. Bubble Tea's renderer looks for a new frame on a fixed tick (a
// frame waited up to 33 ms to leave), copies each frame three times to send
// it, and copies a pending frame again on every tick while it equals the one
// on screen, which is where most sessions sit after any change. With two
// hundred sessions on one server those were the largest part of the time
// from a claim to every screen, and all of an idle session's cost. The local
// terminal keeps Bubble Tea's renderer: one screen has no such cost.

// frameGap is the least time between two frames sent to one terminal:
// frames made faster (a burst of keys) wait, and only the newest is sent.
const frameGap = 16 * time.Millisecond

// sessionScreen is one session's terminal.
type sessionScreen struct {
	out io.Writer

	mu      sync.Mutex
	pending string // the newest frame not yet sent
	fresh   bool   // pending is new since the last send
	width   int    // the terminal's size, 0 until known
	height  int
	repaint bool // the terminal changed size: draw every line again

	kick chan struct{} // a frame is pending (one slot)
	done chan struct{}
	gone chan struct{} // the sender returned

	// The sender's own: what the terminal shows, and the buffer it writes.
	shown []string
	buf   []byte
}

// newSessionScreen prepares the terminal (the alternate screen, the cursor
// hidden, clicks, the wheel and pastes reported) and starts the sender.
func newSessionScreen(out io.Writer) *sessionScreen {
	s := &sessionScreen{out: out, kick: make(chan struct{}, 1), done: make(chan struct{}), gone: make(chan struct{})}
	_, _ = io.WriteString(out, ansi.SetModeAltScreenSaveCursor+ansi.EraseEntireScreen+ansi.CursorHomePosition+
		ansi.HideCursor+ansi.SetModeBracketedPaste+ansi.SetModeMouseButtonEvent+ansi.SetModeMouseExtSgr)
	go s.send()
	return s
}

// show hands over a frame the model drew; it returns at once.
func (s *sessionScreen) show(frame string) {
	s.mu.Lock()
	if frame != s.pending || s.repaint {
		s.pending, s.fresh = frame, true
	}
	s.mu.Unlock()
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// resize records the terminal's new size; the next frame draws every line.
func (s *sessionScreen) resize(w, h int) {
	s.mu.Lock()
	s.width, s.height, s.repaint, s.fresh = w, h, true, true
	s.mu.Unlock()
}

// close stops the sender and gives the terminal back as it was.
func (s *sessionScreen) close() {
	close(s.done)
	<-s.gone
	_, _ = io.WriteString(s.out, ansi.ResetModeBracketedPaste+ansi.ShowCursor+ansi.ResetModeMouseButtonEvent+
		ansi.ResetModeMouseAnyEvent+ansi.ResetModeMouseExtSgr+ansi.ResetModeAltScreenSaveCursor)
}

// send writes each new frame as soon as it is made, frameGap apart at most.
func (s *sessionScreen) send() {
	defer close(s.gone)
	var last time.Time
	wait := time.NewTimer(0)
	<-wait.C
	for {
		select {
		case <-s.done:
			return
		case <-s.kick:
		}
		if d := frameGap - time.Since(last); d > 0 {
			wait.Reset(d)
			select {
			case <-s.done:
				return
			case <-wait.C:
			}
		}
		if s.flush() {
			last = time.Now()
		}
	}
}

// flush writes the pending frame's changed lines, and reports whether it
// wrote anything.
func (s *sessionScreen) flush() bool {
	s.mu.Lock()
	frame, fresh, w, h, repaint := s.pending, s.fresh, s.width, s.height, s.repaint
	s.fresh, s.repaint = false, false
	s.mu.Unlock()
	if !fresh {
		return false
	}
	out := s.draw(frame, w, h, repaint)
	if len(out) == 0 {
		return false
	}
	_, _ = s.out.Write(out)
	return true
}

// draw is what brings the terminal from the lines it shows to frame's, on a
// terminal w x h (0 when not known): each changed line written over at its
// row, cut to the width and cleared to its end; the rows below the frame
// cleared. A frame taller than the terminal loses its top lines (the
// terminal could not show them). All lines are written again after a resize.
func (s *sessionScreen) draw(frame string, w, h int, repaint bool) []byte {
	lines := strings.Split(frame, "\n")
	if h > 0 && len(lines) > h {
		lines = lines[len(lines)-h:]
	}
	if repaint {
		s.shown = nil
	}
	b := s.buf[:0]
	for i, line := range lines {
		if i < len(s.shown) && s.shown[i] == line {
			continue
		}
		b = append(b, "\x1b["...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, ";1H"...)
		if w > 0 {
			lw := ansi.StringWidth(line)
			if lw > w {
				line, lw = ansi.Truncate(line, w, ""), w
			}
			b = append(b, line...)
			if lw < w {
				b = append(b, ansi.EraseLineRight...)
			}
		} else {
			b = append(b, line...)
			b = append(b, ansi.EraseLineRight...)
		}
	}
	// The rows below the frame, when there are any (the cursor cannot go
	// below the last row: clearing "below" there would clear the last line).
	if (len(lines) < len(s.shown) || repaint) && (h == 0 || len(lines) < h) {
		b = append(b, "\x1b["...)
		b = strconv.AppendInt(b, int64(len(lines)+1), 10)
		b = append(b, ";1H"...)
		b = append(b, ansi.EraseScreenBelow...)
	}
	s.shown, s.buf = lines, b
	return b
}

// drawnModel hands every frame its model draws to the session's screen,
// and the terminal's size with it.
type drawnModel struct {
	tea.Model
	screen *sessionScreen
}

func (d drawnModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		d.screen.resize(ws.Width, ws.Height)
	}
	m, cmd := d.Model.Update(msg)
	d.Model = m
	return d, cmd
}

func (d drawnModel) View() string {
	v := d.Model.View()
	d.screen.show(v)
	return v
}
