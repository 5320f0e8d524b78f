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
	st, w, d, tr := s.c.Styles, s.c.Width, s.data, s.c.Tr
	if !d.found || d.err != nil {
		return []string{st.Title.Render(tr.T("screen.retro")), ""}
	}
	what := tr.T("retro.retro_of")
	if s.review {
		what = tr.T("retro.review_of")
	}
	title := st.Title.Render(what) + st.Ref.Render(d.sprint.Ref()) + " " + st.Title.Render(common.Line(d.sprint.Name)) +
		st.Subtle.Render(tr.Tf("retro.status", "Status", tr.SprintStatus(d.sprint.Status)))
	if s.review {
		return []string{common.Truncate(title, w), ""}
	}
	right := st.Subtle.Render(tr.T("retro.phase_label")) + st.Title.Render(tr.RetroPhase(d.board.Phase))
	lines := []string{common.Spread(title, right, w), s.phaseBar()}
	if hint := s.phaseHint(); hint != "" {
		lines = append(lines, common.Truncate(hint, w))
	}
	if n := len(d.pending); n > 0 {
		lines = append(lines, common.Truncate(st.Warning.Render(tr.Tn("retro.pending", n)), w))
	}
	return append(lines, "")
}

// phaseBar shows the meeting's steps with the current one marked.
func (s *retroScreen) phaseBar() string {
	st, b, tr := s.c.Styles, s.data.board, s.c.Tr
	var parts []string
	for _, p := range retro.Phases {
		if p == b.Phase {
			parts = append(parts, st.Title.Render("["+tr.RetroPhase(p)+"]"))
		} else {
			parts = append(parts, st.Subtle.Render(tr.RetroPhase(p)))
		}
	}
	anon := ""
	if b.Anonymous {
		anon = st.Subtle.Render(tr.T("retro.anonymous"))
	}
	return common.Truncate(strings.Join(parts, st.Subtle.Render(" › "))+anon, s.c.Width)
}

func (s *retroScreen) phaseHint() string {
	st, d, tr := s.c.Styles, s.data, s.c.Tr
	b := d.board
	switch b.Phase {
	case retro.PhaseWrite:
		return st.Subtle.Render(tr.T("retro.hint.write"))
	case retro.PhaseReveal:
		return st.Subtle.Render(tr.T("retro.hint.reveal"))
	case retro.PhaseGroup:
		if s.marked != 0 {
			return st.Warning.Render(tr.Tf("retro.hint.grouping", "N", s.marked))
		}
		return st.Subtle.Render(tr.T("retro.hint.group"))
	case retro.PhaseVote:
		return st.Title.Render(tr.Tf("retro.hint.votes_left", "Left", d.votesLeft, "Of", b.VoteBudget)) +
			st.Subtle.Render(tr.Tf("retro.hint.vote", "Most", b.MaxPerCard))
	case retro.PhaseDiscuss:
		hint := st.Subtle.Render(tr.T("retro.hint.discuss"))
		if left, ok := b.TimerLeft(s.c.Now()); ok {
			if left <= 0 {
				hint += " " + st.Warning.Render(tr.T("retro.hint.time_up"))
			} else {
				secs := int(left.Round(time.Second).Seconds())
				hint += " " + st.Title.Render(tr.Tf("retro.hint.timer", "Time", fmt.Sprintf("%d:%02d", secs/60, secs%60)))
			}
		}
		return hint
	case retro.PhaseActions:
		return st.Subtle.Render(tr.T("retro.hint.actions"))
	}
	return st.Subtle.Render(tr.T("retro.hint.done"))
}

