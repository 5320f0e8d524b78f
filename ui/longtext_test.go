package ui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

// A story's description and acceptance criteria are typed over several
// lines, pasted lines stay lines, a burst spelling a key stays text, and the
// story page shows the criteria as a checklist that fits 80x24.
func TestStoryFormTakesSeveralLines(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "bob"}))
	m := newModel(t, st, "alice", 80, 24)
	press(t, m, "2", "n", "Onboarding 新用户引导", "enter")
	press(t, m, "As a new user", "alt+enter", "I want a short tour", "enter")
	// A paste with line breaks; then a burst that spells "up" is text.
	send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("- 用户在两步内完成注册，并且看到欢迎页面和引导说明\n- @bob reviews the copy"), Paste: true})
	press(t, m, "ctrl+j")
	send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("up")})
	// ↑ moves within the criteria while there is a line above.
	press(t, m, "up", "up", "ctrl+s")
	all := must[[]backlog.Story](t)(st.Stories(0))
	if len(all) != 1 {
		t.Fatalf("stories %+v\n%s", all, m.View())
	}
	s := all[0]
	if s.Description != "As a new user\nI want a short tour" {
		t.Fatalf("description %q", s.Description)
	}
	if want := []string{"用户在两步内完成注册，并且看到欢迎页面和引导说明", "@bob reviews the copy", "up"}; !slices.Equal(backlog.AcceptanceItems(s.Acceptance), want) {
		t.Fatalf("criteria %q, want %q", backlog.AcceptanceItems(s.Acceptance), want)
	}
	press(t, m, "enter") // the story page
	v := m.View()
	assertFits(t, v, 80, 24)
	for _, want := range []string{"As a new user", "I want a short tour", "(0 of 3 ticked at review)", "[ ] 1. 用户在两步内", "[ ] 2. @bob reviews", "[ ] 3. up"} {
		if !strings.Contains(v, want) {
			t.Fatalf("story page lacks %q:\n%s", want, v)
		}
	}
	// Editing shows the lines as they are, and saving unchanged keeps them.
	press(t, m, "e", "ctrl+s")
	if got := must[backlog.Story](t)(st.Story(s.ID)); got.Description != s.Description || got.Acceptance != s.Acceptance {
		t.Fatalf("an unchanged edit changed the text: %q %q", got.Description, got.Acceptance)
	}
}

// The vision and a sprint goal keep their line breaks.
func TestVisionAndGoalTakeSeveralLines(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	m := newModel(t, st, "alice", 80, 24)
	press(t, m, "1", "e")
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlU})
	press(t, m, "Teams plan in one file.", "ctrl+j", "Nobody leaves the terminal.", "enter")
	if v := must[backlog.Team](t)(st.Team()).Vision; v != "Teams plan in one file.\nNobody leaves the terminal." {
		t.Fatalf("vision %q\n%s", v, m.View())
	}
	press(t, m, "3", "n", "enter", "Sign-up works", "alt+enter", "end to end", "ctrl+s")
	run(t, m, m.screens[screenSprint].Load())
	sp := must[sprint.Sprint](t)(st.Sprint(1))
	if sp.Goal != "Sign-up works\nend to end" {
		t.Fatalf("goal %q\n%s", sp.Goal, m.View())
	}
}

// The lead ticks criteria at the review with c; a member's c is refused in
// one line and writes nothing.
func TestReviewTicksAcceptance(t *testing.T) {
	t.Parallel()
	st := retroStore(t)
	s1 := must[backlog.Story](t)(st.Story(1))
	must[backlog.Story](t)(st.EditStory("alice", 1, store.StoryInput{Title: s1.Title, Points: s1.Points, Value: s1.Value,
		Acceptance: "- the form has three fields\n- errors show next to the field"}))
	bob := newModel(t, st, "bob", 80, 24)
	press(t, bob, "5", "r", "c")
	if bob.screens[screenRetro].Capturing() || !strings.Contains(bob.View(), "only a lead can tick acceptance criteria") {
		t.Fatalf("a member's c:\n%s", bob.View())
	}
	alice := newModel(t, st, "alice", 80, 24)
	press(t, alice, "5", "r")
	if v := alice.View(); !strings.Contains(v, "[ ] 1. the form has three fields") || !strings.Contains(v, "c tick acceptance") {
		t.Fatalf("review before:\n%s", v)
	}
	press(t, alice, "c", "right", "enter") // the second criterion
	got := must[backlog.Story](t)(st.Story(1))
	if !slices.Equal(got.Checked, []int{2}) {
		t.Fatalf("ticked %v\n%s", got.Checked, alice.View())
	}
	run(t, alice, alice.screens[screenRetro].Load())
	v := alice.View()
	assertFits(t, v, 80, 24)
	if !strings.Contains(v, "[x] 2. errors show next to the field") || !strings.Contains(v, "ticked criterion 2 of S-1 (1 of 2 ticked)") {
		t.Fatalf("review after:\n%s", v)
	}
	// c again starts on the first criterion not ticked; enter on a ticked
	// one takes its tick back.
	press(t, alice, "c", "right", "enter")
	if got := must[backlog.Story](t)(st.Story(1)); len(got.Checked) != 0 {
		t.Fatalf("after untick %v", got.Checked)
	}
}

// Long text at 80x24: the story page keeps the lines of the description and
// draws the criteria as a checklist wrapped by display width; the review lists
// each story's criteria under it.
func TestGoldenLongText(t *testing.T) {
	t.Parallel()
	st := retroStore(t)
	s1 := must[backlog.Story](t)(st.Story(1))
	must[backlog.Story](t)(st.EditStory("alice", 1, store.StoryInput{Title: s1.Title, Points: s1.Points, Value: s1.Value,
		Description: "As a new user\nI want to sign up in two steps\nso that I start at once",
		Acceptance:  "- 用户在两步内完成注册，并且看到欢迎页面和引导说明，不需要再次输入邮箱地址\n- errors show next to the field, @bob checks the wording\n- works on a 320 px wide screen"}))
	must[backlog.Story](t)(st.CheckAcceptance("alice", 1, 2, true))
	m := newModel(t, st, "bob", 80, 24)
	press(t, m, "2", "/", "Sign-up", "enter", "enter")
	assertGolden(t, "story_longtext_80x24", m.View(), 80, 24)
	m = newModel(t, st, "alice", 80, 24)
	press(t, m, "5", "r")
	assertGolden(t, "review_checklist_80x24", m.View(), 80, 24)
}
