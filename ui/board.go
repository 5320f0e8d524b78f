package ui

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// Screen 3, the sprint, has three views: Plan (create the sprint, pull
// stories, capacity, tasks, start and close), Board (the tasks in three
// columns) and Burndown (the chart and velocity). This file holds the screen,
// its data and the board; sprintplan.go and burndown.go hold the other views.

// sprintView is one of the screen's views.
type sprintView int

const (
	viewPlan sprintView = iota
	viewBoard
	viewBurndown
	numSprintViews
)

func (v sprintView) String() string {
	return [numSprintViews]string{"sprint.view.plan", "sprint.view.board", "sprint.view.burndown"}[v]
}

// boardKeys are the keys of the Sprint screen.
type boardKeys struct {
	Up, Down, Left, Right, Top, Bottom key.Binding
	View, PrevSprint, NextSprint       key.Binding
	// Board.
	Claim, Assign, Unclaim, Forward, Back, Remaining, Block, Mine key.Binding
	DeleteTask, Split                                             key.Binding // board_edit.go; e edits, X closes here too
	// Plan.
	Pull, PutBack, AddTask, NewSprint, Edit, Capacity, Start, Close, Delete key.Binding
	// Burndown.
	Points key.Binding
}

func newBoardKeys() boardKeys {
	return boardKeys{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "sprint.key.up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "sprint.key.down")),
		Left:       key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "sprint.key.col_left")),
		Right:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "sprint.key.col_right")),
		Top:        key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "sprint.key.first")),
		Bottom:     key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "sprint.key.last")),
		View:       key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "sprint.key.views")),
		PrevSprint: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "sprint.key.older")),
		NextSprint: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "sprint.key.newer")),

		Claim:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "sprint.key.claim")),
		Assign:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "sprint.key.assign")),
		Unclaim:    key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "sprint.key.unclaim")),
		Forward:    key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "sprint.key.move_on")),
		Back:       key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "sprint.key.move_back")),
		Remaining:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "sprint.key.hours_left")),
		Block:      key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "sprint.key.block")),
		Mine:       key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "sprint.key.mine")),
		DeleteTask: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "sprint.key.delete_task")),
		Split:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sprint.key.split_task")),

		Pull:      key.NewBinding(key.WithKeys("enter", "+"), key.WithHelp("enter/+", "sprint.key.pull")),
		PutBack:   key.NewBinding(key.WithKeys("x", "-"), key.WithHelp("x/-", "sprint.key.put_back")),
		AddTask:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "sprint.key.add_task")),
		NewSprint: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "sprint.key.new_sprint")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "sprint.key.edit_sprint")),
		Capacity:  key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "sprint.key.capacity")),
		Start:     key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "sprint.key.start")),
		Close:     key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "sprint.key.close")),
		Delete:    key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "sprint.key.delete_sprint")),

		Points: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "sprint.key.points")),
	}
}

// sprintKeyMap is the footer's view of the keys that work in the current view.
type sprintKeyMap struct {
	short []key.Binding
	// full is worked out only when the ? overlay asks: every frame draws
	// the footer (short), and on a shared board every session draws one
	// after each change, while asking the rules about every key is dearer.
	full func() [][]key.Binding
}

func (k sprintKeyMap) ShortHelp() []key.Binding { return k.short }
func (k sprintKeyMap) FullHelp() [][]key.Binding {
	if k.full == nil {
		return nil
	}
	return k.full()
}

// fullHelp is a full help that is already worked out.
func fullHelp(groups ...[]key.Binding) func() [][]key.Binding {
	return func() [][]key.Binding { return groups }
}

// boardCols is the number of columns on the board: To do, In progress, Done.
const boardCols = 3

// boardStatus is the task status of board column c.
func boardStatus(c int) sprint.TaskStatus {
	return [boardCols]sprint.TaskStatus{sprint.TaskTodo, sprint.TaskDoing, sprint.TaskDone}[c]
}

// backlogShown is how many stories from the top of the backlog the planner offers.
const backlogShown = 30

