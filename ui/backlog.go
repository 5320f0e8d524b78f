package ui

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// backlogKeys are the keys of the Backlog screen's list.
type backlogKeys struct {
	moveKeys
	Filter, Clear, Apply                  key.Binding
	Open, New, Edit, Delete               key.Binding
	MoveUp, MoveDown, MoveTop, MoveBottom key.Binding
	ValueView, ApplyOrder                 key.Binding
	typing                                bool // the filter line has the keyboard: other keys apply
	width                                 int  // of the footer, to choose the short help
	tr                                    *i18n.Tr
}

func newBacklogKeys() backlogKeys {
	return backlogKeys{
		moveKeys:   newMoveKeys("select"),
		Filter:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "backlog.key.filter")),
		Clear:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "backlog.key.clear_filter")),
		Apply:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "backlog.key.keep_filter")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "backlog.key.open")),
		New:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "backlog.key.new")),
		Edit:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "backlog.key.edit")),
		Delete:     key.NewBinding(key.WithKeys("d", "x"), key.WithHelp("d/x", "backlog.key.delete")),
		MoveUp:     key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", "backlog.key.move_up")),
		MoveDown:   key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", "backlog.key.move_down")),
		MoveTop:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "backlog.key.to_top")),
		MoveBottom: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "backlog.key.to_bottom")),
		ValueView:  key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "backlog.key.by_value")),
		ApplyOrder: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "backlog.key.apply_order")),
	}
}

func (k backlogKeys) ShortHelp() []key.Binding {
	if k.typing {
		return []key.Binding{k.Apply, k.Clear, combined("↑↓", "backlog.key.select", k.Up, k.Down)}
	}
	first := []key.Binding{combined("↑↓", "backlog.key.move", k.Up, k.Down), k.Filter}
	var more []key.Binding
	if k.ApplyOrder.Enabled() {
		more = append(more, k.ApplyOrder)
	}
	if k.Clear.Enabled() {
		more = append(more, k.Clear)
	}
	reorder := combined("K/J", "backlog.key.reorder", k.MoveUp, k.MoveDown)
	reorder.SetEnabled(k.MoveUp.Enabled())
	more = append(more, k.New, k.Open, k.Edit, reorder, k.ValueView)
	return fitShortHelp(k.tr, k.width, first, more...)
}

func (k backlogKeys) FullHelp() [][]key.Binding {
	if k.typing {
		return [][]key.Binding{{k.Apply, k.Clear, k.Up, k.Down}}
	}
	return [][]key.Binding{k.moveKeys.all(), {k.Open, k.New, k.Edit, k.Delete, k.Filter, k.Clear},
		{k.MoveUp, k.MoveDown, k.MoveTop, k.MoveBottom, k.ValueView, k.ApplyOrder}}
}

// fitShortHelp is first, then as many of more as fit in a footer of width
// cells next to the global keys.
func fitShortHelp(tr *i18n.Tr, width int, first []key.Binding, more ...key.Binding) []key.Binding {
	if tr == nil {
		tr = &i18n.Tr{} // keys asked for before the screen got its Common
	}
	size := func(bs []key.Binding) int {
		n := 0
		for _, b := range bs {
			if b.Enabled() {
				n += common.Width(b.Help().Key) + 1 + common.Width(tr.T(b.Help().Desc)) + 3
			}
		}
		return n
	}
	out := first
	used := size(first) + size(newGlobalKeys().ShortHelp())
	for _, b := range more {
		if n := size([]key.Binding{b}); used+n <= width+3 {
			out = append(out, b)
			used += n
		}
	}
	return out
}

// backlogMsg carries the backlog in rank order, this quarter's key results
// (the form's choices) and the viewer's role.
type backlogMsg struct {
	gen     int
	partial bool // the top of the backlog only; the rest follows
	total   int  // stories in the backlog
	stories []backlog.Story
	krs     []backlog.KeyResult
	role    backlog.Role
	snap    *store.BacklogSnapshot // the shared backlog the stories come from (nil: a first page)
	err     error
}

