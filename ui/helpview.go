package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/ui/common"
)

// The ? overlay: every key that works on the screen now, for this role, laid
// out in columns that fit the window, scrolling when they do not. esc or ?
// close it. And the footer: the screen's most useful keys, then the global
// ones, as many as fit, never ending in "…": ? and q always show.

// helpOverlay is the ? overlay's state.
type helpOverlay struct {
	open   bool
	offset int // first row on show
}

// helpOverlayKeys are the keys of the open overlay.
type helpOverlayKeys struct{ Scroll, Close key.Binding }

func newHelpOverlayKeys() helpOverlayKeys {
	return helpOverlayKeys{
		Scroll: key.NewBinding(key.WithKeys("up", "down", "k", "j", "pgup", "pgdown"), key.WithHelp("↑↓", "page.key.scroll")),
		Close:  key.NewBinding(key.WithKeys("esc", "?", "q"), key.WithHelp("esc/?", "page.key.close")),
	}
}

func (k helpOverlayKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Scroll, k.Close} }
func (k helpOverlayKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// helpOpen reports whether the ? overlay is on show.
func (m *Model) helpOpen() bool { return m.overlay.open }

// overlayKey handles a key while the overlay is open.
func (m *Model) overlayKey(msg tea.KeyMsg) {
	rows := len(m.overlayEntries())
	switch msg.String() {
	case "esc", "?", "q":
		m.overlay = helpOverlay{}
	case "up", "k":
		m.overlay.offset--
	case "down", "j":
		m.overlay.offset++
	case "pgup":
		m.overlay.offset -= m.overlayHeight()
	case "pgdown", " ":
		m.overlay.offset += m.overlayHeight()
	}
	m.overlay.offset = max(min(m.overlay.offset, rows), 0)
}

// helpEntry is one key of the overlay.
type helpEntry struct{ key, desc string }

// overlayEntries are the keys the overlay lists: the screen's (only those
// enabled: they work for this role in this state), then the global ones.
func (m *Model) overlayEntries() []helpEntry {
	var out []helpEntry
	seen := map[string]bool{}
	for _, group := range m.footerKeys(m.active).FullHelp() {
		for _, b := range group {
			h := b.Help()
			if !b.Enabled() || h.Key == "" || seen[h.Key+h.Desc] {
				continue
			}
			seen[h.Key+h.Desc] = true
			out = append(out, helpEntry{m.c.Tr.Key(h.Key), m.c.Tr.T(h.Desc)})
		}
	}
	return out
}

// overlayHeight is how many rows of keys show under the overlay's title.
func (m *Model) overlayHeight() int {
	return max(m.bodyHeight()-2, 1)
}

// overlayView draws the overlay in w x h cells: a title, then the keys in
// as many columns as fit, column by column, scrolled to the offset.
func (m *Model) overlayView(w, h int) string {
	st := m.c.Styles
	entries := m.overlayEntries()
	keyW, descW := 0, 0
	for _, e := range entries {
		keyW = max(keyW, common.Width(e.key))
		descW = max(descW, common.Width(e.desc))
	}
	keyW = min(keyW, 12)
	colW := min(keyW+1+descW, w)
	const gap = 3
	cols := max((w+gap)/(colW+gap), 1)
	rows := (len(entries) + cols - 1) / cols
	avail := max(h-2, 1)
	if rows > avail {
		// Fill the height first: more columns only when the rows run out.
		rows = max(avail, (len(entries)+cols-1)/cols)
	}
	grid := make([]string, rows)
	for i, e := range entries {
		r := i % rows
		cell := st.Help.FullKey.Render(common.Pad(common.Truncate(e.key, keyW), keyW)) + " " +
			st.Help.FullDesc.Render(common.Truncate(e.desc, colW-keyW-1))
		if grid[r] != "" {
			grid[r] += strings.Repeat(" ", gap)
		}
		grid[r] += common.Pad(cell, colW)
	}
	title := m.c.Tr.Tf("help.title", "Screen", m.screens[m.active].Title())
	lines := []string{st.Title.Render(common.Truncate(title, w)), ""}
	off := min(m.overlay.offset, max(rows-avail, 0))
	m.overlay.offset = off
	end := min(off+avail, rows)
	if end < rows {
		end = off + avail - 1 // room for the "more" line
	}
	for _, l := range grid[off:end] {
		lines = append(lines, common.Truncate(l, w))
	}
	if end < rows {
		lines = append(lines, st.Subtle.Render(common.Truncate("  "+m.c.Tr.Tn("page.help_more", rows-end), w)))
	}
	return strings.Join(lines, "\n")
}

// bodyHeight is the height a screen draws in now.
func (m *Model) bodyHeight() int {
	footer := 1
	if m.status != "" {
		footer++
	}
	return max(m.c.Height-chromeLines-footer, 1)
}

// footerView is the one-line footer: the screen's keys in their order of
// use, then the global ones, as many as fit in w; ? and q always show, so
// the rest is one key away and nothing ends in "…".
func (m *Model) footerView(w int) string {
	st := m.c.Styles.Help
	f := m.footerKeys(m.active)
	var screenKeys, tail []key.Binding
	switch {
	case m.overlay.open:
		screenKeys = newHelpOverlayKeys().ShortHelp()
		tail = []key.Binding{m.keys.ForceQuit}
	case m.detail != nil && m.detail.talked.form != nil:
		screenKeys = m.detail.talked.form.Keys().ShortHelp()
		tail = []key.Binding{m.keys.ForceQuit}
	case m.detail != nil:
		screenKeys = append(pageKeys(), m.detail.page.actions...)
		tail = []key.Binding{m.keys.Help, m.keys.Quit}
	case f.capturing:
		screenKeys = f.screen.ShortHelp()
		tail = []key.Binding{m.keys.ForceQuit}
	default:
		screenKeys = f.screen.ShortHelp()
		tail = []key.Binding{m.keys.Help, m.keys.Quit}
	}
	tr := m.c.Tr
	size := func(b key.Binding) int {
		return common.Width(tr.Key(b.Help().Key)) + 1 + common.Width(tr.T(b.Help().Desc)) + 3
	}
	used := 0
	for _, b := range tail {
		used += size(b)
	}
	var shown []key.Help
	add := func(bs ...key.Binding) {
		for _, b := range bs {
			if !b.Enabled() || b.Help().Key == "" {
				continue
			}
			if n := size(b); used+n <= w+3 {
				shown = append(shown, key.Help{Key: tr.Key(b.Help().Key), Desc: tr.T(b.Help().Desc)})
				used += n
			}
		}
	}
	add(screenKeys...)
	if !f.capturing && !m.overlay.open && m.detail == nil {
		add(m.keys.Screen, m.keys.Next)
	}
	for _, b := range tail {
		shown = append(shown, key.Help{Key: tr.Key(b.Help().Key), Desc: tr.T(b.Help().Desc)})
	}
	return m.footerDrawn.line(shown, w, m.c.Styles, func() string {
		items := make([]string, len(shown))
		for i, h := range shown {
			items[i] = st.ShortKey.Render(h.Key) + " " + st.ShortDesc.Render(h.Desc)
		}
		return common.Truncate(strings.Join(items, st.ShortSeparator.Render(" • ")), w)
	})
}
