package store

import (
	"fmt"
	"testing"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
)

func TestRetroActionsLeadTheBacklogInTheAgreedOrder(t *testing.T) {
	st, _ := newTestStore(t)
	sp, _ := sprintWithTasks(t, st)
	var want []int
	for _, text := range []string{"Pair on reviews", "Shorter stand-ups", "Demo on Thursdays"} {
		a := must[retro.Action](t)(st.AddAction("alice", sp.ID, text, ""))
		want = append(want, a.Story)
	}
	top := must[[]int](t)(storyIDs(st, 4))
	for i, id := range want {
		if top[i] != id {
			t.Fatalf("backlog starts %v, want the actions in the agreed order %v", top, want)
		}
	}
}

func storyIDs(st *Store, n int) ([]int, error) {
	stories, err := st.Stories(n)
	var ids []int
	for _, s := range stories {
		ids = append(ids, s.ID)
	}
	if err == nil && len(ids) < n {
		err = fmt.Errorf("only %d stories", len(ids))
	}
	return ids, err
}

func TestUngroupCard(t *testing.T) {
	st, _ := newTestStore(t)
	sp, _ := sprintWithTasks(t, st)
	c1 := must[retro.Card](t)(st.AddCard("bob", sp.ID, 0, "Pairing helped"))
	c2 := must[retro.Card](t)(st.AddCard("bob", sp.ID, 0, "Pair more"))
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseGroup))
	retroRefused(t, st, "not grouped", func() error { _, err := st.UngroupCard("alice", c2.ID); return err })
	must[retro.Card](t)(st.MergeCard("alice", c2.ID, c1.ID))
	retroRefused(t, st, "lead", func() error { _, err := st.UngroupCard("bob", c2.ID); return err })
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseVote))
	retroRefused(t, st, "group phase", func() error { _, err := st.UngroupCard("alice", c2.ID); return err })
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseGroup))
	_, views := must2(t)(st.VisibleCards(sp.ID, "alice"))
	if len(views) != 1 || len(views[0].GroupedIDs) != 1 || views[0].GroupedIDs[0] != c2.ID {
		t.Fatalf("grouped views %+v", views)
	}
	u := must[retro.Card](t)(st.UngroupCard("alice", c2.ID))
	if u.Merged != 0 {
		t.Fatalf("ungrouped card %+v", u)
	}
	_, views = must2(t)(st.VisibleCards(sp.ID, "alice"))
	if len(views) != 2 || len(views[0].Grouped) != 0 {
		t.Fatalf("after ungroup %+v", views)
	}
	events := must[[]Event](t)(st.Events(0, 0))
	if last := events[len(events)-1]; last.Kind != EventRetroCardUngrouped || last.Fields["card"] != fmt.Sprint(c2.ID) {
		t.Fatalf("last event %+v", last)
	}
}

func must2(t *testing.T) func(retro.Board, []retro.CardView, error) (retro.Board, []retro.CardView) {
	return func(b retro.Board, v []retro.CardView, err error) (retro.Board, []retro.CardView) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b, v
	}
}

func TestSettledActionsTakeTheirStoriesOffOnlyWhenAsked(t *testing.T) {
	st, _ := newTestStore(t)
	sp1, _ := sprintWithTasks(t, st)
	done := must[retro.Action](t)(st.AddAction("alice", sp1.ID, "Timebox stand-ups", ""))
	dropped := must[retro.Action](t)(st.AddAction("alice", sp1.ID, "Write the runbook", ""))
	carried := must[retro.Action](t)(st.AddAction("alice", sp1.ID, "Pair more", ""))
	sp2 := sp1.ID + 1
	must[CloseResult](t)(st.CloseSprint("alice", sp1.ID))
	start := sp1.End.AddDays(1)
	must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "Next", Start: start, End: start.AddDays(13)}))
	if w := must[[]int](t)(st.ActionStoriesWaiting([]retro.Action{done, dropped})); len(w) != 2 {
		t.Fatalf("waiting %v", w)
	}
	retroRefused(t, st, "lead", func() error {
		_, err := st.ReviewActionsAndStories("bob", sp2, map[int]retro.ActionStatus{done.ID: retro.ActionDone}, true)
		return err
	})
	must[[]retro.Action](t)(st.ReviewActionsAndStories("alice", sp2, map[int]retro.ActionStatus{
		done.ID: retro.ActionDone, dropped.ID: retro.ActionDropped, carried.ID: retro.ActionCarried}, true))
	for _, a := range []retro.Action{done, dropped} {
		if _, err := st.Story(a.Story); err == nil {
			t.Errorf("the story of settled action %d is still listed", a.ID)
		}
	}
	if s := must[backlog.Story](t)(st.Story(carried.Story)); s.ID != carried.Story {
		t.Errorf("the carried action's story went: %+v", s)
	}
}