// backlogOrder is how the list is sorted.
type backlogOrder int

const (
	orderRank          backlogOrder = iota // the backlog's own order
	orderValuePerPoint                     // value per point, highest first (a view; the rank stays)
)

// backlogMode is what the screen shows.
type backlogMode int

const (
	modeList backlogMode = iota
	modeForm
	modeDetail
)

// backlogScreen lists the product backlog in rank order, with a fuzzy filter,
// a value-per-point view, a story form, a detail view and reordering keys.
type backlogScreen struct {
	c    common.Common
	keys backlogKeys

	gen     int
	loaded  bool
	full    bool // every story is loaded (not only the first page)
	total   int  // stories in the backlog, loaded or not
	err     error
	stories []backlog.Story   // every listed story, rank order
	cache   *store.StoryCache // decoded stories kept between loads
	matcher storyMatcher      // what the filter matches, built once per load
	byValue []int             // indexes into stories, value per point order
	krs     []backlog.KeyResult
	role    backlog.Role
	order   backlogOrder

	shown  []int // indexes into stories that show, in the order they show
	sel    int   // index into shown
	selID  int   // the selected story's ID, kept across reloads
	offset int   // first shown row on screen
	cols   backlogCols

	filter filterInput

	mode    backlogMode
	form    *storyForm
	confirm *confirm
	onYes   func() tea.Cmd
	detail  storyDetail
	note    *noteForm // a comment or a decline reason being typed (comments.go)
}

func newBacklogScreen(c common.Common) *backlogScreen {
	return &backlogScreen{c: c, keys: remapKeys(c, "backlog", newBacklogKeys()), detail: newStoryDetail(c.Styles, c.Actor), cache: &store.StoryCache{}}
}

func (s *backlogScreen) Title() string { return s.c.Tr.T("screen.backlog") }

func (s *backlogScreen) Keys() help.KeyMap {
	switch {
	case s.confirm != nil:
		return s.confirm.keys
	case s.note != nil:
		return s.note.f.Keys()
	case s.mode == modeForm:
		return s.form.f.Keys()
	case s.mode == modeDetail:
		k := s.detail.keys
		k.Edit.SetEnabled(s.role.CanLead())
		k.Delete.SetEnabled(s.role.CanLead())
		return s.storyPageKeys(k, s.detail.data.story)
	}
	k := s.keys
	k.typing = s.filter.Focused()
	k.width, k.tr = s.c.Width, s.c.Tr
	k.Clear.SetEnabled(s.filter.Focused() || s.filter.Value() != "")
	k.ApplyOrder.SetEnabled(s.order == orderValuePerPoint)
	if s.order == orderValuePerPoint {
		k.ValueView.SetHelp("v", "backlog.key.by_rank")
	}
	if story, ok := s.Selected(); ok && story.CanDelete() != nil {
		k.Delete.SetEnabled(false)
	}
	if !s.role.CanLead() {
		// Only the lead changes the backlog: the footer does not offer it to others.
		k.New.SetEnabled(s.role.CanWrite()) // a member's new story is a proposal
		for _, b := range []*key.Binding{&k.Edit, &k.Delete, &k.MoveUp, &k.MoveDown, &k.MoveTop, &k.MoveBottom, &k.ApplyOrder} {
			b.SetEnabled(false)
		}
	}
	return k
}

// Loaded reports whether the screen's first load has arrived.
func (s *backlogScreen) Loaded() bool { return s.loaded }

func (s *backlogScreen) Capturing() bool {
	return s.filter.Focused() || s.mode == modeForm || s.confirm != nil || s.note != nil
}

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
	s.detail.keys.tr, s.detail.body.tr = c.Tr, c.Tr
	s.detail.setSize(c.Width, c.Height)
	s.layout()
}

// firstPage is how many stories the first load reads before the rest, so that
// the screen draws at once on a big backlog.
const firstPage = 100

