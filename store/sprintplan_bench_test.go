package store

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// BenchmarkBurndown computes the burndown of a sprint whose history holds 2,000
// task changes (100 tasks) inside a log of 1,000,000 events, most of them other
// sprints' and stories'. Only the sprint's own history is read, through the
// sprint_events index.
func BenchmarkBurndown(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.db")
	st, clk := newTestStoreAt(&testing.T{}, path)
	start := sprint.DateOf(fixedNow).AddDays(-14)
	story := must[backlog.Story](b)(st.AddStory("alice", StoryInput{Title: "s", Points: 5}))
	clk.Advance(-14 * 24 * time.Hour) // planned on its first day: a start in the past is refused
	sp := must[sprint.Sprint](b)(st.CreateSprint("alice", NewSprint{Goal: "g", Start: start, End: start.AddDays(27)}))
	clk.Advance(14 * 24 * time.Hour)
	if err := st.AddStoryToSprint("alice", sp.ID, story.ID); err != nil {
		b.Fatal(err)
	}
	const tasks, changes, total = 100, 2000, 1_000_000
	lead := backlog.Member{Handle: "alice", Role: backlog.RoleLead}
	const batch = 20000
	written := 0
	for written < total {
		err := st.db.Update(func(tx *bolt.Tx) error {
			for i := 0; i < batch && written < total; i++ {
				day := written * 20 / total // spread over 20 days
				w := &wtx{tx: tx, now: start.Time().AddDate(0, 0, day).Add(10 * 60 * 60e9), actor: lead}
				var e Event
				switch n := written; {
				case n < tasks:
					id, _ := nextID(tx.Bucket(bucketTasks))
					t := sprint.Task{ID: id, Story: story.ID, Sprint: sp.ID, Title: "t", Estimate: 20, Remaining: 20, Status: sprint.TaskTodo}
					if err := put(tx.Bucket(bucketTasks), itob(id), t); err != nil {
						return err
					}
					tx.Bucket(bucketSprintTasks).Put(pairKey(sp.ID, id), nil)
					e = Event{Kind: EventTaskAdded, Sprint: sp.ID, Story: story.ID, Task: id, Fields: map[string]string{"hours": "20", "scope_change": "false"}}
				case n == tasks:
					e = Event{Kind: EventSprintStarted, Sprint: sp.ID, Fields: map[string]string{"hours": "2000", "points": "5"}}
				case n%(total/changes) == 0:
					e = Event{Kind: EventTaskRemaining, Sprint: sp.ID, Story: story.ID, Task: n%tasks + 1,
						Fields: map[string]string{"remaining_from": "20", "remaining": fmt.Sprint(20 - day)}, Text: "alice set a task's hours"}
				default:
					e = Event{Kind: EventTaskRemaining, Sprint: 1000 + n%50, Story: 7, Task: 9,
						Fields: map[string]string{"remaining_from": "3", "remaining": "2"}, Text: "someone else's sprint"}
				}
				if err := w.emit(e); err != nil {
					return err
				}
				written++
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	// Mark it started, as the events say.
	err := st.db.Update(func(tx *bolt.Tx) error {
		s, _ := sprintIn(tx, sp.ID)
		s.Status, s.BaselineHours, s.BaselinePoints, s.Started = sprint.StatusActive, 2000, 5, start.Time()
		return put(tx.Bucket(bucketSprints), itob(sp.ID), s)
	})
	if err != nil {
		b.Fatal(err)
	}
	today := start.AddDays(20)
	bd, err := st.Burndown(sp.ID, today)
	if err != nil || len(bd.Days) != 15 || bd.Days[14].RemainingHours >= 2000 {
		b.Fatalf("%v %+v", err, bd.Days)
	}
	runtime.GC()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.Burndown(sp.ID, today); err != nil {
			b.Fatal(err)
		}
	}
}
