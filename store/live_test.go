package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// freshBoard reads a board straight from the file, as BoardView did before
// the live layer: the reference the live board must equal.
func freshBoard(t *testing.T, st *Store, want int, today sprint.Date, n int) BoardView {
	t.Helper()
	var v BoardView
	err := st.read(func(tx *bolt.Tx) error {
		var changes []sprint.Change
		var err error
		v, _, err = boardViewIn(tx, want, n, func(id int) ([]backlog.Story, error) { return scanSprintStoriesIn(tx, id) })
		v.Today = today
		if err == nil && v.Found {
			// The burndown replayed from the log, not the stored totals.
			_, changes, err = sprintHistoryIn(tx, v.Sprint.ID)
			v.Burndown = sprint.ComputeBurndown(v.Sprint, changes, today)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func sameStories(a, b []backlog.Story) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}

// TestLiveModelsEqualAFreshRead: after every one of a few hundred random
// writes by the people of a team (claims, moves, edits, acceptance ticks, new stories, stories
// in and out of the sprint, deletes, a reorder, a sprint close), the live
// backlog and board equal what a fresh read of the file says, and the work a
// claim does on the board is the claimed task alone.
func TestLiveModelsEqualAFreshRead(t *testing.T) {
	st, clk := newTestStore(t)
	today := func() sprint.Date { return sprint.DateOf(clk.Now()) }
	var stories []int
	for i := range 30 {
		s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: fmt.Sprintf("story %d", i), Points: 3, Labels: []string{"l"}, Acceptance: "- works\n- is fast"}))
		stories = append(stories, s.ID)
	}
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Name: "one", Goal: "ship", Start: today(), End: today().AddDays(13)}))
	var tasks []int
	for _, id := range stories[:6] {
		if err := st.AddStoryToSprint("alice", sp.ID, id); err != nil {
			t.Fatal(err)
		}
		for k := range 3 {
			tk := must[sprint.Task](t)(st.AddTask("alice", id, fmt.Sprintf("task %d", k), 4))
			tasks = append(tasks, tk.ID)
		}
	}
	if err := st.StartSprint("alice", sp.ID); err != nil {
		t.Fatal(err)
	}
	check := func(step string) {
		t.Helper()
		live := must[*BacklogSnapshot](t)(st.Backlog())
		want := must[[]backlog.Story](t)(st.Stories(0))
		if !sameStories(live.Stories, want) {
			t.Fatalf("after %s: the live backlog differs from the file (%d stories, file %d)", step, len(live.Stories), len(want))
		}
		rv := must[RetroView](t)(st.RetroView(sp.ID, "alice"))
		if fresh := must[ReviewSummary](t)(st.Review(sp.ID)); !reflect.DeepEqual(rv.Review, fresh) {
			t.Fatalf("after %s: the review from the shared stories differs from the file", step)
		}
		vv := must[VisionView](t)(st.VisionView("alice", backlog.QuarterOf(clk.Now())))
		if fresh := must[map[int]backlog.KRWork](t)(st.KRWork()); !reflect.DeepEqual(vv.Work, fresh) {
			t.Fatalf("after %s: the key results' work from the shared stories differs from the file", step)
		}
		for _, id := range []int{0, sp.ID} {
			got := must[BoardView](t)(st.BoardView(id, today(), 10))
			if fresh := freshBoard(t, st, id, today(), 10); !reflect.DeepEqual(got, fresh) {
				t.Fatalf("after %s: the live board (%d) differs from the file:\nlive  %+v\nfresh %+v", step, id, got.Plan.Tasks, fresh.Plan.Tasks)
			}
		}
	}
	check("the start")
	rng := rand.New(rand.NewPCG(1, 2))
	statuses := []sprint.TaskStatus{sprint.TaskTodo, sprint.TaskDoing, sprint.TaskDone}
	for i := range 300 {
		if i%40 == 39 {
			clk.Advance(24 * time.Hour) // the burndown gets more days
		}
		task := tasks[rng.IntN(len(tasks))]
		story := stories[rng.IntN(len(stories))]
		var step string
		var err error
		switch op := rng.IntN(11); op {
		case 0, 1:
			step = "a claim"
			_, err = st.ClaimTask("bob", task, "bob")
		case 2:
			step = "a status"
			_, err = st.SetTaskStatus("bob", task, statuses[rng.IntN(len(statuses))])
		case 3:
			step = "remaining hours"
			_, err = st.SetRemaining("bob", task, float64(rng.IntN(5)))
		case 4:
			step = "a move"
			err = st.MoveStory("alice", story, Position{Top: rng.IntN(2) == 0, Bottom: true})
		case 5:
			step = "an edit"
			_, err = st.EditStory("alice", story, StoryInput{Title: fmt.Sprintf("edited %d", i), Points: 5})
		case 6:
			step = "a new story"
			var s backlog.Story
			s, err = st.AddStory("alice", StoryInput{Title: fmt.Sprintf("new %d", i), Points: 2})
			stories = append(stories, s.ID)
		case 7:
			step = "a story into the sprint"
			err = st.AddStoryToSprint("alice", sp.ID, story)
		case 8:
			step = "a delete"
			err = st.DeleteStory("alice", story)
		case 9:
			step = "an unclaim"
			_, err = st.UnclaimTask("bob", task)
		case 10:
			step = "an acceptance tick"
			_, err = st.CheckAcceptance("alice", story, 1+rng.IntN(2), rng.IntN(3) > 0)
		}
		_ = err // refused writes (a deleted story, a task already done) are part of the mix
		check(fmt.Sprintf("step %d (%s)", i, step))
	}
	if _, err := st.ApplyValuePerPointOrder("alice"); err != nil {
		t.Fatal(err)
	}
	check("a reorder by value")
	if _, err := st.CloseSprint("alice", sp.ID); err != nil {
		t.Fatal(err)
	}
	check("the close")
}

