package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"huddle/backlog"

	bolt "go.etcd.io/bbolt"
)

// snapshot copies every key and value of a bucket.
func snapshot(t *testing.T, st *Store, bucket []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := st.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucket).ForEach(func(k, v []byte) error {
			out[string(k)] = string(v)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// changed lists the keys added, removed or rewritten between two snapshots.
func changed(a, b map[string]string) (added, removed, rewritten int) {
	for k, v := range b {
		old, ok := a[k]
		switch {
		case !ok:
			added++
		case old != v:
			rewritten++
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			removed++
		}
	}
	return
}

func addStories(t *testing.T, st *Store, n int) []backlog.Story {
	t.Helper()
	ins := make([]StoryInput, n)
	for i := range ins {
		ins[i] = StoryInput{Title: fmt.Sprintf("story %d", i+1), Points: 3, Value: 40}
	}
	added, rej, err := st.ImportStories("alice", ins, false)
	if err != nil || len(rej) != 0 {
		t.Fatal(err, rej)
	}
	return added
}

// One move writes one story record and swaps one index entry, whatever the
// size of the backlog and wherever the story goes.
func TestOneMoveWritesOneStoryRecord(t *testing.T) {
	st, _ := newTestStore(t)
	list := addStories(t, st, 300)
	for _, pos := range []Position{{Top: true}, {Bottom: true}, {Up: true}, {Down: true}, {Before: list[10].ID}, {After: list[200].ID}} {
		stories, index := snapshot(t, st, bucketStories), snapshot(t, st, bucketStoryRank)
		if err := st.MoveStory("alice", list[150].ID, pos); err != nil {
			t.Fatal(err)
		}
		a, r, w := changed(stories, snapshot(t, st, bucketStories))
		if a != 0 || r != 0 || w != 1 {
			t.Fatalf("%+v: stories added %d, removed %d, rewritten %d; want one rewritten", pos, a, r, w)
		}
		a, r, w = changed(index, snapshot(t, st, bucketStoryRank))
		if a != 1 || r != 1 || w != 0 {
			t.Fatalf("%+v: index added %d, removed %d, rewritten %d; want one swapped", pos, a, r, w)
		}
	}
}

// Stories(40) reads the first 40 stories of the rank index and no other: the
// records of every other story are made unreadable, and it still works.
func TestStoriesLimitReadsOnlyThatMany(t *testing.T) {
	st, _ := newTestStore(t)
	addStories(t, st, 500)
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	check(st.MoveStory("alice", 400, Position{Top: true}))
	first := must[[]backlog.Story](t)(st.Stories(40))
	keep := map[int]bool{}
	for _, s := range first {
		keep[s.ID] = true
	}
	check(st.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketStories)
		for id := 1; id <= 500; id++ {
			if !keep[id] {
				if err := b.Put(itob(id), []byte("{damaged")); err != nil {
					return err
				}
			}
		}
		return nil
	}))
	got, err := st.Stories(40)
	if err != nil || len(got) != 40 || got[0].ID != 400 {
		t.Fatalf("Stories(40) read a story beyond the 40th: %v (%d stories)", err, len(got))
	}
	if _, err := st.Stories(0); err == nil {
		t.Fatal("the damaged records were not damaged")
	}
}

func TestApplyValuePerPointOrder(t *testing.T) {
	st, _ := newTestStore(t)
	must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "a", Points: 8, Value: 40}))      // 5
	must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "b", Points: 1, Value: 30}))      // 30
	c := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "c", Points: 2, Value: 10})) // 5
	must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "d", Points: -1, Value: 10}))     // unestimated: stays
	if _, err := st.ApplyValuePerPointOrder("bob"); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatal("a member reordered the backlog")
	}
	if got := titles(t, st); got != "a,b,c,d" {
		t.Fatalf("refused write changed the order: %s", got)
	}
	moved, err := st.ApplyValuePerPointOrder("alice")
	if err != nil || moved != 2 {
		t.Fatal(moved, err)
	}
	if got := titles(t, st); got != "b,a,c,d" {
		t.Fatalf("order %s", got)
	}
	if moved, _ := st.ApplyValuePerPointOrder("alice"); moved != 0 {
		t.Fatalf("applying twice moved %d", moved)
	}
	if probs, err := st.Check(); err != nil || len(probs) != 0 {
		t.Fatal(probs, err)
	}
	// A move after the renumbering still writes one story.
	if err := st.MoveStory("alice", c.ID, Position{Top: true}); err != nil || titles(t, st) != "c,b,a,d" {
		t.Fatal(err, titles(t, st))
	}
}

