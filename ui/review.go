package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/ui/common"
)

// The review view of screen 5: the sprint's goal, the stories done and not
// done with their points, the hours left at the end, and the stakeholders'
// feedback, which the lead turns into backlog stories or attaches to one.

func (s *retroScreen) reviewKey(msg tea.KeyMsg) tea.Cmd {
	k, d, tr := s.keys, s.data, s.c.Tr
	fb := d.review.Feedback
	var selected retro.Feedback
	has := s.fbSel >= 0 && s.fbSel < len(fb)
	if has {
		selected = fb[s.fbSel]
	}
	switch {
	case key.Matches(msg, k.Up):
		s.fbSel--
	case key.Matches(msg, k.Down):
		s.fbSel++
	case key.Matches(msg, k.Feedback):
		s.openForm("feedback", 0, newForm(s.c.Timers, tr.Tf("review.feedback.title", "Sprint", d.sprint.Ref()),
			fieldSpec{Label: tr.T("review.feedback.label"), Placeholder: tr.T("review.feedback.placeholder"), CharLimit: 2000},
			fieldSpec{Label: tr.T("review.feedback.from"), Placeholder: tr.T("review.feedback.from_placeholder"), CharLimit: 80}))
		return nil
	case key.Matches(msg, k.ToStory) && has:
		top := tr.T("review.to_story.top")
		s.openForm("story", selected.ID, newForm(s.c.Timers, tr.Tf("review.to_story.title", "Ref", selected.Ref()),
			fieldSpec{Label: tr.T("review.to_story.place"), Value: top, Choices: []string{top, tr.T("review.to_story.bottom")}, Hint: tr.T("review.to_story.hint")}))
		return nil
	case key.Matches(msg, k.Check):
		return s.openCheck()
	case key.Matches(msg, k.Attach) && has:
		s.openForm("attach", selected.ID, newForm(s.c.Timers, tr.Tf("review.attach.title", "Ref", selected.Ref()),
			fieldSpec{Label: tr.T("review.attach.story"), Placeholder: "S-12", CharLimit: 12}))
		return nil
	default:
		s.body.Handle(moveKeys{PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top, Bottom: k.Bottom}, msg)
		return nil
	}
	s.clampSelection()
	s.layout()
	return nil
}

// reviewLines draws the review; sel is the selected feedback's line range.
func (s *retroScreen) reviewLines() (out []string, sel [2]int) {
	st, w, r, tr := s.c.Styles, s.c.Width, s.data.review, s.c.Tr
	sel = [2]int{-1, -1}
	goal := r.Sprint.Goal
	if goal == "" {
		goal = tr.T("review.no_goal")
	}
	label := tr.T("board.goal")
	for i, l := range common.Wrap(goal, max(w-common.Width(label), 10), 4) {
		head := strings.Repeat(" ", common.Width(label))
		if i == 0 {
			head = st.Subtle.Render(label)
		}
		out = append(out, common.Truncate(head+l, w))
	}
	out = append(out, common.Truncate(st.Good.Render(tr.T("review.done_label"))+tr.Tn("review.stories_points", len(r.Done), "Points", r.DonePoints)+" · "+
		st.Warning.Render(tr.T("review.not_done_label"))+tr.Tn("review.stories_points", len(r.NotDone), "Points", r.NotDonePoints), w))
	end := tr.T("review.left_at_end")
	if r.Sprint.Status != sprint.StatusClosed {
		end = tr.T("review.left_now")
	}
	out = append(out, common.Truncate(st.Subtle.Render(end)+common.Hours(r.RemainingHours)+st.Subtle.Render(tr.Tf("review.of_estimated", "Hours", common.Hours(r.TotalHours))), w))
	story := func(b backlog.Story) string {
		pts := "?"
		if b.Estimated() {
			pts = fmt.Sprint(b.Points)
		}
		right := st.Subtle.Render(tr.Tf("plan.pts", "Points", pts))
		return common.Spread("  "+st.Ref.Render(b.Ref())+" "+common.Line(b.Title), right, w)
	}
	for _, part := range []struct {
		title   string
		stories []backlog.Story
		empty   string
	}{{"review.done_title", r.Done, "review.done_empty"}, {"review.not_done_title", r.NotDone, "review.not_done_empty"}} {
		out = append(out, "", st.Title.Render(tr.T(part.title)))
		if len(part.stories) == 0 {
			out = append(out, "  "+st.Subtle.Render(tr.T(part.empty)))
		}
		for _, b := range part.stories {
			out = append(out, story(b))
			out = append(out, checklistLines(st, b, s.c.Actor, 4, w)...)
		}
	}
	out = append(out, "", st.Title.Render(tr.T("review.feedback_title"))+st.Subtle.Render(tr.Tf("retro.count", "N", len(r.Feedback))))
	if len(r.Feedback) == 0 {
		out = append(out, emptyState(st, tr.T("review.empty.feedback"), w)...)
		return out, sel
	}
	for i, f := range r.Feedback {
		from := ""
		if f.From != "" {
			from = " — " + common.Line(f.From)
		}
		where := ""
		switch {
		case f.Story != 0 && f.Converted:
			where = " → " + tr.Tf("review.new_story", "Story", backlog.StoryRef(f.Story))
		case f.Story != 0:
			where = " → " + tr.Tf("review.on_story", "Story", backlog.StoryRef(f.Story))
		}
		lines := common.Wrap(f.Ref()+" "+common.Line(f.Text), max(w-4, 1), 3)
		for j := range lines {
			switch {
			case j > 0:
				lines[j] = "    " + lines[j]
			case i == s.fbSel:
				lines[j] = st.Selected.Render("  > " + lines[j])
			default:
				lines[j] = "  • " + lines[j]
			}
		}
		lines = append(lines, "    "+st.Subtle.Render(common.Truncate(common.Line(from+where), w-4)))
		if from == "" && where == "" {
			lines = lines[:len(lines)-1]
		}
		if i == s.fbSel {
			sel = [2]int{len(out), len(out) + len(lines) - 1}
		}
		out = append(out, lines...)
	}
	return out, sel
}
