package ui

// The mouse: a click selects what it lands on (a tab, a task, a story, a
// retro card) and the keys then act on it as usual; a double click opens it
// (as enter); the wheel moves the selection (as ↑/↓). The keyboard stays
// complete; nothing here is the only way to do anything.
//
// Zones are this session's own (one per Model; many SSH sessions share the
// process): screens mark the lines of what can be clicked with zero-width
// "\x1b[K;Nz" sequences (common.Common.Mark), and the root strips them from
// each frame, recording where each zone landed. Each marked part is one line,
// so a zone is a set of one-line spans: exact even for cards side by side.
// A marker spells its zone's id (zoneKinds), the same in every session, so
// what one session drew (a board every session shows alike) holds for all.

import (
	"slices"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/ui/common"
)

// doubleClick is how soon a second click on the same thing opens it.
const doubleClick = 400 * time.Millisecond

// span is where one marked line landed: row y, cells [x0, x1).
type span struct{ y, x0, x1 int }

// zones is where, after each frame, the zones are.
type zones struct {
	spans map[string][]span // by marker parameters ("3;12" is task:12)

	lastRaw, lastClean string // the last frame scanned, and without its markers
}

func newZones() *zones { return &zones{spans: map[string][]span{}} }

var _ common.Marker = (*zones)(nil)

// zoneKinds are the kinds of zone ids, "kind:N" or "kind:N:M"; a marker
// spells an id as the kind's place in this list (from 1) and its numbers.
var zoneKinds = [...]string{"tab", "story", "task", "card", "okr"}

// Mark wraps line in the zone's start and end markers. An id of no known
// kind, or not made of numbers after it, leaves the line unmarked.
func (z *zones) Mark(id, line string) string {
	params, ok := zoneParams(id)
	if !ok {
		return line
	}
	m := "\x1b[" + params + "z"
	return m + line + m
}

// zoneParams spells id as a marker's parameters: "task:12" is "3;12".
func zoneParams(id string) (string, bool) {
	kind, nums, _ := strings.Cut(id, ":")
	k := slices.Index(zoneKinds[:], kind)
	if k < 0 || nums == "" {
		return "", false
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(k + 1))
	for n := range strings.SplitSeq(nums, ":") {
		if n == "" || strings.Trim(n, "0123456789") != "" {
			return "", false
		}
		b.WriteByte(';')
		b.WriteString(n)
	}
	return b.String(), true
}

// zoneID is the id a marker's parameters spell (zoneParams read back).
func zoneID(params string) (string, bool) {
	code, nums, _ := strings.Cut(params, ";")
	k, err := strconv.Atoi(code)
	if err != nil || k < 1 || k > len(zoneKinds) || nums == "" {
		return "", false
	}
	return zoneKinds[k-1] + ":" + strings.ReplaceAll(nums, ";", ":"), true
}

// zoneMarkers finds up to n (all when n < 0) markers "\x1b[K;Nz" in s, as
// regexp's FindAllStringSubmatchIndex would for `\x1b\[(\d+(?:;\d+)*)z`:
// each as {start, end, parameters start, parameters end}. It runs over every
// new frame of every session, so it is a plain scan.
func zoneMarkers(s string, n int) [][4]int { return appendZoneMarkers(nil, s, n) }

// appendZoneMarkers is zoneMarkers appending to out (the scan reuses one
// slice for every line of a frame).
func appendZoneMarkers(out [][4]int, s string, n int) [][4]int {
	base := len(out)
	for i := 0; n < 0 || len(out)-base < n; {
		j := strings.Index(s[i:], "\x1b[")
		if j < 0 {
			break
		}
		start := i + j
		d := start + 2
		e, digits := d, false
		for e < len(s) {
			switch c := s[e]; {
			case c >= '0' && c <= '9':
				digits = true
			case c == ';' && digits:
				digits = false // a number must follow
			default:
				goto end
			}
			e++
		}
	end:
		if digits && e < len(s) && s[e] == 'z' {
			out = append(out, [4]int{start, e + 1, d, e})
			i = e + 1
			continue
		}
		i = start + 1
	}
	return out
}

// scan strips the markers from a frame and records where each zone is.
func (z *zones) scan(frame string) string {
	if frame == z.lastRaw {
		return z.lastClean
	}
	var first [1][4]int
	if len(appendZoneMarkers(first[:0], frame, 1)) == 0 {
		z.spans = map[string][]span{}
		z.lastRaw, z.lastClean = frame, frame
		return frame
	}
	// One pass over the frame into one builder: a line without markers is
	// copied as it is; a marked one is measured once, segment by segment.
	spans := make(map[string][]span, len(z.spans))
	var b strings.Builder
	b.Grow(len(frame))
	var open []openZone // markers seen once on this line, with their column
	var locs [][4]int   // the line's markers (one slice for every line)
	rest := frame
	for y := 0; ; y++ {
		line, after, more := strings.Cut(rest, "\n")
		locs = appendZoneMarkers(locs[:0], line, -1)
		x, prev := 0, 0
		open = open[:0]
		for _, loc := range locs {
			text := line[prev:loc[0]]
			b.WriteString(text)
			x += common.Width(text)
			prev = loc[1]
			p := line[loc[2]:loc[3]]
			if i := slices.IndexFunc(open, func(o openZone) bool { return o.params == p }); i >= 0 {
				spans[p] = append(spans[p], span{y, open[i].x, x})
				open = slices.Delete(open, i, i+1)
			} else {
				open = append(open, openZone{p, x})
			}
		}
		b.WriteString(line[prev:])
		if len(open) > 0 { // cut off by the frame's edge: open to the line's end
			end := x + common.Width(line[prev:])
			for _, o := range open {
				spans[o.params] = append(spans[o.params], span{y, o.x, end})
			}
		}
		if !more {
			break
		}
		b.WriteByte('\n')
		rest = after
	}
	z.spans = spans
	clean := b.String()
	z.lastRaw, z.lastClean = frame, clean
	return clean
}

