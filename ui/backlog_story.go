package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// The Backlog screen's story form and detail view.

// pointChoices are the form's points: unestimated, then the scale.
func pointChoices() []string {
	out := []string{"?"}
	for _, p := range backlog.PointScale {
		out = append(out, strconv.Itoa(p))
	}
	return out
}

// Form field order.
const (
	fieldTitle = iota
	fieldDescription
	fieldAcceptance
	fieldPoints
	fieldValue
	fieldKR
	fieldLabels
)

// storyForm is the form that adds (id 0) or edits a story.
type storyForm struct {
	f        *form
	id       int
	orig     backlog.Story // the story being edited: its long text keeps its lines unless retyped
	krIDs    []int         // the key result of each choice of the KR field (0: none)
	returnTo backlogMode
}

func (s *backlogScreen) openForm(story backlog.Story) tea.Cmd {
	tr := s.c.Tr
	title := tr.T("backlog.form.new")
	if !s.role.CanLead() {
		title = tr.T("backlog.form.new_proposal")
	}
	if story.ID != 0 {
		title = tr.Tf("backlog.form.edit", "Ref", story.Ref())
	}
	points := "?"
	if story.Estimated() {
		points = strconv.Itoa(story.Points)
	}
	none := tr.T("backlog.form.none")
	krChoices, krIDs := []string{none}, []int{0}
	current := none
	for _, kr := range s.krs {
		c := backlog.KRRef(kr.ID) + " " + common.Line(kr.Name)
		krChoices, krIDs = append(krChoices, c), append(krIDs, kr.ID)
		if kr.ID == story.KeyResult {
			current = c
		}
	}
	if story.KeyResult != 0 && current == none {
		// A key result of another quarter stays chosen unless changed.
		current = backlog.KRRef(story.KeyResult) + tr.T("backlog.form.another_quarter")
		krChoices, krIDs = append(krChoices, current), append(krIDs, story.KeyResult)
	}
	f := newForm(s.c.Timers, title,
		fieldSpec{Label: tr.T("backlog.form.title"), Value: story.Title, Placeholder: tr.T("backlog.form.title_placeholder"), CharLimit: store.MaxTitle},
		fieldSpec{Label: tr.T("backlog.form.desc"), Value: story.Description, Placeholder: tr.T("backlog.form.desc_placeholder"), CharLimit: store.MaxText, Lines: 3,
			Hint: tr.T("page.form.newline")},
		fieldSpec{Label: tr.T("backlog.form.acceptance"), Value: story.Acceptance, Placeholder: tr.T("backlog.form.acceptance_placeholder"), CharLimit: store.MaxText, Lines: 4,
			Hint: newLineHint(*tr, tr.T("backlog.form.acceptance_hint"))},
		fieldSpec{Label: tr.T("backlog.form.points"), Value: points, Choices: pointChoices(), Hint: tr.T("backlog.form.points_hint")},
		fieldSpec{Label: tr.T("backlog.form.value"), Value: strconv.Itoa(story.Value), Hint: tr.T("backlog.form.value_hint"), CharLimit: 3},
		fieldSpec{Label: tr.T("backlog.form.key_result"), Value: current, Choices: krChoices, Hint: tr.T("backlog.form.key_result_hint")},
		fieldSpec{Label: tr.T("backlog.form.labels"), Value: strings.Join(story.Labels, ", "), Placeholder: tr.T("backlog.form.labels_placeholder"), Hint: tr.T("backlog.form.labels_hint")},
	)
	s.form = &storyForm{f: f, id: story.ID, orig: story, krIDs: krIDs, returnTo: s.mode}
	s.mode = modeForm
	return nil
}

func (s *backlogScreen) closeForm() {
	if s.form != nil {
		s.mode = s.form.returnTo
	}
	s.form = nil
	s.layout()
}

