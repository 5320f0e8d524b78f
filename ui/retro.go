package ui

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// retroKeys are the keys of the Review & Retro screen.
type retroKeys struct {
	moveKeys
	Left, Right            key.Binding
	PrevSprint, NextSprint key.Binding
	Review                 key.Binding
	New, Edit, Delete      key.Binding
	Vote, Unvote           key.Binding
	Group, Ungroup         key.Binding
	NextPhase, PrevPhase   key.Binding
	Action, Earlier        key.Binding
	Timer, Setup           key.Binding
	Cancel                 key.Binding
	// Review view.
	Feedback, ToStory, Attach key.Binding
	Check                     key.Binding // acceptance.go
}

func newRetroKeys() retroKeys {
	b := func(k, h string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(append([]string{k}, keys...)...), key.WithHelp(h, ""))
	}
	help := func(bd key.Binding, desc string) key.Binding {
		bd.SetHelp(bd.Help().Key, desc)
		return bd
	}
	return retroKeys{
		moveKeys:   retroMoveKeys(),
		Left:       help(b("left", "←/h", "h"), "retro.key.col_left"),
		Right:      help(b("right", "→/l", "l"), "retro.key.col_right"),
		PrevSprint: help(b("[", "["), "retro.key.older"),
		NextSprint: help(b("]", "]"), "retro.key.newer"),
		Review:     help(b("r", "r"), "retro.key.review"),
		New:        help(b("n", "n"), "retro.key.new"),
		Edit:       help(b("e", "e"), "retro.key.edit"),
		Delete:     help(b("d", "d"), "retro.key.delete"),
		Vote:       help(b("v", "v"), "retro.key.vote"),
		Unvote:     help(b("u", "u"), "retro.key.unvote"),
		Group:      help(b("m", "m"), "retro.key.group"),
		Ungroup:    help(b("x", "x"), "retro.key.ungroup"),
		NextPhase:  help(b(">", ">", "."), "retro.key.next_phase"),
		PrevPhase:  help(b("<", "<", ","), "retro.key.prev_phase"),
		Action:     help(b("a", "a"), "retro.key.action"),
		Earlier:    help(b("o", "o"), "retro.key.earlier"),
		Timer:      help(b("t", "t"), "retro.key.timer"),
		Setup:      help(b("b", "b"), "retro.key.setup"),
		Cancel:     help(b("esc", "esc"), "retro.key.cancel"),
		Feedback:   help(b("f", "f"), "retro.key.feedback"),
		ToStory:    help(b("s", "s"), "retro.key.to_story"),
		Attach:     help(b("a", "a"), "retro.key.attach"),
		Check:      help(b("c", "c"), "retro.key.check"),
	}
}

// retroMoveKeys are the scrolling keys, with ↑↓ moving between cards.
func retroMoveKeys() moveKeys {
	k := newMoveKeys("card")
	k.Up.SetHelp(k.Up.Help().Key, "retro.key.card_up")
	k.Down.SetHelp(k.Down.Help().Key, "retro.key.card_down")
	return k
}

// retroKeyMap is the footer's view of the keys that work right now.
type retroKeyMap struct {
	short []key.Binding
	full  [][]key.Binding
}

func (k retroKeyMap) ShortHelp() []key.Binding  { return k.short }
func (k retroKeyMap) FullHelp() [][]key.Binding { return k.full }

// retroMsg carries one sprint's review and retro, as this session's member may see them.
type retroMsg struct {
	gen       int
	sprints   []sprint.Sprint
	sprint    sprint.Sprint
	found     bool
	lead      bool // the member may run the meeting
	writer    bool // the member may write cards, vote, record feedback
	board     retro.Board
	cards     []retro.CardView // visibility and anonymity already applied
	votesLeft int
	actions   []retro.Action
	pending   []retro.Action // earlier retros' actions this one asks about
	answered  []retro.Action
	review    store.ReviewSummary
	owners    []string // who may own an action: nobody, then the members who write
	waiting   []int    // stories of pending actions still waiting in the backlog
	err       error
}

// retroTickMsg redraws the discussion timer.
type retroTickMsg struct{}

