package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/ui/common"
	"huddle/ui/i18n"
)

// moveKeys are the movement keys the screens share (each screen builds its own
// copy; nothing is shared between sessions).
type moveKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

func newMoveKeys(what string) moveKeys {
	up, down := moveHelp(what)
	return moveKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", up)),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", down)),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page.key.page_up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f", " "), key.WithHelp("pgdn", "page.key.page_down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "page.key.top")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "page.key.bottom")),
	}
}

// moveHelp is the help of the up and down keys for what they move.
func moveHelp(what string) (up, down string) {
	switch what {
	case "scroll":
		return "page.key.scroll_up", "page.key.scroll_down"
	case "card":
		return "page.key.card_up", "page.key.card_down"
	case "member":
		return "page.key.member_up", "page.key.member_down"
	}
	return "page.key.select_up", "page.key.select_down"
}

func (k moveKeys) all() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// step moves a selection among n rows for a movement key, a page being page
// rows. It reports false for any other key. The result is kept in 0..n-1.
func (k moveKeys) step(msg tea.KeyMsg, sel, n, page int) (int, bool) {
	switch {
	case key.Matches(msg, k.Up):
		sel--
	case key.Matches(msg, k.Down):
		sel++
	case key.Matches(msg, k.PageUp):
		sel -= page
	case key.Matches(msg, k.PageDown):
		sel += page
	case key.Matches(msg, k.Top):
		sel = 0
	case key.Matches(msg, k.Bottom):
		sel = n - 1
	default:
		return sel, false
	}
	return min(max(sel, 0), n-1), true
}

// scroller is a read-only text area that scrolls with the move keys: a
// bubbles viewport fed with lines already cut to its width. When the text is
// longer than the area, its last line says how much more there is below.
type scroller struct {
	vp     viewport.Model
	st     *common.Styles
	tr     *i18n.Tr // the reader's language (nil: English)
	height int      // the whole area, the "more" line included
	lines  int
}

func newScroller(st *common.Styles) scroller {
	return scroller{vp: viewport.New(0, 0), st: st}
}

// SetSize resizes the area, keeping the scroll position where it can.
func (s *scroller) SetSize(w, h int) {
	s.vp.Width, s.height = max(w, 1), max(h, 1)
	s.fit()
}

// SetLines replaces the content. Lines must already fit the width.
func (s *scroller) SetLines(lines []string) {
	s.lines = len(lines)
	s.vp.SetContent(strings.Join(lines, "\n"))
	s.fit()
}

// fit gives the viewport the whole area, or all but the "more" line.
func (s *scroller) fit() {
	s.vp.Height = s.height
	if s.lines > s.height && s.height > 1 {
		s.vp.Height = s.height - 1
	}
	s.vp.SetYOffset(s.vp.YOffset)
}

// Handle scrolls for a move key and reports whether it was one.
func (s *scroller) Handle(k moveKeys, msg interface{ String() string }) bool {
	switch {
	case key.Matches(msg, k.Up):
		s.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		s.vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		s.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		s.vp.PageDown()
	case key.Matches(msg, k.Top):
		s.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		s.vp.GotoBottom()
	default:
		return false
	}
	return true
}

// Show scrolls the least needed for lines from..to (inclusive) to be visible.
func (s *scroller) Show(from, to int) {
	switch {
	case from < s.vp.YOffset:
		s.vp.SetYOffset(from)
	case to >= s.vp.YOffset+s.vp.Height:
		s.vp.SetYOffset(min(to-s.vp.Height+1, from))
	}
}

// View draws the visible lines, and the "more" line when there is more.
func (s *scroller) View() string {
	if s.vp.Height == s.height {
		return s.vp.View()
	}
	tr := s.tr
	if tr == nil {
		tr = &i18n.Tr{}
	}
	below := s.lines - s.vp.YOffset - s.vp.Height
	more := ""
	switch {
	case below > 0:
		more = "  " + tr.Tn("page.more_lines", below)
	case s.vp.YOffset > 0:
		more = "  " + tr.T("page.end")
	}
	return s.vp.View() + "\n" + s.st.Subtle.Render(common.Truncate(more, s.vp.Width))
}
