package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/common"
)

// visionKeys are the keys of the Vision & OKRs screen.
type visionKeys struct {
	moveKeys
	PrevQuarter, NextQuarter, ThisQuarter key.Binding
}

func newVisionKeys() visionKeys {
	return visionKeys{
		moveKeys:    newMoveKeys("scroll"),
		PrevQuarter: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous quarter")),
		NextQuarter: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next quarter")),
		ThisQuarter: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "this quarter")),
	}
}

func (k visionKeys) ShortHelp() []key.Binding {
	return []key.Binding{
		combined("↑↓", "scroll", k.Up, k.Down),
		combined("[ ]", "quarter", k.PrevQuarter, k.NextQuarter),
	}
}

func (k visionKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.moveKeys.all(), {k.PrevQuarter, k.NextQuarter, k.ThisQuarter}}
}

// visionMsg carries what the Vision & OKRs screen shows.
type visionMsg struct {
	gen        int
	quarter    backlog.Quarter
	current    backlog.Quarter // the quarter of today
	team       backlog.Team
	objectives []store.ObjectiveWithKRs
	err        error
}

// visionScreen shows the team's vision and one quarter's objectives with their
// key results and progress.
type visionScreen struct {
	c    common.Common
	keys visionKeys

	gen     int
	quarter backlog.Quarter // empty until the first load picks today's
	data    visionMsg
	loaded  bool
	body    scroller
}

func newVisionScreen(c common.Common) *visionScreen {
	return &visionScreen{c: c, keys: newVisionKeys(), body: newScroller(c.Styles)}
}

func (s *visionScreen) Title() string     { return "Vision & OKRs" }
func (s *visionScreen) Keys() help.KeyMap { return s.keys }
func (s *visionScreen) Capturing() bool   { return false }
func (s *visionScreen) SetCommon(c common.Common) {
	s.c = c
	s.layout()
}

func (s *visionScreen) Load() tea.Cmd {
	s.gen++
	gen, q, st, now := s.gen, s.quarter, s.c.Store, s.c.Now
	return func() tea.Msg {
		msg := visionMsg{gen: gen, current: backlog.QuarterOf(now())}
		msg.quarter = q
		if q == "" {
			msg.quarter = msg.current
		}
		msg.team, msg.err = st.Team()
		if msg.err == nil {
			msg.objectives, msg.err = st.Objectives(msg.quarter)
		}
		return msg
	}
}

func (s *visionScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case visionMsg:
		if msg.gen != s.gen {
			return nil // an older load finished after a newer one started
		}
		s.data, s.loaded, s.quarter = msg, true, msg.quarter
		s.layout()
	case tea.KeyMsg:
		if !s.loaded {
			return nil
		}
		switch {
		case key.Matches(msg, s.keys.PrevQuarter):
			s.quarter = s.quarter.Shift(-1)
			return s.Load()
		case key.Matches(msg, s.keys.NextQuarter):
			s.quarter = s.quarter.Shift(1)
			return s.Load()
		case key.Matches(msg, s.keys.ThisQuarter):
			s.quarter = ""
			return s.Load()
		}
		s.body.Handle(s.keys.moveKeys, msg)
	}
	return nil
}

// top is the fixed part above the scrolling objectives: the vision and the
// quarter heading.
func (s *visionScreen) top() []string {
	st, w := s.c.Styles, s.c.Width
	lines := []string{st.Title.Render("Vision")}
	if v := s.data.team.Vision; v != "" {
		lines = append(lines, common.Indent(common.Wrap(v, w-2, 3), 2)...)
	} else {
		lines = append(lines, emptyState(st, "No vision yet: one or two sentences every plan is judged against. The lead writes it; editing it here comes with the OKR editor.", w)...)
	}
	q := string(s.data.quarter)
	if s.data.quarter == s.data.current {
		q += " (this quarter)"
	}
	lines = append(lines, "", common.Spread(st.Title.Render("Objectives & key results")+"  "+st.Subtle.Render(q), st.Subtle.Render("[ ] quarter"), w), "")
	return lines
}

