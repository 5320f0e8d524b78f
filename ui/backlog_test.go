package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/store"
)

// backlogOf is the backlog screen of a model.
func backlogOf(m *Model) *backlogScreen { return m.screens[screenBacklog].(*backlogScreen) }

// typeText types text into whatever has the keyboard, one key per rune.
func typeText(t *testing.T, m *Model, text string) {
	t.Helper()
	for _, r := range text {
		send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func clearField(t *testing.T, m *Model) {
	t.Helper()
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlU})
}

func rankTitles(t *testing.T, st *store.Store) []string {
	t.Helper()
	var out []string
	for _, s := range must[[]backlog.Story](t)(st.Stories(0)) {
		out = append(out, s.Title)
	}
	return out
}

func TestBacklogFormAddsAndEditsAStory(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	q := backlog.QuarterOf(testNow())
	objs := must[[]store.ObjectiveWithKRs](t)(st.Objectives(q))
	kr := objs[0].KeyResults[0]
	m := newModel(t, st, "alice", 80, 24)
	b := backlogOf(m)
	n := len(b.stories)

	press(t, m, "n")
	if !b.Capturing() || b.mode != modeForm || !strings.Contains(m.View(), "New story") {
		t.Fatalf("n did not open the form:\n%s", m.View())
	}
	// While the form is open, q and digits are text.
	typeText(t, m, "q2 新用户引导")
	press(t, m, "enter")
	typeText(t, m, "As a new user I want a guide")
	press(t, m, "enter", "enter")                   // acceptance left empty
	press(t, m, "right", "right", "right", "right") // ? -> 0 -> 1 -> 2 -> 3
	press(t, m, "enter")
	clearField(t, m)
	typeText(t, m, "500")
	press(t, m, "enter", "right", "enter") // the first key result
	typeText(t, m, "Growth, UX")
	press(t, m, "enter") // submit on the last field
	if b.mode != modeForm || !strings.Contains(m.View(), "value must be 1-100, not 500") {
		t.Fatalf("a bad value did not keep the form open with a message:\n%s", m.View())
	}
	if len(must[[]backlog.Story](t)(st.Stories(0))) != n {
		t.Fatal("a bad value wrote a story")
	}
	press(t, m, "up", "up") // back to Value
	clearField(t, m)
	typeText(t, m, "70")
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlS})
	if b.mode != modeList || len(b.stories) != n+1 {
		t.Fatalf("save did not close the form and reload: mode %v, %d stories", b.mode, len(b.stories))
	}
	added := b.stories[n]
	if added.Title != "q2 新用户引导" || added.Points != 3 || added.Value != 70 || added.KeyResult != kr.ID ||
		strings.Join(added.Labels, ",") != "growth,ux" || added.Description != "As a new user I want a guide" {
		t.Fatalf("added %+v", added)
	}
	if sel, _ := b.Selected(); sel.ID != added.ID || !strings.Contains(m.View(), "> "+added.Ref()) {
		t.Fatalf("the new story is not selected and shown:\n%s", m.View())
	}
	if !strings.Contains(m.status, "added "+added.Ref()) {
		t.Fatalf("status %q", m.status)
	}

	// Edit: the form starts with the story's values; esc cancels, nothing changes.
	press(t, m, "e")
	if b.form == nil || b.form.f.Value(fieldTitle) != added.Title || b.form.f.Value(fieldPoints) != "3" || b.form.f.Value(fieldKR) != backlog.KRRef(kr.ID)+" "+kr.Name {
		t.Fatalf("edit form: %+v", b.form)
	}
	press(t, m, "esc")
	if b.mode != modeList {
		t.Fatal("esc did not close the form")
	}
	must[backlog.Story](t)(st.EditStory("alice", added.ID, store.StoryInput{Title: added.Title, Points: 3, Value: 70,
		Description: "line one\nline two", KeyResult: kr.ID, Labels: added.Labels}))
	run(t, m, b.Load())                                  // what the store event does in the running program
	press(t, m, "e", "enter", "enter", "enter", "right") // points 3 -> 5
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlS})
	if got := must[backlog.Story](t)(st.Story(added.ID)); got.Points != 5 || got.Title != added.Title || got.Description != "line one\nline two" {
		t.Fatalf("edited %+v", got)
	}
	// An emptied title is refused in the form.
	press(t, m, "e")
	clearField(t, m)
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlS})
	if b.mode != modeForm || !strings.Contains(m.View(), "needs a title") {
		t.Fatalf("empty title:\n%s", m.View())
	}
	press(t, m, "esc")
}