// retroScreen is screen 5: the sprint review, and the retrospective board with
// its phases, cards (hidden from others while the board is in its write
// phase), votes and actions.
type retroScreen struct {
	c    common.Common
	keys retroKeys

	gen      int
	loaded   bool
	sprintID int // the sprint asked for with [ and ]; 0 picks the current one
	data     retroMsg
	top      []string // the heading and the column names, which do not scroll
	body     scroller

	review       bool            // the review view instead of the board
	col          int             // selected column
	row          int             // selected card within the column
	fbSel        int             // selected feedback in the review
	checkStories []backlog.Story // the stories of the open tick form, in its order (acceptance.go)
	marked       int             // card picked up for grouping (0: none)
	follow       int             // card to select once the board reloads (an edited card that may have changed column)
	ticking      bool

	form       *form
	formKind   string
	formTarget int
	confirm    *confirm
	confirmFn  func() tea.Cmd
	confirmNo  func() tea.Cmd // what "no" does, when it does more than nothing
}

func newRetroScreen(c common.Common) *retroScreen {
	s := &retroScreen{c: c, keys: remapKeys(c, "retro", newRetroKeys()), body: newScroller(c.Styles)}
	s.body.tr = c.Tr
	return s
}

func (s *retroScreen) Title() string { return s.c.Tr.T("screen.retro") }

// Loaded reports whether the screen's first load has arrived.
func (s *retroScreen) Loaded() bool { return s.loaded }

func (s *retroScreen) Capturing() bool { return s.form != nil || s.confirm != nil }
func (s *retroScreen) SetCommon(c common.Common) {
	s.c = c
	s.layout()
}

func (s *retroScreen) Keys() help.KeyMap {
	if s.form != nil {
		return s.form.Keys()
	}
	if s.confirm != nil {
		return s.confirm.keys
	}
	k := s.keys
	move := combined("↑↓←→", "retro.key.select", k.Up, k.Down, k.Left, k.Right)
	sprints := combined("[ ]", "retro.key.sprint", k.PrevSprint, k.NextSprint)
	sprints.SetEnabled(s.why(k.PrevSprint) == nil || s.why(k.NextSprint) == nil)
	around := s.offered(k.Review, k.PrevSprint, k.NextSprint)
	if !s.data.found {
		return retroKeyMap{short: []key.Binding{sprints}, full: [][]key.Binding{s.offered(k.PrevSprint, k.NextSprint)}}
	}
	if s.review {
		var acts []key.Binding
		if s.canWrite() {
			acts = append(acts, k.Feedback)
		}
		if s.data.lead && len(s.data.review.Feedback) > 0 {
			acts = append(acts, k.ToStory, k.Attach)
		}
		if s.data.lead && len(s.checkable()) > 0 {
			acts = append(acts, k.Check)
		}
		short := append([]key.Binding{combined("↑↓", "retro.key.select", k.Up, k.Down)}, acts...)
		short = append(short, k.Review, sprints)
		return retroKeyMap{short: short, full: [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, acts, around}}
	}
	var acts []key.Binding
	p := s.data.board.Phase
	if s.canWrite() && p.Before(retro.PhaseVote) {
		acts = append(acts, k.New)
		// On an anonymous board the keys are offered on every card, so the
		// footer of a shared screen does not tell whose cards are whose.
		if c, ok := s.selected(); ok && (c.Mine || s.data.board.Anonymous) {
			acts = append(acts, k.Edit, k.Delete)
		}
	}
	if s.canWrite() && p == retro.PhaseVote {
		acts = append(acts, k.Vote, k.Unvote)
	}
	if s.data.lead {
		if p == retro.PhaseGroup {
			acts = append(acts, k.Group)
			if c, ok := s.selected(); ok && len(c.GroupedIDs) > 0 {
				acts = append(acts, k.Ungroup)
			}
			if s.marked != 0 {
				acts = append(acts, k.Cancel)
			}
		}
		if p == retro.PhaseDiscuss {
			acts = append(acts, k.Timer)
		}
		acts = append(acts, k.Action)
		if len(s.data.pending) > 0 {
			acts = append(acts, k.Earlier)
		}
		if len(s.data.cards) == 0 {
			acts = append(acts, k.Setup)
		}
		acts = append(acts, k.NextPhase, k.PrevPhase)
	}
	acts = slices.DeleteFunc(acts, func(b key.Binding) bool { return s.why(b) != nil })
	// The footer keeps the keys of the moment; ? shows them all.
	var primary []key.Binding
	has := func(b key.Binding) bool {
		return slices.ContainsFunc(acts, func(a key.Binding) bool { return a.Help().Key == b.Help().Key })
	}
	for _, b := range []key.Binding{k.New, k.Group, k.Ungroup, k.Vote, k.Timer, k.Earlier, k.NextPhase} {
		if has(b) && (b.Help().Key != "a" || p == retro.PhaseActions) {
			primary = append(primary, b)
		}
	}
	if p == retro.PhaseActions && has(k.Action) {
		primary = append([]key.Binding{k.Action}, primary...)
	}
	short := append([]key.Binding{move}, primary...)
	short = append(short, k.Review)
	return retroKeyMap{short: short, full: [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.PageUp, k.PageDown}, acts, around,
	}}
}

