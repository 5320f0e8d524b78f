package ui

// Drawing the sprint board: the header, the view tabs, story headings, task
// cards and columns. Keys and writes are in board.go.

import (
	"fmt"
	"strconv"
	"strings"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/ui/common"
)

// viewTabs is the line naming the three views, the current one marked.
func (s *boardScreen) viewTabs() string {
	st := s.c.Styles
	var parts []string
	for v := range numSprintViews {
		if v == s.view {
			parts = append(parts, st.TabActive.Render("["+s.c.Tr.T(v.String())+"]"))
		} else {
			parts = append(parts, st.TabInactive.Render(" "+s.c.Tr.T(v.String())+" "))
		}
	}
	return strings.Join(parts, " ")
}

// drawHead is the sprint's summary above every view (head keeps it): title
// and where it is in time, the goal, and the hours left against the ideal.
func (s *boardScreen) drawHead() []string {
	st, w, sp, tr := s.c.Styles, s.c.Width, s.data.sprint, s.c.Tr
	title := st.Ref.Render(sp.Ref()) + " " + st.Title.Render(common.Line(sp.Name)) +
		st.Subtle.Render(" · "+tr.SprintStatus(sp.Status)+" · "+tr.Tf("sprint.from_to", "From", shortDay(tr, sp.Start), "To", shortDay(tr, sp.End)))
	if cal := tr.CalendarNotes(sp); cal != "" { // holidays and days off (sprint.Sprint.CalendarNotes)
		title += st.Subtle.Render(" · " + cal)
	}
	lines := []string{common.Spread(title, st.Title.Render(tr.SprintWhen(sp, s.data.today)), w)}
	goal := common.Line(sp.Goal)
	if goal == "" {
		goal = st.Warning.Render(tr.T("board.no_goal")) + st.Subtle.Render(tr.T("board.no_goal_why"))
	}
	lines = append(lines, common.Truncate(st.Subtle.Render(tr.T("board.goal"))+goal, w))

	left := sprint.RemainingHours(s.data.tasks)
	facts := tr.Tf("board.left", "Hours", common.Hours(left))
	if sp.BaselineHours > 0 {
		if w >= 100 {
			facts = tr.Tf("board.left_of_committed", "Hours", common.Hours(left), "Of", common.Hours(sp.BaselineHours))
		} else {
			facts = tr.Tf("board.left_of", "Hours", common.Hours(left), "Of", common.Hours(sp.BaselineHours))
		}
	}
	if days := s.data.burndown.Days; len(days) > 0 && sp.Status == sprint.StatusActive {
		facts += " · " + tr.Tf("board.ideal", "Hours", common.Hours(days[len(days)-1].IdealHours))
	}
	facts += " · " + tr.Tn("board.tasks", len(s.data.tasks))
	out := st.Subtle.Render(facts)
	if b := sprint.BlockedCount(s.data.tasks); b > 0 {
		out += st.Subtle.Render(" · ") + st.Blocked.Render(tr.Tf("board.blocked_count", "N", b))
	}
	tabs := s.viewTabs()
	lines = append(lines, common.Spread(common.Truncate(out, w-common.Width(tabs)-1), tabs, w), "")
	return lines
}

// colWidths splits the width into the three columns.
func (s *boardScreen) colWidths() []int { return common.Split(s.c.Width, boardCols, 2) }

// columnHeight is how many lines the cards of a column may use.
func (s *boardScreen) columnHeight() int { return s.c.Height - len(s.head()) - 2 - s.filterLines() }

func (s *boardScreen) filterLines() int {
	if s.mine {
		return 1
	}
	return 0
}

// drawStoryHeading is a story's line above its tasks in a column, with its
// progress: tasks done of all its tasks (storyHeading keeps it).
func (s *boardScreen) drawStoryHeading(k headingKey) string {
	st, cw, done, all := s.c.Styles, k.width, k.done, k.all
	prog := fmt.Sprintf(" %d/%d", done, all)
	title := backlog.StoryRef(k.story)
	if k.found {
		title += " " + common.Line(k.title)
	}
	barW := 0
	if cw >= 30 {
		barW = 6
	}
	room := cw - common.Width(prog) - barW - 1
	line := st.Subtle.Render(common.Truncate(title, room))
	line = common.Pad(line, room) + " "
	if barW > 0 {
		p := 0.0
		if all > 0 {
			p = float64(done) / float64(all)
		}
		line += st.Bar(p, barW)
	}
	return line + st.Subtle.Render(prog)
}

// card draws one task, marked as the task's click zone, reusing the lines
// drawn for it before: after a change only the cards that changed are
// measured, wrapped and marked again, which is most of a board frame's cost
// when many sessions redraw at once. (The session's marker for a task never
// changes, so the marked lines keep.)
func (s *boardScreen) card(t sprint.Task, cw int, selected bool) []string {
	k := cardKey{t, cw, selected, s.c.Tr.Lang(), s.c.Styles.Theme}
	if lines, ok := s.cards[k]; ok {
		return lines
	}
	if len(s.cards) > 4*len(s.data.tasks)+64 {
		s.cards = nil // old versions of tasks pile up; start again
	}
	if s.cards == nil {
		s.cards = map[cardKey][]string{}
	}
	var lines []string
	if sh := s.data.shared; sh != nil {
		sk := sharedCardKey{t, cw, selected, s.c.Styles.Look, s.c.Tr.Lang(), ""}
		if strings.Contains(t.Title, "@") {
			sk.viewer = s.c.Actor
		}
		lines = sh.lines(sk, func() []string { return s.drawCard(t, cw, selected) })
	} else {
		lines = s.drawCard(t, cw, selected)
	}
	lines = s.c.MarkLines("task:"+strconv.Itoa(t.ID), lines)
	s.cards[k] = lines
	return lines
}

