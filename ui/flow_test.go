package ui

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"huddle/store"
)

// waitFor waits until the program has drawn every one of texts. It reads
// (and so consumes) the output drawn since the last wait.
func waitFor(t *testing.T, tm *teatest.TestModel, texts ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, s := range texts {
			if !bytes.Contains(b, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(20*time.Millisecond)) // a limit for a stuck test on a loaded machine, not a pause
}

func TestFlowSwitchScreensAndQuit(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	tm := teatest.NewTestModel(t, New(t.Context(), st, "alice", asciiRenderer()), teatest.WithInitialTermSize(100, 30))

	waitFor(t, tm, "Cache Go modules in CI") // the backlog, loaded in a command
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("3")})
	waitFor(t, tm, "23h left of 32h committed")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("4")})
	waitFor(t, tm, "The blocked badge needs the task API merged first")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	waitFor(t, tm, "Retro of #2")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})

	final, ok := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	if !ok {
		t.Fatalf("final model is %T", final)
	}
	if final.ActiveTitle() != "Review & Retro" {
		t.Errorf("ended on %q, want Review & Retro", final.ActiveTitle())
	}
	if final.c.Width != 100 || final.c.Height != 30 {
		t.Errorf("final size %dx%d, want 100x30", final.c.Width, final.c.Height)
	}
}

func TestFlowLiveUpdateWithoutKeypress(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	tm := teatest.NewTestModel(t, New(t.Context(), st, "bob", asciiRenderer()), teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "Cache Go modules in CI")

	// Another session (here: the test) writes to the store.
	if _, err := st.AddStory("alice", store.StoryInput{Title: "Written by another session", Points: 3}); err != nil {
		t.Fatal(err)
	}
	// AddAction puts a story at the top, so it shows without scrolling.
	if _, err := st.AddAction("alice", 2, "Pair on every blocked task", "bob"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "Pair on every blocked task", "22 stories")
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	b := final.screens[screenBacklog].(*backlogScreen)
	var titles []string
	for _, s := range b.stories {
		titles = append(titles, s.Title)
	}
	if !contains(titles, "Written by another session") || !contains(titles, "Pair on every blocked task") {
		t.Errorf("the backlog did not reload: %v", titles)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
