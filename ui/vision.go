package ui

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// visionKeys are the keys of the Vision & OKRs screen.
type visionKeys struct {
	moveKeys
	PrevQuarter, NextQuarter, ThisQuarter key.Binding
	Edit, Current, NewObjective, AddKR    key.Binding
	Delete                                key.Binding
	width                                 int
	tr                                    *i18n.Tr
}

func newVisionKeys() visionKeys {
	return visionKeys{
		moveKeys:     newMoveKeys("select"),
		PrevQuarter:  key.NewBinding(key.WithKeys("["), key.WithHelp("[", "vision.key.prev_quarter")),
		NextQuarter:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "vision.key.next_quarter")),
		ThisQuarter:  key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "vision.key.this_quarter")),
		Edit:         key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "vision.key.edit")),
		Current:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "vision.key.current")),
		NewObjective: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "vision.key.new_objective")),
		AddKR:        key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "vision.key.add_kr")),
		Delete:       key.NewBinding(key.WithKeys("d", "x"), key.WithHelp("d/x", "vision.key.delete")),
	}
}

func (k visionKeys) ShortHelp() []key.Binding {
	// The quarter keys are written on the screen itself, next to the quarter.
	return fitShortHelp(k.tr, k.width, []key.Binding{combined("↑↓", "vision.key.select", k.Up, k.Down)},
		k.Edit, k.Current, k.NewObjective, k.AddKR, k.Delete, combined("[ ]", "vision.key.quarter", k.PrevQuarter, k.NextQuarter))
}

func (k visionKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.moveKeys.all(), {k.Edit, k.Current, k.NewObjective, k.AddKR, k.Delete}, {k.PrevQuarter, k.NextQuarter, k.ThisQuarter}}
}

// visionMsg carries what the Vision & OKRs screen shows.
type visionMsg struct {
	gen        int
	quarter    backlog.Quarter
	current    backlog.Quarter // the quarter of today
	team       backlog.Team
	objectives []store.ObjectiveWithKRs
	work       map[int]backlog.KRWork
	role       backlog.Role
	err        error
}

// visionItem is one selectable thing: the vision, an objective or a key result.
type visionItem struct {
	objective int // index into objectives; -1 for the vision
	kr        int // index into the objective's key results; -1 for the objective itself
}

// visionScreen shows the team's vision and one quarter's objectives with their
// key results and progress; the lead edits them in place.
type visionScreen struct {
	c    common.Common
	keys visionKeys

	gen     int
	quarter backlog.Quarter // empty until the first load picks today's
	data    visionMsg
	loaded  bool
	body    scroller

	items []visionItem
	sel   int
	spans [][2]int // each item's first and last line in the body (the vision's is unused)

	form    *form
	onSave  func(f *form) (tea.Cmd, error)
	confirm *confirm
	onYes   func() tea.Cmd
}

func newVisionScreen(c common.Common) *visionScreen {
	s := &visionScreen{c: c, keys: remapKeys(c, "vision", newVisionKeys()), body: newScroller(c.Styles)}
	s.body.tr = c.Tr
	return s
}

func (s *visionScreen) Title() string { return s.c.Tr.T("screen.vision") }

func (s *visionScreen) Keys() help.KeyMap {
	switch {
	case s.confirm != nil:
		return s.confirm.keys
	case s.form != nil:
		return s.form.Keys()
	}
	k := s.keys
	k.width, k.tr = s.c.Width, s.c.Tr
	it := s.item()
	lead := s.data.role.CanLead() // only the lead changes the vision and OKRs
	k.Edit.SetEnabled(lead)
	k.NewObjective.SetEnabled(lead)
	k.Current.SetEnabled(lead && it.kr >= 0)
	k.Delete.SetEnabled(lead && it.objective >= 0)
	k.AddKR.SetEnabled(lead && it.objective >= 0)
	k.ThisQuarter.SetEnabled(s.data.quarter != s.data.current)
	return k
}

// Loaded reports whether the screen's first load has arrived.
func (s *visionScreen) Loaded() bool { return s.loaded }

func (s *visionScreen) Capturing() bool { return s.form != nil || s.confirm != nil }

func (s *visionScreen) SetCommon(c common.Common) {
	s.c = c
	s.layout()
}

func (s *visionScreen) Load() tea.Cmd {
	s.gen++
	gen, q, st, now, actor := s.gen, s.quarter, s.c.Store, s.c.Now, s.c.Actor
	return func() tea.Msg {
		msg := visionMsg{gen: gen, current: backlog.QuarterOf(now())}
		msg.quarter = q
		if q == "" {
			msg.quarter = msg.current
		}
		v, err := st.VisionView(actor, msg.quarter) // one read
		msg.team, msg.objectives, msg.work, msg.role, msg.err = v.Team, v.Objectives, v.Work, v.Role, err
		return msg
	}
}

