package ui

import (
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/ui/common"
)

// Acceptance criteria as a checklist: the story page and the review show
// each criterion ticked or not; at the review the lead presses c to tick one
// (or take a tick back) through a two-field form: which story, which
// criterion.

// checklistLines draws a story's criteria, "[x] 2. text", wrapped to w by
// display width, with @viewer highlighted.
func checklistLines(st *common.Styles, s backlog.Story, viewer string, indent, w int) []string {
	var out []string
	pad := strings.Repeat(" ", indent)
	for i, item := range backlog.AcceptanceItems(s.Acceptance) {
		box := "[ ]"
		if s.IsChecked(i + 1) {
			box = st.Good.Render("[x]")
		}
		head := fmt.Sprintf("%d. ", i+1)
		for j, l := range common.Wrap(item, max(w-indent-4-len(head), 10), 0) {
			l = highlightMention(st, l, viewer)
			if j == 0 {
				out = append(out, pad+box+" "+head+l)
			} else {
				out = append(out, pad+strings.Repeat(" ", 4+len(head))+l)
			}
		}
	}
	return out
}

// checkable are the review's stories that have acceptance criteria.
func (s *retroScreen) checkable() []backlog.Story {
	var out []backlog.Story
	for _, st := range append(append([]backlog.Story{}, s.data.review.Done...), s.data.review.NotDone...) {
		if len(backlog.AcceptanceItems(st.Acceptance)) > 0 {
			out = append(out, st)
		}
	}
	return out
}

// criterionChoices are the choices of the criterion field for a story, and
// the first one not ticked yet.
func criterionChoices(s backlog.Story) (choices []string, first int) {
	first = -1
	for i, item := range backlog.AcceptanceItems(s.Acceptance) {
		box := "[ ]"
		if s.IsChecked(i + 1) {
			box = "[x]"
		} else if first < 0 {
			first = i
		}
		choices = append(choices, fmt.Sprintf("%d %s %s", i+1, box, common.Truncate(common.Line(item), 50)))
	}
	return choices, max(first, 0)
}

// openCheck opens the form that ticks a criterion.
func (s *retroScreen) openCheck() tea.Cmd {
	stories := s.checkable()
	if len(stories) == 0 {
		return func() tea.Msg {
			return writeResultMsg{Tag: "retro:check", Err: errors.New(s.c.Tr.Tf("retro.check.none", "Sprint", s.data.sprint.Ref()))}
		}
	}
	var names []string
	for _, st := range stories {
		t, all := st.CheckedCount()
		names = append(names, fmt.Sprintf("%s %s (%d/%d)", st.Ref(), common.Truncate(common.Line(st.Title), 40), t, all))
	}
	items, first := criterionChoices(stories[0])
	tr := s.c.Tr
	f := newForm(s.c.Timers, tr.Tf("retro.check.title", "Sprint", s.data.sprint.Ref()),
		fieldSpec{Label: tr.T("retro.check.story"), Value: names[0], Choices: names, Hint: tr.T("retro.check.story_hint")},
		fieldSpec{Label: tr.T("retro.check.criterion"), Value: items[first], Choices: items, Hint: tr.T("retro.check.criterion_hint")})
	// The criteria follow the story chosen.
	f.onChoose = func(f *form, field int) {
		if field != 0 {
			return
		}
		items, first := criterionChoices(stories[f.fields[0].choice])
		f.fields[1].spec.Choices, f.fields[1].choice = items, first
	}
	f.focusField(1)
	s.openForm("check", 0, f)
	s.checkStories = stories
	return nil
}

// submitCheck ticks (or unticks) the chosen criterion.
func (s *retroScreen) submitCheck() tea.Cmd {
	f := s.form
	story := s.checkStories[f.fields[0].choice]
	n := f.fields[1].choice + 1
	on := !story.IsChecked(n)
	st, actor, tr := s.c.Store, s.c.Actor, *s.c.Tr
	return writeCmd("retro:check", func() (string, error) {
		got, err := st.CheckAcceptance(actor, story.ID, n, on)
		if err != nil {
			return "", err
		}
		id := "retro.check.ticked"
		if !on {
			id = "retro.check.unticked"
		}
		t, all := got.CheckedCount()
		return tr.Tf(id, "N", n, "Story", got.Ref(), "Ticked", t, "All", all), nil
	})
}
