// Package ui is huddle's terminal interface: a root model that routes to five
// screens (Vision & OKRs, Backlog, Sprint, Stand-up, Review & Retro), draws the
// header and the help footer, and keeps every screen live by relaying the
// store's events.
//
// One Model serves one session. It holds no package-level state: the SSH
// server builds one Model per connection with that connection's renderer, all
// over the same *store.Store.
package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
)

// chromeLines is what the root draws above every screen: header, tabs, rule.
const chromeLines = 3

// Model is the root of one session's UI.
type Model struct {
	ctx     context.Context // the session's life: timers stop when it ends
	c       common.Common   // full window size; screens get the body size
	events  <-chan store.Event
	live    bool // the subscription is open
	keys    globalKeys
	overlay helpOverlay // the ? overlay
	detail  *openDetail // the detail page on show (enter), nil when none
	screens [numScreens]screen
	poker   *pokerModel // the planning poker round, over the screen while a session runs
	active  screenID
	stale   [numScreens]bool // changed in the store since the screen last loaded
	// keysWaiting are keys pressed before the screen on show first loaded
	// (keywait.go).
	keysWaiting []tea.KeyMsg
	loading     [numScreens]bool // the root asked the screen for its first load

	headerGen     int
	header        headerMsg
	headerVersion int // counts the header's updates, for the drawn chrome below

	// status is the outcome of the last write (or why it failed), shown above
	// the footer until the next key or a few seconds pass.
	status    string
	statusErr bool
	statusGen int

	// quitting asks before quitting while a meeting runs on some screen.
	quitting *confirm

	landOnBoard bool // see LandOnBoard; cleared by the first header or key

	file string // the open file, shown under the tabs (ShowFile; local sessions only)

	renderer *lipgloss.Renderer  // the session's, for restyling (theme.go)
	getenv   func(string) string // the session's environment (WithEnv)
	theme    common.Theme        // the theme drawn with

	zones *zones     // where clickable things are on screen (mouse.go)
	mouse mouseState // the last click

	// The screen's body and the footer are drawn again only after a message
	// that may change them: every message but the store's change
	// notifications and the header's data, which alone would otherwise
	// redraw every session's whole screen two extra times per change.
	viewGen     int
	cached      cachedView
	footerDrawn footerMemo // the footer's last line (render_cache.go)
}

// cachedView is the last drawn body and footer, and what they were drawn for.
type cachedView struct {
	gen, w, h    int
	active       screenID
	body, footer string
	bodyH        int    // the body's lines (it is fitted to w x bodyH)
	joined       string // the parts of the last frame, and the frame
	frame        string

	chromeKey chromeKey // what the header, tabs and rule were drawn for
	chrome    []string
}

// chromeKey is everything the three lines above the screen depend on.
type chromeKey struct {
	header, w int
	active    screenID
	live      bool
	titles    string
}

// statusFor is how long a write's outcome stays on screen.
const statusFor = 5 * time.Second

// clearStatusMsg clears the status line if no newer status replaced it.
type clearStatusMsg struct{ gen int }

// New builds the UI of one session for actor over st, drawing with r (the
// session's own renderer). It subscribes to the store's events at once; the
// subscription ends when ctx is cancelled, so cancel ctx when the session ends.
// New touches no globals and no terminal: the caller runs the model in a
// tea.Program on whatever input and output the session has.
func New(ctx context.Context, st *store.Store, actor string, r *lipgloss.Renderer, opts ...Option) *Model {
	c := common.New(st, backlog.NormalizeHandle(actor), r)
	m := &Model{
		ctx:    ctx,
		c:      c,
		events: st.Subscribe(ctx),
		live:   true,
		keys:   newGlobalKeys(),
		active: screenBacklog,

		renderer: r,
		theme:    common.ThemeDefault,
		zones:    newZones(),
	}
	m.c.Zones = m.zones
	for _, o := range opts {
		o(m)
	}
	m.keys = remapKeys(m.c, "global", m.keys)
	if me, err := st.Member(m.c.Actor); err == nil {
		m.applyTheme(me.Theme)
		m.applyLang(me.Lang)
	} else {
		m.applyTheme("")
		m.applyLang("")
	}
	c = m.c
	m.screens = [numScreens]screen{
		screenVision:  newVisionScreen(c),
		screenBacklog: newBacklogScreen(c),
		screenSprint:  newBoardScreen(c),
		screenStandup: newStandupScreen(c),
		screenRetro:   newRetroScreen(c),
		screenTeam:    newTeamScreen(c),
	}
	m.poker = newPokerModel(c)
	return m
}

