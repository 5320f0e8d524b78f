package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

func TestSprintBadInputChangesNothing(t *testing.T) {
	st, _ := newTestStore(t)
	start := sprint.DateOf(fixedNow)
	count := func() int { return len(must[[]Event](t)(st.Events(0, 0))) }
	before := count()
	for _, c := range []struct {
		in   NewSprint
		want string
	}{
		{NewSprint{Goal: "g", Start: start, End: start.AddDays(-3)}, "before the start"},
		{NewSprint{Goal: "g", Start: start, End: start.AddDays(40)}, "1 to 4 weeks"},
	} {
		if _, err := st.CreateSprint("alice", c.in); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.in, err, c.want)
		}
	}
	if count() != before || len(must[[]sprint.Sprint](t)(st.Sprints())) != 0 {
		t.Fatal("a refused sprint changed the file")
	}

	// Starting without a goal, then a second active sprint.
	noGoal := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Start: start.AddDays(14), End: start.AddDays(27)}))
	if noGoal.Name != "Sprint 1" {
		t.Fatalf("default name %q", noGoal.Name)
	}
	story := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "A", Points: 3}))
	check(t, st.AddStoryToSprint("alice", noGoal.ID, story.ID))
	must[sprint.Task](t)(st.AddTask("alice", story.ID, "t", 4))
	if err := st.StartSprint("alice", noGoal.ID); err == nil || !strings.Contains(err.Error(), "needs a goal") {
		t.Fatalf("start without a goal: %v", err)
	}
	_, tasks := sprintWithTasks(t, st)
	if err := st.StartSprint("alice", noGoal.ID); err == nil || !strings.Contains(err.Error(), "still active") {
		t.Fatalf("second active sprint: %v", err)
	}
	// Hours.
	for _, h := range []float64{-1, 201} {
		if _, err := st.AddTask("alice", story.ID, "x", h); err == nil {
			t.Errorf("%g hours accepted", h)
		}
		if _, err := st.SetRemaining("bob", tasks[0].ID, h); err == nil {
			t.Errorf("remaining %g accepted", h)
		}
	}
	// Someone else's task names the holder.
	must[sprint.Task](t)(st.ClaimTask("bob", tasks[0].ID, ""))
	if _, err := st.ClaimTask("alice", tasks[0].ID, ""); err == nil || !strings.Contains(err.Error(), "claimed by bob") {
		t.Fatalf("claim held: %v", err)
	}
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestRemoveStoryTakesItsTasksAndBringsThemBack(t *testing.T) {
	st, _ := newTestStore(t)
	start := sprint.DateOf(fixedNow)
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "g", Start: start, End: start.AddDays(13)}))
	a := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "A", Points: 3}))
	b := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "B", Points: 5}))
	check(t, st.AddStoryToSprint("alice", sp.ID, a.ID))
	check(t, st.AddStoryToSprint("alice", sp.ID, b.ID))
	must[sprint.Task](t)(st.AddTask("alice", b.ID, "b1", 4))
	if err := st.RemoveStoryFromSprint("bob", sp.ID, b.ID); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatalf("member removed a story: %v", err)
	}
	check(t, st.RemoveStoryFromSprint("alice", sp.ID, b.ID))
	if n := len(must[[]sprint.Task](t)(st.Tasks(sp.ID))); n != 0 {
		t.Fatalf("%d tasks left in the sprint", n)
	}
	// The sprint never started: B goes back where it was, after A.
	back := must[backlog.Story](t)(st.Story(b.ID))
	if back.Rank != b.Rank || back.Status != backlog.StatusBacklog || back.Sprint != 0 {
		t.Fatalf("put back %+v, was rank %s", back, b.Rank)
	}
	if err := st.RemoveStoryFromSprint("alice", sp.ID, b.ID); err == nil {
		t.Fatal("removed twice")
	}
	check(t, st.AddStoryToSprint("alice", sp.ID, b.ID))
	if ts := must[[]sprint.Task](t)(st.Tasks(sp.ID)); len(ts) != 1 || ts[0].Title != "b1" {
		t.Fatalf("tasks %+v", ts)
	}
}

func TestCloseSendsUnfinishedStoriesBackWithTheirOpenTasks(t *testing.T) {
	st, clk := newTestStore(t)
	sp, tasks := sprintWithTasks(t, st)
	must[sprint.Task](t)(st.SetTaskStatus("bob", tasks[0].ID, sprint.TaskDone))
	must[sprint.Task](t)(st.SetRemaining("bob", tasks[1].ID, 7))
	res := must[CloseResult](t)(st.CloseSprint("alice", sp.ID))
	if len(res.Returned) != 1 || len(res.Done) != 0 {
		t.Fatalf("%+v", res)
	}
	if _, err := st.ClaimTask("bob", tasks[1].ID, ""); err == nil || !strings.Contains(err.Error(), "closed sprint") {
		t.Fatalf("claim in a closed sprint: %v", err)
	}
	chart := must[sprint.Burndown](t)(st.Burndown(sp.ID, sprint.DateOf(fixedNow)))

	clk.Advance(14 * 24 * time.Hour)
	start := sprint.DateOf(clk.Now())
	next := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "again", Start: start, End: start.AddDays(13)}))
	check(t, st.AddStoryToSprint("alice", next.ID, res.Returned[0].ID))
	carried := must[[]sprint.Task](t)(st.Tasks(next.ID))
	if len(carried) != 1 || carried[0].Title != "API" || carried[0].Estimate != 7 || carried[0].Remaining != 7 {
		t.Fatalf("carried %+v", carried)
	}
	old := must[[]sprint.Task](t)(st.Tasks(sp.ID))
	if len(old) != 2 || old[1].CarriedTo != carried[0].ID {
		t.Fatalf("closed board %+v", old)
	}
	// The closed sprint's chart never changes.
	again := must[sprint.Burndown](t)(st.Burndown(sp.ID, start.AddDays(10)))
	if len(again.Days) != len(chart.Days) || again.Days[len(again.Days)-1] != chart.Days[len(chart.Days)-1] {
		t.Fatalf("chart changed:\n%+v\n%+v", chart.Days, again.Days)
	}
}

