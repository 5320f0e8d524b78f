package store

import (
	"fmt"
	"testing"

	"huddle/retro"
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
