package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// The Backlog's story page takes part in the conversation: C comments on the
// story (members and the lead), and on a member's proposal the lead presses
// a to accept it or D to decline it with a reason. Both open a one-field form.

// noteKind is what the one-field form writes.
type noteKind int

const (
	noteComment noteKind = iota
	noteDecline
)

// noteForm is the open one-field form of the story page.
type noteForm struct {
	f     *form
	kind  noteKind
	story backlog.Story
}

func (s *backlogScreen) openNote(kind noteKind, story backlog.Story) tea.Cmd {
	tr := s.c.Tr
	spec := commentSpec(tr)
	title := tr.Tf("page.comment.on", "What", story.Ref()+" "+common.Line(story.Title))
	if kind == noteDecline {
		spec = fieldSpec{Label: tr.T("page.comment.reason"), Placeholder: tr.T("page.comment.reason_placeholder"), Hint: tr.T("page.comment.reason_hint")}
		title = tr.Tf("page.comment.decline", "What", story.Ref()+" "+common.Line(story.Title))
	}
	s.note = &noteForm{f: newForm(s.c.Timers, title, spec), kind: kind, story: story}
	return nil
}

// updateNote handles a key while the one-field form is open.
func (s *backlogScreen) updateNote(msg tea.KeyMsg) tea.Cmd {
	out, _ := s.note.f.Update(msg)
	switch out {
	case formCancelled:
		s.note = nil
	case formSubmitted:
		n, st, actor, tr := s.note, s.c.Store, s.c.Actor, *s.c.Tr
		text := n.f.Value(0)
		if n.kind == noteDecline {
			return writeCmd(backlogTag+"note", func() (string, error) {
				d, err := st.DeclineStory(actor, n.story.ID, text)
				if err != nil {
					return "", err
				}
				return tr.Tf("page.comment.declined", "Ref", d.Ref(), "Title", d.Title, "Reason", d.Declined), nil
			})
		}
		return writeCmd(backlogTag+"note", func() (string, error) {
			c, err := st.AddStoryComment(actor, n.story.ID, text)
			return commentedText(tr, n.story.Ref(), c), err
		})
	}
	return nil
}

// accept takes the proposal on the story page into the backlog.
func (s *backlogScreen) accept(story backlog.Story) tea.Cmd {
	st, actor, tr := s.c.Store, s.c.Actor, *s.c.Tr
	return writeCmd(backlogTag+"accept", func() (string, error) {
		a, err := st.AcceptStory(actor, story.ID)
		if err != nil {
			return "", err
		}
		return tr.Tf("page.comment.accepted", "Ref", a.Ref(), "Title", a.Title, "Who", a.ProposedBy), nil
	})
}

// commentLines draws a conversation: author, time and where, then the text,
// with @viewer highlighted.
func commentLines(tr *i18n.Tr, st *common.Styles, cs []backlog.Comment, viewer string, w int) []string {
	var out []string
	for _, c := range cs {
		head := c.Author + "  " + c.At.Format("2006-01-02 15:04")
		if c.Task != 0 {
			head += "  " + tr.Tf("page.comment.on_task", "Ref", sprint.TaskRef(c.Task))
		}
		out = append(out, common.Truncate("  "+st.Subtle.Render(head), w))
		for _, para := range strings.Split(c.Text, "\n") {
			for _, l := range common.Wrap(para, max(w-4, 10), 0) {
				out = append(out, "    "+highlightMention(st, l, viewer))
			}
		}
	}
	return out
}

// highlightMention shows "@viewer" in line so its reader notices it.
func highlightMention(st *common.Styles, line, viewer string) string {
	return markMentions(st, line, viewer, func(s string) string { return s })
}

// markMentions renders line with each "@viewer" in it highlighted and the
// rest drawn by plain.
func markMentions(st *common.Styles, line, viewer string, plain func(string) string) string {
	spans := backlog.MentionSpans(line, viewer)
	if len(spans) == 0 {
		return plain(line)
	}
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		b.WriteString(plain(line[at:sp[0]]))
		b.WriteString(st.Warning.Render(line[sp[0]:sp[1]]))
		at = sp[1]
	}
	b.WriteString(plain(line[at:]))
	return b.String()
}

// storyPageKeys are the story page's conversation and proposal keys, for
// this viewer and story.
func (s *backlogScreen) storyPageKeys(k detailKeys, story backlog.Story) detailKeys {
	k.Comment.SetEnabled(s.role.CanWrite() && story.Status != backlog.StatusDeleted)
	proposal := s.role.CanLead() && story.Status == backlog.StatusProposed
	k.Accept.SetEnabled(proposal)
	k.Decline.SetEnabled(proposal)
	return k
}

func newConversationKeys() (comment, accept, decline key.Binding) {
	return key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "page.key.comment")),
		key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "page.key.accept")),
		key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "page.key.decline"))
}

// pageTalk is the conversation of a detail page (a task's): its comments and
// how to add one.
type pageTalk struct {
	load   func() ([]backlog.Comment, error)
	add    func(text string) (string, error) // the status line on success
	canAdd error                             // nil, or why the viewer may not comment
}