// Option adjusts a session's model when it is built.
type Option func(*Model)

// LandOnBoard opens the session on the sprint board when a sprint is active
// (people come to claim and move their tasks), else on the backlog. A key
// pressed before the store answers keeps the person where they are.
func LandOnBoard() Option { return func(m *Model) { m.landOnBoard = true } }

// WithTimers gives the session's screens timers other than the wall clock's:
// tests pass a manual clock and move time themselves.
func WithTimers(t common.Timers) Option { return func(m *Model) { m.c.Timers = t } }

// Run runs the UI on the local terminal (alt screen) until the user quits or
// ctx is cancelled.
func Run(ctx context.Context, st *store.Store, actor string, opts ...Option) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	r := lipgloss.DefaultRenderer()
	// Ask the terminal about colours before Bubble Tea takes over its input,
	// so the answer is not lost among key presses.
	r.ColorProfile()
	r.HasDarkBackground()
	// The caller turns signals into ctx's end; Bubble Tea's own signal handler
	// would race it and can block the program's shutdown for ever.
	p := tea.NewProgram(New(ctx, st, actor, r, append([]Option{LandOnBoard()}, opts...)...), tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithContext(ctx), tea.WithoutSignalHandler())
	_, err := p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && errors.Is(err, context.Canceled) {
		return nil // cancelled from outside: a normal way to end
	}
	return err
}

// Init loads the header and the screen on show (and the board, where the
// session may land), and starts relaying store events; the other screens load
// when first shown: fifty people connecting at once wait for their first
// screen, not for six.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{waitForEvent(m.events), m.loadHeader(), m.waitForNextDay(), m.poker.Load()}
	for id, s := range m.screens {
		// A session that lands on the board reads only the board: the screen
		// on show (the backlog, every story) loads once the header says no
		// sprint is running, or a key says the person stays there.
		first := m.active
		if m.landOnBoard {
			first = screenSprint
		}
		if screenID(id) == first {
			cmds = append(cmds, s.Load())
			m.loading[id] = true
		} else {
			m.stale[id] = true
		}
	}
	return tea.Batch(cmds...)
}

// Active is the index of the screen on show (0 Vision & OKRs ... 4 Review & Retro).
func (m *Model) Active() int { return int(m.active) }

// ActiveTitle is the title of the screen on show.
func (m *Model) ActiveTitle() string { return m.screens[m.active].Title() }

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case eventMsg, headerMsg, subscriptionClosedMsg:
		// Only the header changes; screens load their own data messages.
	default:
		m.viewGen++
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.SetSize(msg.Width, msg.Height)
		m.layout(true)
		return m, nil
	case tea.KeyMsg:
		if m.landOnBoard && m.stale[m.active] {
			// A key before the store answered: the person stays on this
			// screen, which loads now; the key waits for it.
			m.landOnBoard = false
			load := m.show(m.active)
			m.holdKey(msg)
			return m, load
		}
		if m.holdKey(msg) {
			return m, nil
		}
		cmd := m.handleInput(msg)
		m.layout(false)
		return m, cmd
	case tea.MouseMsg:
		cmd := m.handleMouse(msg)
		m.layout(false)
		return m, cmd
	case eventMsg:
		if msg.PresenceOnly {
			return m, tea.Batch(waitForEvent(m.events), m.loadHeader(), m.poker.Reload(msg))
		}
		return m, tea.Batch(waitForEvent(m.events), m.reload(), m.poker.Reload(msg))
	case newDayMsg:
		// "Day 6 of 10", today's notes and the quarter depend on the date.
		return m, tea.Batch(m.waitForNextDay(), m.reload())
	case subscriptionClosedMsg:
		m.live = false
		return m, nil
	case headerMsg:
		if msg.gen == m.headerGen {
			if !sameHeader(m.header, msg) {
				m.headerVersion++
			}
			m.header = msg
			m.applyTheme(msg.member.Theme)
			if m.applyLang(msg.member.Lang) {
				m.headerVersion++ // the header's words change with the language
			}
			if m.landOnBoard {
				m.landOnBoard = false
				land := m.active // no sprint running: the screen on show, loaded now
				if msg.err == nil && msg.active {
					land = screenSprint
				}
				cmd := m.show(land)
				m.layout(false)
				return m, cmd
			}
		}
		return m, nil
	case detailHistoryMsg:
		if m.detail != nil && m.detail.gen == msg.gen {
			m.detail.history, m.detail.err = msg.lines, msg.err
			if msg.lines == nil && msg.err == nil {
				m.detail.history = []string{}
			}
		}
		return m, nil
	case pageTalkMsg:
		m.takePageTalk(msg)
		return m, nil
	case mentionsMsg:
		cmd := m.showMentions(msg)
		m.layout(false)
		return m, cmd
	case quitCheckMsg:
		cmd := m.quitAnswer(msg)
		m.layout(false)
		return m, cmd
	case clearStatusMsg:
		if msg.gen == m.statusGen {
			m.status = ""
			m.layout(true)
		}
		return m, nil
	}
	// A screen's data message: each screen takes its own and ignores the rest.
	var cmds []tea.Cmd
	if r, ok := msg.(writeResultMsg); ok {
		// Its reader's words, for the status line and a form that stays open.
		r.Err = trErr(m.c.Tr, r.Err)
		msg = r
		cmds = append(cmds, m.setStatus(r.statusText(), r.Err != nil), m.pageTalkDone(r))
	}
	for _, s := range m.screens {
		cmds = append(cmds, s.Update(msg))
	}
	cmds = append(cmds, m.poker.Update(msg))
	m.layout(false)
	cmds = append(cmds, m.releaseKeys())
	return m, tea.Batch(cmds...)
}