// canWrite says whether this session's member may write cards, vote and
// record feedback (guests only read; the store refuses them anyway).
func (s *retroScreen) canWrite() bool { return s.data.found && s.data.writer }

func (s *retroScreen) Load() tea.Cmd {
	s.gen++
	gen, st, want, actor, nobody := s.gen, s.c.Store, s.sprintID, s.c.Actor, s.c.Tr.T("retro.nobody")
	return func() tea.Msg {
		v, err := st.RetroView(want, actor)
		owners := []string{nobody}
		if v.Lead {
			members, merr := st.Members()
			for _, m := range members {
				if m.Role.CanWrite() {
					owners = append(owners, m.Handle)
				}
			}
			err = cmp.Or(err, merr)
		}
		waiting, werr := st.ActionStoriesWaiting(v.Pending)
		return retroMsg{gen: gen, sprints: v.Sprints, sprint: v.Sprint, found: v.Found, lead: v.Lead, writer: v.Writer,
			board: v.Board, cards: v.Cards, votesLeft: v.VotesLeft, actions: v.Actions, pending: v.Pending,
			answered: v.Answered, review: v.Review, owners: owners, waiting: waiting, err: cmp.Or(err, werr)}
	}
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
		s.selectFollowed()
		s.clampSelection()
		s.layout()
		return s.tick()
	case retroTickMsg:
		s.ticking = false
		s.layout()
		return s.tick()
	case writeResultMsg:
		if !strings.HasPrefix(msg.Tag, "retro:") {
			return nil
		}
		if s.form != nil && msg.Tag == "retro:"+s.formKind {
			if msg.Err != nil {
				s.form.SetError(msg.Err)
			} else {
				s.form = nil
			}
		}
		if msg.Err != nil {
			s.layout()
			return nil
		}
		if msg.Tag == "retro:group" {
			s.marked = 0
		}
		if msg.Tag == "retro:edit" {
			s.follow = s.formTarget
		}
		s.layout()
		// The store event reloads every session; this one reloads at once.
		return s.Load()
	case tea.KeyMsg:
		return s.key(msg)
	}
	if s.form != nil {
		_, cmd := s.form.Update(msg)
		return cmd
	}
	return nil
}

// tick keeps the discussion timer moving while it runs.
func (s *retroScreen) tick() tea.Cmd {
	if s.ticking || !s.data.found || s.data.board.Phase != retro.PhaseDiscuss {
		return nil
	}
	if _, ok := s.data.board.TimerLeft(s.c.Now()); !ok {
		return nil
	}
	s.ticking = true
	return s.c.Timers.Tick(time.Second, func(time.Time) tea.Msg { return retroTickMsg{} })
}

func (s *retroScreen) key(msg tea.KeyMsg) tea.Cmd {
	if s.form != nil {
		out, cmd := s.form.Update(msg)
		switch out {
		case formCancelled:
			s.form = nil
		case formSubmitted:
			return s.submit()
		}
		s.layout()
		return cmd
	}
	if s.confirm != nil {
		if decided, yes := s.confirm.Update(msg); decided {
			fn := s.confirmFn
			s.confirm, s.confirmFn = nil, nil
			s.layout()
			no := s.confirmNo
			s.confirmNo = nil
			if yes {
				return fn()
			}
			if no != nil {
				return no()
			}
		}
		return nil
	}
	k := s.keys
	if cmd := s.refusal(msg, k.PrevSprint, k.NextSprint); cmd != nil {
		return cmd
	}
	if s.data.found && s.review {
		if cmd := s.refusal(msg, k.Feedback, k.ToStory, k.Attach, k.Check); cmd != nil {
			return cmd
		}
	} else if s.data.found {
		if cmd := s.refusal(msg, k.New, k.Edit, k.Delete, k.Vote, k.Unvote, k.Group, k.Ungroup, k.NextPhase, k.PrevPhase, k.Action, k.Earlier, k.Timer, k.Setup); cmd != nil {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, k.PrevSprint):
		return s.step(-1)
	case key.Matches(msg, k.NextSprint):
		return s.step(1)
	case key.Matches(msg, k.Review) && s.data.found:
		s.review = !s.review
		s.marked = 0
		s.body.vp.GotoTop()
		s.layout()
		return nil
	}
	if !s.data.found {
		s.body.Handle(s.keys.moveKeys, msg)
		return nil
	}
	if s.review {
		return s.reviewKey(msg)
	}
	return s.boardKey(msg)
}

