package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/ui/common"
)

// boardKeys are the keys of the Sprint screen.
type boardKeys struct {
	Up, Down, Left, Right, Top, Bottom key.Binding
}

func newBoardKeys() boardKeys {
	return boardKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "task up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "task down")),
		Left:   key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "column left")),
		Right:  key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "column right")),
		Top:    key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first task")),
		Bottom: key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last task")),
	}
}

func (k boardKeys) ShortHelp() []key.Binding {
	return []key.Binding{
		combined("↑↓", "task", k.Up, k.Down),
		combined("←→", "column", k.Left, k.Right),
	}
}

func (k boardKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Left, k.Right}, {k.Top, k.Bottom}}
}

// boardCols is the number of columns on the board: To do, In progress, Done.
const boardCols = 3

// boardStatus is the task status of board column c.
func boardStatus(c int) sprint.TaskStatus {
	return [boardCols]sprint.TaskStatus{sprint.TaskTodo, sprint.TaskDoing, sprint.TaskDone}[c]
}

// boardMsg carries the sprint the board shows and its tasks.
type boardMsg struct {
	gen    int
	sprint sprint.Sprint
	found  bool
	tasks  []sprint.Task
	today  sprint.Date
	err    error
}

// boardScreen is the sprint board: the goal, where the sprint is, hours left,
// and the tasks in three columns.
type boardScreen struct {
	c    common.Common
	keys boardKeys

	gen    int
	loaded bool
	data   boardMsg
	cols   [boardCols][]sprint.Task
	col    int            // selected column
	row    [boardCols]int // selected task in each column
	offset [boardCols]int // first task drawn in each column
	selID  int            // the selected task, kept across reloads
}

func newBoardScreen(c common.Common) *boardScreen {
	return &boardScreen{c: c, keys: newBoardKeys()}
}

func (s *boardScreen) Title() string             { return "Sprint" }
func (s *boardScreen) Keys() help.KeyMap         { return s.keys }
func (s *boardScreen) Capturing() bool           { return false }
func (s *boardScreen) SetCommon(c common.Common) { s.c = c; s.scrollToSelection() }

func (s *boardScreen) Load() tea.Cmd {
	s.gen++
	gen, st, now := s.gen, s.c.Store, s.c.Now
	return func() tea.Msg {
		msg := boardMsg{gen: gen, today: sprint.DateOf(now())}
		all, err := st.Sprints()
		if err != nil {
			msg.err = err
			return msg
		}
		msg.sprint, msg.found = pickSprint(all)
		if msg.found {
			msg.tasks, msg.err = st.Tasks(msg.sprint.ID)
		}
		return msg
	}
}

func (s *boardScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case boardMsg:
		if msg.gen != s.gen {
			return nil
		}
		s.loaded, s.data = true, msg
		s.cols = [boardCols][]sprint.Task{}
		for _, t := range msg.tasks {
			for c := range boardCols {
				if t.Status == boardStatus(c) {
					s.cols[c] = append(s.cols[c], t)
				}
			}
		}
		s.reselect()
	case tea.KeyMsg:
		s.move(msg)
	}
	return nil
}

// reselect finds the selected task again after a reload (it may have moved column).
func (s *boardScreen) reselect() {
	for c, tasks := range s.cols {
		for r, t := range tasks {
			if t.ID == s.selID {
				s.col, s.row[c] = c, r
			}
		}
	}
	for c := range s.cols {
		s.row[c] = min(s.row[c], max(len(s.cols[c])-1, 0))
	}
	s.remember()
	s.scrollToSelection()
}

func (s *boardScreen) remember() {
	if tasks := s.cols[s.col]; len(tasks) > 0 {
		s.selID = tasks[s.row[s.col]].ID
	}
}