// boardMsg carries everything the three views show about one sprint.
type boardMsg struct {
	gen       int
	sprints   []sprint.Sprint
	sprint    sprint.Sprint
	found     bool
	plan      store.Plan
	tasks     []sprint.Task
	burndown  sprint.Burndown
	velocity  []sprint.SprintVelocity
	others    []backlog.Story // stories of the sprint's tasks no longer in it
	today     sprint.Date
	role      backlog.Role // the viewer's
	notMember error        // why the viewer is no member (a guest, a stranger), or nil
	err       error
	shared    *boardShared // drawn once for every session showing this load (board_cache.go), or nil
	// cols is tasks in the board's columns, worked out once for every
	// session showing this load (nil: work them out from tasks). Shared:
	// read-only.
	cols *[boardCols][]sprint.Task
}

// boardScreen is screen 3: the sprint's plan, board and burndown.
type boardScreen struct {
	c    common.Common
	keys boardKeys

	gen      int
	loaded   bool
	data     boardMsg
	cards    map[cardKey][]string // drawn cards, see card
	dataGen  int                  // counts changes of data, see head
	drawn    boardDrawn           // drawn heads and headings, see board_cache.go
	view     sprintView
	viewSet  bool // the person chose a view; keep it across reloads
	sprintID int  // the sprint chosen with [ and ]; 0 follows the active one

	// Board.
	mine   bool
	cols   [boardCols][]sprint.Task
	col    int            // selected column
	row    [boardCols]int // selected task in each column
	offset [boardCols]int // first task drawn in each column
	selID  int            // the selected task, kept across reloads

	// Plan.
	plan planState

	// Burndown.
	points bool

	// Modal editing: at most one of these is open.
	form     *form
	formFor  string // what the open form does
	confirm  *confirm
	confFor  string
	confTask int // the task a question (or a correction form) is about
	adding   taskAdd
}

func newBoardScreen(c common.Common) *boardScreen {
	return &boardScreen{c: c, keys: remapKeys(c, "board", newBoardKeys()), view: viewBoard}
}

func (s *boardScreen) Title() string { return s.c.Tr.T("screen.sprint") }

// Loaded reports whether the screen's first load has arrived.
func (s *boardScreen) Loaded() bool { return s.loaded }

func (s *boardScreen) Capturing() bool           { return s.form != nil || s.confirm != nil }
func (s *boardScreen) SetCommon(c common.Common) { s.c = c; s.scrollToSelection() }

func (s *boardScreen) Keys() help.KeyMap {
	if s.form != nil {
		return s.form.Keys()
	}
	if s.confirm != nil {
		return s.confirm.keys
	}
	k := s.keys
	common := s.offered(k.View, k.PrevSprint, k.NextSprint, k.NewSprint)
	switch s.view {
	case viewPlan:
		if s.data.sprint.Status == sprint.StatusClosed {
			return sprintKeyMap{short: common, full: fullHelp(common)}
		}
		short := []key.Binding{combined("↑↓", "sprint.key.story", k.Up, k.Down), combined("←→", "sprint.key.pane", k.Left, k.Right)}
		short = append(short, s.offered(k.Pull, k.AddTask, k.PutBack, k.Start, k.Close)...)
		short = append(short, k.View)
		return sprintKeyMap{short: short, full: func() [][]key.Binding {
			return [][]key.Binding{
				{k.Up, k.Down, k.Left, k.Right, k.Top, k.Bottom},
				s.offered(k.Pull, k.PutBack, k.AddTask, k.Capacity),
				s.offered(k.Edit, k.Start, k.Close, k.Delete),
				common,
			}
		}}
	case viewBurndown:
		return sprintKeyMap{short: append([]key.Binding{k.Points}, common...),
			full: fullHelp([]key.Binding{k.Points}, common)}
	}
	short := []key.Binding{combined("↑↓←→", "sprint.key.task", k.Up, k.Down, k.Left, k.Right)}
	short = append(short, s.offered(k.Claim, k.Forward, k.Back, k.Remaining, s.blockKey())...)
	short = append(short, k.Mine, k.View)
	return sprintKeyMap{short: short, full: func() [][]key.Binding {
		return [][]key.Binding{
			{k.Up, k.Down, k.Left, k.Right, k.Top, k.Bottom},
			s.offered(k.Claim, k.Assign, k.Unclaim, k.Forward, k.Back),
			append(s.offered(k.Remaining, s.blockKey()), k.Mine),
			s.offered(s.editKey(), k.DeleteTask, k.Split, k.Close),
			common,
		}
	}}
}