// item is the selected item.
func (s *visionScreen) item() visionItem {
	if s.sel < 0 || s.sel >= len(s.items) {
		return visionItem{objective: -1, kr: -1}
	}
	return s.items[s.sel]
}

func (s *visionScreen) objective(it visionItem) store.ObjectiveWithKRs {
	return s.data.objectives[it.objective]
}

func (s *visionScreen) keyResult(it visionItem) backlog.KeyResult {
	return s.data.objectives[it.objective].KeyResults[it.kr]
}

// visionTag starts the Tag of every write this screen makes.
const visionTag = "vision:"

func (s *visionScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case visionMsg:
		if msg.gen != s.gen {
			return nil // an older load finished after a newer one started
		}
		keep := s.item()
		s.data, s.loaded, s.quarter = msg, true, msg.quarter
		s.items = []visionItem{{objective: -1, kr: -1}}
		s.sel = 0
		for i, o := range msg.objectives {
			s.items = append(s.items, visionItem{objective: i, kr: -1})
			for j := range o.KeyResults {
				s.items = append(s.items, visionItem{objective: i, kr: j})
			}
		}
		for i, it := range s.items {
			if it == keep {
				s.sel = i
			}
		}
		s.layout()
	case writeResultMsg:
		if !strings.HasPrefix(msg.Tag, visionTag) {
			return nil
		}
		if msg.Err != nil {
			if s.form != nil {
				s.form.SetError(msg.Err)
			}
			return nil
		}
		s.form, s.onSave = nil, nil
		s.layout()
		return s.Load()
	case tea.KeyMsg:
		return s.handleKey(msg)
	}
	return nil
}

func (s *visionScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	if s.confirm != nil {
		decided, yes := s.confirm.Update(msg)
		if !decided {
			return nil
		}
		do := s.onYes
		s.confirm, s.onYes = nil, nil
		s.layout()
		if yes {
			return do()
		}
		return nil
	}
	if s.form != nil {
		out, _ := s.form.Update(msg) // the cursor stays solid: no blink timers
		switch out {
		case formCancelled:
			s.form, s.onSave = nil, nil
			s.layout()
		case formSubmitted:
			cmd, err := s.onSave(s.form)
			if err != nil {
				s.form.SetError(trErr(s.c.Tr, err))
				return nil
			}
			return cmd
		}
		return nil
	}
	if !s.loaded {
		return nil
	}
	k, it := s.keys, s.item()
	switch {
	case key.Matches(msg, k.PrevQuarter):
		s.quarter = s.quarter.Shift(-1)
		return s.Load()
	case key.Matches(msg, k.NextQuarter):
		s.quarter = s.quarter.Shift(1)
		return s.Load()
	case key.Matches(msg, k.ThisQuarter):
		if s.data.quarter == s.data.current {
			return refuse("vision:", errors.New(s.c.Tr.Tf("vision.this_quarter_already", "Quarter", s.data.current)))
		}
		s.quarter = ""
		return s.Load()
	case key.Matches(msg, k.Edit):
		switch {
		case it.objective < 0:
			return s.lead("set the vision", s.editVision)
		case it.kr < 0:
			return s.lead("set objectives", func() tea.Cmd { return s.editObjective(s.objective(it)) })
		default:
			return s.lead("update key results", func() tea.Cmd { return s.editKR(s.objective(it), s.keyResult(it)) })
		}
	case key.Matches(msg, k.NewObjective):
		return s.lead("set objectives", s.newObjective)
	case key.Matches(msg, k.AddKR) && it.objective >= 0:
		return s.lead("set key results", func() tea.Cmd { return s.editKR(s.objective(it), backlog.KeyResult{}) })
	case key.Matches(msg, k.Current) && it.kr >= 0:
		return s.lead("update key results", func() tea.Cmd { return s.setCurrent(s.keyResult(it)) })
	case key.Matches(msg, k.Delete) && it.objective >= 0:
		return s.lead("set objectives", func() tea.Cmd { return s.askDelete(it) })
	}
	s.moveSelection(msg)
	return nil
}

func (s *visionScreen) moveSelection(msg tea.KeyMsg) {
	if len(s.items) == 0 {
		return
	}
	sel, ok := s.keys.step(msg, s.sel, len(s.items), max(s.body.vp.Height/2, 1))
	if !ok {
		return
	}
	s.sel = sel
	s.layout()
}