func TestImportStoriesAllGoodRowsInOneTransaction(t *testing.T) {
	st, _ := newTestStore(t)
	must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "existing", Points: 1}))
	ins := []StoryInput{
		{Title: "新用户引导", Points: 5, Value: 80, Labels: []string{"growth"}},
		{Title: "  \x1b[31m ", Points: 3}, // empty once cleaned
		{Title: "bad points", Points: 4},  // off the scale
		{Title: "bad kr", Points: 1, KeyResult: 99},
		{Title: "last", Points: backlog.Unestimated},
	}
	before := snapshot(t, st, bucketStories)
	events := must[[]Event](t)(st.Events(0, 0))
	added, rej, err := st.ImportStories("alice", ins, true)
	if err != nil || len(added) != 2 || len(rej) != 3 {
		t.Fatalf("dry run: %v, %d added, %v", err, len(added), rej)
	}
	if a, r, w := changed(before, snapshot(t, st, bucketStories)); a+r+w != 0 || len(must[[]Event](t)(st.Events(0, 0))) != len(events) {
		t.Fatal("the dry run wrote")
	}
	if _, _, err := st.ImportStories("bob", ins, false); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatal("a member imported")
	}
	added, rej, err = st.ImportStories("alice", ins, false)
	if err != nil || len(added) != 2 {
		t.Fatal(err, added)
	}
	wantIdx := []int{1, 2, 3}
	for i, r := range rej {
		if r.Index != wantIdx[i] {
			t.Fatalf("rejections %v", rej)
		}
	}
	if !strings.Contains(rej[1].Err.Error(), "not on the scale") || !errors.Is(rej[2].Err, ErrNotFound) {
		t.Fatalf("reasons: %v", rej)
	}
	if got := titles(t, st); got != "existing,新用户引导,last" {
		t.Fatalf("backlog %s", got)
	}
}