// updateForm handles a key while the form is open.
func (s *backlogScreen) updateForm(msg tea.KeyMsg) tea.Cmd {
	// The form's commands only blink the cursor; it stays solid instead, so
	// that no timer runs while a form is open.
	out, _ := s.form.f.Update(msg)
	switch out {
	case formCancelled:
		s.closeForm()
		return nil
	case formSubmitted:
		in, err := s.form.input()
		if err != nil {
			s.form.f.SetError(trErr(s.c.Tr, err))
			return nil
		}
		return s.saveStory(s.form.id, in)
	}
	return nil
}

// input reads the form into a store input, checking what the store cannot
// tell from a typed string (a value that is not a number).
func (f *storyForm) input() (store.StoryInput, error) {
	in := store.StoryInput{
		Title:       f.f.Value(fieldTitle),
		Description: f.f.Value(fieldDescription),
		Acceptance:  f.f.Value(fieldAcceptance),
		Labels:      []string{f.f.Value(fieldLabels)},
	}
	if strings.TrimSpace(in.Title) == "" {
		return in, fmt.Errorf("a story needs a title")
	}
	p, err := backlog.ParsePoints(f.f.Value(fieldPoints))
	if err != nil {
		return in, err
	}
	in.Points = p
	v, err := backlog.ParseValue(f.f.Value(fieldValue))
	if err != nil {
		return in, err
	}
	if v == 0 {
		return in, fmt.Errorf("value must be 1-100")
	}
	in.Value = v
	in.KeyResult = f.krIDs[f.f.fields[fieldKR].choice]
	return in, nil
}

// saveStory adds or edits in a command; the answer's Tag carries the story's
// ID so the list selects it.
func (s *backlogScreen) saveStory(id int, in store.StoryInput) tea.Cmd {
	st, actor, tr := s.c.Store, s.c.Actor, *s.c.Tr
	return func() tea.Msg {
		var story backlog.Story
		var err error
		done := "backlog.added"
		if id == 0 {
			story, err = st.AddStory(actor, in)
		} else {
			story, err = st.EditStory(actor, id, in)
			done = "backlog.saved"
		}
		if err != nil {
			return writeResultMsg{Tag: backlogTag + "save", Err: err}
		}
		if story.Status == backlog.StatusProposed {
			done = "backlog.proposed"
		}
		return writeResultMsg{Tag: backlogTag + "save:" + strconv.Itoa(story.ID), Done: tr.Tf(done, "What", story.Ref()+" "+story.Title)}
	}
}

// detailKeys are the keys of the story detail view.
type detailKeys struct {
	moveKeys
	Back, Edit, Delete       key.Binding
	Comment, Accept, Decline key.Binding // comments.go
	width                    int
	tr                       *i18n.Tr
}

func (k detailKeys) ShortHelp() []key.Binding {
	return fitShortHelp(k.tr, k.width, []key.Binding{combined("↑↓", "page.key.scroll", k.Up, k.Down), k.Back}, k.Comment, k.Accept, k.Decline, k.Edit, k.Delete)
}

func (k detailKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.moveKeys.all(), {k.Comment, k.Accept, k.Decline, k.Edit, k.Delete, k.Back}}
}

// storyDetailMsg carries everything about one story.
type storyDetailMsg struct {
	gen      int
	story    backlog.Story
	kr       backlog.KeyResult
	events   []store.Event
	comments []backlog.Comment // the story's and its tasks'
	err      error
}

// storyDetail shows everything about a story, with its history from the log.
type storyDetail struct {
	st     *common.Styles
	keys   detailKeys
	id     int
	gen    int
	data   storyDetailMsg
	loaded bool
	w, h   int
	body   scroller
	viewer string // whose mentions are highlighted
}

func newStoryDetail(st *common.Styles, viewer string) storyDetail {
	comment, accept, decline := newConversationKeys()
	return storyDetail{st: st, viewer: viewer, body: newScroller(st), keys: detailKeys{
		Comment: comment, Accept: accept, Decline: decline,
		moveKeys: newMoveKeys("scroll"),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "page.key.back")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "backlog.key.edit")),
		Delete:   key.NewBinding(key.WithKeys("d", "x"), key.WithHelp("d/x", "backlog.key.delete")),
	}}
}

