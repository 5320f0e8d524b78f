package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// enter on a task, a card, a blocker, a key result or a feedback opens its
// detail page over the screen: the full text that the lists cut, its history
// and the keys that act on it. esc or enter closes it; an action key closes
// it and acts on the thing, as it would on the screen.

// detailPage is what a screen says about its selected thing.
type detailPage struct {
	title   string
	fields  []detailField
	history func() ([]string, error) // read in a command; nil: no history
	actions []key.Binding            // the screen's keys that work on it now
	talk    *pageTalk                // its comments, and C to add one (comments.go); nil: none
}

// detailField is one labelled text of a detail page.
type detailField struct{ label, text string }

// detailer is a screen whose selected thing has a detail page.
type detailer interface {
	// Detail is the page of the selected thing (false: nothing selected, or
	// enter means something else here).
	Detail() (detailPage, bool)
}

// openDetail is the root's open detail page.
type openDetail struct {
	page    detailPage
	gen     int
	history []string
	err     error
	body    scroller
	talked  pageTalkState // the comments read, and the comment being typed
}

// detailHistoryMsg carries a page's history.
type detailHistoryMsg struct {
	gen   int
	lines []string
	err   error
}

// pageKeys are the page's own keys.
func pageKeys() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "page.key.scroll")),
		key.NewBinding(key.WithKeys("esc", "enter"), key.WithHelp("esc", "page.key.back")),
	}
}

// showDetail opens the page of the active screen's selected thing, if it has one.
func (m *Model) showDetail() (tea.Cmd, bool) {
	d, ok := m.screens[m.active].(detailer)
	if !ok {
		return nil, false
	}
	page, ok := d.Detail()
	if !ok {
		return nil, false
	}
	gen := 1
	if m.detail != nil {
		gen = m.detail.gen + 1
	}
	m.detail = &openDetail{page: page, gen: gen, body: newScroller(m.c.Styles)}
	m.detail.body.tr = m.c.Tr
	talk := m.loadPageTalk()
	if page.history == nil {
		return talk, true
	}
	load := page.history
	return tea.Batch(talk, func() tea.Msg {
		lines, err := load()
		return detailHistoryMsg{gen: gen, lines: lines, err: err}
	}), true
}

// detailKey handles a key while a page is open.
func (m *Model) detailKey(msg tea.KeyMsg) tea.Cmd {
	d := m.detail
	if cmd, ok := m.pageTalkKey(msg); ok {
		return cmd
	}
	switch msg.Type {
	case tea.KeyEsc, tea.KeyEnter:
		m.detail = nil
		return nil
	}
	if d.body.Handle(newMoveKeys("scroll"), msg) {
		return nil
	}
	// The footer offers ? and q on a detail page too.
	switch {
	case key.Matches(msg, m.keys.Help):
		m.overlay = helpOverlay{open: true}
		return nil
	case key.Matches(msg, m.keys.Quit):
		return m.checkQuit()
	}
	for _, b := range d.page.actions {
		if b.Enabled() && key.Matches(msg, b) {
			m.detail = nil // back to the screen, which acts on the same thing
			return m.screens[m.active].Update(msg)
		}
	}
	return nil
}

// detailView draws the open page in w x h cells.
func (m *Model) detailView(w, h int) string {
	st, d, tr := m.c.Styles, m.detail, m.c.Tr
	lines := []string{st.Title.Render(common.Truncate(d.page.title, w)), ""}
	labelW := 0
	for _, f := range d.page.fields {
		labelW = max(labelW, common.Width(f.label))
	}
	for _, f := range d.page.fields {
		text := f.text
		if strings.TrimSpace(text) == "" {
			text = "—"
		}
		wrapped := common.Wrap(text, max(w-labelW-2, 10), 1000)
		for i, l := range wrapped {
			label := strings.Repeat(" ", labelW)
			if i == 0 {
				label = common.Pad(f.label, labelW)
			}
			lines = append(lines, common.Truncate(st.Subtle.Render(label)+"  "+highlightMention(st, l, m.c.Actor), w))
		}
	}
	if d.page.talk != nil {
		lines = append(m.talkFormLines(w), lines...)
		lines = append(lines, m.talkLines(w)...)
	}
	if d.page.history != nil {
		lines = append(lines, "", st.Title.Render(tr.T("page.history")))
		switch {
		case d.err != nil:
			lines = append(lines, st.Error.Render(common.Truncate(tr.Err(d.err), w)))
		case d.history == nil:
			lines = append(lines, st.Subtle.Render(tr.T("page.reading")))
		case len(d.history) == 0:
			lines = append(lines, st.Subtle.Render(tr.T("page.nothing_recorded")))
		}
		for _, l := range d.history {
			for _, wl := range common.Wrap(l, w-2, 1000) {
				lines = append(lines, "  "+wl)
			}
		}
	}
	var acts []string
	for _, b := range d.page.actions {
		if b.Enabled() {
			acts = append(acts, b.Help().Key+" "+tr.T(b.Help().Desc))
		}
	}
	if len(acts) > 0 {
		lines = append(lines, "", st.Title.Render(tr.T("page.what_you_can_do")))
		for _, l := range common.Wrap(strings.Join(acts, " · "), w-2, 1000) {
			lines = append(lines, "  "+l)
		}
	}
	d.body.SetSize(w, h)
	d.body.SetLines(lines)
	return d.body.View()
}

// historyLines are events as "Mon Mar 9 10:04 alice moved T-5 to In progress",
// each sentence in the reader's language.
func historyLines(tr i18n.Tr, events []store.Event, keep func(store.Event) bool) []string {
	var out []string
	for _, e := range events {
		if keep != nil && !keep(e) {
			continue
		}
		out = append(out, tr.DayTime(e.At)+"  "+common.Line(tr.Event(e.Text)))
	}
	return out
}