func (s *boardScreen) drawCard(t sprint.Task, cw int, selected bool) []string {
	st, tr := s.c.Styles, s.c.Tr
	marker := "  "
	if selected {
		marker = "> "
	}
	title := t.Ref() + " " + common.Line(t.Title)
	owner := t.Owner
	if owner == "" {
		owner = tr.T("board.unclaimed")
	}
	meta := owner
	if t.Status != sprint.TaskDone {
		// Narrow columns keep the hours and cut the name first.
		hours := " · " + tr.Tf("board.left", "Hours", common.Hours(t.Remaining))
		if common.Width(owner+hours) > cw-2 {
			hours = " · " + common.Hours(t.Remaining)
		}
		meta = common.Truncate(owner, max(cw-2-common.Width(hours), 2)) + hours
	}
	if t.CarriedTo != 0 {
		meta += " · " + tr.Tf("board.carried_to", "Task", sprint.TaskRef(t.CarriedTo))
	}
	var lines []string
	for i, l := range common.Wrap(title, cw-2, 2) {
		switch {
		case selected:
			lines = append(lines, st.Selected.Render(common.Pad(marker+l, cw)))
		case i == 0 && strings.HasPrefix(l, t.Ref()):
			lines = append(lines, marker+st.Ref.Render(t.Ref())+highlightMention(st, l[len(t.Ref()):], s.c.Actor))
		default:
			lines = append(lines, "  "+highlightMention(st, l, s.c.Actor))
		}
		marker = "  "
	}
	lines = append(lines, "  "+st.Subtle.Render(common.Truncate(meta, cw-2)))
	if t.Blocked != "" && t.Status != sprint.TaskDone {
		for _, l := range common.Wrap(tr.Tf("board.card_blocked", "Reason", common.Line(t.Blocked)), cw-2, 2) {
			lines = append(lines, "  "+st.Blocked.Render(l))
		}
	}
	return lines
}

// column draws column c's tasks from its offset within h lines, each story's
// tasks under the story's heading, with "more" markers for tasks above and
// below, and reports the last task it drew.
func (s *boardScreen) column(c, cw, h int) (lines []string, last int) {
	st, tasks := s.c.Styles, s.cols[c]
	if len(tasks) == 0 {
		empty := [boardCols]string{"board.empty.todo", "board.empty.doing", "board.empty.done"}[c]
		return []string{"  " + st.Subtle.Render(s.c.Tr.T(empty))}, -1
	}
	from := s.offset[c]
	last = from - 1
	if from > 0 {
		lines = append(lines, st.Subtle.Render("  "+s.c.Tr.Tf("sprint.more_above", "N", from)))
	}
	story := -1
	for i := from; i < len(tasks); i++ {
		var block []string
		if tasks[i].Story != story {
			story = tasks[i].Story
			block = append(block, s.storyHeading(story, cw))
		}
		block = append(block, s.card(tasks[i], cw, c == s.col && i == s.row[c])...)
		need := len(block)
		if i < len(tasks)-1 {
			need++ // keep a line for "↓ more"
		}
		if len(lines)+need > h && i > from {
			lines = append(lines, st.Subtle.Render("  "+s.c.Tr.Tf("sprint.more_below", "N", len(tasks)-i)))
			break
		}
		lines = append(lines, block...)
		last = i
	}
	return lines, last
}

func (s *boardScreen) View() string {
	if !s.loaded {
		return s.c.Styles.Subtle.Render(s.c.Tr.T("board.loading"))
	}
	st, w, h := s.c.Styles, s.c.Width, s.c.Height
	if s.data.err != nil {
		return common.Fit(joinLines(errorLines(st, s.c.Tr.T("board.what"), s.data.err, w)), w, h)
	}
	if s.form != nil {
		return common.Fit(s.form.View(st, w), w, h)
	}
	if body, ok := s.sharedBody(); ok {
		return body
	}
	var lines []string
	if !s.data.found {
		lines = emptyState(st, s.c.Tr.T("board.empty.no_sprint"), w)
	} else {
		switch s.view {
		case viewPlan:
			lines = s.planView()
		case viewBurndown:
			lines = s.burndownView()
		default:
			lines = s.boardView()
		}
	}
	if s.confirm != nil {
		// The question takes the last line.
		keep := max(h-1, 0)
		if len(lines) > keep {
			lines = lines[:keep]
		}
		for len(lines) < keep {
			lines = append(lines, "")
		}
		lines = append(lines, s.confirm.View(st, w))
	}
	return common.Fit(joinLines(lines), w, h)
}

func (s *boardScreen) boardView() []string {
	st, w, tr := s.c.Styles, s.c.Width, s.c.Tr
	lines := s.head()
	if len(s.data.tasks) == 0 {
		return append(lines, emptyState(st, tr.Tf("board.empty.no_tasks", "Sprint", s.data.sprint.Ref()), w)...)
	}
	if s.mine {
		n := len(s.cols[0]) + len(s.cols[1]) + len(s.cols[2])
		lines = append(lines, st.Warning.Render(common.Truncate(tr.Tf("board.only_mine", "Who", s.c.Actor, "N", n), w)))
	}
	widths, h := s.colWidths(), s.columnHeight()
	heads := make([][]string, boardCols)
	cols := make([][]string, boardCols)
	for c := range boardCols {
		heads[c] = s.columnHead(c, widths[c])
		cols[c], _ = s.column(c, widths[c], h)
	}
	lines = append(lines, common.Columns(heads, widths, 2)...)
	return append(lines, common.Columns(cols, widths, 2)...)
}