func (s *retroScreen) boardKey(msg tea.KeyMsg) tea.Cmd {
	k := s.keys
	d := s.data
	sp := d.sprint.ID
	st, actor, tr := s.c.Store, s.c.Actor, s.c.Tr
	card, hasCard := s.selected()
	switch {
	case key.Matches(msg, k.Up):
		s.row--
	case key.Matches(msg, k.Down):
		s.row++
	case key.Matches(msg, k.Left):
		s.col--
	case key.Matches(msg, k.Right):
		s.col++
	case key.Matches(msg, k.Cancel):
		s.marked = 0
	case key.Matches(msg, k.New):
		cols := tr.RetroColumns(d.board.Template)
		value := cols[min(max(s.col, 0), len(cols)-1)]
		s.openForm("card", 0, newForm(s.c.Timers, tr.Tf("retro.card.new_title", "Sprint", d.sprint.Ref()),
			fieldSpec{Label: tr.T("retro.card.card"), Placeholder: tr.T("retro.card.placeholder"), CharLimit: 1000, Hint: tr.T("retro.card.hint")},
			fieldSpec{Label: tr.T("retro.card.column"), Value: value, Choices: cols, Hint: tr.T("retro.choose")}))
		return nil
	case key.Matches(msg, k.Edit) && hasCard:
		cols := tr.RetroColumns(d.board.Template)
		s.openForm("edit", card.ID, newForm(s.c.Timers, tr.Tf("retro.card.edit_title", "N", card.ID),
			fieldSpec{Label: tr.T("retro.card.card"), Value: card.Text, CharLimit: 1000},
			fieldSpec{Label: tr.T("retro.card.column"), Value: cols[min(max(card.Column, 0), len(cols)-1)], Choices: cols, Hint: tr.T("retro.choose")}))
		return nil
	case key.Matches(msg, k.Delete) && hasCard:
		id := card.ID
		s.confirm = newConfirm(tr.Tf("retro.card.delete_ask", "N", id, "Text", strconv.Quote(common.Truncate(common.Line(card.Text), 30))))
		s.confirmFn = func() tea.Cmd {
			return writeCmd("retro:delete", func() (string, error) {
				return tr.Tf("retro.done.deleted", "N", id), st.DeleteCard(actor, id)
			})
		}
	case key.Matches(msg, k.Vote) && hasCard:
		id := card.ID
		return writeCmd("retro:vote", func() (string, error) {
			c, err := st.Vote(actor, id)
			return tr.Tn("retro.done.voted", c.TotalVotes(), "Card", id), err
		})
	case key.Matches(msg, k.Unvote) && hasCard:
		id := card.ID
		return writeCmd("retro:vote", func() (string, error) {
			_, err := st.Unvote(actor, id)
			return tr.Tf("retro.done.unvoted", "N", id), err
		})
	case key.Matches(msg, k.Group) && hasCard:
		if s.marked == 0 || s.marked == card.ID {
			s.marked = map[bool]int{true: 0, false: card.ID}[s.marked == card.ID]
			break
		}
		child, parent := s.marked, card.ID
		return writeCmd("retro:group", func() (string, error) {
			_, err := st.MergeCard(actor, child, parent)
			return tr.Tf("retro.done.grouped", "Child", child, "Parent", parent), err
		})
	case key.Matches(msg, k.Ungroup) && hasCard && len(card.GroupedIDs) > 0:
		child := card.GroupedIDs[len(card.GroupedIDs)-1]
		return writeCmd("retro:group", func() (string, error) {
			_, err := st.UngroupCard(actor, child)
			return tr.Tf("retro.done.ungrouped", "N", child), err
		})
	case key.Matches(msg, k.NextPhase), key.Matches(msg, k.PrevPhase):
		to := d.board.Phase.Next()
		if key.Matches(msg, k.PrevPhase) {
			to = d.board.Phase.Prev()
		}
		if to == d.board.Phase {
			return nil
		}
		move := func() tea.Cmd {
			return writeCmd("retro:phase", func() (string, error) {
				_, err := st.SetRetroPhase(actor, sp, to)
				return tr.Tf("retro.done.phase", "Phase", tr.RetroPhase(to)), err
			})
		}
		if to == retro.PhaseReveal && d.board.Phase == retro.PhaseWrite && d.lead {
			s.confirm = newConfirm(tr.T("retro.reveal.ask"))
			s.confirmFn = move
			break
		}
		return move()
	case key.Matches(msg, k.Action):
		due := ""
		s.openForm("action", 0, newForm(s.c.Timers, tr.Tf("retro.action_form.title", "Sprint", d.sprint.Ref()),
			fieldSpec{Label: tr.T("retro.action_form.action"), Placeholder: tr.T("retro.action_form.placeholder")},
			fieldSpec{Label: tr.T("retro.action_form.owner"), Value: d.owners[0], Choices: d.owners, Hint: tr.T("retro.action_form.owner_hint")},
			fieldSpec{Label: tr.T("retro.action_form.due"), Value: due, Placeholder: tr.Tf("retro.action_form.due_placeholder", "Sprint", fmt.Sprintf("#%d", sp+1)), CharLimit: 8,
				Hint: tr.T("retro.action_form.due_hint")}))
		return nil
	case key.Matches(msg, k.Earlier) && len(d.pending) > 0:
		var specs []fieldSpec
		choices := earlierChoices(tr)
		for _, a := range d.pending {
			specs = append(specs, fieldSpec{Label: fmt.Sprintf("A%d %s", a.ID, common.Truncate(common.Line(a.Text), 28)),
				Value: choices[0], Choices: choices, Hint: tr.T("retro.earlier.hint")})
		}
		s.openForm("earlier", 0, newForm(s.c.Timers, tr.T("retro.earlier.title"), specs...))
		return nil
	case key.Matches(msg, k.Timer):
		s.openForm("timer", 0, newForm(s.c.Timers, tr.T("retro.timer.title"),
			fieldSpec{Label: tr.T("retro.timer.minutes"), Value: "10", CharLimit: 3, Hint: tr.Tf("retro.timer.hint", "Max", retro.MaxTimerMinutes)}))
		return nil
	case key.Matches(msg, k.Setup):
		no, yes := tr.T("retro.no"), tr.T("retro.yes")
		tpls := []retro.Template{retro.TemplateWellImprove, retro.TemplateStartStop, retro.TemplateMadSadGlad, retro.Template4Ls}
		ids, names := make([]string, len(tpls)), make([]string, len(tpls))
		for i, t := range tpls {
			ids[i], names[i] = string(t), tr.RetroTemplate(t)
		}
		s.openForm("setup", 0, newForm(s.c.Timers, tr.Tf("retro.setup.title", "Sprint", d.sprint.Ref()),
			fieldSpec{Label: tr.T("retro.setup.template"), Value: string(d.board.Template), Choices: ids, Shown: names},
			fieldSpec{Label: tr.T("retro.setup.anonymous"), Value: map[bool]string{true: yes, false: no}[d.board.Anonymous], Choices: []string{no, yes}, Hint: tr.T("retro.setup.anonymous_hint")},
			fieldSpec{Label: tr.T("retro.setup.votes"), Value: strconv.Itoa(d.board.VoteBudget), CharLimit: 2},
			fieldSpec{Label: tr.T("retro.setup.most"), Value: strconv.Itoa(d.board.MaxPerCard), CharLimit: 2}))
		return nil
	default:
		s.body.Handle(moveKeys{PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top, Bottom: k.Bottom}, msg)
		return nil
	}
	s.clampSelection()
	s.layout()
	return nil
}