// TestLiveClaimReadsOneTask: a claim on a board every session shows patches
// the live board with the one task it names; the board is not read again.
func TestLiveClaimReadsOneTask(t *testing.T) {
	st, clk := newTestStore(t)
	today := sprint.DateOf(clk.Now())
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "s", Points: 3}))
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Name: "one", Goal: "ship", Start: today, End: today.AddDays(13)}))
	if err := st.AddStoryToSprint("alice", sp.ID, s.ID); err != nil {
		t.Fatal(err)
	}
	tk := must[sprint.Task](t)(st.AddTask("alice", s.ID, "t", 4))
	before := must[BoardView](t)(st.BoardView(0, today, 10))
	st.live.mu.Lock()
	snap := st.live.boards[boardKey{0, 10}]
	st.live.mu.Unlock()
	must[sprint.Task](t)(st.ClaimTask("bob", tk.ID, "bob"))
	st.live.mu.Lock()
	next := st.live.boards[boardKey{0, 10}]
	st.live.mu.Unlock()
	if next == nil || next == snap || next.txid != snap.txid+1 {
		t.Fatalf("the claim did not advance the live board by one transaction (before %v, after %v)", snap, next)
	}
	after := must[BoardView](t)(st.BoardView(0, today, 10))
	if before.Plan.Tasks[0].Owner != "" || after.Plan.Tasks[0].Owner != "bob" {
		t.Errorf("owner before %q, after %q; want \"\" then bob", before.Plan.Tasks[0].Owner, after.Plan.Tasks[0].Owner)
	}
	if &before.Plan.Stories[0] != &after.Plan.Stories[0] {
		t.Error("the sprint's stories were read again for a claim")
	}
}

// TestLiveConcurrentWriters: many sessions writing at once (their commits
// reach the live layer in any order) leave the live models equal to the file.
func TestLiveConcurrentWriters(t *testing.T) {
	st, clk := newTestStore(t)
	today := sprint.DateOf(clk.Now())
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "s", Points: 3}))
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Name: "one", Goal: "ship", Start: today, End: today.AddDays(13)}))
	if err := st.AddStoryToSprint("alice", sp.ID, s.ID); err != nil {
		t.Fatal(err)
	}
	var tasks []int
	for i := range 8 {
		tasks = append(tasks, must[sprint.Task](t)(st.AddTask("alice", s.ID, fmt.Sprint("t", i), 4)).ID)
	}
	must[*BacklogSnapshot](t)(st.Backlog())
	must[BoardView](t)(st.BoardView(0, today, 10))
	var wg sync.WaitGroup
	for i, id := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 5 {
				st.SetRemaining("bob", id, float64(k))
				if i%2 == 0 {
					st.AddStory("alice", StoryInput{Title: fmt.Sprint("c", i, k), Points: 1})
				}
			}
		}()
	}
	wg.Wait()
	live := must[*BacklogSnapshot](t)(st.Backlog())
	if want := must[[]backlog.Story](t)(st.Stories(0)); !sameStories(live.Stories, want) {
		t.Errorf("live backlog %d stories, file %d", len(live.Stories), len(want))
	}
	if got, fresh := must[BoardView](t)(st.BoardView(0, today, 10)), freshBoard(t, st, 0, today, 10); !reflect.DeepEqual(got, fresh) {
		t.Errorf("the live board differs from the file after concurrent writes")
	}
}