// setStatus shows a write's outcome and schedules its removal.
func (m *Model) setStatus(text string, isErr bool) tea.Cmd {
	m.statusGen++
	m.status, m.statusErr = text, isErr
	m.layout(true)
	if text == "" {
		return nil
	}
	gen := m.statusGen
	return m.c.Timers.Tick(statusFor, func(time.Time) tea.Msg { return clearStatusMsg{gen} })
}

// statusView is the status line, or "" when there is nothing to say.
func (m *Model) statusView() string {
	if m.status == "" {
		return ""
	}
	style := m.c.Styles.Good
	if m.statusErr {
		style = m.c.Styles.Error
	}
	return style.Render(common.Truncate(m.status, m.c.Width))
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	m.landOnBoard = false
	if key.Matches(msg, m.keys.ForceQuit) {
		return tea.Quit
	}
	if m.status != "" && !m.statusErr {
		m.status = "" // a success note goes with the next key; an error stays its time
	}
	if m.quitting != nil {
		decided, yes := m.quitting.Update(msg)
		if decided {
			m.quitting = nil
			m.status = ""
			if yes {
				return tea.Quit
			}
		}
		return nil
	}
	if m.overlay.open {
		m.overlayKey(msg)
		return nil
	}
	if m.poker.Visible() {
		return m.poker.Update(msg)
	}
	if m.detail != nil {
		return m.detailKey(msg)
	}
	act := m.screens[m.active]
	if act.Capturing() {
		return act.Update(msg)
	}
	if pokerOpens(m.active, msg) {
		return m.poker.Open()
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.checkQuit()
	case key.Matches(msg, m.keys.Help):
		m.overlay = helpOverlay{open: true}
		return nil
	case key.Matches(msg, m.keys.Next):
		return m.show((m.active + 1) % numScreens)
	case key.Matches(msg, m.keys.Prev):
		return m.show((m.active + numScreens - 1) % numScreens)
	case key.Matches(msg, m.keys.Screen):
		return m.show(screenID(msg.String()[0] - '1'))
	case key.Matches(msg, m.keys.Undo):
		return m.undo()
	case key.Matches(msg, m.keys.Mentions):
		return m.openMentions()
	case msg.Type == tea.KeyEnter:
		if cmd, ok := m.showDetail(); ok {
			return cmd
		}
	}
	return act.Update(msg)
}

// show makes a screen the active one, reloading it if the store changed
// while it was hidden.
func (m *Model) show(id screenID) tea.Cmd {
	if id != m.active {
		m.detail = nil
	}
	if id != m.active && m.quitting == nil {
		// A status belongs to the screen it was said on.
		m.status, m.statusErr = "", false
		m.statusGen++
	}
	m.active = id
	if m.stale[id] {
		m.stale[id] = false
		m.loading[id] = true
		return m.screens[id].Load()
	}
	return nil
}