func (s *retroScreen) openForm(kind string, target int, f *form) {
	s.form, s.formKind, s.formTarget = f, kind, target
	s.layout()
}

// submit runs the open form's write; the form closes when it succeeds.
func (s *retroScreen) submit() tea.Cmd {
	f, d, tr := s.form, s.data, s.c.Tr
	st, actor, sp := s.c.Store, s.c.Actor, d.sprint.ID
	tag := "retro:" + s.formKind
	colOf := func(name string) int { return max(slices.Index(tr.RetroColumns(d.board.Template), name), 0) }
	switch s.formKind {
	case "card":
		col, text := colOf(f.Value(1)), f.Value(0)
		return writeCmd(tag, func() (string, error) {
			c, err := st.AddCard(actor, sp, col, text)
			return tr.Tf("retro.done.added", "N", c.ID), err
		})
	case "edit":
		id, col, text := s.formTarget, colOf(f.Value(1)), f.Value(0)
		return writeCmd(tag, func() (string, error) {
			_, err := st.EditCard(actor, id, col, text)
			return tr.Tf("retro.done.changed", "N", id), err
		})
	case "action":
		text, owner, dueText := f.Value(0), f.Value(1), strings.TrimSpace(f.Value(2))
		if owner == d.owners[0] {
			owner = "" // nobody yet
		}
		return writeCmd(tag, func() (string, error) {
			due := 0
			if dueText != "" {
				var err error
				if due, err = sprint.ParseSprintRef(dueText); err != nil {
					return "", err
				}
			}
			a, err := st.AddRetroAction(actor, sp, store.ActionInput{Text: text, Owner: owner, Due: due})
			return tr.Tf("retro.done.action", "Action", fmt.Sprintf("A%d", a.ID), "Story", backlog.StoryRef(a.Story)), err
		})
	case "earlier":
		answers := map[int]retro.ActionStatus{}
		choices := earlierChoices(tr)
		for i, a := range d.pending {
			if j := slices.Index(choices, f.Value(i)); j > 0 {
				answers[a.ID] = earlierStatuses()[j-1]
			}
		}
		answer := func(offStories bool) tea.Cmd {
			return writeCmd(tag, func() (string, error) {
				// All the answers or none: one write.
				if _, err := st.ReviewActionsAndStories(actor, sp, answers, offStories); err != nil {
					return "", err
				}
				done := tr.Tn("retro.done.answered", len(answers))
				if offStories {
					done += tr.T("retro.done.off_backlog")
				}
				return done, nil
			})
		}
		var settled []string
		for _, a := range d.pending {
			if st, ok := answers[a.ID]; ok && retro.SettlesStory(st) && slices.Contains(d.waiting, a.Story) {
				settled = append(settled, backlog.StoryRef(a.Story))
			}
		}
		if len(settled) == 0 {
			return answer(false)
		}
		// Done or dropped while the story still waits in the backlog: ask
		// before it leaves.
		s.form = nil
		s.confirm = newConfirm(tr.Tf("retro.earlier.off_ask", "Stories", strings.Join(settled, ", ")))
		s.confirmFn = func() tea.Cmd { return answer(true) }
		s.confirmNo = func() tea.Cmd { return answer(false) }
		s.layout()
		return nil
	case "timer":
		text := strings.TrimSpace(f.Value(0))
		return writeCmd(tag, func() (string, error) {
			m, err := strconv.Atoi(text)
			if err != nil {
				return "", errors.New(tr.Tf("retro.timer.bad", "Text", strconv.Quote(text)))
			}
			_, err = st.SetRetroTimer(actor, sp, m)
			return tr.Tf("retro.done.timer", "N", m), err
		})
	case "setup":
		tmpl, anon, votes, most := f.Value(0), f.Value(1) == tr.T("retro.yes"), strings.TrimSpace(f.Value(2)), strings.TrimSpace(f.Value(3))
		return writeCmd(tag, func() (string, error) {
			v, err1 := strconv.Atoi(votes)
			m, err2 := strconv.Atoi(most)
			if err1 != nil || err2 != nil {
				return "", errors.New(tr.T("retro.setup.bad_votes"))
			}
			b, err := st.CreateRetroBoard(actor, sp, store.BoardSettings{Template: retro.Template(tmpl), Anonymous: anon, VoteBudget: v, MaxPerCard: m})
			return tr.Tf("retro.done.board", "Template", tr.RetroTemplate(b.Template)), err
		})
	case "feedback":
		text, from := f.Value(0), f.Value(1)
		return writeCmd(tag, func() (string, error) {
			fb, err := st.AddFeedback(actor, sp, text, from)
			return tr.Tf("review.done.feedback", "Ref", fb.Ref()), err
		})
	case "story":
		id, top := s.formTarget, f.Value(0) == tr.T("review.to_story.top")
		return writeCmd(tag, func() (string, error) {
			_, story, err := st.FeedbackToStory(actor, id, top)
			return tr.Tf("review.done.to_story", "Ref", retro.FeedbackRef(id), "Story", story.Ref()), err
		})
	case "check":
		return s.submitCheck()
	case "attach":
		id, ref := s.formTarget, f.Value(0)
		return writeCmd(tag, func() (string, error) {
			sid, err := backlog.ParseStoryRef(ref)
			if err != nil {
				return "", err
			}
			_, err = st.AttachFeedback(actor, id, sid)
			return tr.Tf("review.done.attached", "Ref", retro.FeedbackRef(id), "Story", backlog.StoryRef(sid)), err
		})
	}
	s.form = nil
	return nil
}