func TestBacklogMoveKeysWriteOneStory(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 80, 24)
	b := backlogOf(m)
	before := rankTitles(t, st)
	press(t, m, "j", "j", "j") // S-5
	third := b.stories[b.shown[b.sel]]
	press(t, m, "K")
	after := rankTitles(t, st)
	if after[2] != third.Title || after[3] != before[2] {
		t.Fatalf("K did not move %s up one place: %v", third.Ref(), after[:5])
	}
	if sel, _ := b.Selected(); sel.ID != third.ID {
		t.Fatal("the selection did not follow the moved story")
	}
	press(t, m, "t")
	if rankTitles(t, st)[0] != third.Title || b.sel != 0 {
		t.Fatal("t did not move it to the top")
	}
	press(t, m, "b")
	if titles := rankTitles(t, st); titles[len(titles)-1] != third.Title || b.sel != len(b.shown)-1 {
		t.Fatal("b did not move it to the bottom")
	}
	press(t, m, "J") // already at the bottom: nothing changes
	press(t, m, "g")
	send(t, m, tea.KeyMsg{Type: tea.KeyShiftDown})
	if rankTitles(t, st)[1] != before[0] {
		t.Fatal("shift+down did not move the first story down")
	}
	// Members cannot reorder: the status line says so and nothing changes.
	mb := newModel(t, st, "bob", 80, 24)
	order := rankTitles(t, st)
	press(t, mb, "j", "t")
	if !strings.Contains(mb.View(), "only a lead can reorder the backlog") || strings.Join(rankTitles(t, st), "|") != strings.Join(order, "|") {
		t.Fatalf("member reorder:\n%s", mb.View())
	}
	// A member's n proposes a story: it lands at the bottom, marked.
	press(t, mb, "n")
	if backlogOf(mb).mode != modeForm || !strings.Contains(mb.View(), "New proposal") {
		t.Fatalf("member n:\n%s", mb.View())
	}
	typeText(t, mb, "Bob's idea")
	press(t, mb, "ctrl+s")
	all := must[[]backlog.Story](t)(st.Stories(0))
	if last := all[len(all)-1]; last.Title != "Bob's idea" || last.Status != backlog.StatusProposed {
		t.Fatalf("bottom of the backlog %+v", last)
	}
	if !strings.Contains(mb.View(), "proposed S-") {
		t.Fatalf("no word of the proposal:\n%s", mb.View())
	}
}

func TestBacklogDeleteAsksFirst(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 80, 24)
	b := backlogOf(m)
	n := len(b.stories)
	press(t, m, "j", "j", "j", "j") // S-6, in the backlog
	victim, _ := b.Selected()
	press(t, m, "d")
	if !b.Capturing() || !strings.Contains(m.View(), "Delete "+victim.Ref()) {
		t.Fatalf("d did not ask:\n%s", m.View())
	}
	press(t, m, "n")
	if len(must[[]backlog.Story](t)(st.Stories(0))) != n {
		t.Fatal("n deleted")
	}
	press(t, m, "x", "y")
	if len(b.stories) != n-1 || !strings.Contains(m.status, "deleted "+victim.Ref()) {
		t.Fatalf("y did not delete: %d stories, status %q", len(b.stories), m.status)
	}
	if evs := must[[]store.Event](t)(st.StoryHistory(victim.ID)); evs[len(evs)-1].Kind != store.EventStoryDeleted {
		t.Fatal("the log does not keep the deletion")
	}
	// A story in a sprint cannot be deleted: the reason shows, nothing changes.
	press(t, m, "g", "j", "d", "y")
	if len(b.stories) != n-1 || !strings.Contains(m.View(), "take it out of the sprint first") {
		t.Fatalf("deleting a planned story:\n%s", m.View())
	}
}

func TestBacklogDetailShowsHistory(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 80, 24)
	b := backlogOf(m)
	press(t, m, "j", "j") // S-4, the CJK story in sprint 2
	story, _ := b.Selected()
	must[backlog.Story](t)(st.EditStory("alice", story.ID, store.StoryInput{Title: story.Title, Points: 13, Value: 90, Description: "引导流程分三步。\nSecond line.", Labels: story.Labels}))
	press(t, m, "enter")
	v := m.View()
	assertFits(t, v, 80, 24)
	press(t, m, "G")
	assertFits(t, m.View(), 80, 24)
	v += m.View()
	for _, want := range []string{story.Ref(), "13 points", "Description", "引导流程分三步", "History", "alice added " + story.Ref(), "alice edited " + story.Ref()} {
		if !strings.Contains(v, want) {
			t.Errorf("detail view lacks %q:\n%s", want, v)
		}
	}
	press(t, m, "esc")
	if b.mode != modeList {
		t.Fatal("esc did not go back")
	}
}

