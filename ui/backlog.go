package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sahilm/fuzzy"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/ui/common"
)

// backlogKeys are the keys of the Backlog screen.
type backlogKeys struct {
	moveKeys
	Filter, Clear, Apply key.Binding
	typing               bool // the filter line has the keyboard: other keys apply
}

func newBacklogKeys() backlogKeys {
	return backlogKeys{
		moveKeys: newMoveKeys("move"),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Apply:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
	}
}

func (k backlogKeys) ShortHelp() []key.Binding {
	if k.typing {
		return []key.Binding{k.Apply, k.Clear, combined("↑↓", "move", k.Up, k.Down)}
	}
	return []key.Binding{combined("↑↓", "move", k.Up, k.Down), k.Filter, k.Clear}
}

func (k backlogKeys) FullHelp() [][]key.Binding {
	if k.typing {
		return [][]key.Binding{{k.Apply, k.Clear, k.Up, k.Down}}
	}
	return [][]key.Binding{k.moveKeys.all(), {k.Filter, k.Clear}}
}

// backlogMsg carries the backlog in rank order.
type backlogMsg struct {
	gen     int
	stories []backlog.Story
	err     error
}

// backlogScreen lists the product backlog in rank order, with a fuzzy filter.
type backlogScreen struct {
	c    common.Common
	keys backlogKeys

	gen     int
	loaded  bool
	err     error
	stories []backlog.Story // every listed story, rank order
	shown   []int           // indexes into stories that pass the filter
	sel     int             // index into shown
	selID   int             // the selected story's ID, kept across reloads

	filter filterInput
	body   scroller
}

func newBacklogScreen(c common.Common) *backlogScreen {
	body := newScroller(c.Styles)
	body.one, body.many = "story", "stories"
	return &backlogScreen{c: c, keys: newBacklogKeys(), body: body}
}

func (s *backlogScreen) Title() string { return "Backlog" }
func (s *backlogScreen) Keys() help.KeyMap {
	k := s.keys
	k.typing = s.filter.Focused()
	k.Clear.SetEnabled(s.filter.Focused() || s.filter.Value() != "")
	return k
}
func (s *backlogScreen) Capturing() bool { return s.filter.Focused() }

// Filter is the filter text (typed or kept).
func (s *backlogScreen) Filter() string { return s.filter.Value() }

// Selected is the selected story, if any.
func (s *backlogScreen) Selected() (backlog.Story, bool) {
	if s.sel < 0 || s.sel >= len(s.shown) {
		return backlog.Story{}, false
	}
	return s.stories[s.shown[s.sel]], true
}

func (s *backlogScreen) SetCommon(c common.Common) {
	s.c = c
	s.layout()
}

func (s *backlogScreen) Load() tea.Cmd {
	s.gen++
	gen, st := s.gen, s.c.Store
	return func() tea.Msg {
		stories, err := st.Stories(0)
		return backlogMsg{gen: gen, stories: stories, err: err}
	}
}

func (s *backlogScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case backlogMsg:
		if msg.gen != s.gen {
			return nil
		}
		s.loaded, s.err = true, msg.err
		if msg.err == nil {
			s.stories = msg.stories
		}
		s.applyFilter()
	case tea.KeyMsg:
		if s.filter.Focused() {
			return s.updateTyping(msg)
		}
		switch {
		case key.Matches(msg, s.keys.Filter):
			s.filter.Focus()
			s.layout()
		case key.Matches(msg, s.keys.Clear):
			s.filter.Reset()
			s.applyFilter()
		default:
			s.move(msg)
		}
	}
	return nil
}

// updateTyping handles a key while the filter line has the keyboard.
func (s *backlogScreen) updateTyping(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.keys.Clear):
		s.filter.Reset()
		s.filter.Blur()
	case key.Matches(msg, s.keys.Apply):
		s.filter.Blur()
	case key.Matches(msg, s.keys.Up, s.keys.Down) && msg.Type != tea.KeyRunes:
		s.move(msg) // arrows move the selection; j and k are letters here
		return nil
	default:
		if s.filter.Update(msg) {
			s.selID = 0 // new text: the best match is selected
			s.applyFilter()
		}
		return nil
	}
	s.applyFilter()
	return nil
}

