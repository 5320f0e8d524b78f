package ui

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// The Plan view: the sprint's stories (with their tasks) beside the top of the
// backlog, capacity against committed hours, committed points against the
// velocity of the last closed sprints; pull, put back, break into tasks, start
// and close.

type planPane int

const (
	paneSprint planPane = iota
	paneBacklog
)

// planState is the Plan view's cursor.
type planState struct {
	pane    planPane
	row     [2]int
	selID   [2]int // the selected story in each pane, kept across reloads
	stories []backlog.Story
	backlog []backlog.Story
}

// arrange refreshes the lists after a load and finds the selection again.
func (p *planState) arrange(d *boardMsg) {
	p.stories = d.plan.Stories
	p.backlog = d.plan.Backlog
	for pane, list := range [2][]backlog.Story{p.stories, p.backlog} {
		for i, st := range list {
			if st.ID == p.selID[pane] {
				p.row[pane] = i
			}
		}
		p.row[pane] = min(p.row[pane], max(len(list)-1, 0))
	}
	p.remember()
}

func (p *planState) list() []backlog.Story {
	if p.pane == paneBacklog {
		return p.backlog
	}
	return p.stories
}

func (p *planState) remember() {
	if l := p.list(); len(l) > 0 {
		p.selID[p.pane] = l[p.row[p.pane]].ID
	}
}

func (p *planState) selected() (backlog.Story, bool) {
	l := p.list()
	if len(l) == 0 {
		return backlog.Story{}, false
	}
	return l[p.row[p.pane]], true
}

// parseHoursField reads hours typed in a form.
func parseHoursField(v string) (float64, error) {
	h, err := sprint.ParseHours(v)
	if err != nil {
		return 0, err
	}
	if err := sprint.ValidateHours(h); err != nil {
		return 0, err
	}
	return h, nil
}

// nextMonday is the default start of a new sprint: today if it is a Monday,
// else the next Monday.
func nextMonday(today sprint.Date) sprint.Date {
	for today.Weekday() != time.Monday {
		today = today.AddDays(1)
	}
	return today
}

func (s *boardScreen) planKey(msg tea.KeyMsg) tea.Cmd {
	k, p := s.keys, &s.plan
	n := len(p.list())
	switch {
	case key.Matches(msg, k.Up):
		p.row[p.pane] = max(p.row[p.pane]-1, 0)
	case key.Matches(msg, k.Down):
		p.row[p.pane] = max(min(p.row[p.pane]+1, n-1), 0)
	case key.Matches(msg, k.Top):
		p.row[p.pane] = 0
	case key.Matches(msg, k.Bottom):
		p.row[p.pane] = max(n-1, 0)
	case key.Matches(msg, k.Left):
		p.pane = paneSprint
	case key.Matches(msg, k.Right):
		p.pane = paneBacklog
	default:
		return s.planAction(msg)
	}
	p.remember()
	return nil
}