// lead runs open when the viewer is the lead, and otherwise says at once who may.
func (s *visionScreen) lead(what string, open func() tea.Cmd) tea.Cmd {
	if s.data.role.CanLead() {
		return open()
	}
	err := backlog.Forbidden(s.c.Actor, s.data.role, what, backlog.RoleLead)
	return func() tea.Msg { return writeResultMsg{Tag: visionTag + "refused", Err: err} }
}

// open shows a form; save turns it into a store write (or says what is wrong).
func (s *visionScreen) open(f *form, save func(f *form) (tea.Cmd, error)) tea.Cmd {
	s.form, s.onSave = f, save
	return nil
}

func (s *visionScreen) editVision() tea.Cmd {
	tr := *s.c.Tr
	f := newForm(s.c.Timers, tr.T("vision.form.vision_title"),
		fieldSpec{Label: tr.T("vision.form.vision"), Value: s.data.team.Vision, Placeholder: tr.T("vision.form.vision_placeholder"), CharLimit: 1000, Lines: 3,
			Hint: newLineHint(tr, "") + tr.T("vision.form.enter_saves")})
	st, actor := s.c.Store, s.c.Actor
	return s.open(f, func(f *form) (tea.Cmd, error) {
		text := f.Value(0)
		return writeCmd(visionTag+"vision", func() (string, error) {
			if err := st.SetVision(actor, text); err != nil {
				return "", err
			}
			return tr.T("vision.saved_vision"), nil
		}), nil
	})
}

func (s *visionScreen) newObjective() tea.Cmd {
	q := s.data.quarter
	tr := *s.c.Tr
	f := newForm(s.c.Timers, tr.Tf("vision.form.new_objective", "Quarter", string(q)), fieldSpec{Label: tr.T("vision.form.objective"), Placeholder: tr.T("vision.form.objective_placeholder")})
	st, actor := s.c.Store, s.c.Actor
	return s.open(f, func(f *form) (tea.Cmd, error) {
		title := f.Value(0)
		return writeCmd(visionTag+"objective", func() (string, error) {
			o, err := st.AddObjective(actor, q, title)
			if err != nil {
				return "", err
			}
			return tr.Tf("vision.added", "What", backlog.ObjectiveRef(o.ID)+" "+o.Title), nil
		}), nil
	})
}

func (s *visionScreen) editObjective(o store.ObjectiveWithKRs) tea.Cmd {
	tr := *s.c.Tr
	f := newForm(s.c.Timers, tr.Tf("vision.form.rename", "Ref", backlog.ObjectiveRef(o.ID)), fieldSpec{Label: tr.T("vision.form.objective"), Value: o.Title})
	st, actor := s.c.Store, s.c.Actor
	return s.open(f, func(f *form) (tea.Cmd, error) {
		title := f.Value(0)
		return writeCmd(visionTag+"objective", func() (string, error) {
			if _, err := st.EditObjective(actor, o.ID, title); err != nil {
				return "", err
			}
			return tr.Tf("vision.saved", "What", backlog.ObjectiveRef(o.ID)), nil
		}), nil
	})
}

// parseFloatField reads a number typed into a form.
func parseFloatField(tr i18n.Tr, name, v string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), "%"), 64)
	if err != nil || math.IsNaN(f) || math.Abs(f) > 1e15 {
		return 0, errors.New(tr.Tf("vision.not_a_number", "Field", name, "Value", strconv.Quote(v)))
	}
	return f, nil
}

