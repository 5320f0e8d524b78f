package ui

import (
	"context"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/sprint"
	"huddle/store"
	"huddle/ui/internal/uitest"
)

// BenchmarkSessionLoads is the loads every session runs after one change,
// and nothing else: with n sessions on the board of the demo team with
// 10,000 more backlog stories, each bound to its member as over SSH, one
// op is a claim (or unclaim) of a task (not timed), then, for every session in turn, the
// commands its store event starts (the header's and the board's reloads,
// the poker's and the open page's when they have one) run to their
// messages, which are checked to show the change. No frame is drawn and no
// message is handed to the sessions. One core runs the sessions one after
// another, so ns/op over n is one session's share of a change; allocs/op
// are what the loads of all n leave to the collector.
func BenchmarkSessionLoads(b *testing.B) {
	for _, n := range []int{1, 200} {
		b.Run(fmt.Sprintf("%d-sessions", n), func(b *testing.B) { sessionLoads(b, n) })
	}
}

// bigBoardTeam is the demo team with 10,000 more backlog stories, and an
// unclaimed task of its active sprint's board.
func bigBoardTeam(b *testing.B) (*store.Store, sprint.Task) {
	st := demoStore(b)
	ins := make([]store.StoryInput, 10_000)
	for i := range ins {
		ins[i] = store.StoryInput{Title: fmt.Sprintf("Returning users see their receipts sorted by store (%d)", i+1), Points: 3, Value: i%100 + 1, Labels: []string{"payments"}}
	}
	if _, rej, err := st.ImportStories("alice", ins, false); err != nil || len(rej) != 0 {
		b.Fatal(err, rej)
	}
	sp, _, err := st.ActiveSprint()
	if err != nil {
		b.Fatal(err)
	}
	tasks, err := st.Tasks(sp.ID)
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range tasks {
		if t.Owner == "" && t.Status == sprint.TaskTodo {
			return st, t
		}
	}
	b.Fatal("no unclaimed task on the demo's board")
	return nil, sprint.Task{}
}

func sessionLoads(b *testing.B, n int) {
	st, t := bigBoardTeam(b)
	task := t.ID
	var err error
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // no relays: the benchmark starts each session's loads itself
	handles := []string{"alice", "bob", "carol"}
	models := make([]*Model, n)
	for i := range models {
		h := handles[i%len(handles)]
		bound, err := st.BoundTo(h)
		if err != nil {
			b.Fatal(err)
		}
		clk := uitest.NewClock(testNow())
		timers := clk.Timers()
		m := New(ctx, bound, h, colourRenderer(true), WithTimers(timers))
		timers.DeliverTo(b, m)
		send(b, m, tea.WindowSizeMsg{Width: 100, Height: 30})
		run(b, m, tea.Batch(m.loadHeader(), m.screens[screenSprint].Load()))
		press(b, m, "3")
		models[i] = m
	}
	var msgs []tea.Msg
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer() // the write is not the loads'
		owner := "bob"
		if i%2 == 0 {
			_, err = st.ClaimTask("bob", task, "")
		} else {
			_, err = st.UnclaimTask("bob", task)
			owner = ""
		}
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for j, m := range models {
			ev := eventMsg{N: 1}
			msgs = runCmds(tea.Batch(m.reload(), m.poker.Reload(ev)), msgs[:0])
			if err := loadsShow(msgs, task, owner); err != nil {
				b.Fatalf("session %d after change %d: %v", j, i, err)
			}
		}
	}
}

// runCmds runs cmd and every command of its batches to their messages, one
// after another.
func runCmds(cmd tea.Cmd, out []tea.Msg) []tea.Msg {
	if cmd == nil {
		return out
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			out = runCmds(c, out)
		}
		return out
	}
	return append(out, msg)
}

// loadsShow checks that a session's loads read a board whose task has
// owner (and a header, if any, that reads).
func loadsShow(msgs []tea.Msg, task int, owner string) error {
	var board bool
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case headerMsg:
			if msg.err != nil || !msg.active || !msg.isMember {
				return fmt.Errorf("header: %+v", msg)
			}
		case boardMsg:
			if msg.err != nil {
				return msg.err
			}
			for _, t := range msg.tasks {
				if t.ID == task && t.Owner != owner {
					return fmt.Errorf("task %d is %q's, want %q's", task, t.Owner, owner)
				}
			}
			board = true
		}
	}
	if !board {
		return fmt.Errorf("loads gave %d messages, no board", len(msgs))
	}
	return nil
}