func (s *boardScreen) planAction(msg tea.KeyMsg) tea.Cmd {
	k, p := s.keys, &s.plan
	if cmd := s.refusal(msg, k.Pull, k.PutBack, k.Delete, k.AddTask, k.Edit, k.Capacity, k.Start, k.Close); cmd != nil {
		return cmd
	}
	st, actor, sp, tr := s.c.Store, s.c.Actor, s.data.sprint, s.c.Tr
	story, ok := p.selected()
	switch {
	case key.Matches(msg, k.Pull) && p.pane == paneBacklog && ok:
		return writeCmd(sprintTag+"pull", func() (string, error) {
			err := st.AddStoryToSprint(actor, sp.ID, story.ID)
			return tr.Tf("plan.done.pulled", "Story", story.Ref(), "Sprint", sp.Ref()), err
		})
	case key.Matches(msg, k.PutBack) && p.pane == paneSprint && ok:
		where := tr.Tf("plan.done.put_back", "Story", story.Ref())
		if sp.PutBackOnTop() {
			where = tr.Tf("plan.done.put_back_top", "Story", story.Ref())
		}
		return writeCmd(sprintTag+"putback", func() (string, error) {
			err := st.RemoveStoryFromSprint(actor, sp.ID, story.ID)
			return where, err
		})
	case key.Matches(msg, k.Delete):
		if err := sp.CanDelete(); err != nil {
			return writeCmd(sprintTag+"delete", func() (string, error) { return "", err })
		}
		s.confirm, s.confFor = newConfirm(tr.Tn("plan.delete.ask", len(s.data.plan.Stories), "Sprint", sp.Ref())), "delete"
	case key.Matches(msg, k.AddTask) && p.pane == paneSprint && ok:
		s.openForm("task", newForm(s.c.Timers, tr.Tf("plan.task.title", "Story", story.Ref()+" "+common.Line(story.Title)),
			fieldSpec{Label: tr.T("board.field.title"), Placeholder: tr.T("plan.task.placeholder")},
			fieldSpec{Label: tr.T("board.field.hours"), Placeholder: "6", Hint: tr.Tf("plan.task.hours_hint", "Hint", sprint.SplitHint), CharLimit: 8}))
	case key.Matches(msg, k.Edit):
		fields := []fieldSpec{{Label: tr.T("plan.field.name"), Value: sp.Name},
			{Label: tr.T("plan.field.goal"), Value: sp.Goal, Placeholder: tr.T("plan.goal.placeholder"), Hint: newLineHint(*tr, tr.T("plan.goal.hint")), Lines: 2, CharLimit: store.MaxGoal}}
		if sp.Status == sprint.StatusPlanning {
			// Dates can change until the sprint starts.
			fields = append(fields,
				fieldSpec{Label: tr.T("plan.field.start"), Value: sp.Start.String(), Hint: tr.T("plan.start.hint"), CharLimit: 10},
				fieldSpec{Label: tr.T("plan.field.end"), Value: sp.End.String(), Hint: tr.T("plan.end.hint"), CharLimit: 10})
		}
		s.openForm("edit", newForm(s.c.Timers, tr.Tf("plan.edit.title", "Sprint", sp.Ref()), fields...))
	case key.Matches(msg, k.Capacity):
		var names []string
		hours := map[string]float64{}
		for _, m := range s.data.plan.Members {
			if m.Role.CanWrite() {
				names = append(names, m.Handle)
				hours[m.Handle] = sp.CapacityOf(m.Handle, m.HoursPerDay)
			}
		}
		if len(names) == 0 {
			return nil
		}
		f := newForm(s.c.Timers, tr.Tf("plan.capacity.title", "Sprint", sp.Ref()),
			fieldSpec{Label: tr.T("plan.field.member"), Value: names[0], Choices: names, Hint: tr.T("plan.choose")},
			fieldSpec{Label: tr.T("board.field.hours"), Value: common.Num(hours[names[0]]), Hint: tr.Tf("plan.capacity.hint", "Days", len(sp.WorkingDays())), CharLimit: 8})
		// The hours follow the member chosen: each shows (and saves) their own.
		f.onChoose = func(f *form, field int) {
			if field == 0 {
				f.SetValue(1, common.Num(hours[f.Value(0)]))
			}
		}
		s.openForm("capacity", f)
	case key.Matches(msg, k.Start):
		s.confirm, s.confFor = newConfirm(tr.Tf("plan.start.ask", "Sprint", sp.Ref(), "Hours", common.Hours(s.data.plan.CommittedHours))), "start"
	case key.Matches(msg, k.Close):
		done, open := closePreview(s.data.plan.Stories, s.data.tasks)
		s.confirm, s.confFor = newConfirm(tr.Tf("plan.close.ask", "Sprint", sp.Ref(), "Done", done, "Open", open)), "close"
	}
	return nil
}

// closePreview counts the stories a close would mark done and send back.
func closePreview(stories []backlog.Story, tasks []sprint.Task) (done, open int) {
	for _, st := range stories {
		all, finished := 0, 0
		for _, t := range tasks {
			if t.Story == st.ID {
				all++
				if t.Status == sprint.TaskDone {
					finished++
				}
			}
		}
		if all > 0 && all == finished {
			done++
		} else {
			open++
		}
	}
	return done, open
}

// newSprintForm opens the form that plans a sprint.
func (s *boardScreen) newSprintForm() {
	// The first Monday from today that no sprint holds (overlaps are refused).
	start := nextMonday(s.data.today)
	for _, sp := range s.data.sprints {
		if sp.Status != sprint.StatusClosed && !sp.End.Before(start) {
			start = nextMonday(sp.End.AddDays(1))
		}
	}
	tr := s.c.Tr
	s.openForm("new", newForm(s.c.Timers, tr.T("plan.new.title"),
		fieldSpec{Label: tr.T("plan.field.name"), Placeholder: tr.T("plan.new.name_placeholder")},
		fieldSpec{Label: tr.T("plan.field.goal"), Placeholder: tr.T("plan.goal.placeholder"), Hint: newLineHint(*tr, tr.T("plan.goal.hint")), Lines: 2, CharLimit: store.MaxGoal},
		fieldSpec{Label: tr.T("plan.field.start"), Value: start.String(), Hint: tr.T("plan.start.hint"), CharLimit: 10},
		fieldSpec{Label: tr.T("plan.field.weeks"), Value: "2", Choices: []string{"1", "2", "3", "4"}, Hint: tr.T("plan.new.weeks_hint")}))
}

