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
	story := backlog.StoryRef(t.Story)
	if st, ok := s.storyOf(t.Story); ok {
		story = st.Ref() + " " + st.Title
	}
	owner := t.Owner
	if owner == "" {
		owner = "nobody yet"
	}
	k, st := s.keys, s.c.Store
	return detailPage{
		title: t.Ref() + " " + common.Line(t.Title),
		fields: []detailField{
			{"Task", t.Title},
			{"Story", story},
			{"Status", t.Status.Label()},
			{"Owner", owner},
			{"Hours", fmt.Sprintf("%s left of %s estimated", common.Hours(t.Remaining), common.Hours(t.Estimate))},
			{"Blocked", t.Blocked},
		},
		history: func() ([]string, error) {
			events, err := st.StoryHistory(t.Story)
			return historyLines(events, func(e store.Event) bool { return e.Task == t.ID }), err
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
	k := s.keys
	if s.review {
		fb := s.data.review.Feedback
		if s.fbSel < 0 || s.fbSel >= len(fb) {
			return detailPage{}, false
		}
		f := fb[s.fbSel]
		story := "not in the backlog yet"
		if f.Story != 0 {
			story = fmt.Sprintf("S-%d", f.Story)
		}
		return detailPage{
			title: fmt.Sprintf("%s feedback at the %s review", f.Ref(), s.data.sprint.Ref()),
			fields: []detailField{
				{"Feedback", f.Text},
				{"From", f.From},
				{"Recorded by", f.Author},
				{"Story", story},
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
	votes := common.Plural(c.Count, "vote", "votes")
	if c.MyVotes > 0 {
		votes += fmt.Sprintf(" (%d yours)", c.MyVotes)
	}
	fields := []detailField{{"Card", c.Text}, {"Column", column}, {"Votes", votes}}
	for i, g := range c.Grouped {
		label := ""
		if i == 0 {
			label = "Grouped"
		}
		fields = append(fields, detailField{label, "• " + g})
	}
	actions := s.offered(k.Vote, k.Unvote, k.Group)
	if c.Mine || s.data.board.Anonymous {
		actions = append(s.offered(k.Edit, k.Delete), actions...)
	}
	return detailPage{
		title:   fmt.Sprintf("Card %d on the %s retro", c.ID, s.data.sprint.Ref()),
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
	k := s.Keys().(visionKeys)
	return detailPage{
		title: backlog.KRRef(kr.ID) + " " + common.Line(kr.Name),
		fields: []detailField{
			{"Key result", kr.Name},
			{"Objective", o.Title},
			{"Progress", fmt.Sprintf("%d%%: %s now, from %s to %s", int(kr.Progress()*100+0.5), num(kr.Current), num(kr.Baseline), num(kr.Target))},
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
	r := rows[s.cursor]
	b := r.b
	task := "none"
	if b.Task != 0 {
		task = sprint.TaskRef(b.Task)
		if b.Flagged {
			task += " (flagged blocked on the board)"
		}
	}
	state := "open"
	if !b.Open() {
		state = fmt.Sprintf("resolved by %s on %s", b.ResolvedBy, b.Resolved.Format("Mon Jan 2 15:04"))
	}
	return detailPage{
		title: "Blocker raised by " + b.RaisedBy + " at the stand-up of " + r.day.String(),
		fields: []detailField{
			{"Blocker", b.Text},
			{"Raised by", b.RaisedBy},
			{"Task", task},
			{"Helper", b.Helper},
			{"State", state},
		},
		actions: []key.Binding{s.keys.Resolve},
	}, true
}
