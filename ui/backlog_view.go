package ui

// Drawing the backlog: the header, the summary line, the columns and the rows.
// Keys, loading and writes are in backlog.go.

import (
	"strconv"
	"strings"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// head is the fixed part above the list: the question being asked, the filter
// line, the summary and the column headings.
func (s *backlogScreen) head() []string {
	st, w, tr := s.c.Styles, s.c.Width, s.c.Tr
	var lines []string
	if s.confirm != nil {
		lines = append(lines, s.confirm.View(st, w))
	}
	if s.filter.Focused() || s.filter.Value() != "" {
		lines = append(lines, s.filter.View(tr, st, w))
	}
	if len(s.stories) > 0 {
		lines = append(lines, common.Truncate(s.summary(), w))
	}
	if len(s.shown) > 0 {
		last := tr.T("backlog.col.status")
		if s.order == orderValuePerPoint {
			last = tr.T("backlog.col.val_pt")
		}
		lines = append(lines, st.Subtle.Render(s.cols.row("", "ID", tr.T("backlog.col.title"), tr.T("backlog.col.pts"), tr.T("backlog.col.val"), "KR", tr.T("backlog.col.labels"), last)))
	}
	return lines
}

// summary counts what shows: stories, points, unestimated.
func (s *backlogScreen) summary() string {
	st, tr := s.c.Styles, s.c.Tr
	points, unest := 0, 0
	for _, i := range s.shown {
		if s.stories[i].Estimated() {
			points += s.stories[i].Points
		} else {
			unest++
		}
	}
	n := tr.Tn("backlog.stories", len(s.shown))
	if s.filter.Value() != "" {
		n = tr.Tn("backlog.matches", s.total, "Shown", len(s.shown))
	}
	if !s.full {
		return st.Title.Render(tr.Tn("backlog.stories", s.total)) + st.Subtle.Render(" · "+tr.T("backlog.loading_rest"))
	}
	out := st.Title.Render(n) + st.Subtle.Render(" · "+tr.Tn("backlog.points", points))
	if unest > 0 {
		out += st.Subtle.Render(" · ") + st.Warning.Render(tr.Tf("backlog.unestimated_n", "N", unest))
	}
	if s.order == orderValuePerPoint {
		out += st.Subtle.Render(" · " + tr.T("backlog.by_value_note"))
	}
	return out
}

func (s *backlogScreen) columns() backlogCols {
	tr := s.c.Tr
	c := backlogCols{id: 4, pts: max(common.Width(tr.T("backlog.col.pts")), 3), val: max(common.Width(tr.T("backlog.col.val")), 3), kr: 2,
		status: common.Width(storyStatus(tr, backlog.Story{Status: backlog.StatusBacklog}))}
	w := s.c.Width
	labelCap := max(w/6, 6)
	labels, maxID := 0, 0
	for _, i := range s.shown {
		st := s.stories[i]
		maxID = max(maxID, st.ID)
		if labels < labelCap && len(st.Labels) > 0 {
			n := len(st.Labels) - 1 // the commas
			for _, l := range st.Labels {
				n += cellWidth(l)
			}
			labels = max(labels, n)
		}
		if st.KeyResult != 0 {
			c.kr = max(c.kr, len(backlog.KRRef(st.KeyResult)))
		}
		if st.Status == backlog.StatusPlanned {
			c.status = max(c.status, common.Width(storyStatus(tr, st)))
		}
	}
	c.id = max(c.id, len(backlog.StoryRef(maxID)))
	c.labels = min(max(labels, 6), labelCap)
	c.status = min(c.status, 12)
	// marker 2, then single spaces and double spaces between the columns.
	c.title = max(w-2-c.id-1-2-c.pts-2-c.val-2-c.kr-2-c.labels-2-c.status, 10)
	return c
}

func (c backlogCols) row(marker, id, title, pts, val, kr, labels, status string) string {
	return common.Pad(marker, 2) + common.Pad(id, c.id) + " " + common.Pad(title, c.title) + "  " +
		common.PadLeft(pts, c.pts) + "  " + common.PadLeft(val, c.val) + "  " + common.Pad(kr, c.kr) + "  " +
		common.Pad(labels, c.labels) + "  " + common.Truncate(status, c.status)
}

// cellWidth is common.Width with a fast path for ASCII text.
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 {
			return common.Width(s)
		}
	}
	return len(s)
}

