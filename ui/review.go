package ui

import (
	"fmt"

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
	k, d := s.keys, s.data
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
		s.openForm("feedback", 0, newForm(s.c.Timers, fmt.Sprintf("Feedback at the %s review", d.sprint.Ref()),
			fieldSpec{Label: "Feedback", Placeholder: "what a stakeholder said", CharLimit: 2000},
			fieldSpec{Label: "From", Placeholder: "who said it (optional)", CharLimit: 80}))
		return nil
	case key.Matches(msg, k.ToStory) && has:
		s.openForm("story", selected.ID, newForm(s.c.Timers, fmt.Sprintf("Make %s a backlog story", selected.Ref()),
			fieldSpec{Label: "Place it at", Value: "top", Choices: []string{"top", "bottom"}, Hint: "←→: the top or the bottom of the backlog"}))
		return nil
	case key.Matches(msg, k.Check):
		return s.openCheck()
	case key.Matches(msg, k.Attach) && has:
		s.openForm("attach", selected.ID, newForm(s.c.Timers, fmt.Sprintf("Attach %s to a story", selected.Ref()),
			fieldSpec{Label: "Story", Placeholder: "S-12", CharLimit: 12}))
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
	st, w, r := s.c.Styles, s.c.Width, s.data.review
	sel = [2]int{-1, -1}
	goal := r.Sprint.Goal
	if goal == "" {
		goal = "no goal was set"
	}
	for i, l := range common.Wrap(goal, max(w-6, 10), 4) {
		head := "      "
		if i == 0 {
			head = st.Subtle.Render("Goal: ")
		}
		out = append(out, common.Truncate(head+l, w))
	}
	out = append(out, common.Truncate(fmt.Sprintf("%s %s, %d points · %s %s, %d points",
		st.Good.Render("Done:"), plural(len(r.Done), "story", "stories"), r.DonePoints,
		st.Warning.Render("Not done:"), plural(len(r.NotDone), "story", "stories"), r.NotDonePoints), w))
	end := "Hours left at the end: "
	if r.Sprint.Status != sprint.StatusClosed {
		end = "Hours left now: "
	}
	out = append(out, common.Truncate(st.Subtle.Render(end)+common.Hours(r.RemainingHours)+st.Subtle.Render(" of "+common.Hours(r.TotalHours)+" estimated"), w))
	story := func(b backlog.Story) string {
		pts := "?"
		if b.Estimated() {
			pts = fmt.Sprint(b.Points)
		}
		right := st.Subtle.Render(pts + " pts")
		return common.Spread("  "+st.Ref.Render(b.Ref())+" "+common.Line(b.Title), right, w)
	}
	for _, part := range []struct {
		title   string
		stories []backlog.Story
		empty   string
	}{{"Done", r.Done, "nothing finished yet"}, {"Not done", r.NotDone, "everything committed is done"}} {
		out = append(out, "", st.Title.Render(part.title))
		if len(part.stories) == 0 {
			out = append(out, "  "+st.Subtle.Render(part.empty))
		}
		for _, b := range part.stories {
			out = append(out, story(b))
			out = append(out, checklistLines(st, b, s.c.Actor, 4, w)...)
		}
	}
	out = append(out, "", st.Title.Render("Stakeholder feedback")+st.Subtle.Render(fmt.Sprintf(" (%d)", len(r.Feedback))))
	if len(r.Feedback) == 0 {
		out = append(out, emptyState(st, "No feedback yet. Press f to record what a stakeholder said at the review; the lead can turn each item into a backlog story (s) or attach it to one (a).", w)...)
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
			where = " → new story " + backlog.StoryRef(f.Story)
		case f.Story != 0:
			where = " → on " + backlog.StoryRef(f.Story)
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