// open shows a story at once from the list and loads the rest.
func (d *storyDetail) open(st *store.Store, story backlog.Story) tea.Cmd {
	d.data, d.loaded = storyDetailMsg{story: story}, false
	d.body.vp.GotoTop()
	d.relayout()
	return d.load(st, story.ID)
}

func (d *storyDetail) load(st *store.Store, id int) tea.Cmd {
	d.id = id
	d.gen++
	gen := d.gen
	return func() tea.Msg {
		msg := storyDetailMsg{gen: gen}
		if msg.story, msg.err = st.Story(id); msg.err != nil {
			return msg
		}
		if msg.story.KeyResult != 0 {
			msg.kr, _ = st.KeyResult(msg.story.KeyResult) // a removed one shows by its ID
		}
		if msg.events, msg.err = st.StoryHistory(id); msg.err != nil {
			return msg
		}
		msg.comments, msg.err = st.StoryThread(id)
		return msg
	}
}

func (d *storyDetail) take(msg storyDetailMsg) {
	if msg.gen != d.gen {
		return
	}
	d.data, d.loaded = msg, true
	d.relayout()
}

func (d *storyDetail) setSize(w, h int) {
	d.w, d.h = w, h
	d.keys.width = w
	d.relayout()
}

func (d *storyDetail) relayout() {
	if d.w == 0 {
		return
	}
	d.body.SetSize(d.w, d.h)
	d.body.SetLines(d.lines())
}

