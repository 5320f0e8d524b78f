package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/ui/common"
)

// retroKeys are the keys of the Review & Retro screen.
type retroKeys struct {
	moveKeys
	PrevSprint, NextSprint key.Binding
}

func newRetroKeys() retroKeys {
	return retroKeys{
		moveKeys:   newMoveKeys("scroll"),
		PrevSprint: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "older sprint")),
		NextSprint: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "newer sprint")),
	}
}

func (k retroKeys) ShortHelp() []key.Binding {
	return []key.Binding{
		combined("↑↓", "scroll", k.Up, k.Down),
		combined("[ ]", "sprint", k.PrevSprint, k.NextSprint),
	}
}

func (k retroKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.moveKeys.all(), {k.PrevSprint, k.NextSprint}}
}

// retroMsg carries one sprint's retro board, cards and actions.
type retroMsg struct {
	gen     int
	sprints []sprint.Sprint
	sprint  sprint.Sprint
	found   bool
	board   retro.Board
	cards   []retro.Card
	actions []retro.Action
	err     error
}

// retroScreen shows a sprint's retrospective: the cards by column (hidden from
// others while the board is in its write phase) and the actions agreed.
type retroScreen struct {
	c    common.Common
	keys retroKeys

	gen      int
	loaded   bool
	sprintID int // the sprint asked for with [ and ]; 0 picks the current one
	data     retroMsg
	top      []string // the heading and the column names, which do not scroll
	body     scroller
}

func newRetroScreen(c common.Common) *retroScreen {
	return &retroScreen{c: c, keys: newRetroKeys(), body: newScroller(c.Styles)}
}

func (s *retroScreen) Title() string     { return "Review & Retro" }
func (s *retroScreen) Keys() help.KeyMap { return s.keys }
func (s *retroScreen) Capturing() bool   { return false }
func (s *retroScreen) SetCommon(c common.Common) {
	s.c = c
	s.layout()
}

func (s *retroScreen) Load() tea.Cmd {
	s.gen++
	gen, st, want := s.gen, s.c.Store, s.sprintID
	return func() tea.Msg {
		msg := retroMsg{gen: gen}
		if msg.sprints, msg.err = st.Sprints(); msg.err != nil {
			return msg
		}
		msg.sprint, msg.found = retroSprint(msg.sprints, want)
		if !msg.found {
			return msg
		}
		id := msg.sprint.ID
		if msg.board, msg.err = st.RetroBoard(id); msg.err != nil {
			return msg
		}
		if msg.cards, msg.err = st.Cards(id); msg.err != nil {
			return msg
		}
		msg.actions, msg.err = st.Actions(id)
		return msg
	}
}

// retroSprint picks the sprint to show: the one asked for, else the active
// one, else the latest closed, else the newest.
func retroSprint(all []sprint.Sprint, want int) (sprint.Sprint, bool) {
	if len(all) == 0 {
		return sprint.Sprint{}, false
	}
	for _, sp := range all {
		if want != 0 && sp.ID == want {
			return sp, true
		}
	}
	var closed *sprint.Sprint
	for i, sp := range all {
		if sp.Status == sprint.StatusActive {
			return sp, true
		}
		if sp.Status == sprint.StatusClosed && (closed == nil || sp.ID > closed.ID) {
			closed = &all[i]
		}
	}
	if closed != nil {
		return *closed, true
	}
	return slices.MaxFunc(all, func(a, b sprint.Sprint) int { return a.ID - b.ID }), true
}

func (s *retroScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case retroMsg:
		if msg.gen != s.gen {
			return nil
		}
		s.loaded, s.data = true, msg
		if msg.found {
			s.sprintID = msg.sprint.ID
		}
		s.layout()
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.keys.PrevSprint):
			return s.step(-1)
		case key.Matches(msg, s.keys.NextSprint):
			return s.step(1)
		}
		s.body.Handle(s.keys.moveKeys, msg)
	}
	return nil
}

// step moves to the sprint before (-1) or after (+1) the one shown.
func (s *retroScreen) step(dir int) tea.Cmd {
	if !s.data.found {
		return nil
	}
	i := slices.IndexFunc(s.data.sprints, func(sp sprint.Sprint) bool { return sp.ID == s.data.sprint.ID })
	j := i + dir
	if i < 0 || j < 0 || j >= len(s.data.sprints) {
		return nil
	}
	s.sprintID = s.data.sprints[j].ID
	s.body.vp.GotoTop()
	return s.Load()
}

func (s *retroScreen) head() []string {
	st, w, d := s.c.Styles, s.c.Width, s.data
	if !d.found || d.err != nil {
		return []string{st.Title.Render("Review & Retro"), ""}
	}
	title := st.Title.Render("Retro of ") + st.Ref.Render(d.sprint.Ref()) + " " + st.Title.Render(common.Line(d.sprint.Name)) +
		st.Subtle.Render(" ("+string(d.sprint.Status)+")")
	right := st.Subtle.Render("phase: ") + st.Title.Render(string(d.board.Phase))
	lines := []string{common.Spread(title, right, w)}
	if d.board.Phase == retro.PhaseWrite {
		lines = append(lines, common.Truncate(st.Subtle.Render("Cards stay hidden until the lead reveals them; you see only your own."), w))
	}
	return append(lines, "")
}

