package store

import (
	"slices"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
)

// An @handle written into a story's or a task's text is listed in that
// member's mentions, once, when it is new; the writer never mentions
// themself.
func TestMentionsInStoryAndTaskText(t *testing.T) {
	st, _ := newTestStore(t)
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "Sign up", Description: "ask @bob about the copy, @alice decides", Points: 3}))
	ms := must[Mentions](t)(st.MentionsOf("bob"))
	if ms.New != 1 || len(ms.Comments) != 1 || ms.Comments[0].In != "description" || ms.Comments[0].Story != s.ID || ms.Comments[0].Author != "alice" {
		t.Fatalf("bob's mentions %+v", ms)
	}
	if ms := must[Mentions](t)(st.MentionsOf("alice")); len(ms.Comments) != 0 {
		t.Fatalf("the writer mentioned herself: %+v", ms)
	}
	// Keeping @bob adds nothing; @gus in the criteria is new for gus.
	must[backlog.Story](t)(st.EditStory("alice", s.ID, StoryInput{Title: "Sign up", Description: "ask @bob about the copy",
		Acceptance: "- @gus signs it off", Points: 3}))
	if ms := must[Mentions](t)(st.MentionsOf("bob")); len(ms.Comments) != 1 {
		t.Fatalf("an unchanged mention was listed again: %+v", ms)
	}
	if ms := must[Mentions](t)(st.MentionsOf("gus")); len(ms.Comments) != 1 || ms.Comments[0].In != "acceptance" {
		t.Fatalf("gus's mentions %+v", ms)
	}
	check(t, st.MarkMentionsSeen("bob"))
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "g", Start: sprint.DateOf(fixedNow), End: sprint.DateOf(fixedNow).AddDays(13)}))
	check(t, st.AddStoryToSprint("alice", sp.ID, s.ID))
	tk := must[sprint.Task](t)(st.AddTask("alice", s.ID, "Copy with @bob", 8))
	title := "Copy, reviewed by @bob"
	must[sprint.Task](t)(st.EditTask("alice", tk.ID, TaskEdit{Title: &title}))
	_, part, err := st.SplitTask("alice", tk.ID, 4, "Layout for @gus")
	check(t, err)
	ms = must[Mentions](t)(st.MentionsOf("bob"))
	if ms.New != 1 || len(ms.Comments) != 2 || ms.Comments[0].Task != tk.ID || ms.Comments[0].In != "task" || ms.Comments[0].Text != "Copy with @bob" {
		t.Fatalf("bob's mentions after the task %+v", ms)
	}
	gus := must[Mentions](t)(st.MentionsOf("gus"))
	if len(gus.Comments) != 2 || gus.Comments[0].Task != part.ID {
		t.Fatalf("gus's mentions after the split %+v", gus)
	}
	// They are no comments: the story's conversation does not list them.
	if cs := must[[]backlog.Comment](t)(st.StoryThread(s.ID)); len(cs) != 0 {
		t.Fatalf("text mentions in the thread: %+v", cs)
	}
	problems, err := st.Check()
	check(t, err)
	if !slices.Equal(problems, nil) {
		t.Fatalf("the file check: %q", problems)
	}
}
