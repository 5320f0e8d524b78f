package ui

// Drawing the review and retro screen: the header, the phase bar and its hint,
// the card columns and the actions. Keys and writes are in retro.go.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/ui/common"
)

func (s *retroScreen) head() []string {
	st, w, d := s.c.Styles, s.c.Width, s.data
	if !d.found || d.err != nil {
		return []string{st.Title.Render("Review & Retro"), ""}
	}
	what := "Retro of "
	if s.review {
		what = "Review of "
	}
	title := st.Title.Render(what) + st.Ref.Render(d.sprint.Ref()) + " " + st.Title.Render(common.Line(d.sprint.Name)) +
		st.Subtle.Render(" ("+string(d.sprint.Status)+")")
	if s.review {
		return []string{common.Truncate(title, w), ""}
	}
	right := st.Subtle.Render("phase: ") + st.Title.Render(string(d.board.Phase))
	lines := []string{common.Spread(title, right, w), s.phaseBar()}
	if hint := s.phaseHint(); hint != "" {
		lines = append(lines, common.Truncate(hint, w))
	}
	if n := len(d.pending); n > 0 {
		lines = append(lines, common.Truncate(st.Warning.Render(fmt.Sprintf("%s from earlier retros to answer: done, carried or dropped? (lead: o)", plural(n, "action", "actions"))), w))
	}
	return append(lines, "")
}

// phaseBar shows the meeting's steps with the current one marked.
func (s *retroScreen) phaseBar() string {
	st, b := s.c.Styles, s.data.board
	var parts []string
	for _, p := range retro.Phases {
		if p == b.Phase {
			parts = append(parts, st.Title.Render("["+string(p)+"]"))
		} else {
			parts = append(parts, st.Subtle.Render(string(p)))
		}
	}
	anon := ""
	if b.Anonymous {
		anon = st.Subtle.Render(" · anonymous")
	}
	return common.Truncate(strings.Join(parts, st.Subtle.Render(" › "))+anon, s.c.Width)
}

func (s *retroScreen) phaseHint() string {
	st, d := s.c.Styles, s.data
	b := d.board
	switch b.Phase {
	case retro.PhaseWrite:
		return st.Subtle.Render("Cards stay hidden until the lead reveals them; you see only your own.")
	case retro.PhaseReveal:
		return st.Subtle.Render("Every card is shown. Next the lead groups similar cards.")
	case retro.PhaseGroup:
		if s.marked != 0 {
			return st.Warning.Render(fmt.Sprintf("Grouping card %d: select the card to put it under and press m (esc cancels).", s.marked))
		}
		return st.Subtle.Render("The lead groups similar cards: m on a card, then m on the card to put it under.")
	case retro.PhaseVote:
		return st.Title.Render(fmt.Sprintf("You have %d of %d votes left", d.votesLeft, b.VoteBudget)) +
			st.Subtle.Render(fmt.Sprintf(" (at most %d on one card): v votes, u takes back.", b.MaxPerCard))
	case retro.PhaseDiscuss:
		hint := st.Subtle.Render("Cards by votes, most first.")
		if left, ok := b.TimerLeft(s.c.Now()); ok {
			if left <= 0 {
				hint += " " + st.Warning.Render("Time is up.")
			} else {
				secs := int(left.Round(time.Second).Seconds())
				hint += " " + st.Title.Render(fmt.Sprintf("Timer %d:%02d left", secs/60, secs%60))
			}
		}
		return hint
	case retro.PhaseActions:
		return st.Subtle.Render("Agree one or two concrete actions; each goes to the top of the backlog.")
	}
	return st.Subtle.Render("The retro is done.")
}

// boardLines draws the column names (kept in view) and what scrolls under
// them: the cards, then the actions. sel is the selected card's line range.
func (s *retroScreen) boardLines() (heads, body []string, sel [2]int) {
	st, w, d := s.c.Styles, s.c.Width, s.data
	sel = [2]int{-1, -1}
	if d.err != nil {
		return nil, errorLines(st, "the retro board", d.err, w), sel
	}
	if !d.found {
		return nil, emptyState(st, "Nothing to review yet. At the end of each sprint the team shows what it built at the review, then holds the retrospective: everyone writes cards (hidden until the lead reveals them), votes, and the team agrees one or two actions that enter the next sprint. Plan the first sprint; it shows on screen 3.", w), sel
	}
	if len(d.cards) == 0 && len(d.actions) == 0 && len(d.pending) == 0 && len(d.answered) == 0 {
		return nil, emptyState(st, fmt.Sprintf("No retro cards for %s yet. Anyone on the team can add one at any time during the sprint: press n here, or `huddle retro card add`. They stay hidden from the others until the lead reveals them. Press r for the review, [ or ] for another sprint.", d.sprint.Ref()), w), sel
	}

	names := d.board.Template.Columns()
	widths := common.Split(w, len(names), 2)
	cards, hidden := s.columnCards()
	cols := make([][]string, len(names))
	colHeads := make([][]string, len(names))
	for c := range names {
		for r, card := range cards[c] {
			selected := c == s.col && r == s.row
			if selected {
				sel[0] = len(cols[c])
			}
			cols[c] = append(cols[c], s.c.MarkLines(fmt.Sprintf("card:%d:%d", c, r), s.card(card, widths[c], selected))...)
			if selected {
				sel[1] = len(cols[c]) - 1
			}
		}
		if hidden[c] > 0 {
			cols[c] = append(cols[c], st.Subtle.Render(common.Truncate(fmt.Sprintf("+ %d by others (hidden)", hidden[c]), widths[c])))
		}
		if len(cards[c]) == 0 && hidden[c] == 0 {
			cols[c] = []string{st.Subtle.Render("no cards")}
		}
		colHeads[c] = []string{st.Title.Render(common.Truncate(names[c], widths[c])), st.Rule.Render(strings.Repeat("─", widths[c]))}
	}
	return common.Columns(colHeads, widths, 2), append(common.Columns(cols, widths, 2), s.actionLines()...), sel
}