func (s *boardScreen) move(msg tea.KeyMsg) {
	n := len(s.cols[s.col])
	switch {
	case key.Matches(msg, s.keys.Up):
		s.row[s.col] = max(s.row[s.col]-1, 0)
	case key.Matches(msg, s.keys.Down):
		s.row[s.col] = max(min(s.row[s.col]+1, n-1), 0)
	case key.Matches(msg, s.keys.Top):
		s.row[s.col] = 0
	case key.Matches(msg, s.keys.Bottom):
		s.row[s.col] = max(n-1, 0)
	case key.Matches(msg, s.keys.Left):
		s.col = max(s.col-1, 0)
	case key.Matches(msg, s.keys.Right):
		s.col = min(s.col+1, len(s.cols)-1)
	default:
		return
	}
	s.remember()
	s.scrollToSelection()
}

// head is the sprint's summary above the columns.
func (s *boardScreen) head() []string {
	st, w, sp := s.c.Styles, s.c.Width, s.data.sprint
	title := st.Ref.Render(sp.Ref()) + " " + st.Title.Render(common.Line(sp.Name)) +
		st.Subtle.Render(fmt.Sprintf(" · %s · %s to %s", sp.Status, shortDate(sp.Start), shortDate(sp.End)))
	lines := []string{common.Spread(title, st.Title.Render(sprintWhen(sp, s.data.today)), w)}
	goal := common.Line(sp.Goal)
	if goal == "" {
		goal = st.Warning.Render("no goal yet") + st.Subtle.Render(" (a sprint needs one agreed goal before it starts)")
	}
	lines = append(lines, common.Truncate(st.Subtle.Render("Goal: ")+goal, w))

	left := remainingHours(s.data.tasks)
	facts := common.Hours(left) + " left"
	if sp.BaselineHours > 0 {
		facts += " of " + common.Hours(sp.BaselineHours) + " committed"
	}
	facts += " · " + plural(len(s.data.tasks), "task", "tasks")
	out := st.Subtle.Render(facts)
	if b := blockedCount(s.data.tasks); b > 0 {
		out += st.Subtle.Render(" · ") + st.Blocked.Render(fmt.Sprintf("%d blocked", b))
	}
	lines = append(lines, common.Truncate(out, w), "")
	return lines
}

func blockedCount(tasks []sprint.Task) int {
	n := 0
	for _, t := range tasks {
		if t.Blocked != "" && t.Status != sprint.TaskDone {
			n++
		}
	}
	return n
}

// colWidths splits the width into the three columns.
func (s *boardScreen) colWidths() []int { return common.Split(s.c.Width, boardCols, 2) }

// columnHeight is how many lines the cards of a column may use.
func (s *boardScreen) columnHeight() int { return s.c.Height - len(s.head()) - 2 }

// card draws one task in a column cw cells wide.
func (s *boardScreen) card(t sprint.Task, cw int, selected bool) []string {
	st := s.c.Styles
	marker := "  "
	if selected {
		marker = "> "
	}
	title := t.Ref() + " " + common.Line(t.Title)
	owner := t.Owner
	if owner == "" {
		owner = "unclaimed"
	}
	// Owner and hours always; the story when it fits.
	meta := owner
	if t.Status != sprint.TaskDone {
		meta += " · " + common.Hours(t.Remaining) + " left"
	}
	if withStory := meta + " · " + backlog.StoryRef(t.Story); common.Width(withStory) <= cw-2 {
		meta = withStory
	}
	// The title wraps to two lines; the selected card stands out with a
	// marker and, where there is colour, a highlight.
	var lines []string
	for i, l := range common.Wrap(title, cw-2, 2) {
		switch {
		case selected:
			lines = append(lines, st.Selected.Render(common.Pad(marker+l, cw)))
		case i == 0 && strings.HasPrefix(l, t.Ref()):
			lines = append(lines, marker+st.Ref.Render(t.Ref())+l[len(t.Ref()):])
		default:
			lines = append(lines, "  "+l)
		}
		marker = "  "
	}
	lines = append(lines, "  "+st.Subtle.Render(common.Truncate(meta, cw-2)))
	if t.Blocked != "" && t.Status != sprint.TaskDone {
		for _, l := range common.Wrap("! blocked: "+common.Line(t.Blocked), cw-2, 2) {
			lines = append(lines, "  "+st.Blocked.Render(l))
		}
	}
	return lines
}

