package ui

import (
	"fmt"
	"math"
	"strings"

	"huddle/sprint"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// The Burndown view: remaining work per working day as bars against the ideal
// line from the baseline to zero, the scope as a dashed line above (so work
// added or removed shows as a scope change, never as progress), today marked,
// and the velocity of past sprints.

// chartSeries is what the chart draws, in hours or points.
type chartSeries struct {
	unit      string
	days      int       // working days in the sprint
	remaining []float64 // one per day up to today
	ideal     []float64 // one per working day of the sprint
	scope     []float64 // one per day up to today
	changes   []float64 // scope change per day up to today
	baseline  float64
	today     int // index of today's column, -1 when not in the sprint
}

func seriesOf(tr *i18n.Tr, b sprint.Burndown, points bool, todayIdx int) chartSeries {
	c := chartSeries{unit: "h", days: b.WorkingDays, baseline: b.BaselineHours, today: todayIdx}
	if points {
		c.unit, c.baseline = tr.T("burndown.pts_unit"), float64(b.BaselinePoints)
	}
	for i := range b.WorkingDays {
		c.ideal = append(c.ideal, c.baseline*float64(b.WorkingDays-i-1)/float64(max(b.WorkingDays, 1)))
	}
	for _, d := range b.Days {
		if points {
			c.remaining = append(c.remaining, float64(d.RemainingPoints))
			c.scope = append(c.scope, float64(d.ScopePoints))
			c.changes = append(c.changes, float64(d.ScopeChangePoints))
		} else {
			c.remaining = append(c.remaining, d.RemainingHours)
			c.scope = append(c.scope, d.ScopeHours)
			c.changes = append(c.changes, d.ScopeChange)
		}
	}
	return c
}

// Chart glyphs; they differ in shape, not only colour, so the chart reads in
// any terminal.
const (
	glyphBar      = '█'
	glyphIdeal    = '·'
	glyphIdealBar = '▒' // the ideal line where it runs inside a bar: behind schedule
	glyphScope    = '┄'
)

// renderChart draws the series in w x h cells: a y axis with labels, one
// column group per working day, an x axis with day numbers and today marked.
func renderChart(st *common.Styles, tr *i18n.Tr, c chartSeries, w, h int) []string {
	if c.days == 0 || w < 12 || h < 4 {
		return nil
	}
	top := c.baseline
	for _, v := range append(append([]float64{}, c.remaining...), c.scope...) {
		top = math.Max(top, v)
	}
	if top <= 0 {
		top = 1
	}
	labelW := max(common.Width(common.Num(math.Ceil(top))+c.unit), 2) + 1
	plotW := w - labelW - 1
	cw := plotW / c.days
	if cw < 1 {
		return nil
	}
	barW := max(cw-1, 1)
	ph := h - 2 // the x axis and its labels
	// row r (0 at the top) covers values above level(r+1) up to level(r).
	level := func(r int) float64 { return top * float64(ph-r) / float64(ph) }
	rowOf := func(v float64) int {
		r := ph - int(math.Round(v/top*float64(ph)))
		return min(max(r, 0), ph-1)
	}
	grid := make([][]rune, ph)
	for r := range grid {
		grid[r] = []rune(strings.Repeat(" ", cw*c.days))
	}
	for d := range c.days {
		x0 := d * cw
		if d < len(c.remaining) {
			for r := range ph {
				// a cell is filled when the value reaches past the middle of it
				if c.remaining[d] >= (level(r)+level(r+1))/2 && c.remaining[d] > 0 {
					for x := x0; x < x0+barW; x++ {
						grid[r][x] = glyphBar
					}
				}
			}
			if sr := rowOf(c.scope[d]); c.scope[d] > 0 {
				for x := x0; x < x0+cw; x++ {
					if grid[sr][x] == ' ' {
						grid[sr][x] = glyphScope
					}
				}
			}
		}
		ir := rowOf(c.ideal[d])
		behind := d < len(c.remaining) && c.remaining[d] > c.ideal[d]
		if !behind && ir > 0 && grid[ir][x0] == glyphBar {
			// On track, but the ideal rounds into the bar's top cell: keep it above.
			ir--
		}
		if c.ideal[d] > 0 || d == c.days-1 {
			for x := x0; x < x0+barW; x++ {
				switch grid[ir][x] {
				case glyphBar:
					grid[ir][x] = glyphIdealBar
				case ' ', glyphScope:
					grid[ir][x] = glyphIdeal
				}
			}
		}
	}
	var lines []string
	for r := range ph {
		label := ""
		switch r {
		case 0:
			label = common.Num(math.Round(top)) + c.unit
		case ph / 2:
			label = common.Num(math.Round(level(r))) + c.unit
		}
		row := strings.Builder{}
		for _, g := range grid[r] {
			switch g {
			case glyphBar:
				row.WriteString(st.BarFull.Render(string(g)))
			case glyphIdeal, glyphIdealBar:
				row.WriteString(st.Warning.Render(string(g)))
			case glyphScope:
				row.WriteString(st.Subtle.Render(string(g)))
			default:
				row.WriteRune(g)
			}
		}
		lines = append(lines, st.Subtle.Render(common.PadLeft(label, labelW-1))+" │"+row.String())
	}
	lines = append(lines, st.Subtle.Render(common.PadLeft("0", labelW-1)+" └"+strings.Repeat("─", cw*c.days)))
	// Day numbers where they fit, and today.
	axis := make([]string, cw*c.days) // one cell each; "" where a wide rune's second half is
	for i := range axis {
		axis[i] = " "
	}
	for d := range c.days {
		label := fmt.Sprint(d + 1)
		if d == c.today {
			label = "▲"
			if today := tr.T("burndown.today"); cw >= common.Width(today)+1 {
				label = today
			}
		} else if cw < len(label)+1 && d%5 != 0 {
			continue
		}
		x := d * cw
		for _, r := range label {
			rw := common.Width(string(r))
			if x+rw > len(axis) {
				break
			}
			axis[x] = string(r)
			for j := 1; j < rw; j++ {
				axis[x+j] = ""
			}
			x += rw
		}
	}
	lines = append(lines, strings.Repeat(" ", labelW+1)+st.Subtle.Render(strings.Join(axis, "")))
	return lines
}

// todayIndex is the column of today in the sprint's working days, or -1.
func todayIndex(sp sprint.Sprint, today sprint.Date) int {
	if sp.Status != sprint.StatusActive {
		return -1
	}
	for i, d := range sp.WorkingDays() {
		if d == today {
			return i
		}
	}
	return -1
}

func (s *boardScreen) burndownView() []string {
	st, w, h, tr := s.c.Styles, s.c.Width, s.c.Height, s.c.Tr
	sp, b := s.data.sprint, s.data.burndown
	lines := s.head()
	if sp.Status == sprint.StatusPlanning {
		return append(lines, emptyState(st, tr.Tf("burndown.not_started", "Sprint", sp.Ref(), "End", shortDay(tr, sp.End)), w)...)
	}
	series := seriesOf(tr, b, s.points, todayIndex(sp, s.data.today))
	what := tr.T("burndown.hours_title")
	if s.points {
		what = tr.T("burndown.points_title")
	}
	lines = append(lines, st.Title.Render(common.Truncate(what, w)))
	legend := st.Subtle.Render(common.Truncate(tr.T("burndown.legend")+map[bool]string{false: tr.T("burndown.to_points"), true: tr.T("burndown.to_hours")}[s.points], w))
	notes := s.scopeNotes(series)
	velocity := s.velocityLines()
	room := h - len(lines) - 1 - len(notes) - len(velocity)
	if room < 6 {
		velocity = nil
		room = h - len(lines) - 1 - len(notes)
	}
	if room < 6 {
		notes = nil
		room = h - len(lines) - 1
	}
	chart := renderChart(st, tr, series, w, min(room, 16))
	if chart == nil {
		chart = []string{st.Subtle.Render(tr.T("burndown.too_small"))}
	}
	lines = append(lines, chart...)
	lines = append(lines, legend)
	lines = append(lines, notes...)
	return append(lines, velocity...)
}

// scopeNotes lists the days whose scope changed, so the chart's steps are explained.
func (s *boardScreen) scopeNotes(c chartSeries) []string {
	st, w, tr := s.c.Styles, s.c.Width, s.c.Tr
	var parts []string
	for d, ch := range c.changes {
		if ch != 0 {
			parts = append(parts, tr.Tf("burndown.scope_day", "Day", d+1, "Change", fmt.Sprintf("%+g%s", ch, strings.TrimSpace(c.unit))))
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return []string{st.Warning.Render(common.Truncate(tr.Tf("burndown.scope_changed", "Days", strings.Join(parts, tr.T("sprint.list_sep"))), w))}
}

// velocityLines is committed against completed points of the closed sprints.
func (s *boardScreen) velocityLines() []string {
	st, w, tr := s.c.Styles, s.c.Width, s.c.Tr
	v := s.data.velocity
	if len(v) == 0 {
		return []string{st.Subtle.Render(common.Truncate(tr.T("burndown.no_velocity"), w))}
	}
	if len(v) > 6 {
		v = v[len(v)-6:]
	}
	var parts []string
	for _, x := range v {
		parts = append(parts, fmt.Sprintf("%s %d/%d", sprint.SprintRef(x.Sprint), x.Completed, x.Committed))
	}
	return []string{st.Subtle.Render(common.Truncate(tr.T("burndown.velocity")+strings.Join(parts, " · "), w))}
}