// openZone is a zone marker met once on a line, and the column it opened at.
type openZone struct {
	params string
	x      int
}

// at is the id of the narrowest zone under cell (x, y), or "".
func (z *zones) at(x, y int) string {
	best, bestW := "", -1
	for params, spans := range z.spans {
		for _, s := range spans {
			if s.y == y && x >= s.x0 && x < s.x1 && (bestW < 0 || s.x1-s.x0 < bestW) {
				best, bestW = params, s.x1-s.x0
			}
		}
	}
	id, _ := zoneID(best)
	return id
}

// clickable is a screen whose items can be selected by a click on the zone
// it marked; it reports whether the id was one of its own.
type clickable interface {
	click(id string) bool
}

// mouseState is the last click, to tell a double click.
type mouseState struct {
	id  string
	at  time.Time
	now func() time.Time // the wall clock; tests set their own
}

// handleMouse answers a mouse event: wheel moves, clicks select, double clicks open.
func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	act := m.screens[m.active]
	if m.quitting != nil || act.Capturing() {
		return nil // a question or a form waits for keys
	}
	switch {
	case msg.Button == tea.MouseButtonWheelUp && msg.Action == tea.MouseActionPress:
		return m.handleKey(tea.KeyMsg{Type: tea.KeyUp})
	case msg.Button == tea.MouseButtonWheelDown && msg.Action == tea.MouseActionPress:
		return m.handleKey(tea.KeyMsg{Type: tea.KeyDown})
	case msg.Button != tea.MouseButtonLeft || msg.Action != tea.MouseActionPress:
		return nil
	}
	m.View()    // the zones of what is on screen now
	m.viewGen++ // and what the click changes is drawn anew
	id := m.zones.at(msg.X, msg.Y)
	if id == "" {
		m.mouse.id = ""
		return nil
	}
	now := time.Now
	if m.mouse.now != nil {
		now = m.mouse.now
	}
	t := now()
	double := id == m.mouse.id && t.Sub(m.mouse.at) <= doubleClick
	m.mouse.id, m.mouse.at = id, t
	if double {
		m.mouse.id = "" // a third click starts again
	}
	if n, ok := strings.CutPrefix(id, "tab:"); ok {
		i, _ := strconv.Atoi(n)
		m.landOnBoard = false
		return m.show(screenID(i))
	}
	c, ok := act.(clickable)
	if !ok || !c.click(id) {
		return nil
	}
	m.landOnBoard = false
	if double {
		return m.handleKey(tea.KeyMsg{Type: tea.KeyEnter})
	}
	return nil
}

// tab marks a tab's label as its zone.
func (m *Model) tab(id int, label string) string { return m.c.Mark("tab:"+strconv.Itoa(id), label) }

// click selects the clicked task on the board.
func (s *boardScreen) click(id string) bool {
	n, ok := strings.CutPrefix(id, "task:")
	if !ok || s.view != viewBoard {
		return false
	}
	want, _ := strconv.Atoi(n)
	for c, tasks := range s.cols {
		for r, t := range tasks {
			if t.ID == want {
				s.col, s.row[c] = c, r
				s.remember()
				s.scrollToSelection()
				return true
			}
		}
	}
	return false
}

// click selects the clicked story in the backlog.
func (s *backlogScreen) click(id string) bool {
	n, ok := strings.CutPrefix(id, "story:")
	if !ok {
		return false
	}
	want, _ := strconv.Atoi(n)
	for i, k := range s.shown {
		if s.stories[k].ID == want {
			s.sel, s.selID = i, want
			s.scrollToSelection()
			return true
		}
	}
	return false
}

// click selects the clicked objective or key result.
func (s *visionScreen) click(id string) bool {
	n, ok := strings.CutPrefix(id, "okr:")
	i, err := strconv.Atoi(n)
	if !ok || err != nil || i < 0 || i >= len(s.items) {
		return false
	}
	s.sel = i
	s.layout()
	return true
}

// click selects the clicked retro card.
func (s *retroScreen) click(id string) bool {
	rest, ok := strings.CutPrefix(id, "card:")
	if !ok {
		return false
	}
	cs, rs, _ := strings.Cut(rest, ":")
	c, err1 := strconv.Atoi(cs)
	r, err2 := strconv.Atoi(rs)
	if err1 != nil || err2 != nil {
		return false
	}
	s.col, s.row = c, r
	s.clampSelection()
	return true
}
