package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"
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
		return m.setStatus(m.c.Tr.Err(msg.err), true)
	}
	tr := m.c.Tr
	var fields []detailField
	for i, c := range msg.m.Comments {
		where := backlog.StoryRef(c.Story)
		if c.Task != 0 {
			where = sprint.TaskRef(c.Task)
		}
		label := c.Author + " " + where
		if c.In != "" {
			label += " " + mentionIn(tr, c.In)
		}
		if i < msg.m.New {
			label = tr.Tf("page.mentions.new", "Label", label)
		}
		fields = append(fields, detailField{label, tr.DateTime(c.At) + "  " + c.Text})
	}
	if len(fields) == 0 {
		fields = []detailField{{"", tr.Tf("page.mentions.none", "Who", m.c.Actor)}}
	}
	gen := 1
	if m.detail != nil {
		gen = m.detail.gen + 1
	}
	m.detail = &openDetail{page: detailPage{title: tr.Tf("page.mentions.title", "Who", m.c.Actor), fields: fields}, gen: gen, body: newScroller(m.c.Styles)}
	m.detail.body.tr = tr
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
	return m.c.Styles.Warning.Render(m.c.Tr.Tn("page.mentions.note", m.header.mentions))
}

// mentionIn says which text a mention outside a comment is in: a story's
// title, description or acceptance criteria, or a task's title.
func mentionIn(tr *i18n.Tr, in string) string {
	switch in {
	case "task", "title":
		return tr.T("page.mentions.in_title")
	case "description":
		return tr.T("page.mentions.in_description")
	case "acceptance":
		return tr.T("page.mentions.in_acceptance")
	}
	return in
}

// titleMention renders a title line with @viewer highlighted in it.
func titleMention(st *common.Styles, l, viewer string) string {
	return markMentions(st, l, viewer, func(s string) string { return st.Title.Render(s) })
}
