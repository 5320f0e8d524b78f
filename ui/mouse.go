package ui

// The mouse: a click selects what it lands on (a tab, a task, a story, a
// retro card) and the keys then act on it as usual; a double click opens it
// (as enter); the wheel moves the selection (as ↑/↓). The keyboard stays
// complete; nothing here is the only way to do anything.
//
// Zones are this session's own (one per Model; many SSH sessions share the
// process): screens mark the lines of what can be clicked with zero-width
// "\x1b[Nz" sequences (common.Common.Mark), and the root strips them from each
// frame, recording where each zone landed. Each marked part is one line, so a
// zone is a set of one-line spans: exact even for cards side by side.

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

// zones maps zone ids to markers and, after each frame, to where they are.
type zones struct {
	nums  map[string]int // id -> marker number
	ids   []string       // marker number -> id
	spans map[string][]span

	lastRaw, lastClean string // the last frame scanned, and without its markers
}

func newZones() *zones { return &zones{nums: map[string]int{}, spans: map[string][]span{}} }

var _ common.Marker = (*zones)(nil)

// Mark wraps line in the zone's start and end markers.
func (z *zones) Mark(id, line string) string {
	n, ok := z.nums[id]
	if !ok {
		n = len(z.ids)
		z.nums[id] = n
		z.ids = append(z.ids, id)
	}
	m := "\x1b[" + strconv.Itoa(n+1) + "z"
	return m + line + m
}

// zoneMarkers finds up to n (all when n < 0) markers "\x1b[Nz" in s, as
// regexp's FindAllStringSubmatchIndex would for `\x1b\[(\d+)z`: each as
// {start, end, digits start, digits end}. It runs over every new frame of
// every session, so it is a plain scan.
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
		e := d
		for e < len(s) && s[e] >= '0' && s[e] <= '9' {
			e++
		}
		if e > d && e < len(s) && s[e] == 'z' {
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
			n, _ := strconv.Atoi(line[loc[2]:loc[3]])
			if i := slices.IndexFunc(open, func(o openZone) bool { return o.n == n }); i >= 0 {
				if id, ok := z.id(n); ok {
					spans[id] = append(spans[id], span{y, open[i].x, x})
				}
				open = slices.Delete(open, i, i+1)
			} else {
				open = append(open, openZone{n, x})
			}
		}
		b.WriteString(line[prev:])
		if len(open) > 0 { // cut off by the frame's edge: open to the line's end
			end := x + common.Width(line[prev:])
			for _, o := range open {
				if id, ok := z.id(o.n); ok {
					spans[id] = append(spans[id], span{y, o.x, end})
				}
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
type openZone struct{ n, x int }

// id is the zone id of marker number n.
func (z *zones) id(n int) (string, bool) {
	if n < 1 || n > len(z.ids) {
		return "", false
	}
	return z.ids[n-1], true
}

// at is the zone under cell (x, y) whose id starts with one of prefixes, or "".
func (z *zones) at(x, y int) string {
	best, bestW := "", -1
	for id, spans := range z.spans {
		for _, s := range spans {
			if s.y == y && x >= s.x0 && x < s.x1 && (bestW < 0 || s.x1-s.x0 < bestW) {
				best, bestW = id, s.x1-s.x0
			}
		}
	}
	return best
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