// storyStatus is the Status column: "backlog", or "planned #2" for a story in a sprint.
func storyStatus(tr *i18n.Tr, st backlog.Story) string {
	if st.Status == backlog.StatusPlanned && st.Sprint != 0 {
		return tr.StoryStatus(st.Status) + " " + sprint.SprintRef(st.Sprint)
	}
	return tr.StoryStatus(st.Status)
}

// listHeight is the number of lines under the head.
func (s *backlogScreen) listHeight() int { return max(s.c.Height-s.headLines(), 1) }

// rowsOnScreen is how many story rows fit (one line goes to "↓ N more" when
// they do not all fit).
func (s *backlogScreen) rowsOnScreen() int {
	h := s.listHeight()
	if (len(s.shown) > h || !s.full) && h > 1 {
		return h - 1
	}
	return h
}

// rows draws the story rows on screen, and the "more" line.
func (s *backlogScreen) rows() []string {
	st, w, tr := s.c.Styles, s.c.Width, s.c.Tr
	if s.err != nil {
		return errorLinesIn(tr, st, tr.T("backlog.the_backlog"), s.err, w)
	}
	if len(s.stories) == 0 {
		return emptyState(st, tr.T("backlog.empty"), w)
	}
	if len(s.shown) == 0 {
		return emptyState(st, tr.Tf("backlog.no_match", "Filter", strconv.Quote(s.filter.Value())), w)
	}
	cols := s.cols
	n := s.rowsOnScreen()
	end := min(s.offset+n, len(s.shown))
	out := make([]string, 0, n+1)
	for i := s.offset; i < end; i++ {
		story := s.stories[s.shown[i]]
		pts := "?"
		if story.Estimated() {
			pts = strconv.Itoa(story.Points)
		}
		kr := ""
		if story.KeyResult != 0 {
			kr = backlog.KRRef(story.KeyResult)
		}
		labels := strings.Join(story.Labels, ",")
		last := storyStatus(tr, story)
		if s.order == orderValuePerPoint {
			last = "–" // unestimated: no value per point, sorted last
			if story.Estimated() {
				last = common.Num(story.ValuePerPoint())
			}
		}
		if i == s.sel {
			out = append(out, s.c.Mark("story:"+strconv.Itoa(story.ID), st.Selected.Render(cols.row(">", story.Ref(), common.Line(story.Title), pts, strconv.Itoa(story.Value), kr, labels, last))))
			continue
		}
		ptsCell := common.PadLeft(pts, cols.pts)
		if !story.Estimated() {
			ptsCell = st.Warning.Render(ptsCell)
		}
		statusStyle := st.Subtle
		if story.Status == backlog.StatusPlanned && s.order == orderRank {
			statusStyle = st.Good
		}
		out = append(out, s.c.Mark("story:"+strconv.Itoa(story.ID), "  "+st.Ref.Render(common.Pad(story.Ref(), cols.id))+" "+highlightMention(st, common.Pad(common.Line(story.Title), cols.title), s.c.Actor)+"  "+
			ptsCell+"  "+common.PadLeft(strconv.Itoa(story.Value), cols.val)+"  "+st.Ref.Render(common.Pad(kr, cols.kr))+"  "+
			st.Label.Render(common.Pad(labels, cols.labels))+"  "+statusStyle.Render(common.Truncate(last, cols.status))))
	}
	if len(s.shown) > n {
		more := ""
		below := len(s.shown) - end
		if !s.full && s.filter.Value() == "" {
			below += s.total - len(s.stories)
		}
		switch {
		case below > 0:
			more = "  " + tr.Tn("backlog.more", below)
		case s.offset > 0:
			more = "  " + tr.T("page.end")
		}
		out = append(out, st.Subtle.Render(common.Truncate(more, w)))
	}
	return out
}

func (s *backlogScreen) View() string {
	if !s.loaded {
		return s.c.Styles.Subtle.Render(s.c.Tr.T("backlog.loading"))
	}
	if s.note != nil {
		return common.Fit(s.note.f.View(s.c.Styles, s.c.Width)+"\n"+s.detail.View(), s.c.Width, s.c.Height)
	}
	switch s.mode {
	case modeForm:
		return common.Fit(s.form.f.View(s.c.Styles, s.c.Width), s.c.Width, s.c.Height)
	case modeDetail:
		if s.confirm != nil {
			return common.Fit(s.confirm.View(s.c.Styles, s.c.Width)+"\n"+s.detail.View(), s.c.Width, s.c.Height)
		}
		return common.Fit(s.detail.View(), s.c.Width, s.c.Height)
	}
	return common.Fit(joinLines(s.head())+"\n"+joinLines(s.rows()), s.c.Width, s.c.Height)
}
