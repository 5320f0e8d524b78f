package ui

import (
	"context"
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/store"
	"huddle/store/gen"
	"huddle/ui/internal/uitest"
)

// screenNames name the screens in benchmark names.
func screenName(id screenID) string {
	return [numScreens]string{"vision", "backlog", "board", "standup", "retro"}[id]
}

// BenchmarkScreenFirstFrame times what a person waits for when they open a
// screen on a team's file: from opening a cold copy of the file (no store of
// this process has read it) through the header's and the screen's loads (their
// store reads, on the active sprint of a generated team with real history) to
// the screen's first frame at 120x40. Sizes: gen.Sizes (HUDDLE_BENCH=full for
// 10k and 100k stories).
func BenchmarkScreenFirstFrame(b *testing.B) {
	for _, size := range gen.Sizes() {
		for id := range numScreens {
			b.Run(screenName(id)+"/"+size.Name, func(b *testing.B) { screenFirstFrame(b, id, size, false) })
		}
	}
}

// BenchmarkBoardFirstFrame is the board's first frame with its load from a
// cold store, at 10,000 stories (and, with HUDDLE_BENCH=full, at 10k and 100k
// stories with 100k and 1M events): what a developer waits for after ssh.
// "new" is a file no huddle has seen (a copy: its open reads every page);
// "own" is the same copy after one huddle opened and closed it, as the team's
// file is every day (its stamp spares the walk of every page, see store/stamp.go).
func BenchmarkBoardFirstFrame(b *testing.B) {
	for _, size := range gen.SizesFrom10k() {
		b.Run(size.Name+"/new", func(b *testing.B) { screenFirstFrame(b, screenSprint, size, false) })
		b.Run(size.Name+"/own", func(b *testing.B) { screenFirstFrame(b, screenSprint, size, true) })
	}
}

func screenFirstFrame(b *testing.B, id screenID, size gen.Size, own bool) {
	dir := b.TempDir()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		copyDir, err := os.MkdirTemp(dir, "copy")
		if err != nil {
			b.Fatal(err)
		}
		team, err := gen.File(copyDir, size)
		if err != nil {
			b.Fatal(err)
		}
		if own {
			st, err := store.Open(team.Path, store.Options{Now: gen.Now})
			if err != nil {
				b.Fatal(err)
			}
			st.Close()
		}
		ctx, cancel := context.WithCancel(context.Background())
		clk := uitest.NewClock(gen.Now())
		b.StartTimer()

		st, err := store.Open(team.Path, store.Options{Now: gen.Now})
		if err != nil {
			b.Fatal(err)
		}
		m := New(ctx, st, gen.Lead, asciiRenderer(), WithTimers(clk.Timers()))
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m.active = id
		uitest.Run(b, m, tea.Batch(m.loadHeader(), m.screens[id].Load()))
		v := m.View()

		b.StopTimer()
		if !strings.Contains(v, "Generated team") || strings.Contains(v, "cannot read") || !strings.Contains(v, "day 6 of 10") {
			b.Fatalf("the first frame of %s:\n%s", screenName(id), v)
		}
		if id == screenSprint && !strings.Contains(v, "In progress (") {
			b.Fatalf("the board's first frame:\n%s", v)
		}
		cancel()
		st.Close()
		os.RemoveAll(copyDir)
		b.StartTimer()
	}
}