func (s *boardScreen) Load() tea.Cmd {
	s.gen++
	gen, st, now, want, actor := s.gen, s.c.Store, s.c.Now, s.sprintID, s.c.Actor
	return func() tea.Msg {
		today := sprint.DateOf(now())
		// Every session on this screen reads the same data after a change:
		// share one read per commit of the file (the message is read-only).
		v, err := st.SharedRead(fmt.Sprintf("board/%d/%s", want, today), func(st *store.Store) (any, error) {
			msg := loadSprint(st, 0, want, today)
			msg.shared = &boardShared{}
			msg.cols = boardColumns(&msg)
			return msg, nil
		})
		if err != nil {
			return boardMsg{gen: gen, today: today, err: err} // this session's own refusal (it ended)
		}
		msg := v.(boardMsg)
		msg.gen = gen
		// The viewer's role decides which keys the screen offers (the plan's
		// members are there only when a sprint is).
		p, err := sharedPerson(st, actor)
		msg.role, msg.notMember = p.m.Role, cmp.Or(err, p.err)
		if backlog.IsGuest(actor) {
			msg.notMember = backlog.GuestsOnlyRead()
		}
		return msg
	}
}

// loadSprint reads what the three views show: the sprint asked for (else the
// store.BoardView picks), its plan, tasks, burndown, and the velocity.
func loadSprint(st *store.Store, gen, want int, today sprint.Date) boardMsg {
	v, err := st.BoardView(want, today, backlogShown)
	return boardMsg{gen: gen, today: today, sprints: v.Sprints, sprint: v.Sprint, found: v.Found, plan: v.Plan,
		tasks: v.Plan.Tasks, burndown: v.Burndown, velocity: v.Velocity, others: v.Others, err: err}
}

func (s *boardScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case boardMsg:
		if msg.gen != s.gen {
			return nil
		}
		first := !s.loaded || msg.sprint.ID != s.data.sprint.ID
		s.loaded, s.data = true, msg
		s.dataGen++
		if first && !s.viewSet {
			s.view = viewBoard
			if msg.found && msg.sprint.Status == sprint.StatusPlanning {
				s.view = viewPlan
			}
		}
		s.arrange()
		s.plan.arrange(&s.data)
	case writeResultMsg:
		return s.writeDone(msg)
	case tea.KeyMsg:
		return s.key(msg)
	}
	return nil
}

// sprintTag prefixes the write tags of this screen.
const sprintTag = "sprint:"

// writeDone closes the form of a write that worked, or shows its error in the
// form so nothing typed is lost; the store event reloads the data.
func (s *boardScreen) writeDone(msg writeResultMsg) tea.Cmd {
	if !strings.HasPrefix(msg.Tag, sprintTag) {
		return nil
	}
	if s.form != nil && msg.Tag == sprintTag+s.formFor {
		if msg.Err != nil {
			s.form.SetError(msg.Err)
			return nil
		}
		s.form, s.formFor = nil, ""
	}
	if msg.Err != nil && msg.Tag == sprintTag+"move" {
		return s.Load()
	}
	if msg.Err == nil && msg.Tag == sprintTag+"new" {
		s.sprintID, s.view, s.viewSet = 0, viewPlan, true
	}
	return nil
}

// arrange sorts the tasks into the columns (only the actor's with the mine filter),
// grouped by story in the sprint's story order.
func (s *boardScreen) arrange() {
	cols := s.data.cols
	if cols == nil {
		cols = boardColumns(&s.data)
	}
	s.cols = *cols // shared with other sessions: never appended to
	if s.mine {
		for c, tasks := range s.cols {
			s.cols[c] = nil
			for _, t := range tasks {
				if t.Owner == s.c.Actor {
					s.cols[c] = append(s.cols[c], t)
				}
			}
		}
	}
	s.reselect()
}

