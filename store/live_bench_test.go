package store_test

import (
	"testing"

	"huddle/sprint"
	"huddle/store"
	"huddle/store/gen"
)

// BenchmarkBoardAfterClaim is what one claim costs the board every session
// shows, on a generated team (1k stories / 10k events, and with
// HUDDLE_BENCH=full 10k / 100k and 100k / 1M): the claim's write (without its
// fsync: the disk is not what this measures) with the live board's delta,
// then the board as a screen reads it, burndown included. The first board is
// read before the timer starts (a server has it from its first session);
// what is timed must not grow with the backlog or the log.
func BenchmarkBoardAfterClaim(b *testing.B) {
	for _, size := range gen.Sizes() {
		b.Run(size.Name, func(b *testing.B) {
			team := coldCopy(b, size)
			st, err := store.Open(team.Path, store.Options{Now: gen.Now, NoSync: true})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			today := sprint.DateOf(gen.Now())
			tasks, err := st.Tasks(team.Active)
			if err != nil || len(tasks) == 0 {
				b.Fatal(len(tasks), err)
			}
			var task sprint.Task
			for _, t := range tasks {
				if t.Owner != "" && t.Status != sprint.TaskDone {
					task = t
					break
				}
			}
			if task.ID == 0 {
				b.Fatal("no claimed open task in the active sprint")
			}
			if _, err := st.BoardView(0, today, 30); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i%2 == 0 {
					_, err = st.UnclaimTask(task.Owner, task.ID)
				} else {
					_, err = st.ClaimTask(task.Owner, task.ID, task.Owner)
				}
				if err != nil {
					b.Fatal(err)
				}
				v, err := st.BoardView(0, today, 30)
				if err != nil || len(v.Burndown.Days) == 0 {
					b.Fatal(err)
				}
				for _, t := range v.Plan.Tasks {
					if t.ID == task.ID && (t.Owner == "") != (i%2 == 0) {
						b.Fatalf("the board shows owner %q after step %d", t.Owner, i)
					}
				}
			}
		})
	}
}

// BenchmarkExportStream writes the JSON export of a generated team (1k, and
// with HUDDLE_BENCH=full 10k and 100k stories) to nowhere, opening the file
// cold each time: what `huddle export --format json` does past its start.
func BenchmarkExportStream(b *testing.B) {
	for _, size := range gen.Sizes() {
		b.Run(size.Name, func(b *testing.B) {
			team := coldCopy(b, size)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				st, err := store.Open(team.Path, store.Options{ReadOnly: true, Now: gen.Now})
				if err != nil {
					b.Fatal(err)
				}
				var n countWriter
				if err := st.ExportJSON(&n); err != nil {
					b.Fatal(err)
				}
				st.Close()
				b.ReportMetric(float64(n)/1e6, "MB-out")
			}
		})
	}
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