func (s *boardScreen) confirmed(what string) tea.Cmd {
	st, actor, sp, tr := s.c.Store, s.c.Actor, s.data.sprint, s.c.Tr
	switch what {
	case "deletetask":
		return s.deleteTaskConfirmed()
	case "unblock":
		id := s.confTask
		return writeCmd(sprintTag+"unblock", func() (string, error) {
			t, err := st.UnblockTask(actor, id)
			return tr.Tf("plan.done.unblocked", "Task", t.Ref()), err
		})
	case "start":
		return writeCmd(sprintTag+"start", func() (string, error) {
			err := st.StartSprint(actor, sp.ID)
			return tr.Tf("plan.done.started", "Sprint", sp.Ref(), "Goal", common.Line(sp.Goal)), err
		})
	case "delete":
		s.sprintID = 0 // the sprint is gone: show the default one after
		return writeCmd(sprintTag+"delete", func() (string, error) {
			back, err := st.DeleteSprint(actor, sp.ID)
			return tr.Tn("plan.done.deleted", len(back), "Sprint", sp.Ref()), err
		})
	case "close":
		return writeCmd(sprintTag+"close", func() (string, error) {
			res, err := st.CloseSprint(actor, sp.ID)
			var back []string
			for _, b := range res.Returned {
				back = append(back, b.Ref())
			}
			msg := tr.Tf("plan.done.closed", "Sprint", sp.Ref(), "Points", res.Velocity, "Stories", len(res.Done))
			if len(back) > 0 {
				msg += tr.Tf("plan.done.closed_back", "Stories", strings.Join(back, ", "))
			}
			return msg, err
		})
	}
	return nil
}

// planSubmit runs the write of an open plan form.
func (s *boardScreen) planSubmit() tea.Cmd {
	st, actor, f, sp, tr := s.c.Store, s.c.Actor, s.form, s.data.sprint, s.c.Tr
	tag := sprintTag + s.formFor
	switch s.formFor {
	case "new":
		start, err := sprint.ParseDate(strings.TrimSpace(f.Value(2)))
		if err != nil {
			f.SetError(err)
			return nil
		}
		weeks, _ := strconv.Atoi(f.Value(3))
		end, err := sprint.EndAfterWeeks(start, weeks)
		if err != nil {
			f.SetError(err)
			return nil
		}
		in := store.NewSprint{Name: f.Value(0), Goal: f.Value(1), Start: start, End: end}
		return writeCmd(tag, func() (string, error) {
			sp, err := st.CreateSprint(actor, in)
			return tr.Tf("plan.done.planned", "Sprint", sp.Ref()+" "+sp.Name, "Dates", tr.Tf("sprint.from_to", "From", shortDay(tr, sp.Start), "To", shortDay(tr, sp.End))), err
		})
	case "edit":
		in := store.NewSprint{Name: f.Value(0), Goal: f.Value(1)}
		if sp.Status == sprint.StatusPlanning {
			var err error
			if in.Start, err = sprint.ParseDate(strings.TrimSpace(f.Value(2))); err == nil {
				in.End, err = sprint.ParseDate(strings.TrimSpace(f.Value(3)))
			}
			if err != nil {
				f.SetError(err)
				return nil
			}
		}
		return writeCmd(tag, func() (string, error) {
			sp, err := st.EditSprint(actor, sp.ID, in)
			return sp.Ref() + ": " + common.Line(sp.Goal) + ", " + tr.Tf("sprint.from_to", "From", shortDay(tr, sp.Start), "To", shortDay(tr, sp.End)), err
		})
	case "task":
		story, ok := s.plan.selected()
		if !ok {
			return nil
		}
		title := f.Value(0)
		h, err := parseHoursField(f.Value(1))
		if err != nil {
			f.SetError(err)
			return nil
		}
		if s.offerSplit(story, title, h) {
			return nil
		}
		return writeCmd(tag, func() (string, error) {
			t, err := st.AddTask(actor, story.ID, title, h)
			msg := tr.Tf("board.done.added", "Task", t.Ref(), "Hours", common.Hours(t.Estimate), "Story", story.Ref())
			if t.NeedsSplit() {
				msg += tr.Tf("plan.done.needs_split", "Hint", sprint.SplitHint)
			}
			return msg, err
		})
	case "capacity":
		member := f.Value(0)
		h, err := sprint.ParseHours(f.Value(1))
		if err != nil {
			f.SetError(err)
			return nil
		}
		return writeCmd(tag, func() (string, error) {
			err := st.SetCapacity(actor, sp.ID, member, h)
			return tr.Tf("plan.done.capacity", "Who", member, "Hours", common.Hours(h), "Sprint", sp.Ref()), err
		})
	}
	return nil
}