// scrollToSelection moves each column's window the least needed for its
// selected task to show.
func (s *boardScreen) scrollToSelection() {
	if !s.loaded || s.c.Width == 0 {
		return
	}
	widths, h := s.colWidths(), s.columnHeight()
	for c, tasks := range s.cols {
		sel := s.row[c]
		s.offset[c] = min(s.offset[c], sel, max(len(tasks)-1, 0))
		for s.offset[c] < sel {
			if _, last := s.column(c, widths[c], h); last >= sel {
				break
			}
			s.offset[c]++
		}
	}
}

// column draws column c's tasks from its offset within h lines, with "more"
// markers for tasks above and below, and reports the last task it drew.
func (s *boardScreen) column(c, cw, h int) (lines []string, last int) {
	st, tasks := s.c.Styles, s.cols[c]
	if len(tasks) == 0 {
		empty := [boardCols]string{"nothing waiting", "nothing started", "nothing done yet"}[c]
		return []string{"  " + st.Subtle.Render(empty)}, -1
	}
	from := s.offset[c]
	last = from - 1
	if from > 0 {
		lines = append(lines, st.Subtle.Render(fmt.Sprintf("  ↑ %d more", from)))
	}
	for i := from; i < len(tasks); i++ {
		card := s.card(tasks[i], cw, c == s.col && i == s.row[c])
		need := len(card)
		if i < len(tasks)-1 {
			need++ // keep a line for "↓ more"
		}
		if len(lines)+need > h && i > from {
			lines = append(lines, st.Subtle.Render(fmt.Sprintf("  ↓ %d more", len(tasks)-i)))
			break
		}
		lines = append(lines, card...)
		last = i
		if i < len(tasks)-1 && len(lines) < h-1 {
			lines = append(lines, "")
		}
	}
	return lines, last
}

func (s *boardScreen) View() string {
	if !s.loaded {
		return s.c.Styles.Subtle.Render("Loading the sprint…")
	}
	st, w := s.c.Styles, s.c.Width
	if s.data.err != nil {
		return common.Fit(joinLines(errorLines(st, "the sprint", s.data.err, w)), w, s.c.Height)
	}
	if !s.data.found {
		return common.Fit(joinLines(emptyState(st, "No sprint yet. A sprint is one to four weeks with one agreed goal: the team takes the top stories of the backlog, breaks them into tasks of a day or two estimated in hours, and members claim them. Plan one with `huddle sprint` (see `huddle sprint --help`); planning here comes with the sprint planner.", w)), w, s.c.Height)
	}
	lines := s.head()
	if len(s.data.tasks) == 0 {
		lines = append(lines, emptyState(st, fmt.Sprintf("No tasks in %s yet. Break its stories into tasks of a day or two, estimated in hours, with `huddle task add`; members then claim them here.", s.data.sprint.Ref()), w)...)
		return common.Fit(joinLines(lines), w, s.c.Height)
	}
	widths, h := s.colWidths(), s.columnHeight()
	heads := make([][]string, boardCols)
	cols := make([][]string, boardCols)
	for c := range boardCols {
		name := fmt.Sprintf("%s (%d)", boardStatus(c).Label(), len(s.cols[c]))
		style := st.Title
		if c == s.col {
			style = style.Underline(true)
		}
		heads[c] = []string{style.Render(common.Truncate(name, widths[c])), st.Rule.Render(strings.Repeat("─", widths[c]))}
		cols[c], _ = s.column(c, widths[c], h)
	}
	lines = append(lines, common.Columns(heads, widths, 2)...)
	lines = append(lines, common.Columns(cols, widths, 2)...)
	return common.Fit(joinLines(lines), w, s.c.Height)
}