func TestBacklogValuePerPointViewAndApply(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	for _, in := range []store.StoryInput{
		{Title: "Big", Points: 8, Value: 40},                       // 5
		{Title: "Cheap", Points: 1, Value: 30},                     // 30
		{Title: "Unknown", Points: backlog.Unestimated, Value: 10}, // none: last, never moved
	} {
		must[backlog.Story](t)(st.AddStory("alice", in))
	}
	m := newModel(t, st, "alice", 80, 24)
	b := backlogOf(m)
	press(t, m, "v")
	var shown []string
	for _, i := range b.shown {
		shown = append(shown, b.stories[i].Title)
	}
	if strings.Join(shown, ",") != "Cheap,Big,Unknown" || !strings.Contains(m.View(), "Val/pt") {
		t.Fatalf("value view %v:\n%s", shown, m.View())
	}
	if strings.Join(rankTitles(t, st), ",") != "Big,Cheap,Unknown" {
		t.Fatal("the view changed the rank")
	}
	press(t, m, "K")
	if !strings.Contains(m.View(), "press v for rank order") {
		t.Fatalf("moving in the value view:\n%s", m.View())
	}
	press(t, m, "A")
	if !strings.Contains(m.View(), "Reorder by value per point? 2 stories change place; unestimated ones stay.") {
		t.Fatalf("A did not ask:\n%s", m.View())
	}
	press(t, m, "n")
	if strings.Join(rankTitles(t, st), ",") != "Big,Cheap,Unknown" {
		t.Fatal("n applied the order")
	}
	press(t, m, "A", "y")
	if got := strings.Join(rankTitles(t, st), ","); got != "Cheap,Big,Unknown" {
		t.Fatalf("applied order %s", got)
	}
	if b.order != orderRank || !strings.Contains(m.status, "ordered by value per point") {
		t.Fatalf("after apply: order %v status %q", b.order, m.status)
	}
}

func TestBacklogFormAndDetailFitWithCJK(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}, {60, 20}, {40, 12}} {
		w, h := size[0], size[1]
		m := newModel(t, st, "alice", w, h)
		press(t, m, "j", "j", "e")
		assertFits(t, m.View(), w, h)
		press(t, m, "esc", "enter")
		assertFits(t, m.View(), w, h)
		press(t, m, "G", "?")
		assertFits(t, m.View(), w, h)
		press(t, m, "?", "esc", "v", "A")
		assertFits(t, m.View(), w, h)
		press(t, m, "n")
	}
}

func TestGoldenBacklogFormAndDetail(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		for _, tc := range []struct {
			name string
			keys []string
		}{
			{"backlog_form", []string{"j", "j", "e", "enter", "enter", "enter"}},
			{"backlog_detail", []string{"j", "j", "enter"}},
			{"backlog_value", []string{"v"}},
			{"backlog_confirm", []string{"j", "j", "j", "j", "d"}},
		} {
			t.Run(fmt.Sprintf("%s_%dx%d", tc.name, w, h), func(t *testing.T) {
				m := newModel(t, st, "alice", w, h)
				press(t, m, tc.keys...)
				assertGolden(t, fmt.Sprintf("%s_%dx%d", tc.name, w, h), m.View(), w, h)
			})
		}
	}
}

func TestBacklogMemberFooterAndStatusColumn(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "bob", 120, 40)
	v := m.View()
	footer := lineWith(v, "? all keys")
	if !strings.Contains(footer, "n new") || strings.Contains(footer, "reorder") || !strings.Contains(footer, "enter open") {
		t.Fatalf("a member's footer offers lead keys: %q", footer)
	}
	press(t, m, "/")
	typeText(t, m, "ssh")
	if row := lineWith(m.View(), "SSH server with per-key identity"); !strings.HasSuffix(strings.TrimRight(row, " "), "backlog") {
		t.Fatalf("the status column is cut: %q", row)
	}
	ma := newModel(t, st, "alice", 120, 40)
	if footer := lineWith(ma.View(), "? all keys"); !strings.Contains(footer, "n new") || !strings.Contains(footer, "reorder") {
		t.Fatalf("the lead's footer: %q", footer)
	}
}
