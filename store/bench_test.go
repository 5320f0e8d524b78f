package store

import (
	"fmt"
	"path/filepath"
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
	clk := &testClock{t: fixedNow}
	st, err := Open(path, Options{Create: true, Now: clk.Now})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.Bootstrap("alice", "Rocket"); err != nil {
		b.Fatal(err)
	}
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