func (s *visionScreen) layout() {
	if !s.loaded || s.c.Width == 0 {
		return
	}
	s.body.SetSize(s.c.Width, s.c.Height-len(s.top()))
	s.body.SetLines(s.objectiveLines())
}

func (s *visionScreen) objectiveLines() []string {
	st, w := s.c.Styles, s.c.Width
	if s.data.err != nil {
		return errorLines(st, "the OKRs", s.data.err, w)
	}
	if len(s.data.objectives) == 0 {
		text := fmt.Sprintf("No objectives for %s. An objective is a qualitative goal for the quarter; its key results are metrics that move from a baseline to a target (activation 30%% -> 50%%). The lead sets two or three each quarter; adding them here (n) comes with the OKR editor. Press [ or ] to look at other quarters.", s.data.quarter)
		return emptyState(st, text, w)
	}

	// Column widths shared by every key result, so the bars line up.
	rangeW, nowW := 0, 0
	for _, o := range s.data.objectives {
		for _, kr := range o.KeyResults {
			rangeW = max(rangeW, common.Width(krRange(kr)))
			nowW = max(nowW, common.Width(krNow(kr)))
		}
	}
	barW := 10
	if w >= 110 {
		barW = 20
	}
	const indent, pctW = 4, 4
	rangeW, nowW = min(rangeW, 24), min(nowW, 16)
	figures := func(kr backlog.KeyResult) string {
		p := kr.Progress()
		return st.Subtle.Render(common.Pad(krRange(kr), rangeW)) + "  " + common.Pad(krNow(kr), nowW) + "  " +
			st.Bar(p, barW) + " " + common.PadLeft(common.Percent(p), pctW)
	}
	// One line per key result when the name gets a fair share of the width,
	// else the name on its own line above its figures.
	nameW := w - indent - 2 - rangeW - 2 - nowW - 2 - barW - 1 - pctW
	oneLine := nameW >= 30

	var out []string
	for i, o := range s.data.objectives {
		if i > 0 {
			out = append(out, "")
		}
		head := st.Ref.Render(fmt.Sprintf("O-%d", o.ID)) + " " + st.Title.Render(common.Line(o.Title))
		pct := st.Subtle.Render("no key results")
		if len(o.KeyResults) > 0 {
			pct = common.Percent(o.Progress())
		}
		out = append(out, common.Spread(head, pct, w))
		if len(o.KeyResults) == 0 {
			out = append(out, common.Truncate("    "+st.Subtle.Render("No key results yet: say how you will know the objective is met."), w))
			continue
		}
		for _, kr := range o.KeyResults {
			if oneLine {
				out = append(out, common.Truncate("    "+common.Pad(common.Line(kr.Name), nameW)+"  "+figures(kr), w))
				continue
			}
			out = append(out,
				common.Truncate("    "+common.Line(kr.Name), w),
				common.Truncate("      "+figures(kr), w))
		}
	}
	return out
}

// krValue writes a key result's number with its unit: "30%", "4.5 days".
func krValue(v float64, unit string) string {
	switch unit {
	case "":
		return common.Num(v)
	case "%":
		return common.Num(v) + "%"
	}
	return common.Num(v) + " " + unit
}

func krRange(kr backlog.KeyResult) string {
	return krValue(kr.Baseline, kr.Unit) + " -> " + krValue(kr.Target, kr.Unit)
}

func krNow(kr backlog.KeyResult) string { return "now " + krValue(kr.Current, kr.Unit) }

func (s *visionScreen) View() string {
	if !s.loaded {
		return s.c.Styles.Subtle.Render("Loading the vision and OKRs…")
	}
	top := s.top()
	return common.Fit(joinLines(top)+"\n"+s.body.View(), s.c.Width, s.c.Height)
}