// capacityLine is "Capacity 120h (alice 60 · bob 54) · committed 32h".
func (s *boardScreen) capacityLine() string {
	st, sp, p, tr := s.c.Styles, s.data.sprint, s.data.plan, s.c.Tr
	var names []string
	for h := range sp.Capacity {
		names = append(names, h)
	}
	sort.Strings(names)
	var each []string
	for _, h := range names {
		each = append(each, h+" "+common.Num(sp.Capacity[h]))
	}
	total := sp.TotalCapacity()
	committed := common.Hours(p.CommittedHours)
	text := tr.Tf("plan.capacity_line", "Hours", common.Hours(total), "Each", strings.Join(each, " · "))
	if common.Width(text)+len(committed)+14 > s.c.Width {
		// Too narrow for everyone's hours: C shows them one by one.
		text = tr.Tf("plan.capacity_line", "Hours", common.Hours(total), "Each", tr.Tn("plan.members", len(names)))
	}
	line := st.Subtle.Render(text)
	if p.CommittedHours > total {
		return line + st.Warning.Render(tr.Tf("plan.over_capacity", "Hours", committed))
	}
	return line + st.Good.Render(committed)
}

// velocityLine is "Points 16 · velocity 12 (last 3 sprints) · over-committed".
func (s *boardScreen) velocityLine() string {
	st, p, tr := s.c.Styles, s.data.plan, s.c.Tr
	line := tr.Tf("plan.points", "N", p.CommittedPts)
	if p.VelocityOf == 0 {
		return st.Subtle.Render(line + tr.T("plan.no_velocity"))
	}
	line += tr.Tn("plan.velocity", p.VelocityOf, "Velocity", common.Num(p.Velocity))
	if p.OverCommitted {
		return st.Subtle.Render(line+" · ") + st.Warning.Render(tr.T("plan.over_committed"))
	}
	return st.Subtle.Render(line)
}

func (s *boardScreen) planView() []string {
	st, w, h, sp := s.c.Styles, s.c.Width, s.c.Height, s.data.sprint
	lines := s.head()
	if sp.Status == sprint.StatusClosed {
		return append(lines, s.closedSummary()...)
	}
	lines = append(lines, common.Truncate(s.capacityLine(), w), common.Truncate(s.velocityLine(), w), "")
	widths := common.Split(w, 2, 2)
	room := max(h-len(lines)-2, 1)
	left := s.sprintPane(widths[0], room)
	right := s.backlogPane(widths[1], room)
	heads := [][]string{
		{s.paneTitle(paneSprint, s.c.Tr.Tn("plan.in_sprint", len(s.plan.stories), "Sprint", sp.Ref()), widths[0])},
		{s.paneTitle(paneBacklog, s.c.Tr.T("plan.top_of_backlog"), widths[1])},
	}
	lines = append(lines, common.Columns(heads, widths, 2)...)
	lines = append(lines, st.Rule.Render(strings.Repeat("─", w)))
	return append(lines, common.Columns([][]string{left, right}, widths, 2)...)
}

func (s *boardScreen) paneTitle(p planPane, title string, w int) string {
	style := s.c.Styles.Title
	if s.plan.pane == p {
		style = style.Underline(true)
	}
	return style.Render(common.Truncate(title, w))
}

// storyLine is one story in a plan pane: marker, ref, title, points.
func (s *boardScreen) storyLine(story backlog.Story, w int, selected bool, extra string) string {
	st := s.c.Styles
	marker := "  "
	if selected {
		marker = "> "
	}
	pts := s.c.Tr.Tf("plan.pts", "Points", "?")
	if story.Estimated() {
		pts = s.c.Tr.Tf("plan.pts", "Points", strconv.Itoa(story.Points))
	}
	right := pts + extra
	titleW := max(w-2-common.Width(right)-1, 1)
	text := common.Pad(common.Truncate(story.Ref()+" "+common.Line(story.Title), titleW), titleW) + " " + right
	if selected {
		return st.Selected.Render(common.Pad(marker+text, w))
	}
	return marker + text
}

