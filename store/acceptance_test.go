package store

import (
	"errors"
	"slices"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
)

func TestCheckAcceptance(t *testing.T) {
	st, _ := newTestStore(t)
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "Sign up",
		Acceptance: "- a new user signs up in two steps\r\n- sees the tour\n- gets a welcome mail", Points: 3}))
	if s.Acceptance != "- a new user signs up in two steps\n- sees the tour\n- gets a welcome mail" {
		t.Fatalf("line breaks not kept: %q", s.Acceptance)
	}
	for _, who := range []string{"bob", "gus"} {
		if _, err := st.CheckAcceptance(who, s.ID, 1, true); !errors.Is(err, backlog.ErrForbidden) {
			t.Fatalf("%s ticked a criterion: %v", who, err)
		}
	}
	must[backlog.Story](t)(st.CheckAcceptance("alice", s.ID, 2, true))
	got := must[backlog.Story](t)(st.CheckAcceptance("alice", s.ID, 3, true))
	if !slices.Equal(got.Checked, []int{2, 3}) {
		t.Fatalf("checked %v", got.Checked)
	}
	if _, err := st.CheckAcceptance("alice", s.ID, 4, true); err == nil {
		t.Fatal("ticked criterion 4 of 3")
	}
	got = must[backlog.Story](t)(st.CheckAcceptance("alice", s.ID, 3, false))
	// The edit keeps the tick of the unchanged criterion at its new number.
	got = must[backlog.Story](t)(st.EditStory("alice", s.ID, StoryInput{Title: got.Title, Points: 3,
		Acceptance: "- loads in 1 s\n- a new user signs up in two steps\n- sees the tour\n- gets a welcome mail"}))
	if !slices.Equal(got.Checked, []int{3}) {
		t.Fatalf("after the edit the ticks are %v, want [3]", got.Checked)
	}
	var ticks []string
	for _, e := range must[[]Event](t)(st.StoryHistory(s.ID)) {
		if e.Kind == EventStoryChecked {
			ticks = append(ticks, e.Text)
		}
	}
	want := []string{"alice ticked criterion 2 of S-1: sees the tour", "alice ticked criterion 3 of S-1: gets a welcome mail",
		"alice unticked criterion 3 of S-1: gets a welcome mail"}
	if !slices.Equal(ticks, want) {
		t.Fatalf("history %q", ticks)
	}
}

func TestSprintGoalKeepsLines(t *testing.T) {
	st, _ := newTestStore(t)
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "Sign-up works\nend to end\x1b[31m", Start: sprint.DateOf(fixedNow), End: sprint.DateOf(fixedNow).AddDays(13)}))
	if sp.Goal != "Sign-up works\nend to end" {
		t.Fatalf("goal %q", sp.Goal)
	}
}