// pageTalkState is what an open page holds of its conversation.
type pageTalkState struct {
	comments []backlog.Comment
	err      error
	loaded   bool
	form     *form // the comment being typed, nil when none
}

// pageTalkMsg carries a page's comments.
type pageTalkMsg struct {
	gen      int
	comments []backlog.Comment
	err      error
}

// pageTalkTag is the Tag of a comment written from a detail page.
const pageTalkTag = "page:comment"

// loadPageTalk reads the open page's comments (nil when it has none).
func (m *Model) loadPageTalk() tea.Cmd {
	if m.detail == nil || m.detail.page.talk == nil {
		return nil
	}
	gen, load := m.detail.gen, m.detail.page.talk.load
	return func() tea.Msg {
		cs, err := load()
		return pageTalkMsg{gen: gen, comments: cs, err: err}
	}
}

func (m *Model) takePageTalk(msg pageTalkMsg) {
	if m.detail == nil || m.detail.gen != msg.gen {
		return
	}
	t := &m.detail.talked
	t.comments, t.err, t.loaded = msg.comments, msg.err, true
	m.viewGen++
}

// pageTalkKey handles C on a page with a conversation, and every key while
// a comment is being typed.
func (m *Model) pageTalkKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	d := m.detail
	if d.page.talk == nil {
		return nil, false
	}
	if f := d.talked.form; f != nil {
		switch out, _ := f.Update(msg); out {
		case formCancelled:
			d.talked.form = nil
		case formSubmitted:
			add, text := d.page.talk.add, f.Value(0)
			return writeCmd(pageTalkTag, func() (string, error) { return add(text) }), true
		}
		return nil, true
	}
	if msg.String() != "C" {
		return nil, false
	}
	if err := d.page.talk.canAdd; err != nil {
		return func() tea.Msg { return writeResultMsg{Tag: pageTalkTag, Err: err} }, true
	}
	d.talked.form = newForm(m.c.Timers, m.c.Tr.Tf("page.comment.on", "What", d.page.title), commentSpec(m.c.Tr))
	return nil, true
}

// pageTalkDone closes the comment form once its write worked (the store's
// event reloads the comments), or shows why not in it.
func (m *Model) pageTalkDone(r writeResultMsg) tea.Cmd {
	if r.Tag != pageTalkTag || m.detail == nil || m.detail.talked.form == nil {
		return nil
	}
	if r.Err != nil {
		m.detail.talked.form.SetError(r.Err)
		return nil
	}
	m.detail.talked.form = nil
	return m.loadPageTalk()
}

// talkFormLines is the comment form over the page, when one is open.
func (m *Model) talkFormLines(w int) []string {
	if f := m.detail.talked.form; f != nil {
		return append(strings.Split(f.View(m.c.Styles, w), "\n"), "")
	}
	return nil
}

// talkLines is the page's Comments section.
func (m *Model) talkLines(w int) []string {
	st, t, tr := m.c.Styles, m.detail.talked, m.c.Tr
	out := []string{"", st.Title.Render(tr.T("page.comment.comments"))}
	switch {
	case t.err != nil:
		return append(out, st.Error.Render(common.Truncate(tr.Err(t.err), w)))
	case !t.loaded:
		return append(out, st.Subtle.Render(tr.T("page.reading")))
	case len(t.comments) == 0:
		hint := tr.T("page.comment.none_add")
		if m.detail.page.talk.canAdd != nil {
			hint = tr.T("page.comment.none")
		}
		return append(out, "  "+st.Subtle.Render(hint))
	}
	return append(out, commentLines(tr, st, t.comments, m.c.Actor, w)...)
}

// taskTalk is a task's conversation on its detail page.
func taskTalk(c common.Common, role backlog.Role, task sprint.Task) *pageTalk {
	st, actor, tr := c.Store, c.Actor, *c.Tr
	var canAdd error
	if !role.CanWrite() {
		canAdd = backlog.Forbidden(actor, role, "comment", backlog.RoleMember)
	}
	return &pageTalk{
		load: func() ([]backlog.Comment, error) { return st.TaskComments(task.ID) },
		add: func(text string) (string, error) {
			cm, err := st.AddTaskComment(actor, task.ID, text)
			return commentedText(tr, task.Ref(), cm), err
		},
		canAdd: canAdd,
	}
}

// commentKeyFor is C as a page offers it: to members and the lead.
func commentKeyFor(role backlog.Role) key.Binding {
	c, _, _ := newConversationKeys()
	c.SetEnabled(role.CanWrite())
	return c
}

// commentedText is the status line of a comment written on ref.
func commentedText(tr i18n.Tr, ref string, c backlog.Comment) string {
	if len(c.Mentions) > 0 {
		return tr.Tf("page.comment.commented_mentions", "Ref", ref, "Who", strings.Join(c.Mentions, ", "))
	}
	return tr.Tf("page.comment.commented", "Ref", ref)
}

// commentSpec is the comment field of a comment form.
func commentSpec(tr *i18n.Tr) fieldSpec {
	return fieldSpec{Label: tr.T("page.comment.label"), Placeholder: tr.T("page.comment.placeholder"), CharLimit: backlog.MaxComment,
		Hint: tr.T("page.comment.hint")}
}