// sprintPane lists the sprint's stories, each with its tasks, scrolled to keep
// the selected story in view.
func (s *boardScreen) sprintPane(w, h int) []string {
	st := s.c.Styles
	if len(s.plan.stories) == 0 {
		return emptyState(st, s.c.Tr.T("plan.empty.sprint"), w)
	}
	var blocks [][]string
	for i, story := range s.plan.stories {
		var hours float64
		var tasks []sprint.Task
		for _, t := range s.data.tasks {
			if t.Story == story.ID {
				hours += t.Remaining
				tasks = append(tasks, t)
			}
		}
		sel := s.plan.pane == paneSprint && i == s.plan.row[paneSprint]
		block := []string{s.storyLine(story, w, sel, " "+common.Hours(hours))}
		if len(tasks) == 0 {
			block = append(block, "    "+st.Warning.Render(common.Truncate(s.c.Tr.T("plan.no_tasks"), w-4)))
		}
		for _, t := range tasks {
			right := common.Hours(t.Estimate)
			split := s.c.Tr.T("plan.split")
			if t.NeedsSplit() {
				right += " " + split
			}
			titleW := max(w-6-common.Width(right)-1, 1)
			line := "    " + common.Pad(common.Truncate(t.Ref()+" "+common.Line(t.Title), titleW), titleW) + " "
			if t.NeedsSplit() {
				line = st.Subtle.Render(line+common.Hours(t.Estimate)+" ") + st.Warning.Render(split)
			} else {
				line = st.Subtle.Render(line + right)
			}
			block = append(block, common.Truncate(line, w))
		}
		blocks = append(blocks, block)
	}
	return scrollBlocks(st, s.c.Tr, blocks, s.plan.row[paneSprint], h)
}

// backlogPane lists the top of the backlog, waiting to be pulled in.
func (s *boardScreen) backlogPane(w, h int) []string {
	st := s.c.Styles
	if len(s.plan.backlog) == 0 {
		return emptyState(st, s.c.Tr.T("plan.empty.backlog"), w)
	}
	var blocks [][]string
	for i, story := range s.plan.backlog {
		sel := s.plan.pane == paneBacklog && i == s.plan.row[paneBacklog]
		blocks = append(blocks, []string{s.storyLine(story, w, sel, "")})
	}
	return scrollBlocks(st, s.c.Tr, blocks, s.plan.row[paneBacklog], h)
}

// scrollBlocks shows as many blocks as fit in h lines, starting early enough
// that block sel is whole, with "more" markers.
func scrollBlocks(st *common.Styles, tr *i18n.Tr, blocks [][]string, sel, h int) []string {
	if len(blocks) == 0 || h <= 0 {
		return nil
	}
	sel = min(max(sel, 0), len(blocks)-1)
	from := 0
	fits := func(from int) bool {
		n := 0
		if from > 0 {
			n++
		}
		for i := from; i <= sel; i++ {
			n += len(blocks[i])
		}
		if sel < len(blocks)-1 {
			n++
		}
		return n <= h
	}
	for from < sel && !fits(from) {
		from++
	}
	var lines []string
	if from > 0 {
		lines = append(lines, st.Subtle.Render("  "+tr.Tf("sprint.more_above", "N", from)))
	}
	for i := from; i < len(blocks); i++ {
		need := len(blocks[i])
		if i < len(blocks)-1 {
			need++
		}
		if len(lines)+need > h && i > from {
			lines = append(lines, st.Subtle.Render("  "+tr.Tf("sprint.more_below", "N", len(blocks)-i)))
			break
		}
		lines = append(lines, blocks[i]...)
	}
	return lines
}

// closedSummary is what a closed sprint's plan shows: what was done and what
// went back to the backlog.
func (s *boardScreen) closedSummary() []string {
	st, w, tr := s.c.Styles, s.c.Width, s.c.Tr
	sp := s.data.sprint
	var done, back []string
	for _, story := range s.data.plan.Stories {
		if story.Status == backlog.StatusDone {
			done = append(done, story.Ref()+" "+common.Line(story.Title))
		}
	}
	for _, story := range s.data.others {
		back = append(back, story.Ref()+" "+common.Line(story.Title))
	}
	lines := []string{st.Good.Render(common.Truncate(tr.Tf("plan.closed.summary", "Done", sp.Velocity, "Committed", sp.BaselinePoints), w)), ""}
	lines = append(lines, st.Title.Render(tr.Tf("plan.closed.done", "N", len(done))))
	for _, d := range done {
		lines = append(lines, "  "+common.Truncate(d, w-2))
	}
	lines = append(lines, "", st.Title.Render(tr.Tf("plan.closed.back", "N", len(back))))
	for _, b := range back {
		lines = append(lines, "  "+common.Truncate(b, w-2))
	}
	return lines
}