func (d *storyDetail) lines() []string {
	st, w, s := d.st, d.w, d.data.story
	tr := d.keys.tr
	if tr == nil {
		tr = &i18n.Tr{}
	}
	if d.data.err != nil {
		return errorLinesIn(tr, st, backlog.StoryRef(d.id), d.data.err, w)
	}
	var out []string
	title := common.Wrap(s.Ref()+"  "+s.Title, w, 3)
	for i, l := range title {
		if i == 0 {
			l = st.Ref.Render(s.Ref()) + titleMention(st, strings.TrimPrefix(l, s.Ref()), d.viewer)
		} else {
			l = titleMention(st, l, d.viewer)
		}
		out = append(out, l)
	}
	pts, vpp := tr.T("backlog.page.unestimated"), tr.T("backlog.page.no_vpp")
	if s.Estimated() {
		pts = tr.Tn("backlog.points", s.Points)
		vpp = tr.Tf("backlog.page.vpp", "V", common.Num(s.ValuePerPoint()))
	}
	facts := pts + " · " + tr.Tf("backlog.page.value", "V", s.Value) + " · " + vpp + " · " + storyStatus(tr, s)
	out = append(out, common.Truncate(st.Subtle.Render(facts), w))
	kr := tr.T("backlog.form.none")
	if s.KeyResult != 0 {
		kr = backlog.KRRef(s.KeyResult)
		if d.data.kr.ID == s.KeyResult {
			kr += " " + common.Line(d.data.kr.Name)
		} else if d.loaded {
			kr += tr.T("backlog.page.removed")
		}
	}
	krLabel, labelsLabel := tr.T("backlog.form.key_result"), tr.T("backlog.form.labels")
	labelW := max(common.Width(krLabel), common.Width(labelsLabel)) + 2
	out = append(out, common.Truncate(common.Pad(krLabel, labelW)+kr, w))
	labels := tr.T("backlog.form.none")
	if len(s.Labels) > 0 {
		labels = st.Label.Render(strings.Join(s.Labels, ", "))
	}
	out = append(out, common.Truncate(common.Pad(labelsLabel, labelW)+labels, w))
	if !s.Created.IsZero() {
		out = append(out, common.Truncate(st.Subtle.Render(tr.Tf("backlog.page.added_changed", "Added", s.Created.Format("2006-01-02"), "Changed", s.Updated.Format("2006-01-02 15:04"))), w))
	}
	section := func(name, text, none string) {
		out = append(out, "", st.Title.Render(name))
		if strings.TrimSpace(text) == "" {
			out = append(out, "  "+st.Subtle.Render(none))
			return
		}
		for _, l := range common.Wrap(text, w-2, 0) {
			out = append(out, "  "+highlightMention(st, l, d.viewer))
		}
	}
	section(tr.T("backlog.form.desc"), s.Description, tr.T("backlog.page.no_description"))
	if items := backlog.AcceptanceItems(s.Acceptance); len(items) > 0 {
		t, all := s.CheckedCount()
		out = append(out, "", st.Title.Render(tr.T("backlog.page.acceptance"))+st.Subtle.Render(tr.Tf("backlog.page.ticked", "Ticked", t, "All", all)))
		out = append(out, checklistLines(st, s, d.viewer, 2, w)...)
	} else {
		section(tr.T("backlog.page.acceptance"), "", tr.T("backlog.page.no_acceptance"))
	}
	if s.ProposedBy != "" {
		line := tr.Tf("backlog.page.proposed_by", "Who", s.ProposedBy)
		if s.Status == backlog.StatusDeclined {
			line += tr.Tf("backlog.page.declined", "Reason", s.Declined)
		}
		out = append(out, "", common.Truncate(st.Warning.Render(line), w))
	}
	out = append(out, "", st.Title.Render(tr.T("page.comment.comments")))
	if len(d.data.comments) == 0 {
		out = append(out, "  "+st.Subtle.Render(tr.T("page.comment.none_add")))
	}
	out = append(out, commentLines(tr, st, d.data.comments, d.viewer, w)...)
	out = append(out, "", st.Title.Render(tr.T("page.history")))
	switch {
	case !d.loaded:
		out = append(out, "  "+st.Subtle.Render(tr.T("page.loading")))
	case len(d.data.events) == 0:
		out = append(out, "  "+st.Subtle.Render(tr.T("backlog.page.no_log")))
	}
	for i := len(d.data.events) - 1; i >= 0; i-- { // newest first
		e := d.data.events[i]
		when := e.At.Format("2006-01-02 15:04")
		for j, l := range common.Wrap(common.Line(tr.Event(e.Text)), max(w-2-len(when)-2, 10), 2) {
			if j == 0 {
				out = append(out, common.Truncate("  "+st.Subtle.Render(when)+"  "+l, w))
			} else {
				out = append(out, common.Truncate("  "+strings.Repeat(" ", len(when))+"  "+l, w))
			}
		}
	}
	return out
}

func (d *storyDetail) View() string { return d.body.View() }

// updateDetail handles a key in the detail view.
func (s *backlogScreen) updateDetail(msg tea.KeyMsg) tea.Cmd {
	k := s.detail.keys
	story := s.detail.data.story
	switch {
	case key.Matches(msg, k.Back):
		s.mode = modeList
		s.layout()
		return nil
	case story.ID == 0 || s.detail.data.err != nil:
	case key.Matches(msg, k.Edit):
		return s.lead("edit stories", func() tea.Cmd { return s.openForm(story) })
	case key.Matches(msg, k.Delete):
		return s.lead("delete stories", func() tea.Cmd { return s.askDelete(story) })
	case key.Matches(msg, k.Comment):
		if !s.role.CanWrite() {
			err := backlog.Forbidden(s.c.Actor, s.role, "comment", backlog.RoleMember)
			return func() tea.Msg { return writeResultMsg{Tag: backlogTag + "refused", Err: err} }
		}
		return s.openNote(noteComment, story)
	case key.Matches(msg, k.Accept):
		return s.lead("accept proposed stories", func() tea.Cmd { return s.accept(story) })
	case key.Matches(msg, k.Decline):
		return s.lead("decline proposed stories", func() tea.Cmd { return s.openNote(noteDecline, story) })
	}
	s.detail.body.Handle(k.moveKeys, msg)
	return nil
}
