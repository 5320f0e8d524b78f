package store_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/store/gen"
)

// coldCopy is a fresh copy of a generated team that no store has opened.
func coldCopy(b *testing.B, size gen.Size) gen.Team {
	b.Helper()
	dir, err := os.MkdirTemp(b.TempDir(), "copy")
	if err != nil {
		b.Fatal(err)
	}
	team, err := gen.File(dir, size)
	if err != nil {
		b.Fatal(err)
	}
	return team
}

// BenchmarkOpenFirstScreen opens a cold copy of a generated team (an active,
// started sprint on its sixth day with real history) and reads what the
// first screen, the board, needs from the store: team, members, the active
// sprint, its tasks and its burndown, plus a screenful of the backlog and its
// count. Sizes: gen.SizesFrom10k (HUDDLE_BENCH=full for 100k stories / 1M events).
//
// "new" is a copy no huddle has seen (the open reads every page); "own" is
// the copy after one huddle opened and closed it, as a team's file is every
// day (its stamp spares the walk, see stamp.go).
func BenchmarkOpenFirstScreen(b *testing.B) {
	for _, size := range gen.SizesFrom10k() {
		for _, own := range []bool{false, true} {
			name := size.Name + "/new"
			if own {
				name = size.Name + "/own"
			}
			b.Run(name, func(b *testing.B) { openFirstScreen(b, size, own) })
		}
	}
}

func openFirstScreen(b *testing.B, size gen.Size, own bool) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		team := coldCopy(b, size)
		if own {
			st, err := store.Open(team.Path, store.Options{Now: gen.Now})
			if err != nil {
				b.Fatal(err)
			}
			st.Close()
		}
		b.StartTimer()
		st, err := store.Open(team.Path, store.Options{Now: gen.Now})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Team(); err != nil {
			b.Fatal(err)
		}
		if _, err := st.Members(); err != nil {
			b.Fatal(err)
		}
		sp, active, err := st.ActiveSprint()
		if err != nil || !active || sp.Started.IsZero() {
			b.Fatalf("no started sprint: %+v %v %v", sp, active, err)
		}
		if tasks, err := st.Tasks(sp.ID); err != nil || len(tasks) < 40 {
			b.Fatal(len(tasks), err)
		}
		if bd, err := st.Burndown(sp.ID, sprint.DateOf(gen.Now())); err != nil || len(bd.Days) != 6 {
			b.Fatal(len(bd.Days), err)
		}
		if list, err := st.Stories(60); err != nil || len(list) != 60 {
			b.Fatal(len(list), err)
		}
		if _, err := st.StoryCount(); err != nil {
			b.Fatal(err)
		}
		if _, err := st.Objectives(backlog.QuarterOf(gen.Now())); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		os.RemoveAll(filepath.Dir(team.Path))
		b.StartTimer()
	}
}

// BenchmarkWrite is one write a developer makes all day (hours left on a task
// of the active sprint) on a generated team's file, fsync included: the
// transaction that checks the rule, saves the task and appends the event.
// It reports p50 and p99.
func BenchmarkWrite(b *testing.B) {
	for _, size := range gen.SizesFrom10k() {
		b.Run(size.Name, func(b *testing.B) {
			team := coldCopy(b, size)
			st, err := store.Open(team.Path, store.Options{Now: gen.Now})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			tasks, err := st.Tasks(team.Active)
			if err != nil || len(tasks) == 0 {
				b.Fatal(len(tasks), err)
			}
			task := tasks[0]
			durations := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				if _, err := st.SetRemaining(task.Owner, task.ID, float64(i%8)); err != nil {
					b.Fatal(err)
				}
				durations = append(durations, time.Since(t0))
			}
			reportPercentiles(b, durations)
		})
	}
}

// BenchmarkBareFsync is the floor under BenchmarkWrite: one small write and
// fsync on the same disk.
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
		if _, err := f.WriteAt(buf, 0); err != nil {
			b.Fatal(err)
		}
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
	slices.Sort(d)
	at := func(p float64) float64 { return float64(d[int(p*float64(len(d)-1))].Microseconds()) }
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}