// editKR adds (kr.ID 0) or edits a key result of o.
func (s *visionScreen) editKR(o store.ObjectiveWithKRs, kr backlog.KeyResult) tea.Cmd {
	tr := *s.c.Tr
	title := tr.Tf("vision.form.new_kr", "What", backlog.ObjectiveRef(o.ID)+" "+common.Line(o.Title))
	num := func(v float64) string { return common.Num(v) }
	base, target, current := "", "", ""
	if kr.ID != 0 {
		title = tr.Tf("vision.form.edit", "Ref", backlog.KRRef(kr.ID))
		base, target, current = num(kr.Baseline), num(kr.Target), num(kr.Current)
	}
	f := newForm(s.c.Timers, title,
		fieldSpec{Label: tr.T("vision.form.name"), Value: kr.Name, Placeholder: tr.T("vision.form.name_placeholder")},
		fieldSpec{Label: tr.T("vision.form.unit"), Value: kr.Unit, Placeholder: tr.T("vision.form.unit_placeholder"), CharLimit: 20},
		fieldSpec{Label: tr.T("vision.form.baseline"), Value: base, Placeholder: tr.T("vision.form.baseline_placeholder"), CharLimit: 20},
		fieldSpec{Label: tr.T("vision.form.target"), Value: target, Placeholder: tr.T("vision.form.target_placeholder"), CharLimit: 20},
		fieldSpec{Label: tr.T("vision.form.current"), Value: current, Placeholder: tr.T("vision.form.current_placeholder"), CharLimit: 20},
	)
	st, actor := s.c.Store, s.c.Actor
	return s.open(f, func(f *form) (tea.Cmd, error) {
		in := backlog.KeyResult{ID: kr.ID, ObjectiveID: o.ID, Name: f.Value(0), Unit: f.Value(1)}
		var err error
		if in.Baseline, err = parseFloatField(tr, tr.T("vision.field.baseline"), f.Value(2)); err != nil {
			return nil, err
		}
		if in.Target, err = parseFloatField(tr, tr.T("vision.field.target"), f.Value(3)); err != nil {
			return nil, err
		}
		in.Current = in.Baseline
		if strings.TrimSpace(f.Value(4)) != "" {
			if in.Current, err = parseFloatField(tr, tr.T("vision.field.current"), f.Value(4)); err != nil {
				return nil, err
			}
		}
		if err := in.Validate(); err != nil {
			return nil, err
		}
		return writeCmd(visionTag+"kr", func() (string, error) {
			if in.ID == 0 {
				got, err := st.AddKeyResult(actor, in)
				if err != nil {
					return "", err
				}
				return tr.Tf("vision.added", "What", backlog.KRRef(got.ID)+" "+got.Name), nil
			}
			if _, err := st.EditKeyResult(actor, in); err != nil {
				return "", err
			}
			return tr.Tf("vision.saved", "What", backlog.KRRef(in.ID)), nil
		}), nil
	})
}

func (s *visionScreen) setCurrent(kr backlog.KeyResult) tea.Cmd {
	tr := *s.c.Tr
	f := newForm(s.c.Timers, backlog.KRRef(kr.ID)+" "+common.Line(kr.Name),
		fieldSpec{Label: tr.T("vision.form.current"), Value: common.Num(kr.Current), Hint: krRange(kr), CharLimit: 20})
	st, actor := s.c.Store, s.c.Actor
	return s.open(f, func(f *form) (tea.Cmd, error) {
		v, err := parseFloatField(tr, tr.T("vision.field.current"), f.Value(0))
		if err != nil {
			return nil, err
		}
		return writeCmd(visionTag+"current", func() (string, error) {
			got, err := st.SetKeyResultCurrent(actor, kr.ID, v)
			if err != nil {
				return "", err
			}
			return tr.Tf("vision.now", "Ref", backlog.KRRef(got.ID), "Value", krValue(got.Current, got.Unit), "Pct", common.Percent(got.Progress())), nil
		}), nil
	})
}

func (s *visionScreen) askDelete(it visionItem) tea.Cmd {
	st, actor, tr := s.c.Store, s.c.Actor, *s.c.Tr
	o := s.objective(it)
	if it.kr < 0 {
		q := tr.Tf("vision.ask_delete", "What", backlog.ObjectiveRef(o.ID)+" "+common.Line(o.Title))
		if n := len(o.KeyResults); n > 0 {
			q = tr.Tn("vision.ask_delete_with_krs", n, "What", backlog.ObjectiveRef(o.ID)+" "+common.Line(o.Title))
		}
		s.confirm = newConfirm(q)
		s.onYes = func() tea.Cmd {
			return writeCmd(visionTag+"delete", func() (string, error) {
				if err := st.RemoveObjective(actor, o.ID); err != nil {
					return "", err
				}
				return tr.Tf("vision.deleted", "What", backlog.ObjectiveRef(o.ID)), nil
			})
		}
	} else {
		kr := s.keyResult(it)
		s.confirm = newConfirm(tr.Tf("vision.ask_delete", "What", backlog.KRRef(kr.ID)+" "+common.Line(kr.Name)))
		s.onYes = func() tea.Cmd {
			return writeCmd(visionTag+"delete", func() (string, error) {
				if err := st.RemoveKeyResult(actor, kr.ID); err != nil {
					return "", err
				}
				return tr.Tf("vision.deleted", "What", backlog.KRRef(kr.ID)), nil
			})
		}
	}
	s.layout()
	return nil
}

func (s *visionScreen) layout() {
	if !s.loaded || s.c.Width == 0 {
		return
	}
	s.body.SetSize(s.c.Width, s.c.Height-len(s.top()))
	s.body.SetLines(s.objectiveLines())
	if s.sel > 0 && s.sel < len(s.spans) {
		sp := s.spans[s.sel]
		s.body.Show(sp[0], sp[1])
	} else if s.sel == 0 {
		s.body.vp.GotoTop()
	}
}
