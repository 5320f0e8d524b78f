package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
)

// Mentions: the header says "2 new mentions (@)" while comments naming you
// are newer than the last time you looked; @ on any screen lists every comment
// that mentions you, newest first, on a page (esc back), and marks them seen.
// An @handle written into a story's title, description or acceptance
// criteria, or a task's title, is listed the same way (the store records it
// when the text is written), and highlighted for you wherever you read it.

// mentionsMsg carries the viewer's mentions, to show on a page.
type mentionsMsg struct {
	m   store.Mentions
	err error
}

// openMentions reads the viewer's mentions.
func (m *Model) openMentions() tea.Cmd {
	st, actor := m.c.Store, m.c.Actor
	return func() tea.Msg {
		ms, err := st.MentionsOf(actor)
		return mentionsMsg{ms, err}
	}
}

// showMentions opens the page of mentions and marks them seen.
func (m *Model) showMentions(msg mentionsMsg) tea.Cmd {
	if msg.err != nil {
		return m.setStatus(msg.err.Error(), true)
	}
	var fields []detailField
	for i, c := range msg.m.Comments {
		where := backlog.StoryRef(c.Story)
		if c.Task != 0 {
			where = sprint.TaskRef(c.Task)
		}
		label := fmt.Sprintf("%s %s", c.Author, where)
		if c.In != "" {
			label += " " + mentionIn(c.In)
		}
		if i < msg.m.New {
			label = "new " + label
		}
		fields = append(fields, detailField{label, c.At.Format("Jan 2 15:04") + "  " + c.Text})
	}
	if len(fields) == 0 {
		fields = []detailField{{"", "Nobody has mentioned you yet. Anyone who writes @" + m.c.Actor + " in a comment, a story or a task is listed here."}}
	}
	gen := 1
	if m.detail != nil {
		gen = m.detail.gen + 1
	}
	m.detail = &openDetail{page: detailPage{title: "Where you are mentioned (@" + m.c.Actor + ")", fields: fields}, gen: gen, body: newScroller(m.c.Styles)}
	if msg.m.New == 0 || !m.header.member.Role.CanWrite() {
		return nil
	}
	st, actor := m.c.Store, m.c.Actor
	return func() tea.Msg {
		if err := st.MarkMentionsSeen(actor); err != nil {
			return writeResultMsg{Tag: "mentions", Err: err}
		}
		return nil
	}
}

// mentionsNote is the header's note of new mentions, "" when none.
func (m *Model) mentionsNote() string {
	if m.header.mentions == 0 {
		return ""
	}
	return m.c.Styles.Warning.Render(common.Plural(m.header.mentions, "new mention", "new mentions") + " (@)")
}

// mentionIn says which text a mention outside a comment is in.
func mentionIn(in string) string {
	if in == "task" {
		return "title"
	}
	return in
}

// titleMention renders a title line with @viewer highlighted in it.
func titleMention(st *common.Styles, l, viewer string) string {
	return markMentions(st, l, viewer, func(s string) string { return st.Title.Render(s) })
}