// boardColumns puts a load's tasks in the board's columns, each in the
// plan's order of stories.
func boardColumns(d *boardMsg) *[boardCols][]sprint.Task {
	var cols [boardCols][]sprint.Task
	order := map[int]int{}
	for i, st := range d.plan.Stories {
		order[st.ID] = i
	}
	tasks := append([]sprint.Task(nil), d.tasks...)
	sort.SliceStable(tasks, func(i, j int) bool { return order[tasks[i].Story] < order[tasks[j].Story] })
	for _, t := range tasks {
		for c := range boardCols {
			if t.Status == boardStatus(c) {
				cols[c] = append(cols[c], t)
			}
		}
	}
	return &cols
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

// selected is the task under the cursor, if any.
func (s *boardScreen) selected() (sprint.Task, bool) {
	tasks := s.cols[s.col]
	if len(tasks) == 0 {
		return sprint.Task{}, false
	}
	return tasks[s.row[s.col]], true
}

func (s *boardScreen) key(msg tea.KeyMsg) tea.Cmd {
	if s.form != nil {
		// The inputs' cursor-blink commands are dropped: the cursor stays
		// solid, and no timer runs while a form is open.
		switch out, _ := s.form.Update(msg); out {
		case formCancelled:
			s.form, s.formFor = nil, ""
		case formSubmitted:
			return s.submit()
		}
		return nil
	}
	if s.confirm != nil {
		decided, yes := s.confirm.Update(msg)
		if !decided {
			return nil
		}
		what := s.confFor
		s.confirm, s.confFor = nil, ""
		if yes {
			return s.confirmed(what)
		}
		return nil
	}
	k := s.keys
	if cmd := s.refusal(msg, k.PrevSprint, k.NextSprint, k.NewSprint); cmd != nil {
		return cmd
	}
	switch {
	case key.Matches(msg, k.View):
		s.view, s.viewSet = (s.view+1)%numSprintViews, true
		return nil
	case key.Matches(msg, k.PrevSprint), key.Matches(msg, k.NextSprint):
		return s.browse(key.Matches(msg, k.NextSprint))
	case key.Matches(msg, k.NewSprint) && s.loaded:
		s.newSprintForm()
		return nil
	}
	if !s.loaded {
		return nil
	}
	switch s.view {
	case viewPlan:
		return s.planKey(msg)
	case viewBurndown:
		if key.Matches(msg, k.Points) {
			s.points = !s.points
		}
		return nil
	}
	return s.boardKey(msg)
}

// browse moves to the next older or newer sprint.
func (s *boardScreen) browse(newer bool) tea.Cmd {
	all := s.data.sprints
	for i, sp := range all {
		if sp.ID != s.data.sprint.ID {
			continue
		}
		j := i - 1
		if newer {
			j = i + 1
		}
		if j < 0 || j >= len(all) {
			return nil
		}
		s.sprintID = all[j].ID
		return s.Load()
	}
	return nil
}

func (s *boardScreen) boardKey(msg tea.KeyMsg) tea.Cmd {
	k := s.keys
	if s.move(msg) {
		return nil
	}
	if key.Matches(msg, k.Mine) {
		s.mine = !s.mine
		s.arrange()
		return nil
	}
	if cmd := s.refusal(msg, k.Claim, k.Assign, k.Unclaim, k.Forward, k.Back, k.Remaining, k.Block, k.Edit, k.DeleteTask, k.Split, k.Close); cmd != nil {
		return cmd
	}
	if key.Matches(msg, k.Close) {
		s.correctionKey(msg, sprint.Task{})
		return nil
	}
	t, ok := s.selected()
	if !ok {
		return nil
	}
	if s.correctionKey(msg, t) {
		return nil
	}
	st, actor, tr := s.c.Store, s.c.Actor, s.c.Tr
	switch {
	case key.Matches(msg, k.Claim):
		return writeCmd(sprintTag+"claim", func() (string, error) {
			t, err := st.ClaimTask(actor, t.ID, "")
			return tr.Tf("board.done.claimed", "Task", t.Ref()), err
		})
	case key.Matches(msg, k.Assign):
		var names []string
		for _, m := range s.data.plan.Members {
			if m.Role.CanWrite() {
				names = append(names, m.Handle)
			}
		}
		value := t.Owner
		if value == "" {
			value = actor
		}
		s.openForm("assign", newForm(s.c.Timers, tr.Tf("board.assign.title", "Task", t.Ref()+" "+common.Line(t.Title)),
			fieldSpec{Label: tr.T("board.assign.to"), Value: value, Choices: names, Hint: tr.T("board.assign.hint")}))
	case key.Matches(msg, k.Unclaim):
		return writeCmd(sprintTag+"unclaim", func() (string, error) {
			t, err := st.UnclaimTask(actor, t.ID)
			return tr.Tf("board.done.unclaimed", "Task", t.Ref()), err
		})
	case key.Matches(msg, k.Forward), key.Matches(msg, k.Back):
		c := s.col + 1
		if key.Matches(msg, k.Back) {
			c = s.col - 1
		}
		if c < 0 || c >= boardCols {
			return nil
		}
		to := boardStatus(c)
		if err := sprint.MayTouch(t, actor, s.role().CanLead(), sprint.ActMove); err != nil {
			return writeCmd(sprintTag+"move", func() (string, error) { return "", err })
		}
		// Show the move at once (a second m moves it on again); a failed
		// write reloads the truth.
		s.data.tasks = slices.Clone(s.data.tasks) // the loaded data is shared with other sessions
		s.data.shared = nil                       // and so is what they drew of it
		s.data.cols = nil                         // and the columns they show
		s.dataGen++
		for i := range s.data.tasks {
			if s.data.tasks[i].ID == t.ID {
				s.data.tasks[i] = s.data.tasks[i].Moved(to, actor)
			}
		}
		s.selID = t.ID
		s.arrange()
		took := t.Owner == "" && to != sprint.TaskTodo
		return writeCmd(sprintTag+"move", func() (string, error) {
			t, err := st.SetTaskStatus(actor, t.ID, to)
			msg := tr.Tf("board.done.moved", "Task", t.Ref(), "Status", tr.TaskStatus(to), "Hours", common.Hours(t.Remaining))
			if took {
				msg += tr.T("board.done.took")
			}
			return msg, err
		})
	case key.Matches(msg, k.Remaining):
		s.openForm("remaining", newForm(s.c.Timers, tr.Tf("board.remaining.title", "Task", t.Ref()+" "+common.Line(t.Title)),
			fieldSpec{Label: tr.T("board.remaining.label"), Value: common.Num(t.Remaining), Hint: tr.Tf("board.remaining.hint", "Max", sprint.MaxTaskHours, "Estimate", common.Hours(t.Estimate)), CharLimit: 8}))
	case key.Matches(msg, k.Block):
		if t.Blocked != "" {
			// Unblocking throws the reason away: ask, showing it.
			s.confirm, s.confFor = newConfirm(tr.Tf("board.unblock.ask", "Task", t.Ref(), "Reason", common.Line(t.Blocked))), "unblock"
			s.confTask = t.ID
			return nil
		}
		s.openForm("block", newForm(s.c.Timers, tr.Tf("board.block.title", "Task", t.Ref()),
			fieldSpec{Label: tr.T("board.block.reason"), Placeholder: tr.T("board.block.placeholder"), Hint: tr.T("board.block.hint")}))
	}
	return nil
}

func (s *boardScreen) openForm(what string, f *form) {
	s.form, s.formFor = f, what
}

// submit runs the write of the open form.
func (s *boardScreen) submit() tea.Cmd {
	st, actor, f, tr := s.c.Store, s.c.Actor, s.form, s.c.Tr
	tag := sprintTag + s.formFor
	t, _ := s.selected()
	switch s.formFor {
	case "assign":
		owner := f.Value(0)
		return writeCmd(tag, func() (string, error) {
			t, err := st.ClaimTask(actor, t.ID, owner)
			return tr.Tf("board.done.assigned", "Task", t.Ref(), "Who", owner), err
		})
	case "remaining":
		h, err := parseHoursField(f.Value(0))
		if err != nil {
			f.SetError(err)
			return nil
		}
		return writeCmd(tag, func() (string, error) {
			t, err := st.SetRemaining(actor, t.ID, h)
			return tr.Tf("board.done.remaining", "Task", t.Ref(), "Hours", common.Hours(t.Remaining)), err
		})
	case "block":
		reason := f.Value(0)
		return writeCmd(tag, func() (string, error) {
			t, err := st.BlockTask(actor, t.ID, reason)
			return tr.Tf("board.done.blocked", "Task", t.Ref()), err
		})
	}
	if cmd, ok := s.correctionSubmit(); ok {
		return cmd
	}
	return s.planSubmit()
}

func (s *boardScreen) move(msg tea.KeyMsg) bool {
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
		return false
	}
	s.remember()
	s.scrollToSelection()
	return true
}

// storyOf finds a task's story among the sprint's stories.
func (s *boardScreen) storyOf(id int) (backlog.Story, bool) {
	for _, list := range [][]backlog.Story{s.data.plan.Stories, s.data.others} {
		for _, st := range list {
			if st.ID == id {
				return st, true
			}
		}
	}
	return backlog.Story{}, false
}

// card draws one task in a column cw cells wide.
// cardKey is everything a drawn card depends on.
type cardKey struct {
	task     sprint.Task
	width    int
	selected bool
	lang     i18n.Lang // the session's language may change while it runs
	theme    common.Theme
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