func TestOKREditsAndRemovals(t *testing.T) {
	st, _ := newTestStore(t)
	q := backlog.QuarterOf(fixedNow)
	o := must[backlog.Objective](t)(st.AddObjective("alice", q, "Grow"))
	kr := must[backlog.KeyResult](t)(st.AddKeyResult("alice", backlog.KeyResult{ObjectiveID: o.ID, Name: "activation", Unit: "%", Baseline: 30, Target: 50}))
	kr2 := must[backlog.KeyResult](t)(st.AddKeyResult("alice", backlog.KeyResult{ObjectiveID: o.ID, Name: "churn", Unit: "%", Baseline: 8, Target: 4}))
	s1 := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "s1", Points: 3, KeyResult: kr.ID}))
	must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "s2", Points: backlog.Unestimated, KeyResult: kr.ID}))

	work := must[map[int]backlog.KRWork](t)(st.KRWork())
	if work[kr.ID] != (backlog.KRWork{Stories: 2, Points: 3, Unestimated: 1}) || work[kr2.ID].Stories != 0 {
		t.Fatalf("work %+v", work)
	}
	// Members read, the lead writes.
	if _, err := st.EditObjective("bob", o.ID, "x"); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatal("member renamed an objective")
	}
	if err := st.RemoveKeyResult("bob", kr.ID); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatal("member removed a key result")
	}
	if err := st.RemoveObjective("bob", o.ID); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatal("member removed an objective")
	}
	// A target equal to the baseline is refused and changes nothing.
	bad := kr2
	bad.Target = bad.Baseline
	if _, err := st.EditKeyResult("alice", bad); err == nil || !strings.Contains(err.Error(), "must differ") {
		t.Fatalf("target = baseline: %v", err)
	}
	if got := must[backlog.KeyResult](t)(st.KeyResult(kr2.ID)); got.Target != 4 {
		t.Fatal("refused edit changed the key result")
	}
	ed := kr2
	ed.Name, ed.Current, ed.ObjectiveID = "monthly churn", 6, 999
	got := must[backlog.KeyResult](t)(st.EditKeyResult("alice", ed))
	if got.Name != "monthly churn" || got.Current != 6 || got.ObjectiveID != o.ID || got.Progress() != 0.5 {
		t.Fatalf("edited %+v", got)
	}
	if _, err := st.EditObjective("alice", 42, "x"); !errors.Is(err, ErrNotFound) {
		t.Fatal("unknown objective")
	}
	if err := st.RemoveKeyResult("alice", kr.ID); err != nil {
		t.Fatal(err)
	}
	if s := must[backlog.Story](t)(st.Story(s1.ID)); s.KeyResult != 0 {
		t.Fatal("the story still names the removed key result")
	}
	if err := st.RemoveKeyResult("alice", kr.ID); !errors.Is(err, ErrNotFound) {
		t.Fatal("removed twice")
	}
	if err := st.RemoveObjective("alice", o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.KeyResult(kr2.ID); !errors.Is(err, ErrNotFound) {
		t.Fatal("the objective's key results stayed")
	}
	if objs := must[[]ObjectiveWithKRs](t)(st.Objectives(q)); len(objs) != 0 {
		t.Fatal(objs)
	}
	evs := must[[]Event](t)(st.RecentEvents(3))
	if evs[0].Kind != EventObjectiveRemoved || evs[1].Kind != EventKRRemoved {
		t.Fatalf("events %v %v", evs[0].Kind, evs[1].Kind)
	}
	if probs, err := st.Check(); err != nil || len(probs) != 0 {
		t.Fatal(probs, err)
	}
}

func TestStoriesCachedMatchesStories(t *testing.T) {
	st, _ := newTestStore(t)
	list := addStories(t, st, 50)
	var c StoryCache
	same := func(step string) {
		t.Helper()
		want := must[[]backlog.Story](t)(st.Stories(0))
		got := must[[]backlog.Story](t)(st.StoriesCached(0, &c))
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%s: cached read differs", step)
		}
	}
	same("first")
	must[backlog.Story](t)(st.EditStory("alice", list[3].ID, StoryInput{Title: "edited", Points: 8, Labels: []string{"x"}}))
	same("edit")
	if err := st.MoveStory("alice", list[40].ID, Position{Top: true}); err != nil {
		t.Fatal(err)
	}
	same("move")
	if err := st.DeleteStory("alice", list[7].ID); err != nil {
		t.Fatal(err)
	}
	same("delete")
	if len(c.entries) != 50 { // the deleted one is kept: it is still in the bucket
		t.Fatalf("cache holds %d stories, want 50", len(c.entries))
	}
	if got := must[[]backlog.Story](t)(st.StoriesCached(5, &c)); len(got) != 5 || got[0].ID != list[40].ID {
		t.Fatal("limited cached read")
	}
}

func TestStoryHistoryMatchesTheLog(t *testing.T) {
	st, _ := newTestStore(t)
	list := addStories(t, st, 12)
	must[backlog.Story](t)(st.EditStory("alice", list[0].ID, StoryInput{Title: "edited \"story\":1, text", Points: 1}))
	if err := st.MoveStory("alice", list[0].ID, Position{Bottom: true}); err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		want := scanStoryEvents(t, st, s.ID)
		got := must[[]Event](t)(st.StoryHistory(s.ID))
		if fmt.Sprint(got) != fmt.Sprint(want) || len(got) == 0 {
			t.Fatalf("%s: %v, want %v", s.Ref(), got, want)
		}
	}
	if got := must[[]Event](t)(st.StoryHistory(list[0].ID)); len(got) != 3 {
		t.Fatalf("S-1 history %v", got)
	}
}
