package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// bigFixture writes a file holding nStories stories and nEvents events in a few
// large transactions (building it through one fsync per write would take minutes).
func bigFixture(b *testing.B, nStories, nEvents int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "big.db")
	st, clk := newTestStoreAt(&testing.T{}, path)
	lead := backlog.Member{Handle: "alice", Role: backlog.RoleLead}
	now := fixedNow
	rank := ""
	const batch = 5000
	for done := 0; done < nStories; done += batch {
		err := st.db.Update(func(tx *bolt.Tx) error {
			w := &wtx{tx: tx, now: now, actor: lead}
			for i := done; i < min(done+batch, nStories); i++ {
				id, _ := nextID(tx.Bucket(bucketStories))
				rank = backlog.RankAfter(rank)
				s := backlog.Story{ID: id, Title: fmt.Sprintf("Story number %d with a realistic title length", id),
					Description: "As a user I want something so that I get value.", Points: 3, Value: 40,
					Labels: []string{"mobile"}, Status: backlog.StatusBacklog, Rank: rank, Created: now, Updated: now}
				if err := saveStory(tx, s, ""); err != nil {
					return err
				}
				if err := w.emit(Event{Kind: EventStoryAdded, Story: id, Text: "added"}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	start := sprint.DateOf(now).AddDays(-7)
	clk.Advance(-7 * 24 * time.Hour) // planned on its first day: a start in the past is refused
	sp, err := st.CreateSprint("alice", NewSprint{Goal: "Big", Start: start, End: start.AddDays(13)})
	clk.Advance(7 * 24 * time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	for done := nStories; done < nEvents; done += batch {
		err := st.db.Update(func(tx *bolt.Tx) error {
			w := &wtx{tx: tx, now: now, actor: lead}
			for i := done; i < min(done+batch, nEvents); i++ {
				if err := w.emit(Event{Kind: EventTaskRemaining, Sprint: sp.ID, Task: i%100 + 1,
					Fields: map[string]string{"remaining": "3"}, Text: "alice set T-1 to 3h left"}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	st.Close()
	return path
}

// BenchmarkOpenFirstScreen opens a file of 10,000 stories and 50,000 events and
// loads what the first screen shows: team, members, the active or newest sprint,
// this quarter's OKRs and a screenful of the backlog.
func BenchmarkOpenFirstScreen(b *testing.B) {
	path := bigFixture(b, 10000, 50000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Team(); err != nil {
			b.Fatal(err)
		}
		st.Members()
		st.ActiveSprint()
		st.Sprints()
		st.Objectives(backlog.QuarterOf(fixedNow))
		if list, _ := st.Stories(60); len(list) != 60 {
			b.Fatal("short backlog")
		}
		st.StoryCount()
		st.Close()
	}
}

// BenchmarkWrite measures one event-producing write (a task's remaining hours),
// which costs one fsync'd bbolt commit, and reports its p50 and p99.
func BenchmarkWrite(b *testing.B) {
	st, _ := newTestStore(b)
	story, _ := st.AddStory("alice", StoryInput{Title: "s", Points: 3})
	start := sprint.DateOf(fixedNow)
	sp, _ := st.CreateSprint("alice", NewSprint{Goal: "g", Start: start, End: start.AddDays(13)})
	st.AddStoryToSprint("alice", sp.ID, story.ID)
	task, err := st.AddTask("alice", story.ID, "t", 100)
	if err != nil {
		b.Fatal(err)
	}
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := st.SetRemaining("bob", task.ID, float64(i%100)); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(t0))
	}
	reportPercentiles(b, durations)
}

// BenchmarkBareFsync is the floor under BenchmarkWrite: one small write and fsync
// on the same disk.
func BenchmarkBareFsync(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "sync"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		f.WriteAt(buf, 0)
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(t0))
	}
	reportPercentiles(b, durations)
}

func reportPercentiles(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	at := func(p float64) float64 { return float64(d[int(p*float64(len(d)-1))].Microseconds()) }
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}

// BenchmarkOpenWholeBacklog is the backlog screen's load as the shell does it
// today: open, then every listed story (10,000) in rank order.
func BenchmarkOpenWholeBacklog(b *testing.B) {
	path := bigFixture(b, 10000, 50000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if list, _ := st.Stories(0); len(list) != 10000 {
			b.Fatal("short backlog")
		}
		st.Close()
	}
}