// move changes the selection for a move key.
func (s *backlogScreen) move(msg tea.KeyMsg) {
	if len(s.shown) == 0 {
		return
	}
	page := max(s.body.vp.Height-1, 1)
	sel := s.sel
	switch {
	case key.Matches(msg, s.keys.Up):
		sel--
	case key.Matches(msg, s.keys.Down):
		sel++
	case key.Matches(msg, s.keys.PageUp):
		sel -= page
	case key.Matches(msg, s.keys.PageDown):
		sel += page
	case key.Matches(msg, s.keys.Top):
		sel = 0
	case key.Matches(msg, s.keys.Bottom):
		sel = len(s.shown) - 1
	default:
		return
	}
	s.sel = min(max(sel, 0), len(s.shown)-1)
	s.selID = s.stories[s.shown[s.sel]].ID
	s.layout()
}

// applyFilter recomputes which stories show, keeping the selected story
// selected when it still shows. Without a filter they show in rank order;
// with one, best match first (ties keep rank order). A story matches through
// its ID, its title or any of its labels, each scored on its own, so a label
// that matches exactly is not drowned by a scattered match in the title.
func (s *backlogScreen) applyFilter() {
	s.shown = s.shown[:0]
	if q := strings.TrimSpace(s.filter.Value()); q != "" {
		src := newStoryFields(s.stories)
		seen := map[int]bool{}
		for _, m := range fuzzy.FindFrom(q, src) {
			if i := src[m.Index].story; !seen[i] {
				seen[i] = true
				s.shown = append(s.shown, i)
			}
		}
	} else {
		for i := range s.stories {
			s.shown = append(s.shown, i)
		}
	}
	s.sel = 0
	for i, idx := range s.shown {
		if s.stories[idx].ID == s.selID {
			s.sel = i
		}
	}
	if len(s.shown) > 0 {
		s.selID = s.stories[s.shown[s.sel]].ID
	}
	s.layout()
}

// storyField is one searchable field of a story: its ID, title or a label.
type storyField struct {
	story int // index into the stories
	text  string
}

// storyFields is what the filter matches against, fields of a story together
// and stories in rank order.
type storyFields []storyField

func newStoryFields(stories []backlog.Story) storyFields {
	var out storyFields
	for i, st := range stories {
		out = append(out, storyField{i, st.Ref()}, storyField{i, st.Title})
		for _, l := range st.Labels {
			out = append(out, storyField{i, l})
		}
	}
	return out
}

func (f storyFields) Len() int            { return len(f) }
func (f storyFields) String(i int) string { return f[i].text }

// head is the fixed part above the list: the filter line, the summary and the
// column headings.
func (s *backlogScreen) head(cols backlogCols) []string {
	st, w := s.c.Styles, s.c.Width
	var lines []string
	if s.filter.Focused() || s.filter.Value() != "" {
		lines = append(lines, s.filter.View(st, w))
	}
	if len(s.stories) > 0 {
		lines = append(lines, common.Truncate(s.summary(), w))
	}
	if len(s.shown) > 0 {
		lines = append(lines, st.Subtle.Render(cols.row("", "ID", "Title", "Pts", "Val", "Labels", "Status")))
	}
	return lines
}

// summary counts what shows: stories, points, unestimated.
func (s *backlogScreen) summary() string {
	st := s.c.Styles
	points, unest := 0, 0
	for _, i := range s.shown {
		if s.stories[i].Estimated() {
			points += s.stories[i].Points
		} else {
			unest++
		}
	}
	n := plural(len(s.shown), "story", "stories")
	if s.filter.Value() != "" {
		n = fmt.Sprintf("%d of %s match", len(s.shown), plural(len(s.stories), "story", "stories"))
	}
	out := st.Title.Render(n) + st.Subtle.Render(" · "+plural(points, "point", "points"))
	if unest > 0 {
		out += st.Subtle.Render(" · ") + st.Warning.Render(fmt.Sprintf("%d unestimated", unest))
	}
	return out
}

