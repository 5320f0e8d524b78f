package store

import (
	"testing"

	"huddle/backlog"
)

// NewMentions, read from who the comments name as read once per commit for
// everyone, counts what MentionsOf counts for each person, as comments come
// and people mark them seen.
func TestNewMentionsCountsAsMentionsOf(t *testing.T) {
	st, _ := newTestStore(t)
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "Talk", Points: 1}))
	agree := func(when string) {
		t.Helper()
		for _, h := range []string{"alice", "bob", "gus", "nobody"} {
			want := must[Mentions](t)(st.MentionsOf(h)).New
			if got := must[int](t)(st.NewMentions(h)); got != want {
				t.Fatalf("%s: %s has %d new mentions, MentionsOf says %d", when, h, got, want)
			}
		}
	}
	agree("no comments")
	must[backlog.Comment](t)(st.AddStoryComment("bob", s.ID, "ask @alice, and @alice again, and @gus"))
	agree("one comment")
	if n := must[int](t)(st.NewMentions("alice")); n != 1 {
		t.Fatalf("alice, named twice in one comment, has %d new mentions", n)
	}
	check(t, st.MarkMentionsSeen("alice"))
	agree("alice saw hers")
	must[backlog.Comment](t)(st.AddStoryComment("alice", s.ID, "@bob and @alice: done"))
	agree("a second comment")
	if n := must[int](t)(st.NewMentions("bob")); n != 1 {
		t.Fatalf("bob has %d new mentions after the second comment", n)
	}
}
