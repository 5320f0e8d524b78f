package ui

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/ui/internal/uitest"
)

// BenchmarkClaimRedrawSessions is the server's work for one claim with many
// sessions on the board of the demo team with 10,000 more backlog stories:
// the claim's write (fsync included), then, for every session in turn, the
// store event's handling (the header's and the board's reload from the shared
// snapshots) and the session's new frame at 100x30 in 256 colours, checked to
// show the claim. It is the CPU behind "claim → visible in every session",
// without SSH: one core does all sessions one after another, so ms/claim
// over the number of sessions is one session's share. It also reports the
// heap the sessions hold once on the board.
func BenchmarkClaimRedrawSessions(b *testing.B) {
	for _, n := range []int{1, 50, 200} {
		b.Run(fmt.Sprintf("%d-sessions", n), func(b *testing.B) { claimRedraw(b, n) })
	}
}

func claimRedraw(b *testing.B, n int) {
	st, task := bigBoardTeam(b)
	var err error
	// The sessions' relays are stopped (a cancelled context): the benchmark
	// hands each one the store's event itself.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	handles := []string{"alice", "bob", "carol"}
	models := make([]*Model, n)
	runtime.GC()
	var heap0 runtime.MemStats
	runtime.ReadMemStats(&heap0)
	for i := range models {
		clk := uitest.NewClock(testNow())
		timers := clk.Timers()
		m := New(ctx, st, handles[i%len(handles)], colourRenderer(true), WithTimers(timers))
		timers.DeliverTo(b, m)
		send(b, m, tea.WindowSizeMsg{Width: 100, Height: 30})
		run(b, m, tea.Batch(m.loadHeader(), m.screens[screenSprint].Load()))
		press(b, m, "3")
		if v := m.View(); !strings.Contains(v, "In progress (") {
			b.Fatalf("session %d is not on the board:\n%s", i, v)
		}
		models[i] = m
	}
	unclaimed := strings.Count(models[0].View(), "unclaimed")
	// What the sessions hold once on the board, the shared snapshots they
	// read included (built by the first): the heap per session.
	runtime.GC()
	var heap1 runtime.MemStats
	runtime.ReadMemStats(&heap1)
	heapKB := float64(int64(heap1.HeapInuse)-int64(heap0.HeapInuse)) / 1024 / float64(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		want := unclaimed
		if i%2 == 0 {
			_, err = st.ClaimTask("bob", task.ID, "")
			want--
		} else {
			_, err = st.UnclaimTask("bob", task.ID)
		}
		if err != nil {
			b.Fatal(err)
		}
		for j, m := range models {
			send(b, m, eventMsg{N: 1})
			if v := m.View(); strings.Count(v, "unclaimed") != want {
				b.Fatalf("session %d after step %d does not show %d unclaimed tasks:\n%s", j, i, want, v)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)/float64(n), "ms/session")
	b.ReportMetric(heapKB, "heap-KB/session")
}