// earlierStatuses are what the earlier-actions form may answer, after "not yet".
func earlierStatuses() []retro.ActionStatus {
	return []retro.ActionStatus{retro.ActionDone, retro.ActionCarried, retro.ActionDropped}
}

// earlierChoices are the earlier-actions form's answers as the reader reads
// them: not yet, then earlierStatuses.
func earlierChoices(tr *i18n.Tr) []string {
	out := []string{tr.T("retro.earlier.not_yet")}
	for _, st := range earlierStatuses() {
		out = append(out, tr.ActionStatus(st))
	}
	return out
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
	s.col, s.row, s.fbSel, s.marked = 0, 0, 0, 0
	s.body.vp.GotoTop()
	return s.Load()
}

// columnCards are the cards each column shows (hidden ones left out, counted
// apart), by votes once the discussion starts.
func (s *retroScreen) columnCards() (cols [][]retro.CardView, hidden []int) {
	d := s.data
	names := d.board.Template.Columns() // counted only; retroColumns writes them
	cols, hidden = make([][]retro.CardView, len(names)), make([]int, len(names))
	cards := d.cards
	if !d.board.Phase.Before(retro.PhaseDiscuss) {
		cards = retro.ByVotes(cards)
	}
	for _, c := range cards {
		i := min(max(c.Column, 0), len(names)-1)
		if c.Hidden {
			hidden[i]++
			continue
		}
		cols[i] = append(cols[i], c)
	}
	return cols, hidden
}