func (s *backlogScreen) Load() tea.Cmd {
	s.gen++
	var cmds []tea.Cmd
	if s.full {
		cmds = append(cmds, s.loadStories(s.gen, 0))
	} else {
		cmds = append(cmds, s.loadStories(s.gen, firstPage))
	}
	if s.mode == modeDetail {
		cmds = append(cmds, s.detail.load(s.c.Store, s.detail.id))
	}
	return tea.Batch(cmds...)
}

// loadStories reads the backlog (the top limit stories, or all when limit is
// 0), the viewer's role and this quarter's key results.
func (s *backlogScreen) loadStories(gen, limit int) tea.Cmd {
	st, actor, q, cache := s.c.Store, s.c.Actor, backlog.QuarterOf(s.c.Now()), s.cache
	return func() tea.Msg {
		v, err := st.BacklogView(actor, q, limit, cache) // one read
		return backlogMsg{gen: gen, partial: v.Total > len(v.Stories), total: v.Total, stories: v.Stories,
			krs: v.KeyResults, role: v.Role, snap: v.Snapshot, err: err}
	}
}

// sharedStoryFields is what the filter matches for a load: built once per
// version of the backlog for every session showing it when the stories are
// the whole shared snapshot, else (a first page) for this load alone.
func sharedStoryFields(msg backlogMsg) storyFields {
	if msg.snap == nil || len(msg.stories) != len(msg.snap.Stories) {
		return newStoryFields(msg.stories)
	}
	return msg.snap.Memo("ui.storyFields", func() any { return newStoryFields(msg.snap.Stories) }).(storyFields)
}

// backlogTag starts the Tag of every write this screen makes.
const backlogTag = "backlog:"

func (s *backlogScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case backlogMsg:
		if msg.gen != s.gen {
			return nil
		}
		s.loaded, s.err = true, msg.err
		if msg.err == nil {
			s.stories, s.krs, s.role, s.total = msg.stories, msg.krs, msg.role, msg.total
			s.full = !msg.partial
			s.matcher = newStoryMatcher(sharedStoryFields(msg))
			s.byValue = nil
		}
		s.applyFilter()
		if msg.err == nil && msg.partial {
			return s.loadStories(msg.gen, 0) // the rest, after the first frame
		}
		return nil
	case storyDetailMsg:
		s.detail.take(msg)
		return nil
	case writeResultMsg:
		return s.writeDone(msg)
	case tea.KeyMsg:
		return s.handleKey(msg)
	}
	return nil
}

// writeDone reacts to the outcome of this screen's writes.
func (s *backlogScreen) writeDone(msg writeResultMsg) tea.Cmd {
	rest, ok := strings.CutPrefix(msg.Tag, backlogTag)
	if !ok {
		return nil
	}
	action, id, _ := strings.Cut(rest, ":")
	if msg.Err != nil {
		if action == "save" && s.mode == modeForm {
			s.form.f.SetError(msg.Err)
		}
		if action == "note" && s.note != nil {
			s.note.f.SetError(msg.Err)
		}
		return nil
	}
	if action == "note" {
		s.note = nil
	}
	switch action {
	case "save":
		if n, err := strconv.Atoi(id); err == nil {
			s.selID = n
		}
		s.closeForm()
	case "delete":
		if s.mode == modeDetail {
			s.mode = modeList
		}
	}
	return s.Load()
}

