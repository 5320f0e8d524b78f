package ui

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// The Stand-up screen (4). Before the round it lists the answers written
// ahead; the lead opens the round (roll call: absent, order, latecomers), then
// walks through the speakers with a large countdown computed from the stored
// start time, so every session shows the same clock; at the end it shows the
// summary and the parking lot, kept and browsable by day.

// standupKeys are the keys of the Stand-up screen; which of them work depends
// on the round's state and the member's role (see setMode).
type standupKeys struct {
	Up, Down         key.Binding
	Start            key.Binding
	Next, Prev, Skip key.Binding
	Pause            key.Binding
	Absent           key.Binding
	MoveUp, MoveDown key.Binding
	Late             key.Binding
	Edit             key.Binding
	Block            key.Binding
	Resolve          key.Binding
	End              key.Binding
	Earlier, Later   key.Binding
	Today            key.Binding
	Settings         key.Binding
	Order            key.Binding
}

func newStandupKeys() standupKeys {
	return standupKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "standup.key.up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "standup.key.down")),
		Start:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "standup.key.start")),
		Next:     key.NewBinding(key.WithKeys("n", "right", "enter"), key.WithHelp("n/→", "standup.key.next")),
		Prev:     key.NewBinding(key.WithKeys("p", "left"), key.WithHelp("p/←", "standup.key.prev")),
		Skip:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "standup.key.skip")),
		Pause:    key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "standup.key.pause")),
		Absent:   key.NewBinding(key.WithKeys("a", " "), key.WithHelp("a/space", "standup.key.absent")),
		MoveUp:   key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", "standup.key.move_up")),
		MoveDown: key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", "standup.key.move_down")),
		Late:     key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "standup.key.late")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "standup.key.edit")),
		Block:    key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "standup.key.block")),
		Resolve:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "standup.key.resolve")),
		End:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "standup.key.end")),
		Earlier:  key.NewBinding(key.WithKeys("["), key.WithHelp("[", "standup.key.earlier")),
		Later:    key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "standup.key.later")),
		Today:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "standup.key.today")),
		Settings: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "standup.key.settings")),
		Order:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "standup.key.order")),
	}
}

func (k standupKeys) list() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.Skip, k.Pause, k.Start, k.Up, k.Down, k.Absent, k.MoveUp, k.MoveDown,
		k.Late, k.Edit, k.Block, k.Resolve, k.End, k.Earlier, k.Later, k.Today, k.Settings, k.Order}
}

func (k *standupKeys) ptrs() []*key.Binding {
	return []*key.Binding{&k.Next, &k.Prev, &k.Skip, &k.Pause, &k.Start, &k.Up, &k.Down, &k.Absent, &k.MoveUp, &k.MoveDown,
		&k.Late, &k.Edit, &k.Block, &k.Resolve, &k.End, &k.Earlier, &k.Later, &k.Today, &k.Settings, &k.Order}
}