func TestBurndownFromTheLog(t *testing.T) {
	st, clk := newTestStore(t)
	sp, tasks := sprintWithTasks(t, st) // Thu 26 Nov, 16h
	clk.Advance(24 * time.Hour)         // Fri
	must[sprint.Task](t)(st.SetRemaining("bob", tasks[1].ID, 4))
	clk.Advance(3 * 24 * time.Hour) // Mon: nobody opened huddle on the weekend
	must[sprint.Task](t)(st.SetTaskStatus("bob", tasks[0].ID, sprint.TaskDone))
	b := must[sprint.Burndown](t)(st.Burndown(sp.ID, sprint.DateOf(clk.Now())))
	var got []float64
	for _, d := range b.Days {
		got = append(got, d.RemainingHours)
	}
	if b.BaselineHours != 16 || len(got) != 3 || got[0] != 16 || got[1] != 10 || got[2] != 4 {
		t.Fatalf("%+v", b.Days)
	}
	p := must[Plan](t)(st.SprintPlan(sp.ID, 10))
	// Once started, committed is the baseline the start froze.
	if p.CommittedHours != 16 || p.CommittedPts != 5 || p.VelocityOf != 0 {
		t.Fatalf("plan %+v", p)
	}
}

func TestBurndownReadsOldIndexEntriesToo(t *testing.T) {
	st, clk := newTestStore(t)
	sp, tasks := sprintWithTasks(t, st)
	clk.Advance(24 * time.Hour)
	must[sprint.Task](t)(st.SetRemaining("bob", tasks[1].ID, 4))
	must[sprint.Task](t)(st.ClaimTask("bob", tasks[0].ID, ""))
	today := sprint.DateOf(clk.Now())
	fast := must[sprint.Burndown](t)(st.Burndown(sp.ID, today))
	// An index without the history values (as first written) gives the same chart.
	err := st.db.Update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSprintEvents).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if err := tx.Bucket(bucketSprintEvents).Put(append([]byte(nil), k...), nil); err != nil {
				return err
			}
		}
		return nil
	})
	check(t, err)
	slow := must[sprint.Burndown](t)(st.Burndown(sp.ID, today))
	if len(fast.Days) != 2 || fmt.Sprint(fast) != fmt.Sprint(slow) || fast.Days[1].RemainingHours != 10 {
		t.Fatalf("\n%+v\n%+v", fast, slow)
	}
}

func TestEditSprint(t *testing.T) {
	st, _ := newTestStore(t)
	start := sprint.DateOf(fixedNow)
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Start: start, End: start.AddDays(13)}))
	if _, err := st.EditSprint("bob", sp.ID, NewSprint{Goal: "x"}); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatalf("member edited: %v", err)
	}
	if _, err := st.EditSprint("alice", sp.ID, NewSprint{Goal: "g", Start: start, End: start.AddDays(40)}); err == nil {
		t.Fatal("5 weeks accepted")
	}
	got := must[sprint.Sprint](t)(st.EditSprint("alice", sp.ID, NewSprint{Name: "Kick-off", Goal: "Ship \x1b[31mlogin", Start: start, End: start.AddDays(6)}))
	if got.Name != "Kick-off" || got.Goal != "Ship login" || got.End != start.AddDays(6) || got.Capacity["bob"] != 30 {
		t.Fatalf("%+v", got)
	}
	story := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "A", Points: 1}))
	check(t, st.AddStoryToSprint("alice", sp.ID, story.ID))
	must[sprint.Task](t)(st.AddTask("bob", story.ID, "t", 3))
	check(t, st.StartSprint("alice", sp.ID))
	if _, err := st.EditSprint("alice", sp.ID, NewSprint{Goal: ""}); err == nil {
		t.Fatal("emptied a running sprint's goal")
	}
	if _, err := st.EditSprint("alice", sp.ID, NewSprint{Goal: "g", Start: start.AddDays(1), End: start.AddDays(8)}); err == nil || !strings.Contains(err.Error(), "fixed") {
		t.Fatalf("moved a running sprint: %v", err)
	}
	if err := st.SetCapacity("alice", sp.ID, "bob", -1); err == nil {
		t.Fatal("negative capacity")
	}
}

func TestPlanBacklogSkipsStoriesPlannedElsewhere(t *testing.T) {
	st, _ := newTestStore(t)
	start := sprint.DateOf(fixedNow)
	a := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "a", Start: start, End: start.AddDays(13)}))
	b := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "b", Start: start.AddDays(14), End: start.AddDays(27)}))
	for i := range 30 {
		s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: fmt.Sprint("s", i), Points: 1}))
		if i < 20 {
			check(t, st.AddStoryToSprint("alice", a.ID, s.ID))
		}
	}
	p := must[Plan](t)(st.SprintPlan(b.ID, 5))
	if len(p.Backlog) != 5 || p.Backlog[0].Title != "s20" {
		t.Fatalf("backlog %+v", p.Backlog)
	}
}