func (s *backlogScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	if s.confirm != nil {
		decided, yes := s.confirm.Update(msg)
		if !decided {
			return nil
		}
		do := s.onYes
		s.confirm, s.onYes = nil, nil
		s.layout()
		if yes {
			return do()
		}
		return nil
	}
	if s.note != nil {
		return s.updateNote(msg)
	}
	switch s.mode {
	case modeForm:
		return s.updateForm(msg)
	case modeDetail:
		return s.updateDetail(msg)
	}
	if !s.loaded {
		return nil
	}
	if s.filter.Focused() {
		return s.updateTyping(msg)
	}
	k := s.keys
	switch {
	case key.Matches(msg, k.Filter):
		s.filter.Focus()
		s.layout()
	case key.Matches(msg, k.Clear):
		s.filter.Reset()
		s.applyFilter()
	case key.Matches(msg, k.ValueView):
		if s.order == orderRank {
			s.order = orderValuePerPoint
		} else {
			s.order = orderRank
		}
		s.applyFilter()
	case key.Matches(msg, k.New):
		if !s.role.CanWrite() {
			err := backlog.Forbidden(s.c.Actor, s.role, "propose stories", backlog.RoleMember)
			return func() tea.Msg { return writeResultMsg{Tag: backlogTag + "refused", Err: err} }
		}
		return s.openForm(backlog.Story{Points: backlog.Unestimated, Value: store.DefaultValue})
	case key.Matches(msg, k.ApplyOrder):
		if s.order != orderValuePerPoint {
			return nil
		}
		return s.lead("reorder the backlog", s.askApplyOrder)
	}
	story, ok := s.Selected()
	if !ok {
		s.move(msg)
		return nil
	}
	switch {
	case key.Matches(msg, k.Open):
		s.mode = modeDetail
		return s.detail.open(s.c.Store, story)
	case key.Matches(msg, k.Edit):
		return s.lead("edit stories", func() tea.Cmd { return s.openForm(story) })
	case key.Matches(msg, k.Delete):
		return s.lead("delete stories", func() tea.Cmd { return s.askDelete(story) })
	case key.Matches(msg, k.MoveUp):
		return s.reorder(story, store.Position{Up: true}, s.c.Tr.T("backlog.moved_up"))
	case key.Matches(msg, k.MoveDown):
		return s.reorder(story, store.Position{Down: true}, s.c.Tr.T("backlog.moved_down"))
	case key.Matches(msg, k.MoveTop):
		return s.reorder(story, store.Position{Top: true}, s.c.Tr.T("backlog.moved_top"))
	case key.Matches(msg, k.MoveBottom):
		return s.reorder(story, store.Position{Bottom: true}, s.c.Tr.T("backlog.moved_bottom"))
	default:
		s.move(msg)
	}
	return nil
}

// lead runs open when the viewer is the lead, and otherwise says at once who
// may (the store refuses the write anyway; this spares filling in a form).
func (s *backlogScreen) lead(what string, open func() tea.Cmd) tea.Cmd {
	if s.role.CanLead() {
		return open()
	}
	err := backlog.Forbidden(s.c.Actor, s.role, what, backlog.RoleLead)
	return func() tea.Msg { return writeResultMsg{Tag: backlogTag + "refused", Err: err} }
}

// reorder moves one story in the backlog: one write of that story alone.
func (s *backlogScreen) reorder(story backlog.Story, pos store.Position, where string) tea.Cmd {
	if s.order != orderRank {
		return refuse(backlogTag, errors.New(s.c.Tr.T("backlog.sorted_by_value")))
	}
	return s.lead("reorder the backlog", func() tea.Cmd {
		st, actor, tr := s.c.Store, s.c.Actor, *s.c.Tr
		return writeCmd(backlogTag+"move", func() (string, error) {
			if err := st.MoveStory(actor, story.ID, pos); err != nil {
				return "", err
			}
			return tr.Tf("backlog.moved", "Ref", story.Ref(), "Where", where), nil
		})
	})
}

func (s *backlogScreen) askDelete(story backlog.Story) tea.Cmd {
	if err := story.CanDelete(); err != nil {
		return refuse(backlogTag, err) // say why now, not after a question
	}
	s.confirm = newConfirm(s.c.Tr.Tf("backlog.ask_delete", "Ref", story.Ref(), "Title", common.Line(story.Title)))
	st, actor, tr := s.c.Store, s.c.Actor, *s.c.Tr
	s.onYes = func() tea.Cmd {
		return writeCmd(backlogTag+"delete", func() (string, error) {
			if err := st.DeleteStory(actor, story.ID); err != nil {
				return "", err
			}
			return tr.Tf("backlog.deleted", "Ref", story.Ref()), nil
		})
	}
	s.layout()
	return nil
}