func (k standupKeys) ShortHelp() []key.Binding {
	var out []key.Binding
	for _, b := range []key.Binding{k.Next, k.Skip, k.Pause, k.Start, k.Absent, k.MoveUp, k.Order, k.Edit, k.Block, k.Resolve, k.End, k.Earlier} {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

func (k standupKeys) FullHelp() [][]key.Binding {
	var out []key.Binding
	for _, b := range k.list() {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	var cols [][]key.Binding
	for len(out) > 0 {
		n := min(6, len(out))
		cols = append(cols, out[:n])
		out = out[n:]
	}
	return cols
}

// standupMode is what the screen shows.
type standupMode int

const (
	modeNotes    standupMode = iota // no round on the day: the answers written ahead
	modeRollCall                    // round opened, before the first speaker
	modeSpeaking                    // someone has the word (or the round is paused)
	modeSummary                     // the round ended (or nobody speaks)
)

// standupMsg carries one day's stand-up.
type standupMsg struct {
	gen      int
	today    sprint.Date
	day      sprint.Date // the day shown
	notesDay sprint.Date // the stand-up the notes are for (ahead of a round: the next one)
	days     []sprint.Date
	settings sprint.StandupSettings
	round    sprint.Standup
	held     bool
	notes    []sprint.Note
	members  []backlog.Member
	since    store.SinceLast
	hasSince bool
	carried  []sprint.CarriedBlocker // open blockers parked at earlier stand-ups
	// stillBlocked are tasks parked blockers flagged that are still blocked.
	stillBlocked []int
	err          error
}

// standupTickMsg is the once-a-second clock of a running round.
type standupTickMsg struct{ gen int }

// standupScreen is screen 4.
type standupScreen struct {
	c    common.Common
	keys standupKeys

	gen    int
	loaded bool
	data   standupMsg
	mode   standupMode
	role   backlog.Role
	view   sprint.Date // the day on show; zero follows today

	cursor   int  // roll call and the order panel: the selected turn; summary: the selected blocker
	ordering bool // the order panel is open during the round

	form     *form
	formKind string
	formFor  string // the member whose answers are edited
	confirm  *confirm
	// confirmed runs on the confirm's answer; nil means "end the round" on yes.
	confirmed func(yes bool) tea.Cmd

	tickGen    int
	ticking    bool
	bellKey    string // the speaker visit the bell rang for
	bell       bool   // ring on the next frame
	width      int
	height     int
	lang       i18n.Lang // the language the cached lines are in
	body       scroller  // the notes view
	cachedBody string    // the lines under the countdown, rebuilt on data or size changes
	orderPanel string    // the order panel's lines, when it is open
}

func newStandupScreen(c common.Common) *standupScreen {
	s := &standupScreen{c: c, keys: remapKeys(c, "standup", newStandupKeys()), body: newScroller(c.Styles)}
	s.body.tr = c.Tr // "↓ 6 more lines" in the reader's language
	s.setMode()
	return s
}

func (s *standupScreen) Title() string { return s.c.Tr.T("screen.standup") }

// Loaded reports whether the screen's first load has arrived.
func (s *standupScreen) Loaded() bool { return s.loaded }

func (s *standupScreen) Capturing() bool { return s.form != nil || s.confirm != nil }
func (s *standupScreen) Keys() help.KeyMap {
	switch {
	case s.form != nil:
		return s.form.Keys()
	case s.confirm != nil:
		return s.confirm.keys
	}
	return s.keys
}

func (s *standupScreen) SetCommon(c common.Common) {
	s.c = c
	if c.Width == s.width && c.Height == s.height && c.Tr.Lang() == s.lang {
		return // the root sizes the screen after every message; only a change redraws
	}
	s.width, s.height, s.lang = c.Width, c.Height, c.Tr.Lang()
	s.layout()
}

func (s *standupScreen) Load() tea.Cmd {
	s.gen++
	gen, st, now, view := s.gen, s.c.Store, s.c.Now, s.view
	return func() tea.Msg { return loadStandup(st, gen, now(), view) }
}

func loadStandup(st *store.Store, gen int, now time.Time, view sprint.Date) standupMsg {
	msg := standupMsg{gen: gen}
	d, err := st.StandupDay(view)
	if err != nil {
		msg.err = err
		msg.today, msg.day = sprint.DateOf(now), view
		if msg.day.IsZero() {
			msg.day = msg.today
		}
		return msg
	}
	msg.today, msg.day, msg.notesDay, msg.days = d.Today, d.Day, d.NotesDay, d.Days
	msg.settings, msg.round, msg.held, msg.notes, msg.members = d.Settings, d.Round, d.Held, d.Notes, d.Members
	msg.since, msg.hasSince, msg.carried, msg.stillBlocked = d.Since, d.HasSince, d.Carried, d.StillBlocked
	return msg
}

// live reports whether the clock runs: a round with a speaker, not paused.
func (s *standupScreen) live() bool {
	return s.loaded && s.data.held && s.data.round.Status == sprint.StandupRunning
}

func (s *standupScreen) tick() tea.Cmd {
	gen := s.tickGen
	return s.c.Timers.Tick(time.Second, func(time.Time) tea.Msg { return standupTickMsg{gen} })
}

// ensureTicking starts the one-second clock when the round runs.
func (s *standupScreen) ensureTicking() tea.Cmd {
	if !s.live() || s.ticking {
		return nil
	}
	s.ticking = true
	s.tickGen++
	return s.tick()
}

func (s *standupScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case standupMsg:
		if msg.gen != s.gen {
			return nil
		}
		s.loaded, s.data = true, msg
		s.role = ""
		for _, m := range msg.members {
			if m.Handle == s.c.Actor {
				s.role = m.Role
			}
		}
		s.setMode()
		s.layout()
		return s.ensureTicking()
	case standupTickMsg:
		if msg.gen != s.tickGen {
			return nil
		}
		if !s.live() {
			s.ticking = false
			return nil
		}
		s.checkBell()
		return s.tick()
	case writeResultMsg:
		return s.writeDone(msg)
	case tea.KeyMsg:
		return s.handleKey(msg)
	}
	if s.form != nil {
		_, cmd := s.form.Update(msg)
		return cmd
	}
	return nil
}

// checkBell rings once per speaker visit, when their time runs out.
func (s *standupScreen) checkBell() {
	s.bell = false
	su := s.data.round
	sp, ok := su.Speaker()
	if !ok || !s.data.settings.Bell {
		return
	}
	visit := sp.Member + "@" + su.SpeakerSince.String()
	if su.Remaining(s.c.Now()) < 0 && s.bellKey != visit {
		s.bellKey, s.bell = visit, true
	}
}

// setMode picks what the screen shows and which keys work.
func (s *standupScreen) setMode() {
	d := s.data
	switch {
	case !d.held:
		s.mode = modeNotes
	case d.round.Live() && d.day.Before(d.today):
		s.mode = modeSummary // left open overnight: shown as it stands until today's starts
	case d.round.Status == sprint.StandupReady:
		s.mode = modeRollCall
	case d.round.Status == sprint.StandupRunning || d.round.Status == sprint.StandupPaused:
		s.mode = modeSpeaking
	default:
		s.mode = modeSummary
	}
	if s.mode != modeSpeaking {
		s.ordering = false
	}
	lead := s.role.CanLead()
	writer := s.role.CanWrite()
	today := d.day == d.today
	k := &s.keys
	for _, b := range k.ptrs() {
		b.SetEnabled(false)
	}
	set := func(b *key.Binding, on bool) { b.SetEnabled(on) }
	_, earlier := s.dayStep(-1)
	set(&k.Earlier, s.loaded && earlier)
	set(&k.Later, s.loaded && d.day.Before(d.today))
	set(&k.Today, s.loaded && !s.view.IsZero())
	switch s.mode {
	case modeNotes:
		set(&k.Settings, lead)
		set(&k.Start, lead && today)
		set(&k.Edit, writer && today)
		set(&k.Up, true)
		set(&k.Down, true)
	case modeRollCall:
		set(&k.Up, true)
		set(&k.Down, true)
		set(&k.Next, lead)
		k.Next.SetHelp("enter", "standup.key.first")
		set(&k.Absent, lead)
		set(&k.MoveUp, lead)
		set(&k.MoveDown, lead)
		set(&k.Late, lead)
		set(&k.Edit, writer)
		set(&k.End, lead)
	case modeSpeaking:
		set(&k.Order, lead)
		if s.ordering && lead {
			k.Order.SetHelp("o/esc", "standup.key.close_order")
			set(&k.Up, true)
			set(&k.Down, true)
			set(&k.Absent, true)
			set(&k.MoveUp, true)
			set(&k.MoveDown, true)
			set(&k.Late, true)
			break
		}
		k.Order.SetHelp("o", "standup.key.order")
		set(&k.Next, lead)
		k.Next.SetHelp("n/→", "standup.key.next")
		set(&k.Prev, lead)
		set(&k.Skip, lead)
		set(&k.Pause, lead)
		set(&k.Late, lead)
		set(&k.Edit, writer)
		set(&k.Block, writer)
		set(&k.End, lead)
	case modeSummary:
		set(&k.Start, lead && d.round.Live())
		set(&k.Settings, lead)
		set(&k.Up, true)
		set(&k.Down, true)
		set(&k.Block, writer)
		set(&k.Resolve, writer && len(s.parked()) > 0)
		set(&k.Edit, writer && today && !d.round.Live())
	}
	s.cursor = min(max(s.cursor, 0), max(s.rows()-1, 0))
}

// rows is how many rows the cursor moves over.
func (s *standupScreen) rows() int {
	switch {
	case s.mode == modeRollCall, s.mode == modeSpeaking && s.ordering:
		return len(s.data.round.Turns)
	case s.mode == modeSummary:
		return len(s.parked())
	}
	return 0
}

func (s *standupScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	if s.form != nil {
		out, cmd := s.form.Update(msg)
		switch out {
		case formCancelled:
			s.form = nil
		case formSubmitted:
			return s.submitForm()
		}
		return cmd
	}
	if s.confirm != nil {
		decided, yes := s.confirm.Update(msg)
		if decided {
			s.confirm = nil
			if then := s.confirmed; then != nil {
				s.confirmed = nil
				return then(yes)
			}
			if yes {
				return s.step(store.RoundEnd)
			}
		}
		return nil
	}
	if !s.loaded {
		return nil
	}
	k, d := s.keys, s.data
	on := func(b key.Binding) bool { return b.Enabled() && key.Matches(msg, b) }
	switch {
	case slices.Contains(k.Earlier.Keys(), msg.String()): // even when not offered: it says why
		return s.browse(-1)
	case on(k.Later):
		return s.browse(+1)
	case on(k.Today):
		s.view = sprint.Date{}
		return s.Load()
	case on(k.Settings):
		s.openSettings()
		return nil
	}
	switch s.mode {
	case modeNotes:
		switch {
		case on(k.Start):
			return s.startToday()
		case on(k.Edit):
			s.openAnswers(s.c.Actor)
			return nil
		}
		s.body.Handle(newMoveKeys("scroll"), msg)
	case modeRollCall:
		turns := d.round.Turns
		if cmd, ok := s.orderKey(msg); ok {
			return cmd
		}
		switch {
		case on(k.Next):
			return s.step(store.RoundNext)
		case on(k.Late):
			return s.openLate()
		case on(k.Edit) && s.cursor < len(turns):
			s.openAnswers(turns[s.cursor].Member)
		case on(k.End):
			s.confirm = newConfirm(s.c.Tr.T("standup.end.before_anyone"))
		}
	case modeSpeaking:
		sp, _ := d.round.Speaker()
		if on(k.Order) || (s.ordering && msg.String() == "esc") {
			s.ordering = !s.ordering && on(k.Order)
			s.cursor = max(d.round.Current, 0)
			s.layout()
			return nil
		}
		if s.ordering {
			if cmd, ok := s.orderKey(msg); ok {
				return cmd
			}
			if on(k.Late) {
				return s.openLate()
			}
			return nil
		}
		switch {
		case on(k.Next):
			return s.step(store.RoundNext)
		case on(k.Prev):
			return s.step(store.RoundPrevious)
		case on(k.Skip):
			return s.step(store.RoundSkip)
		case on(k.Pause):
			if d.round.Status == sprint.StandupPaused {
				return s.step(store.RoundResume)
			}
			return s.step(store.RoundPause)
		case on(k.Late):
			return s.openLate()
		case on(k.Edit):
			s.openAnswers(sp.Member)
		case on(k.Block):
			s.openBlocker(sp.Member)
		case on(k.End):
			waiting := d.round.Summarize(s.c.Now()).Waiting
			q := s.c.Tr.T("standup.end.ask")
			if waiting > 0 {
				q = s.c.Tr.Tf("standup.end.ask_waiting", "N", waiting)
			}
			s.confirm = newConfirm(q)
		}
	case modeSummary:
		switch {
		case on(k.Start):
			return s.startToday()
		case on(k.Up):
			s.cursor = max(s.cursor-1, 0)
			s.layout()
		case on(k.Down):
			s.cursor = min(s.cursor+1, max(len(s.parked())-1, 0))
			s.layout()
		case on(k.Block):
			s.openBlocker(s.c.Actor)
		case on(k.Edit):
			s.openAnswers(s.c.Actor)
		case on(k.Resolve) && s.cursor < len(s.parked()):
			return s.resolve(s.parked()[s.cursor])
		}
	}
	return nil
}

// parkedRow is one row of the parking lot: a blocker of the day's round, or an
// open one carried from an earlier stand-up.
type parkedRow struct {
	day     sprint.Date // the round it was parked at
	b       sprint.Blocker
	carried bool
}

// parked is the parking lot as shown: open blockers from earlier stand-ups
// first, then the day's own.
func (s *standupScreen) parked() []parkedRow {
	var out []parkedRow
	for _, c := range s.data.carried {
		out = append(out, parkedRow{day: c.Day, b: c.Blocker, carried: true})
	}
	if s.data.held {
		for _, b := range s.data.round.Parking {
			out = append(out, parkedRow{day: s.data.day, b: b})
		}
	}
	return out
}

// resolve resolves a parked blocker; when parking it flagged a task that is
// still flagged blocked, it asks first whether to unblock the task too.
func (s *standupScreen) resolve(p parkedRow) tea.Cmd {
	tr := s.c.Tr
	do := func(unblock bool) tea.Cmd {
		return s.write("resolve", func(st *store.Store, actor string) (string, error) {
			r, err := st.ResolveBlocker(actor, p.day, p.b.ID, unblock)
			if err != nil {
				return "", err
			}
			done := tr.Tf("standup.done.resolved", "Text", common.Line(r.Text))
			if unblock {
				done += tr.Tf("standup.done.unblocked", "Task", sprint.TaskRef(r.Task))
			}
			return done, nil
		})
	}
	if p.b.Flagged && p.b.Task != 0 {
		for _, t := range s.data.stillBlocked {
			if t == p.b.Task {
				s.confirm = newConfirm(tr.Tf("standup.resolve.ask", "Task", sprint.TaskRef(p.b.Task)))
				s.confirmed = do
				return nil
			}
		}
	}
	return do(false)
}

// orderKey handles the keys of the order list (roll call, and the order
// panel during the round): select, mark absent or present, move.
func (s *standupScreen) orderKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	k, d := s.keys, s.data
	turns := d.round.Turns
	on := func(b key.Binding) bool { return b.Enabled() && key.Matches(msg, b) }
	switch {
	case on(k.Up):
		s.cursor = max(s.cursor-1, 0)
		s.layout()
	case on(k.Down):
		s.cursor = min(s.cursor+1, len(turns)-1)
		s.layout()
	case on(k.Absent) && s.cursor < len(turns):
		t := turns[s.cursor]
		absent := !t.Absent()
		return s.write("absent", func(st *store.Store, actor string) (string, error) {
			_, err := st.SetStandupAbsent(actor, d.day, t.Member, absent)
			return "", err
		}), true
	case (on(k.MoveUp) || on(k.MoveDown)) && s.cursor < len(turns):
		to := s.cursor - 1
		if key.Matches(msg, k.MoveDown) {
			to = s.cursor + 1
		}
		if to < 0 || to >= len(turns) {
			where := "standup.speaks_first"
			if to > 0 {
				where = "standup.speaks_last"
			}
			return refuse("standup:", errors.New(s.c.Tr.Tf(where, "Who", turns[s.cursor].Member))), true
		}
		who := turns[s.cursor].Member
		s.cursor = to
		return s.write("move", func(st *store.Store, actor string) (string, error) {
			_, err := st.MoveSpeaker(actor, d.day, who, to)
			return "", err
		}), true
	default:
		return nil, false
	}
	return nil, true
}

// startToday opens (or resumes) today's round and shows it.
func (s *standupScreen) startToday() tea.Cmd {
	today, tr := s.data.today, s.c.Tr
	s.view = sprint.Date{}
	return s.write("start", func(st *store.Store, actor string) (string, error) {
		su, resumed, err := st.StartStandup(actor, today, nil)
		if err != nil {
			return "", err
		}
		if resumed {
			return tr.T("standup.done.resumed"), nil
		}
		return tr.Tf("standup.done.opened", "N", su.Present(), "Each", sprint.FormatClock(su.Timebox())), nil
	})
}

// browse moves the day on show to the previous or next day a round was held.
func (s *standupScreen) browse(dir int) tea.Cmd {
	d := s.data
	day, ok := s.dayStep(dir)
	if !ok {
		if dir > 0 {
			return refuse("standup:", errors.New(s.c.Tr.T("standup.none_later")))
		}
		return refuse("standup:", errors.New(s.c.Tr.T("standup.none_earlier")))
	}
	s.view = day
	if s.view == d.today {
		s.view = sprint.Date{}
	}
	s.cursor = 0
	return s.Load()
}

// dayStep is the day of the stand-up dir steps from the one shown, and
// whether there is one.
func (s *standupScreen) dayStep(dir int) (sprint.Date, bool) {
	d := s.data
	days := slices.Clone(d.days)
	if !slices.Contains(days, d.today) {
		days = append(days, d.today)
	}
	slices.SortFunc(days, func(a, b sprint.Date) int { return a.Time().Compare(b.Time()) })
	i := slices.Index(days, d.day)
	if i < 0 {
		i = len(days) - 1
	}
	i += dir
	if i < 0 || i >= len(days) {
		return sprint.Date{}, false
	}
	return days[i], true
}

// write runs a store write tagged for this screen.
func (s *standupScreen) write(tag string, fn func(st *store.Store, actor string) (string, error)) tea.Cmd {
	st, actor := s.c.Store, s.c.Actor
	return writeCmd("standup."+tag, func() (string, error) { return fn(st, actor) })
}

// step moves the round on. It names the speaker this screen shows, so a lead
// pressing next in two sessions at once moves the round only once.
func (s *standupScreen) step(op store.RoundOp) tea.Cmd {
	d, tr := s.data, s.c.Tr
	expect := ""
	if sp, ok := d.round.Speaker(); ok {
		expect = sp.Member
	}
	return s.write("step", func(st *store.Store, actor string) (string, error) {
		su, err := st.StepStandup(actor, d.day, op, expect)
		if err != nil {
			return "", err
		}
		if su.Status == sprint.StandupEnded {
			sum := su.Summarize(su.Ended)
			return tr.Tf("standup.done.ended", "Time", sprint.FormatClock(sum.Total)), nil
		}
		return "", nil
	})
}

func (s *standupScreen) writeDone(r writeResultMsg) tea.Cmd {
	if !strings.HasPrefix(r.Tag, "standup.") {
		return nil
	}
	if s.form != nil && r.Tag == "standup."+s.formKind {
		if r.Err != nil {
			s.form.SetError(r.Err) // the form stays open: nothing typed is lost
			return nil
		}
		s.form = nil
	}
	if r.Err != nil {
		return nil
	}
	return s.Load() // the store event reloads too; this makes the own write show at once
}

// noteOf is a member's note for the shown day.
func (s *standupScreen) noteOf(member string) sprint.Note {
	for _, n := range s.data.notes {
		if n.Member == member {
			return n
		}
	}
	return sprint.Note{Member: member}
}

var answerLabels = [3]string{"standup.answer.since", "standup.answer.today", "standup.answer.blockers"}
