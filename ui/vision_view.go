package ui

// Drawing the Vision & OKRs screen: the vision, objectives and key results
// with their progress. Keys and forms are in vision.go.

import (
	"strconv"

	"huddle/backlog"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// top is the fixed part above the scrolling objectives: the vision and the
// quarter heading.
func (s *visionScreen) top() []string {
	st, w, tr := s.c.Styles, s.c.Width, s.c.Tr
	var lines []string
	if s.confirm != nil {
		lines = append(lines, s.confirm.View(st, w))
	}
	head := st.Title.Render(tr.T("vision.vision"))
	if s.sel == 0 {
		head = st.Selected.Render("> " + tr.T("vision.vision"))
	}
	lines = append(lines, head)
	if v := s.data.team.Vision; v != "" {
		lines = append(lines, common.Indent(common.Wrap(v, w-2, 3), 2)...)
	} else {
		lines = append(lines, emptyState(st, tr.T("vision.no_vision"), w)...)
	}
	q := string(s.data.quarter)
	if s.data.quarter == s.data.current {
		q += tr.T("vision.this_quarter")
	}
	lines = append(lines, "", common.Spread(st.Title.Render(tr.T("vision.okrs"))+"  "+st.Subtle.Render(q), st.Subtle.Render("[ ] "+tr.T("vision.key.quarter")), w), "")
	return lines
}

// krWork says how much of the backlog serves a key result.
func krWork(tr *i18n.Tr, w backlog.KRWork) string {
	if w.Stories == 0 {
		return tr.T("vision.no_stories")
	}
	return tr.Tn("vision.work", w.Stories, "Done", w.DonePoints, "Points", w.Points)
}

func (s *visionScreen) objectiveLines() []string {
	st, w, tr := s.c.Styles, s.c.Width, s.c.Tr
	s.spans = make([][2]int, len(s.items))
	if s.data.err != nil {
		return errorLinesIn(tr, st, tr.T("vision.the_okrs"), s.data.err, w)
	}
	if len(s.data.objectives) == 0 {
		return emptyState(st, tr.Tf("vision.no_objectives", "Quarter", s.data.quarter), w)
	}

	// Column widths shared by every key result, so the bars line up.
	rangeW, nowW, workW := 0, 0, 0
	for _, o := range s.data.objectives {
		for _, kr := range o.KeyResults {
			rangeW = max(rangeW, common.Width(krRange(kr)))
			nowW = max(nowW, common.Width(krNow(tr, kr)))
			workW = max(workW, common.Width(krWork(tr, s.data.work[kr.ID])))
		}
	}
	barW := 10
	if w >= 110 {
		barW = 20
	}
	const indent, pctW = 4, 4
	rangeW, nowW = min(rangeW, 24), min(nowW, 16)
	workCell := func(kr backlog.KeyResult) string {
		wk := s.data.work[kr.ID]
		if wk.Stories == 0 {
			return st.Warning.Render(krWork(tr, wk))
		}
		return st.Subtle.Render(krWork(tr, wk))
	}
	figures := func(kr backlog.KeyResult) string {
		p := kr.Progress()
		bar := ""
		if barW >= 3 {
			bar = st.Bar(p, barW) + " "
		}
		return st.Subtle.Render(common.Pad(krRange(kr), rangeW)) + "  " + common.Pad(krNow(tr, kr), nowW) + "  " +
			bar + common.PadLeft(common.Percent(p), pctW)
	}
	// One line per key result when the name gets a fair share of the width,
	// else the name on its own line above its figures.
	nameW := w - indent - 2 - rangeW - 2 - nowW - 2 - barW - 1 - pctW - 2 - workW
	if nameW < 30 && barW > 10 {
		nameW, barW = nameW+barW-10, 10 // a shorter bar keeps each key result on one line
	}
	oneLine := nameW >= 30
	if !oneLine {
		// Narrow: the bar shrinks (or goes) so that the percentage stays.
		barW = min(barW, max(w-indent-2-rangeW-2-nowW-2-1-pctW, 0))
	}

	marker := func(item int) string {
		if item == s.sel {
			return "> "
		}
		return "  "
	}
	style := func(item int, line string) string {
		if item == s.sel {
			line = st.Selected.Render(common.Pad(line, w))
		}
		return s.c.Mark("okr:"+strconv.Itoa(item), line)
	}
	var out []string
	item := 0
	for i, o := range s.data.objectives {
		item++
		if i > 0 {
			out = append(out, "")
		}
		start := len(out)
		head := st.Ref.Render(backlog.ObjectiveRef(o.ID)) + " " + st.Title.Render(common.Line(o.Title))
		pct := st.Subtle.Render(tr.T("vision.no_krs"))
		if len(o.KeyResults) > 0 {
			pct = common.Percent(o.Progress())
		}
		out = append(out, style(item, common.Spread(marker(item)+head, pct, w)))
		if len(o.KeyResults) == 0 {
			out = append(out, common.Truncate("    "+st.Subtle.Render(tr.T("vision.no_krs_yet")), w))
		}
		s.spans[item] = [2]int{start, len(out) - 1}
		for _, kr := range o.KeyResults {
			item++
			start := len(out)
			if oneLine {
				out = append(out, style(item, common.Truncate(marker(item)+"  "+common.Pad(common.Line(kr.Name), nameW)+"  "+figures(kr)+"  "+workCell(kr), w)))
			} else {
				out = append(out,
					style(item, common.Spread(marker(item)+"  "+common.Line(kr.Name), workCell(kr), w)),
					common.Truncate("      "+figures(kr), w))
			}
			s.spans[item] = [2]int{start, len(out) - 1}
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

func krNow(tr *i18n.Tr, kr backlog.KeyResult) string {
	return tr.Tf("vision.kr_now", "Value", krValue(kr.Current, kr.Unit))
}

func (s *visionScreen) View() string {
	if !s.loaded {
		return s.c.Styles.Subtle.Render(s.c.Tr.T("vision.loading"))
	}
	if s.form != nil {
		return common.Fit(s.form.View(s.c.Styles, s.c.Width), s.c.Width, s.c.Height)
	}
	top := s.top()
	return common.Fit(joinLines(top)+"\n"+s.body.View(), s.c.Width, s.c.Height)
}