func (s *backlogScreen) askApplyOrder() tea.Cmd {
	moved := 0
	for i, st := range backlog.ApplyValuePerPoint(s.stories) {
		if st.ID != s.stories[i].ID {
			moved++
		}
	}
	if moved == 0 {
		return func() tea.Msg {
			return writeResultMsg{Tag: backlogTag + "apply", Done: s.c.Tr.T("backlog.already_ordered")}
		}
	}
	s.confirm = newConfirm(s.c.Tr.Tn("backlog.ask_apply_order", moved))
	st, actor, tr := s.c.Store, s.c.Actor, *s.c.Tr
	s.onYes = func() tea.Cmd {
		s.order = orderRank
		return writeCmd(backlogTag+"apply", func() (string, error) {
			n, err := st.ApplyValuePerPointOrder(actor)
			if err != nil {
				return "", err
			}
			return tr.Tn("backlog.applied_order", n), nil
		})
	}
	s.layout()
	return nil
}

// updateTyping handles a key while the filter line has the keyboard.
func (s *backlogScreen) updateTyping(msg tea.KeyMsg) tea.Cmd {
	switch {
	case isText(msg):
		// Printable keys are text, whatever they spell ("esc", "enter").
		if s.filter.Update(msg) {
			s.selID = 0
			s.applyFilter()
		}
		return nil
	case key.Matches(msg, s.keys.Clear):
		s.filter.Reset()
		s.filter.Blur()
	case key.Matches(msg, s.keys.Apply):
		s.filter.Blur()
	case key.Matches(msg, s.keys.Up, s.keys.Down):
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
	sel, ok := s.keys.step(msg, s.sel, len(s.shown), max(s.rowsOnScreen()-1, 1))
	if !ok {
		return
	}
	s.sel = sel
	s.selID = s.stories[s.shown[s.sel]].ID
	s.scrollToSelection()
}

// valueOrder is the value-per-point order (backlog.ValuePerPointOrder) as
// indexes into stories.
func valueOrder(stories []backlog.Story) []int {
	out := make([]int, len(stories))
	for i := range stories {
		out[i] = i
	}
	sort.SliceStable(out, func(a, b int) bool { return backlog.ValuePerPointBefore(stories[out[a]], stories[out[b]]) })
	return out
}

// applyFilter recomputes which stories show, keeping the selected story
// selected when it still shows. Without a filter they show in rank order (or
// value per point); with one, best match first (ties keep that order). A
// story matches through its ID, its title or any of its labels, each scored on
// its own, so a label that matches exactly is not drowned by a scattered match
// in the title.
func (s *backlogScreen) applyFilter() {
	s.shown = s.shown[:0]
	if q := strings.TrimSpace(s.filter.Value()); q != "" {
		s.shown = append(s.shown, s.matcher.Match(q)...)
	} else if s.order == orderValuePerPoint {
		if len(s.byValue) != len(s.stories) {
			s.byValue = valueOrder(s.stories)
		}
		s.shown = append(s.shown, s.byValue...)
	} else {
		for i := range s.stories {
			s.shown = append(s.shown, i)
		}
	}
	s.sel = 0
	for i, idx := range s.shown {
		if s.stories[idx].ID == s.selID {
			s.sel = i
			break
		}
	}
	if len(s.shown) > 0 {
		s.selID = s.stories[s.shown[s.sel]].ID
	}
	s.cols = s.columns()
	s.layout()
	s.scrollToSelection()
}

// backlogCols are the column widths of the story table for one window width.
type backlogCols struct{ id, title, pts, val, kr, labels, status int }

func (s *backlogScreen) layout() {
	if !s.loaded || s.c.Width == 0 {
		return
	}
	if s.cols.title == 0 || s.cols.title != s.columns().title {
		s.cols = s.columns()
	}
	s.scrollToSelection()
}

// scrollToSelection scrolls the least needed for the selected row to show.
func (s *backlogScreen) scrollToSelection() {
	n := s.rowsOnScreen()
	switch {
	case s.sel < s.offset:
		s.offset = s.sel
	case s.sel >= s.offset+n:
		s.offset = s.sel - n + 1
	}
	s.offset = max(min(s.offset, len(s.shown)-n), 0)
}