func (s *retroScreen) layout() {
	if !s.loaded || s.c.Width == 0 {
		return
	}
	heads, body := s.boardLines()
	s.top = append(s.head(), heads...)
	s.body.SetSize(s.c.Width, s.c.Height-len(s.top))
	s.body.SetLines(body)
}

// boardLines draws the column names (kept in view) and what scrolls under
// them: the cards, then the actions.
func (s *retroScreen) boardLines() (heads, body []string) {
	st, w, d := s.c.Styles, s.c.Width, s.data
	if d.err != nil {
		return nil, errorLines(st, "the retro board", d.err, w)
	}
	if !d.found {
		return nil, emptyState(st, "Nothing to review yet. At the end of each sprint the team shows what it built at the review, then holds the retrospective: everyone writes cards (hidden until the lead reveals them), votes, and the team agrees one or two actions that enter the next sprint. Plan the first sprint; it shows on screen 3.", w)
	}
	if len(d.cards) == 0 && len(d.actions) == 0 {
		return nil, emptyState(st, fmt.Sprintf("No retro cards for %s yet. Anyone on the team can add one at any time during the sprint with `huddle retro`; they stay hidden from the others until the lead reveals them. Press [ or ] to look at another sprint.", d.sprint.Ref()), w)
	}

	names := d.board.Template.Columns()
	widths := common.Split(w, len(names), 2)
	cols := make([][]string, len(names))
	colHeads := make([][]string, len(names))
	hidden := make([]int, len(names))
	for c := range names {
		for _, card := range d.cards {
			if min(max(card.Column, 0), len(names)-1) != c {
				continue
			}
			if !card.VisibleTo(s.c.Actor, d.board.Phase) {
				hidden[c]++
				continue
			}
			cols[c] = append(cols[c], s.card(card, widths[c])...)
		}
		shown := len(cols[c])
		if hidden[c] > 0 {
			cols[c] = append(cols[c], st.Subtle.Render(common.Truncate(fmt.Sprintf("+ %d by others (hidden)", hidden[c]), widths[c])))
		}
		if shown == 0 && hidden[c] == 0 {
			cols[c] = []string{st.Subtle.Render("no cards")}
		}
		colHeads[c] = []string{st.Title.Render(common.Truncate(names[c], widths[c])), st.Rule.Render(strings.Repeat("─", widths[c]))}
	}
	return common.Columns(colHeads, widths, 2), append(common.Columns(cols, widths, 2), s.actionLines()...)
}

// card draws one visible card, wrapped to the column.
func (s *retroScreen) card(c retro.Card, cw int) []string {
	st := s.c.Styles
	text := common.Line(c.Text)
	lines := common.Wrap(text, cw-2, 4)
	for i := range lines {
		if i == 0 {
			lines[i] = "• " + lines[i]
		} else {
			lines[i] = "  " + lines[i]
		}
	}
	var meta []string
	if c.Author == s.c.Actor {
		meta = append(meta, "yours")
	} else if !s.data.board.Anonymous {
		meta = append(meta, c.Author)
	}
	if v := c.TotalVotes(); v > 0 {
		meta = append(meta, plural(v, "vote", "votes"))
	}
	if len(meta) > 0 {
		lines = append(lines, "  "+st.Subtle.Render(common.Truncate(strings.Join(meta, " · "), cw-2)))
	}
	return lines
}

func (s *retroScreen) actionLines() []string {
	st, w, actions := s.c.Styles, s.c.Width, s.data.actions
	out := []string{"", st.Title.Render("Actions agreed") + st.Subtle.Render(fmt.Sprintf(" (%d)", len(actions)))}
	if len(actions) == 0 {
		out = append(out, "  "+st.Subtle.Render(common.Truncate("None yet: the retro ends with one or two concrete actions for the next sprint.", w-2)))
		return out
	}
	if len(actions) >= retro.TooManyActions {
		out = append(out, "  "+st.Warning.Render(common.Truncate(fmt.Sprintf("%d actions: a retro should agree one or two, so they get done.", len(actions)), w-2)))
	}
	for _, a := range actions {
		meta := []string{string(a.Status)}
		if a.Owner != "" {
			meta = append([]string{a.Owner}, meta...)
		}
		ref := ""
		if a.Story != 0 {
			ref = backlog.StoryRef(a.Story) + " "
		}
		// The text wraps to two lines; owner and status follow it, on a
		// line of their own when they do not fit.
		lines := common.Wrap(ref+common.Line(a.Text), w-4, 2)
		tail := " · " + strings.Join(meta, " · ")
		for i, l := range lines {
			if i == 0 && ref != "" && strings.HasPrefix(l, ref) {
				l = st.Ref.Render(ref) + l[len(ref):]
			}
			pre := "    "
			if i == 0 {
				pre = "  • "
			}
			lines[i] = pre + l
		}
		if last := lines[len(lines)-1]; common.Width(last+tail) <= w {
			lines[len(lines)-1] = last + st.Subtle.Render(tail)
		} else {
			lines = append(lines, "    "+st.Subtle.Render(common.Truncate(strings.Join(meta, " · "), w-4)))
		}
		out = append(out, lines...)
	}
	return out
}

func (s *retroScreen) View() string {
	if !s.loaded {
		return s.c.Styles.Subtle.Render("Loading the retro…")
	}
	return common.Fit(joinLines(s.top)+"\n"+s.body.View(), s.c.Width, s.c.Height)
}
