package ui

import (
	"fmt"
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/store"
)

// A member comments on a story from its page with a mention; the person named
// sees "1 new mention" in the header on their next open, @ lists it, and
// after that it is seen.
func TestCommentAndMentionOnTheStoryPage(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	mb := newModel(t, st, "bob", 100, 30)
	press(t, mb, "2", "j", "j", "enter")
	story, _ := backlogOf(mb).Selected()
	if !strings.Contains(mb.View(), "C comment") {
		t.Fatalf("the story page does not offer C:\n%s", mb.View())
	}
	press(t, mb, "C")
	typeText(t, mb, "can @alice check the copy?")
	press(t, mb, "enter")
	cs := must[[]backlog.Comment](t)(st.StoryComments(story.ID))
	if len(cs) != 1 || cs[0].Author != "bob" || cs[0].Text != "can @alice check the copy?" {
		t.Fatalf("comments %+v", cs)
	}
	if v := mb.View(); !strings.Contains(v, "can @alice check the copy?") || !strings.Contains(v, "mentions alice") {
		t.Fatalf("bob's page after commenting:\n%s", v)
	}

	ma := newModel(t, st, "alice", 80, 24)
	if head := strings.SplitN(ma.View(), "\n", 2)[0]; !strings.Contains(head, "1 new mention (@)") {
		t.Fatalf("alice's header: %q", head)
	}
	press(t, ma, "@")
	if v := ma.View(); !strings.Contains(v, "Where you are mentioned") || !strings.Contains(v, "can @alice check the copy?") || !strings.Contains(v, "new bob "+story.Ref()) {
		t.Fatalf("alice's mentions:\n%s", v)
	}
	if n := must[store.Mentions](t)(st.MentionsOf("alice")).New; n != 0 {
		t.Fatalf("%d mentions still new after alice saw them", n)
	}
	if head := strings.SplitN(newModel(t, st, "alice", 80, 24).View(), "\n", 2)[0]; strings.Contains(head, "mention") {
		t.Fatalf("a seen mention still in the header: %q", head)
	}

	// Guests read the conversation but cannot add to it.
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "gus", Role: "guest"}))
	mg := newModel(t, st, "gus", 100, 30)
	press(t, mg, "2", "j", "j", "enter")
	if v := mg.View(); strings.Contains(v, "C comment") || !strings.Contains(v, "can @alice") {
		t.Fatalf("a guest's story page:\n%s", v)
	}
	press(t, mg, "C")
	if backlogOf(mg).note != nil || !strings.Contains(mg.View(), "only a member can comment") {
		t.Fatalf("a guest's C:\n%s", mg.View())
	}
}

// The lead accepts one proposal with a and declines another with D and a reason.
func TestLeadAcceptsAndDeclinesProposals(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	one := must[backlog.Story](t)(st.AddStory("bob", store.StoryInput{Title: "Bob's first idea"}))
	two := must[backlog.Story](t)(st.AddStory("bob", store.StoryInput{Title: "Bob's second idea"}))
	mb := newModel(t, st, "bob", 120, 40)
	press(t, mb, "2", "G", "enter")
	if strings.Contains(mb.View(), "a accept") {
		t.Fatal("a member is offered accept")
	}
	press(t, mb, "a")
	if must[backlog.Story](t)(st.Story(two.ID)).Status != backlog.StatusProposed {
		t.Fatal("a member's a accepted")
	}
	m := newModel(t, st, "alice", 120, 40)
	press(t, m, "2", "G")
	if row := lineWith(m.View(), "Bob's second idea"); !strings.Contains(row, "proposed") {
		t.Fatalf("the proposal is not marked in the list: %q", row)
	}
	press(t, m, "enter")
	if v := m.View(); !strings.Contains(v, "a accept") || !strings.Contains(v, "D decline") || !strings.Contains(v, "Proposed by bob") {
		t.Fatalf("the lead's page of a proposal:\n%s", v)
	}
	press(t, m, "D")
	press(t, m, "enter")
	if must[backlog.Story](t)(st.Story(two.ID)).Status != backlog.StatusProposed || !strings.Contains(m.View(), "say why") {
		t.Fatalf("declined without a reason:\n%s", m.View())
	}
	typeText(t, m, "duplicate of S-3")
	press(t, m, "enter")
	if got := must[backlog.Story](t)(st.Story(two.ID)); got.Status != backlog.StatusDeclined || got.Declined != "duplicate of S-3" {
		t.Fatalf("declined %+v", got)
	}
	press(t, m, "esc", "G", "enter")
	if s, _ := backlogOf(m).Selected(); s.ID != one.ID {
		t.Fatalf("selected %s, want %s", s.Ref(), one.Ref())
	}
	press(t, m, "a")
	if got := must[backlog.Story](t)(st.Story(one.ID)); got.Status != backlog.StatusBacklog || got.Rank != one.Rank {
		t.Fatalf("accepted %+v", got)
	}
}

func TestGoldenStoryPageWithComments(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 80, 24)
	press(t, m, "2", "j", "j")
	story, _ := backlogOf(m).Selected()
	must[backlog.Comment](t)(st.AddStoryComment("bob", story.ID, "@alice the copy needs a second look:\nthe CTA is cut on small phones"))
	must[backlog.Comment](t)(st.AddStoryComment("carol", story.ID, "agreed, @bob"))
	press(t, m, "enter")
	assertGolden(t, fmt.Sprintf("story_comments_%dx%d", 80, 24), m.View(), 80, 24)
}

// The task page on the board shows the task's comments and C adds one.
func TestCommentOnTheTaskPage(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "bob", 140, 30) // wide enough that "C comment" is not wrapped among the page's actions
	press(t, m, "3")
	task, ok := m.screens[screenSprint].(*boardScreen).selected()
	if !ok {
		t.Fatal("no task selected on the board")
	}
	press(t, m, "enter")
	if v := m.View(); !strings.Contains(v, "Comments") || !strings.Contains(v, "C comment") {
		t.Fatalf("the task page:\n%s", v)
	}
	press(t, m, "C")
	typeText(t, m, "pairing with @carol on this")
	press(t, m, "enter")
	cs := must[[]backlog.Comment](t)(st.TaskComments(task.ID))
	if len(cs) != 1 || cs[0].Text != "pairing with @carol on this" || cs[0].Mentions[0] != "carol" {
		t.Fatalf("task comments %+v", cs)
	}
	if v := m.View(); !strings.Contains(v, "pairing with @carol on this") || m.detail == nil || m.detail.talked.form != nil {
		t.Fatalf("the task page after commenting:\n%s", v)
	}
	// A guest reads it and is told why C does nothing.
	g := newModel(t, st, "dave", 140, 30)
	press(t, g, "3", "enter")
	if v := g.View(); !strings.Contains(v, "pairing with @carol") || strings.Contains(v, "C comment") {
		t.Fatalf("the guest's task page:\n%s", v)
	}
	press(t, g, "C")
	if g.detail.talked.form != nil || !strings.Contains(g.status, "only a member can comment") {
		t.Fatalf("a guest's C: %q", g.status)
	}
}
