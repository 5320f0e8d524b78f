package ui

import (
	"context"
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/common"
)

// An @handle in a story's text reaches that member's mentions (@) and header,
// and is highlighted for them, and only for them, where they read it.
func TestMentionInStoryTextIsListedAndHighlighted(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "bob"}))
	s := must[backlog.Story](t)(st.AddStory("alice", store.StoryInput{Title: "Copy for @bob", Points: 2,
		Description: "The welcome text.", Acceptance: "- @bob reviews the wording\n- shipped in 中文 too"}))

	mb := newModel(t, st, "bob", 80, 24)
	if head := strings.SplitN(mb.View(), "\n", 2)[0]; !strings.Contains(head, "2 new mentions (@)") {
		t.Fatalf("bob's header: %q", head)
	}
	press(t, mb, "@")
	v := mb.View()
	for _, want := range []string{"Where you are mentioned (@bob)", "new alice " + s.Ref() + " acceptance", "@bob reviews the wording", "new alice " + s.Ref() + " title", "Copy for @bob"} {
		if !strings.Contains(v, want) {
			t.Fatalf("bob's mentions lack %q:\n%s", want, v)
		}
	}

	// Highlighting, in colour: bob sees his handle marked, alice does not.
	styles := common.NewStyles(colourRenderer(true))
	mark := styles.Warning.Render("@bob")
	for _, c := range []struct {
		viewer string
		marked bool
	}{{"bob", true}, {"alice", false}} {
		d := newStoryDetail(&styles, c.viewer)
		d.data.story = s
		d.setSize(80, 20)
		page := strings.Join(d.lines(), "\n")
		if got := strings.Count(page, mark); (got == 2) != c.marked || (!c.marked && got != 0) {
			t.Errorf("%s's story page has @bob marked %d times:\n%s", c.viewer, got, page)
		}
	}
}

// The backlog row of a story that mentions the viewer marks the handle for
// them (as board cards do), and for nobody else.
func TestMentionIsHighlightedInTheBacklogRow(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "bob"}))
	must[backlog.Story](t)(st.AddStory("alice", store.StoryInput{Title: "First story", Points: 1}))
	must[backlog.Story](t)(st.AddStory("alice", store.StoryInput{Title: "Copy for @bob", Points: 2}))
	styles := common.NewStyles(colourRenderer(true))
	mark := styles.Warning.Render("@bob")
	for _, c := range []struct {
		viewer string
		marked bool
	}{{"bob", true}, {"alice", false}} {
		m := newSession(t, context.Background(), st, c.viewer, colourRenderer(true))
		press(t, m, "2")
		v := m.View()
		if !strings.Contains(v, "Copy for") {
			t.Fatalf("%s's backlog lacks the story:\n%s", c.viewer, v)
		}
		if strings.Contains(v, mark) != c.marked {
			t.Errorf("%s's backlog row has @bob marked: %v, want %v", c.viewer, !c.marked, c.marked)
		}
	}
}