func (s *retroScreen) selected() (retro.CardView, bool) {
	if !s.data.found || s.review {
		return retro.CardView{}, false
	}
	cols, _ := s.columnCards()
	if s.col < 0 || s.col >= len(cols) || s.row < 0 || s.row >= len(cols[s.col]) {
		return retro.CardView{}, false
	}
	return cols[s.col][s.row], true
}

// selectFollowed moves the selection to the card being followed, in
// whichever column it now stands.
func (s *retroScreen) selectFollowed() {
	id := s.follow
	s.follow = 0
	if id == 0 || !s.data.found {
		return
	}
	cols, _ := s.columnCards()
	for ci, col := range cols {
		for ri, c := range col {
			if c.ID == id {
				s.col, s.row = ci, ri
				return
			}
		}
	}
}

func (s *retroScreen) clampSelection() {
	if !s.data.found {
		return
	}
	cols, _ := s.columnCards()
	s.col = min(max(s.col, 0), len(cols)-1)
	s.row = min(max(s.row, 0), max(len(cols[s.col])-1, 0))
	s.fbSel = min(max(s.fbSel, 0), max(len(s.data.review.Feedback)-1, 0))
}

func (s *retroScreen) layout() {
	if !s.loaded || s.c.Width == 0 {
		return
	}
	var heads, body []string
	sel := [2]int{-1, -1}
	if s.review && s.data.found && s.data.err == nil {
		body, sel = s.reviewLines()
	} else {
		heads, body, sel = s.boardLines()
	}
	s.top = append(s.head(), heads...)
	s.body.SetSize(s.c.Width, s.c.Height-len(s.top))
	s.body.SetLines(body)
	if sel[0] >= 0 {
		s.body.Show(sel[0], sel[1])
	}
}