// backlogCols are the column widths of the story table for one window width.
type backlogCols struct{ id, title, pts, val, labels, status int }

func (s *backlogScreen) columns() backlogCols {
	c := backlogCols{id: 4, pts: 3, val: 3, status: 6}
	labels := 0
	for _, i := range s.shown {
		st := s.stories[i]
		c.id = max(c.id, common.Width(st.Ref()))
		labels = max(labels, common.Width(strings.Join(st.Labels, ",")))
		c.status = max(c.status, common.Width(storyStatus(st)))
	}
	w := s.c.Width
	c.labels = min(max(labels, 6), max(w/6, 6))
	c.status = min(c.status, 12)
	// marker 2, then single spaces and double spaces between the columns.
	c.title = max(w-2-c.id-1-2-c.pts-2-c.val-2-c.labels-2-c.status, 10)
	return c
}

func (c backlogCols) row(marker, id, title, pts, val, labels, status string) string {
	return common.Pad(marker, 2) + common.Pad(id, c.id) + " " + common.Pad(title, c.title) + "  " +
		common.PadLeft(pts, c.pts) + "  " + common.PadLeft(val, c.val) + "  " +
		common.Pad(labels, c.labels) + "  " + common.Truncate(status, c.status)
}

// storyStatus is the Status column: "backlog", or "planned #2" for a story in a sprint.
func storyStatus(st backlog.Story) string {
	if st.Status == backlog.StatusPlanned && st.Sprint != 0 {
		return string(st.Status) + " " + sprint.SprintRef(st.Sprint)
	}
	return string(st.Status)
}

func (s *backlogScreen) layout() {
	if !s.loaded || s.c.Width == 0 {
		return
	}
	cols := s.columns()
	s.body.SetSize(s.c.Width, s.c.Height-len(s.head(cols)))
	s.body.SetLines(s.rows(cols))
	s.body.Show(s.sel, s.sel)
}

func (s *backlogScreen) rows(cols backlogCols) []string {
	st, w := s.c.Styles, s.c.Width
	if s.err != nil {
		return errorLines(st, "the backlog", s.err, w)
	}
	if len(s.stories) == 0 {
		return emptyState(st, "No stories yet. The backlog holds everything the team may build, each with a value and an estimate, most valuable first. Add one with `huddle story add TITLE` — pressing n here comes with the backlog editor.", w)
	}
	if len(s.shown) == 0 {
		return emptyState(st, fmt.Sprintf("No story matches %q. Press esc to clear the filter.", s.filter.Value()), w)
	}
	out := make([]string, len(s.shown))
	for i, idx := range s.shown {
		story := s.stories[idx]
		pts := "?"
		if story.Estimated() {
			pts = strconv.Itoa(story.Points)
		}
		labels := strings.Join(story.Labels, ",")
		if i == s.sel {
			out[i] = st.Selected.Render(cols.row(">", story.Ref(), common.Line(story.Title), pts, strconv.Itoa(story.Value), labels, storyStatus(story)))
			continue
		}
		ptsCell := common.PadLeft(pts, cols.pts)
		if !story.Estimated() {
			ptsCell = st.Warning.Render(ptsCell)
		}
		statusStyle := st.Subtle
		if story.Status == backlog.StatusPlanned {
			statusStyle = st.Good
		}
		out[i] = "  " + st.Ref.Render(common.Pad(story.Ref(), cols.id)) + " " + common.Pad(common.Line(story.Title), cols.title) + "  " +
			ptsCell + "  " + common.PadLeft(strconv.Itoa(story.Value), cols.val) + "  " +
			st.Label.Render(common.Pad(labels, cols.labels)) + "  " + statusStyle.Render(common.Truncate(storyStatus(story), cols.status))
	}
	return out
}

func (s *backlogScreen) View() string {
	if !s.loaded {
		return s.c.Styles.Subtle.Render("Loading the backlog…")
	}
	cols := s.columns()
	return common.Fit(joinLines(s.head(cols))+"\n"+s.body.View(), s.c.Width, s.c.Height)
}

// plural writes "1 story", "3 stories".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
