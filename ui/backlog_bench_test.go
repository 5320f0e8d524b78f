package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/common"
)

// bigBacklog is a file with n stories, written in one import transaction.
func bigBacklog(b *testing.B, n int) *store.Store {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "big.db"), store.Options{Create: true, Now: testNow})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Bootstrap("alice", "Big team"); err != nil {
		b.Fatal(err)
	}
	ins := make([]store.StoryInput, n)
	labels := []string{"mobile", "web", "api", "ux", "growth"}
	for i := range ins {
		ins[i] = store.StoryInput{Title: fmt.Sprintf("Story number %d with a realistic title length", i+1),
			Points: backlog.PointScale[i%len(backlog.PointScale)], Value: i%100 + 1, Labels: []string{labels[i%len(labels)]}}
	}
	if _, rej, err := st.ImportStories("alice", ins, false); err != nil || len(rej) != 0 {
		b.Fatal(err, rej)
	}
	return st
}

// openBacklog builds the backlog screen at 120x40 and runs its load, as the
// root does when the screen opens, to its first frame; with full it also runs
// the load of the rest of the backlog that the first frame starts.
func openBacklog(b *testing.B, st *store.Store, full bool) (*backlogScreen, string) {
	c := common.New(st, "alice", asciiRenderer())
	c.SetSize(120, 36)
	s := newBacklogScreen(c)
	s.SetCommon(c)
	var rest []tea.Cmd
	for _, m := range drain(s.Load()) {
		rest = append(rest, s.Update(m))
	}
	first := s.View()
	if full {
		for _, cmd := range rest {
			for _, m := range drain(cmd) {
				s.Update(m)
			}
		}
		if !s.full {
			b.Fatal("not fully loaded")
		}
	}
	return s, first
}

// drain runs a command (and the batches it returns) to its messages.
func drain(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, drain(c)...)
		}
		return out
	case nil:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

// BenchmarkBacklogOpenToFirstFrame: 10,000 stories, from building the screen
// to its first drawn frame (the store read included). Target: 15 ms.
func BenchmarkBacklogOpenToFirstFrame(b *testing.B) {
	st := bigBacklog(b, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, v := openBacklog(b, st, false)
		if !strings.Contains(v, "10000 stories") || !strings.Contains(v, "Story number 1 ") {
			b.Fatal("the first frame does not show the backlog")
		}
	}
}

// BenchmarkBacklogFullLoad: 10,000 stories, the first frame and then the
// whole backlog loaded (what filtering and the totals wait for).
func BenchmarkBacklogFullLoad(b *testing.B) {
	st := bigBacklog(b, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if s, _ := openBacklog(b, st, true); len(s.stories) != 10000 {
			b.Fatal("not loaded")
		}
	}
}

// BenchmarkBacklogFilterKeystroke: 10,000 stories, one key typed into a
// filter holding "number 12" (alternately a "3", which narrows what "number
// 12" matched, and backspace, which the matcher answers from what it kept)
// and the frame drawn. Target: 10 ms.
func BenchmarkBacklogFilterKeystroke(b *testing.B) {
	st := bigBacklog(b, 10000)
	s, _ := openBacklog(b, st, true)
	s.Update(keyMsg("/"))
	for _, r := range "number 12" {
		s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	keys := []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune{'3'}}, {Type: tea.KeyBackspace}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Update(keys[i%2])
		if s.View() == "" {
			b.Fatal("no frame")
		}
	}
	b.StopTimer()
	if len(s.shown) == 0 || len(s.shown) == 10000 {
		b.Fatalf("the filter shows %d stories", len(s.shown))
	}
}

// BenchmarkBacklogFilterFirstKeystroke: 10,000 stories, the first letter
// typed into an empty filter and its frame: the worst case, every field is
// scored. The matcher forgets what it matched before each keystroke (as after
// a load), so no iteration is served from its cache; the backspace that
// empties the filter again is not timed.
func BenchmarkBacklogFilterFirstKeystroke(b *testing.B) {
	st := bigBacklog(b, 10000)
	s, _ := openBacklog(b, st, true)
	s.Update(keyMsg("/"))
	letters := "nstr"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s.matcher = newStoryMatcher(s.matcher.fields)
		b.StartTimer()
		s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{rune(letters[i%len(letters)])}})
		if s.View() == "" {
			b.Fatal("no frame")
		}
		b.StopTimer()
		if len(s.shown) == 0 {
			b.Fatal("nothing matches")
		}
		s.Update(tea.KeyMsg{Type: tea.KeyBackspace})
		b.StartTimer()
	}
}

// BenchmarkBacklogMoveKey: 10,000 stories, K pressed on a story in the
// middle: the store write of one story, the reload and the frame.
func BenchmarkBacklogMoveKey(b *testing.B) {
	st := bigBacklog(b, 10000)
	s, _ := openBacklog(b, st, true)
	s.Update(keyMsg("G"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range drain(s.Update(keyMsg("K"))) {
			for _, m2 := range drain(s.Update(m)) {
				s.Update(m2)
			}
		}
		_ = s.View()
	}
}