// reload answers a store event: the header and the screen on show load again
// at once, the hidden screens when they are next shown.
func (m *Model) reload() tea.Cmd {
	for id := range m.stale {
		m.stale[id] = screenID(id) != m.active
	}
	return together(m.loadHeader(), m.screens[m.active].Load(), m.loadPageTalk())
}

// newDayMsg says the calendar day changed since the screens loaded.
type newDayMsg struct{}

// waitForNextDay fires just after the next midnight of the store's clock, so a
// session left open overnight moves on to the new day by itself.
func (m *Model) waitForNextDay() tea.Cmd {
	now := m.c.Now()
	y, mo, d := now.Date()
	next := time.Date(y, mo, d+1, 0, 0, 1, 0, now.Location())
	return m.c.Timers.Wait(m.ctx, next.Sub(now), func(time.Time) tea.Msg { return newDayMsg{} })
}

// footerKeys are the keys the footer shows for a screen.
func (m *Model) footerKeys(id screenID) footerKeys {
	s := m.screens[id]
	if m.quitting != nil {
		return footerKeys{screen: m.quitting.keys, global: m.keys, capturing: true}
	}
	if m.poker.Visible() {
		return footerKeys{screen: m.poker.Keys(), global: m.keys, capturing: true}
	}
	if k := pokerFooter(id, s.Keys()); k != nil && !s.Capturing() {
		return footerKeys{screen: k, global: m.keys, capturing: s.Capturing()}
	}
	return footerKeys{screen: s.Keys(), global: m.keys, capturing: s.Capturing()}
}

// layout hands every screen the space under the header and above its footer.
// all=false re-measures only the active screen (its footer may have changed).
func (m *Model) layout(all bool) {
	if m.c.Width == 0 {
		return
	}
	for id, s := range m.screens {
		if !all && screenID(id) != m.active {
			continue
		}
		c := m.c
		c.SetSize(m.c.Width, m.bodyHeight())
		s.SetCommon(c)
		if screenID(id) == m.active {
			m.poker.SetCommon(c)
		}
	}
}

func (m *Model) View() string {
	w, h := m.c.Width, m.c.Height
	if w == 0 || h == 0 {
		return ""
	}
	c := &m.cached
	drawn := false // a part changed: the frame is joined again
	if c.gen != m.viewGen || c.w != w || c.h != h || c.active != m.active || c.footer == "" {
		drawn = true
		footer := m.footerView(w)
		if status := m.statusView(); status != "" {
			footer = status + "\n" + footer
		}
		bodyH := max(h-chromeLines-lipgloss.Height(footer), 1)
		body := ""
		switch {
		case m.overlay.open:
			body = m.overlayView(w, bodyH)
		case m.detail != nil:
			body = m.detailView(w, bodyH)
		default:
			body = m.bodyView() // the screen, or the poker round over it
		}
		*c = cachedView{gen: m.viewGen, w: w, h: h, active: m.active,
			body: common.Fit(body, w, bodyH), bodyH: bodyH, footer: footer,
			chromeKey: c.chromeKey, chrome: c.chrome} // the chrome has its own key
	}
	var titles strings.Builder
	for _, s := range m.screens {
		titles.WriteString(s.Title() + "\x00")
	}
	if k := (chromeKey{m.headerVersion, w, m.active, m.live, titles.String()}); k != c.chromeKey || c.chrome == nil {
		c.chromeKey, c.chrome = k, []string{m.headerView(), m.tabsView(), m.ruleView()}
		drawn = true
	}
	// Most messages (a store event, a header that says the same) change
	// nothing drawn: the last frame stands without joining it again.
	if drawn || c.frame == "" {
		parts := append(slices.Clip(c.chrome), c.body, c.footer)
		if joined := strings.Join(parts, "\n"); joined != c.joined {
			c.joined, c.frame = joined, fitFrame(c.chrome, c.bodyH, c.footer, joined, w, h)
		}
	}
	return m.zones.scan(c.frame)
}

// tabsView is the row of screen names, the active one in brackets.
func (m *Model) tabsView() string {
	st := m.c.Styles
	var tabs []string
	for id, s := range m.screens {
		name := fmt.Sprintf("%d %s", id+1, s.Title())
		if screenID(id) == m.active {
			tabs = append(tabs, m.tab(id, st.TabActive.Render("["+name+"]")))
		} else {
			tabs = append(tabs, m.tab(id, st.TabInactive.Render(" "+name+" ")))
		}
	}
	row := strings.Join(tabs, " ")
	if common.Width(row) > m.c.Width {
		row = strings.Join(tabs, "") // six tabs fit 80 columns without the gaps
	}
	return common.Truncate(row, m.c.Width)
}