// card draws one visible card, wrapped to the column.
func (s *retroScreen) card(c retro.CardView, cw int, selected bool) []string {
	st, d := s.c.Styles, s.data
	text := common.Line(c.Text)
	lines := common.Wrap(text, cw-2, 4)
	for i := range lines {
		switch {
		case i > 0:
			lines[i] = "  " + lines[i]
		case selected:
			lines[i] = st.Selected.Render("> " + lines[i])
		default:
			lines[i] = "• " + lines[i]
		}
	}
	for _, g := range c.Grouped {
		lines = append(lines, "  "+st.Subtle.Render(common.Truncate("+ "+common.Line(g), cw-2)))
	}
	var meta []string
	switch {
	case d.board.Anonymous:
	case c.Mine:
		meta = append(meta, "yours")
	case c.Author != "":
		meta = append(meta, c.Author)
	}
	if v := c.TotalVotes(); v > 0 {
		meta = append(meta, plural(v, "vote", "votes"))
	}
	if mine := c.MyVotes; mine > 0 && d.board.Phase == retro.PhaseVote {
		meta = append(meta, fmt.Sprintf("%d mine", mine))
	}
	if s.marked == c.ID {
		meta = append(meta, "grouping…")
	}
	meta = append(meta, "#"+strconv.Itoa(c.ID))
	lines = append(lines, "  "+st.Subtle.Render(common.Truncate(strings.Join(meta, " · "), cw-2)))
	return lines
}

func (s *retroScreen) actionLines() []string {
	st, w, d := s.c.Styles, s.c.Width, s.data
	var out []string
	if len(d.pending) > 0 || len(d.answered) > 0 {
		out = append(out, "", st.Title.Render("Earlier actions")+st.Subtle.Render(" (from the retros before this one)"))
		for _, a := range append(slices.Clone(d.pending), d.answered...) {
			out = append(out, s.actionLine(a, w)...)
		}
	}
	out = append(out, "", st.Title.Render(retro.ActionsListTitle)+st.Subtle.Render(fmt.Sprintf(" (%d)", len(d.actions))))
	if len(d.actions) == 0 {
		out = append(out, "  "+st.Subtle.Render(common.Truncate("None yet: the retro ends with one or two concrete actions for the next sprint.", w-2)))
		return out
	}
	if warn := retro.ActionWarning(len(d.actions)); warn != "" {
		out = append(out, "  "+st.Warning.Render(common.Truncate(warn+".", w-2)))
	}
	for _, a := range d.actions {
		out = append(out, s.actionLine(a, w)...)
	}
	return out
}

// actionLine draws an action: its story, text, owner, due sprint and status.
func (s *retroScreen) actionLine(a retro.Action, w int) []string {
	st := s.c.Styles
	meta := []string{string(a.Status)}
	if a.Due != 0 {
		meta = append([]string{"due " + sprint.SprintRef(a.Due)}, meta...)
	}
	if a.Owner != "" {
		meta = append([]string{a.Owner}, meta...)
	}
	ref := ""
	if a.Story != 0 {
		ref = backlog.StoryRef(a.Story) + " "
	}
	// The text wraps to two lines; owner and status follow it, on a
	// line of their own when they do not fit.
	lines := common.Wrap(ref+common.Line(a.Text), max(w-4, 1), 2)
	if len(lines) == 0 {
		lines = []string{""}
	}
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
	return lines
}

func (s *retroScreen) View() string {
	if !s.loaded {
		return s.c.Styles.Subtle.Render("Loading the retro…")
	}
	switch {
	case s.form != nil:
		return common.Fit(joinLines(s.top)+"\n"+s.form.View(s.c.Styles, s.c.Width), s.c.Width, s.c.Height)
	case s.confirm != nil:
		return common.Fit(joinLines(s.top)+"\n"+s.confirm.View(s.c.Styles, s.c.Width)+"\n"+s.body.View(), s.c.Width, s.c.Height)
	}
	return common.Fit(joinLines(s.top)+"\n"+s.body.View(), s.c.Width, s.c.Height)
}