// boardLines draws the column names (kept in view) and what scrolls under
// them: the cards, then the actions. sel is the selected card's line range.
func (s *retroScreen) boardLines() (heads, body []string, sel [2]int) {
	st, w, d, tr := s.c.Styles, s.c.Width, s.data, s.c.Tr
	sel = [2]int{-1, -1}
	if d.err != nil {
		return nil, errorLines(st, tr.T("retro.what"), d.err, w), sel
	}
	if !d.found {
		return nil, emptyState(st, tr.T("retro.empty.nothing"), w), sel
	}
	if len(d.cards) == 0 && len(d.actions) == 0 && len(d.pending) == 0 && len(d.answered) == 0 {
		return nil, emptyState(st, tr.Tf("retro.empty.no_cards", "Sprint", d.sprint.Ref()), w), sel
	}

	names := tr.RetroColumns(d.board.Template)
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
			cols[c] = append(cols[c], st.Subtle.Render(common.Truncate(tr.Tf("retro.hidden", "N", hidden[c]), widths[c])))
		}
		if len(cards[c]) == 0 && hidden[c] == 0 {
			cols[c] = []string{st.Subtle.Render(tr.T("retro.no_cards"))}
		}
		colHeads[c] = []string{st.Title.Render(common.Truncate(names[c], widths[c])), st.Rule.Render(strings.Repeat("─", widths[c]))}
	}
	return common.Columns(colHeads, widths, 2), append(common.Columns(cols, widths, 2), s.actionLines()...), sel
}

// card draws one visible card, wrapped to the column.
func (s *retroScreen) card(c retro.CardView, cw int, selected bool) []string {
	st, d, tr := s.c.Styles, s.data, s.c.Tr
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
		meta = append(meta, tr.T("retro.yours"))
	case c.Author != "":
		meta = append(meta, c.Author)
	}
	if v := c.TotalVotes(); v > 0 {
		meta = append(meta, tr.Tn("retro.votes", v))
	}
	if mine := c.MyVotes; mine > 0 && d.board.Phase == retro.PhaseVote {
		meta = append(meta, tr.Tf("retro.mine", "N", mine))
	}
	if s.marked == c.ID {
		meta = append(meta, tr.T("retro.grouping"))
	}
	meta = append(meta, "#"+strconv.Itoa(c.ID))
	lines = append(lines, "  "+st.Subtle.Render(common.Truncate(strings.Join(meta, " · "), cw-2)))
	return lines
}

func (s *retroScreen) actionLines() []string {
	st, w, d, tr := s.c.Styles, s.c.Width, s.data, s.c.Tr
	var out []string
	if len(d.pending) > 0 || len(d.answered) > 0 {
		out = append(out, "", st.Title.Render(tr.T("retro.earlier_actions"))+st.Subtle.Render(tr.T("retro.earlier_actions_from")))
		for _, a := range append(slices.Clone(d.pending), d.answered...) {
			out = append(out, s.actionLine(a, w)...)
		}
	}
	out = append(out, "", st.Title.Render(tr.T("retro.actions_agreed"))+st.Subtle.Render(tr.Tf("retro.count", "N", len(d.actions))))
	if len(d.actions) == 0 {
		out = append(out, "  "+st.Subtle.Render(common.Truncate(tr.T("retro.no_actions"), w-2)))
		return out
	}
	if retro.ActionWarning(len(d.actions)) != "" {
		out = append(out, "  "+st.Warning.Render(common.Truncate(tr.Tf("retro.too_many_actions", "N", len(d.actions)), w-2)))
	}
	for _, a := range d.actions {
		out = append(out, s.actionLine(a, w)...)
	}
	return out
}

// actionLine draws an action: its story, text, owner, due sprint and status.
func (s *retroScreen) actionLine(a retro.Action, w int) []string {
	st, tr := s.c.Styles, s.c.Tr
	meta := []string{tr.ActionStatus(a.Status)}
	if a.Due != 0 {
		meta = append([]string{tr.Tf("retro.due", "Sprint", sprint.SprintRef(a.Due))}, meta...)
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
		return s.c.Styles.Subtle.Render(s.c.Tr.T("retro.loading"))
	}
	switch {
	case s.form != nil:
		return common.Fit(joinLines(s.top)+"\n"+s.form.View(s.c.Styles, s.c.Width), s.c.Width, s.c.Height)
	case s.confirm != nil:
		return common.Fit(joinLines(s.top)+"\n"+s.confirm.View(s.c.Styles, s.c.Width)+"\n"+s.body.View(), s.c.Width, s.c.Height)
	}
	return common.Fit(joinLines(s.top)+"\n"+s.body.View(), s.c.Width, s.c.Height)
}