// headerMsg carries what the header line shows.
type headerMsg struct {
	gen      int
	team     backlog.Team
	sprint   sprint.Sprint
	active   bool
	today    sprint.Date
	member   backlog.Member
	isMember bool
	online   []string // who has a session open in this process (empty when no one joined)
	mentions int      // comments naming the viewer they have not seen (mentions.go)
	err      error
	sig      headerSig // what it was read from (zero: an error, or no header yet)
}

// headerSig is the signatures of the shared reads a header was made of
// (shared_reads.go) and its day: equal ones, equal headers but for who is
// online.
type headerSig struct {
	team, person string
	today        sprint.Date
}

// loadHeader reads the header; nothing when it would be the header the
// session shows (most changes are not the header's: the session then has
// nothing to take and nothing to draw again).
func (m *Model) loadHeader() tea.Cmd {
	m.headerGen++
	gen, st, actor, now := m.headerGen, m.c.Store, m.c.Actor, m.c.Now
	shown := m.header
	return func() tea.Msg {
		msg := headerMsg{gen: gen, today: sprint.DateOf(now())}
		t := sharedTeam(st) // shared_reads.go: one read per version for every session
		if msg.team, msg.sprint, msg.active, msg.err = t.team, t.sprint, t.active, t.err; msg.err != nil {
			return msg
		}
		p, err := sharedPerson(st, actor)
		msg.member, msg.isMember = p.m, err == nil && p.err == nil
		msg.online = st.Online()
		msg.mentions = p.mentions
		if err == nil {
			msg.sig = headerSig{t.sig, p.sig, msg.today}
		}
		if msg.sig != (headerSig{}) && sameHeader(shown, msg) {
			return nil
		}
		return msg
	}
}

// headerView is "Team Rocket  #2 Sprint 2 · day 6 of 10 ... you: alice (lead)".
func (m *Model) headerView() string {
	st, h := m.c.Styles, m.header
	team := h.team.Name
	if team == "" {
		team = "huddle"
	}
	tr := m.c.Tr
	left := st.Team.Render(common.Line(team))
	switch {
	case h.err != nil:
		left += "  " + st.Error.Render(tr.Tf("header.store_error", "Err", tr.Err(h.err)))
	case h.active:
		left += "  " + st.HeaderSprint.Render(common.Line(sprintTitle(h.sprint))+" · "+tr.SprintWhen(h.sprint, h.today))
	case h.gen != 0:
		left += "  " + st.HeaderMuted.Render(tr.T("header.no_sprint"))
	}
	if !m.live {
		left += "  " + st.Warning.Render(tr.T("header.live_stopped"))
	}
	if note := m.mentionsNote(); note != "" {
		left += "  " + note
	}
	role := tr.T("header.not_member")
	if strings.HasPrefix(m.c.Actor, GuestPrefix) {
		role = tr.T("header.guest")
	}
	if h.isMember {
		role = tr.Role(h.member.Role)
	}
	right := st.HeaderUser.Render(tr.Tf("header.you", "Who", m.c.Actor, "Role", role))
	return common.Spread(left, right, m.c.Width)
}

// GuestPrefix starts the actor name of a guest session (see backlog.GuestPrefix).
const GuestPrefix = backlog.GuestPrefix

// ruleView is the line under the tabs. While people are connected (a server
// runs in this process) it says who is online; otherwise it is a plain rule.
func (m *Model) ruleView() string {
	st, w := m.c.Styles, m.c.Width
	online := m.header.online
	if len(online) == 0 {
		file := m.fileLabel(w)
		return st.Rule.Render(strings.Repeat("─", w-common.Width(file))) + st.HeaderMuted.Render(file)
	}
	names := make([]string, 0, len(online))
	guests := 0
	for _, h := range online {
		if strings.HasPrefix(h, GuestPrefix) {
			guests++
			continue
		}
		names = append(names, h)
	}
	if guests > 0 {
		names = append(names, m.c.Tr.Tn("header.guests", guests))
	}
	text := common.Truncate(m.c.Tr.Tf("header.online", "Names", strings.Join(names, ", ")), w)
	file := m.fileLabel(w - common.Width(text))
	return st.HeaderMuted.Render(text) + st.Rule.Render(strings.Repeat("─", max(w-common.Width(text)-common.Width(file), 0))) + st.HeaderMuted.Render(file)
}
