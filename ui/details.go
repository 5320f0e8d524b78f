package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
)

// The detail pages of the screens' things (see detail.go).

// Detail is the page of the task under the cursor on the board.
func (s *boardScreen) Detail() (detailPage, bool) {
	if s.form != nil || s.confirm != nil || s.view != viewBoard {
		return detailPage{}, false
	}
	t, ok := s.selected()
	if !ok {
		return detailPage{}, false
	}
	tr := *s.c.Tr
	story := backlog.StoryRef(t.Story)
	if st, ok := s.storyOf(t.Story); ok {
		story = st.Ref() + " " + st.Title
	}
	owner := t.Owner
	if owner == "" {
		owner = tr.T("page.detail.nobody_yet")
	}
	k, st := s.keys, s.c.Store
	return detailPage{
		title: t.Ref() + " " + common.Line(t.Title),
		fields: []detailField{
			{tr.T("page.detail.task"), t.Title},
			{tr.T("page.detail.story"), story},
			{tr.T("page.detail.status"), tr.TaskStatus(t.Status)},
			{tr.T("page.detail.owner"), owner},
			{tr.T("page.detail.hours"), tr.Tf("page.detail.hours_left", "Left", common.Hours(t.Remaining), "Estimate", common.Hours(t.Estimate))},
			{tr.T("page.detail.blocked"), t.Blocked},
		},
		history: func() ([]string, error) {
			events, err := st.StoryHistory(t.Story)
			return historyLines(tr, events, func(e store.Event) bool { return e.Task == t.ID }), err
		},
		actions: append(s.offered(k.Claim, k.Assign, k.Unclaim, k.Forward, k.Back, k.Remaining, s.blockKey(), s.editKey(), k.DeleteTask, k.Split), commentKeyFor(s.role())),
		talk:    taskTalk(s.c, s.role(), t),
	}, true
}

// Detail is the page of the selected retro card, or of the selected
// feedback in the review.
func (s *retroScreen) Detail() (detailPage, bool) {
	if s.form != nil || s.confirm != nil || !s.data.found {
		return detailPage{}, false
	}
	k, tr := s.keys, s.c.Tr
	if s.review {
		fb := s.data.review.Feedback
		if s.fbSel < 0 || s.fbSel >= len(fb) {
			return detailPage{}, false
		}
		f := fb[s.fbSel]
		story := tr.T("page.detail.not_in_backlog")
		if f.Story != 0 {
			story = fmt.Sprintf("S-%d", f.Story)
		}
		return detailPage{
			title: tr.Tf("page.detail.feedback_title", "Ref", f.Ref(), "Sprint", s.data.sprint.Ref()),
			fields: []detailField{
				{tr.T("page.detail.feedback"), f.Text},
				{tr.T("page.detail.from"), f.From},
				{tr.T("page.detail.recorded_by"), f.Author},
				{tr.T("page.detail.story"), story},
			},
			actions: s.offered(k.ToStory, k.Attach),
		}, true
	}
	c, ok := s.selected()
	if !ok || c.Hidden {
		return detailPage{}, false
	}
	cols := s.data.board.Template.Columns()
	column := ""
	if c.Column >= 0 && c.Column < len(cols) {
		column = cols[c.Column]
	}
	votes := tr.Tn("page.detail.votes_n", c.Count)
	if c.MyVotes > 0 {
		votes += tr.Tf("page.detail.votes_yours", "N", c.MyVotes)
	}
	fields := []detailField{{tr.T("page.detail.card"), c.Text}, {tr.T("page.detail.column"), column}, {tr.T("page.detail.votes"), votes}}
	for i, g := range c.Grouped {
		label := ""
		if i == 0 {
			label = tr.T("page.detail.grouped")
		}
		fields = append(fields, detailField{label, "• " + g})
	}
	actions := s.offered(k.Vote, k.Unvote, k.Group)
	if c.Mine || s.data.board.Anonymous {
		actions = append(s.offered(k.Edit, k.Delete), actions...)
	}
	return detailPage{
		title:   tr.Tf("page.detail.card_title", "N", c.ID, "Sprint", s.data.sprint.Ref()),
		fields:  fields,
		actions: actions,
	}, true
}

// Detail is the page of the selected key result.
func (s *visionScreen) Detail() (detailPage, bool) {
	if s.form != nil || s.confirm != nil {
		return detailPage{}, false
	}
	it := s.item()
	if it.objective < 0 || it.kr < 0 {
		return detailPage{}, false
	}
	o, kr := s.objective(it), s.keyResult(it)
	num := func(f float64) string { return common.Num(f) + kr.Unit }
	k, tr := s.Keys().(visionKeys), s.c.Tr
	return detailPage{
		title: backlog.KRRef(kr.ID) + " " + common.Line(kr.Name),
		fields: []detailField{
			{tr.T("page.detail.key_result"), kr.Name},
			{tr.T("page.detail.objective"), o.Title},
			{tr.T("page.detail.progress"), tr.Tf("page.detail.progress_text", "Pct", int(kr.Progress()*100+0.5), "Now", num(kr.Current), "From", num(kr.Baseline), "To", num(kr.Target))},
		},
		actions: []key.Binding{k.Current, k.Edit, k.Delete},
	}, true
}

// Detail is the page of the parked blocker under the cursor (the summary).
func (s *standupScreen) Detail() (detailPage, bool) {
	if s.form != nil || s.confirm != nil || s.mode != modeSummary {
		return detailPage{}, false
	}
	rows := s.parked()
	if s.cursor < 0 || s.cursor >= len(rows) {
		return detailPage{}, false
	}
	r, tr := rows[s.cursor], s.c.Tr
	b := r.b
	task := tr.T("page.detail.none")
	if b.Task != 0 {
		task = sprint.TaskRef(b.Task)
		if b.Flagged {
			task += tr.T("page.detail.flagged")
		}
	}
	state := tr.T("page.detail.open")
	if !b.Open() {
		state = tr.Tf("page.detail.resolved", "Who", b.ResolvedBy, "When", tr.DayTime(b.Resolved))
	}
	return detailPage{
		title: tr.Tf("page.detail.blocker_title", "Who", b.RaisedBy, "Day", r.day.String()),
		fields: []detailField{
			{tr.T("page.detail.blocker"), b.Text},
			{tr.T("page.detail.raised_by"), b.RaisedBy},
			{tr.T("page.detail.task"), task},
			{tr.T("page.detail.helper"), b.Helper},
			{tr.T("page.detail.state"), state},
		},
		actions: []key.Binding{s.keys.Resolve},
	}, true
}
