package ui

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
)

// walkKey is the key message a test presses for a binding: its first key
// that is one rune or a named key the tests know, else false.
func walkKey(b key.Binding) (tea.KeyMsg, bool) {
	named := map[string]tea.KeyType{
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"ctrl+s": tea.KeyCtrlS, "backspace": tea.KeyBackspace,
	}
	for _, k := range b.Keys() {
		if t, ok := named[k]; ok {
			return tea.KeyMsg{Type: t}, true
		}
		if k == " " {
			return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}, true
		}
		if len([]rune(k)) == 1 {
			return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}, true
		}
	}
	return tea.KeyMsg{}, false
}

// moves are keys that only move a cursor or scroll: at the edge they do
// nothing, which is what a person expects of them.
var moves = map[string]bool{"up": true, "down": true, "left": true, "right": true, "j": true, "k": true,
	"h": true, "l": true, "pgup": true, "pgdown": true, "home": true, "end": true, "g": true, "G": true, " ": true}

// walkState is a state of the demo team a walk starts from.
type walkState struct {
	name  string
	setup func(t *testing.T, st *store.Store)
}

func walkStates() []walkState {
	return []walkState{
		{"sprint running", func(*testing.T, *store.Store) {}},
		{"stand-up running", func(t *testing.T, st *store.Store) {
			_, _, err := st.StartStandup("alice", sprint.DateOf(st.Now()), nil)
			check(t, err)
		}},
		{"retro revealed", func(t *testing.T, st *store.Store) {
			_, err := st.SetRetroPhase("alice", 2, retro.PhaseReveal)
			check(t, err)
		}},
		{"retro voting", func(t *testing.T, st *store.Store) {
			for _, p := range []retro.Phase{retro.PhaseReveal, retro.PhaseGroup, retro.PhaseVote} {
				_, err := st.SetRetroPhase("alice", 2, p)
				check(t, err)
			}
		}},
		{"a proposal and a mention waiting", func(t *testing.T, st *store.Store) {
			p, err := st.AddStory("bob", store.StoryInput{Title: "Bob's idea"})
			check(t, err)
			_, err = st.AddStoryComment("bob", p.ID, "@alice what do you think?")
			check(t, err)
		}},
		{"sprint closed", func(t *testing.T, st *store.Store) {
			_, err := st.CloseSprint("alice", 2)
			check(t, err)
		}},
	}
}

// Every key the footer and ? show, on every screen and view, for the lead, a
// member and a guest, in each main state, either acts (the screen changes)
// or says in one line why it cannot; and the footer and the overlay fit 80x24.
func TestEveryOfferedKeyActsOrSaysWhy(t *testing.T) {
	t.Parallel()
	views := [][]string{{"1"}, {"2"}, {"2", "G", "enter"}, {"3"}, {"3", "v"}, {"3", "v", "v"}, {"4"}, {"5"}, {"5", "r"}, {"6"}}
	for _, state := range walkStates() {
		t.Run(state.name, func(t *testing.T) {
			t.Parallel()
			// A store of its own for every key: one key's write must not
			// change the state the next key is tried in.
			base := demoStore(t)
			state.setup(t, base)
			file := filepath.Join(t.TempDir(), "state.db")
			must[int64](t)(base.BackupFile(file))
			b := must[[]byte](t)(os.ReadFile(file))
			fresh := func() *store.Store {
				path := filepath.Join(t.TempDir(), "huddle.db")
				check(t, os.WriteFile(path, b, 0o600))
				// NoSync: these copies are thrown away; the walk presses
				// thousands of keys and fsync would be most of its time.
				st, err := store.Open(path, store.Options{Now: testNow, NoSync: true})
				check(t, err)
				t.Cleanup(func() { st.Close() })
				return st
			}
			for _, actor := range []string{"alice", "bob", "dave"} {
				for _, view := range views {
					walkView(t, fresh, actor, view)
				}
			}
		})
	}
}

func walkView(t *testing.T, fresh func() *store.Store, actor string, view []string) {
	t.Helper()
	where := fmt.Sprintf("%s on %v", actor, view)
	m := newModel(t, fresh(), actor, 80, 24)
	press(t, m, view...)
	assertFits(t, m.View(), 80, 24)
	if footer := lastLine(m.View()); strings.HasSuffix(footer, "…") {
		t.Errorf("%s: the footer ends in …: %q", where, footer)
	}
	offered := map[string]key.Binding{}
	f := m.footerKeys(m.active)
	for _, b := range f.screen.ShortHelp() {
		offered[b.Help().Key+" "+b.Help().Desc] = b
	}
	for _, group := range f.screen.FullHelp() {
		for _, b := range group {
			offered[b.Help().Key+" "+b.Help().Desc] = b
		}
	}
	press(t, m, "?")
	assertFits(t, m.View(), 80, 24)
	overlay := m.View()
	press(t, m, "esc")
	if m.helpOpen() {
		t.Fatalf("%s: esc did not close the overlay", where)
	}
	names := slices.Sorted(maps.Keys(offered))
	for _, name := range names {
		b := offered[name]
		if !b.Enabled() {
			continue
		}
		onlyMoves := true
		for _, k := range b.Keys() {
			onlyMoves = onlyMoves && moves[k]
		}
		if !onlyMoves && !strings.Contains(overlay, m.c.Tr.T(b.Help().Desc)) && !strings.Contains(overlay, "more rows") {
			t.Errorf("%s: %q is in the footer but not in the ? overlay", where, name)
		}
		msg, ok := walkKey(b)
		if !ok || moves[msg.String()] {
			continue
		}
		// A fresh session each time: a key's effect must not hide the next one's.
		m := newModel(t, fresh(), actor, 80, 24)
		press(t, m, view...)
		before := m.View()
		send(t, m, msg)
		after := m.View()
		if after == before && m.status == "" {
			t.Errorf("%s: %q (%s) neither acted nor said why", where, name, msg)
		}
		if strings.Contains(m.status, "\n") {
			t.Errorf("%s: %q says more than one line: %q", where, name, m.status)
		}
		assertFits(t, after, 80, 24)
	}
}

func lastLine(s string) string { return s[strings.LastIndex(s, "\n")+1:] }

// The keys the issue found offered and dead: each now says why at once, with
// no question and no form, and the footer does not offer it.
func TestKeysThatCannotWorkSayWhy(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, actor string
		setup       func(t *testing.T, st *store.Store)
		keys        []string
		press, want string
	}{
		{"start an active sprint", "alice", nil, []string{"3", "v", "v"}, "S", "sprint #2 is active, not being planned"},
		{"member assigns", "bob", nil, []string{"3"}, "a", "only a lead can assign tasks"},
		{"member sets up the retro board", "bob", nil, []string{"5"}, "b", "only a lead can run the retro"},
		{"member asks about earlier actions", "bob", nil, []string{"5"}, "o", "only a lead can run the retro"},
		{"next phase of a finished retro", "alice", func(t *testing.T, st *store.Store) {
			_, err := st.SetRetroPhase("alice", 2, retro.PhaseDone)
			check(t, err)
		}, []string{"5"}, ">", "the retro is done"},
		{"move on a done task", "alice", nil, []string{"3", "l", "l"}, "m", "is Done already"},
		{"delete a story in a sprint", "alice", nil, []string{"2", "j"}, "d", "S-3 is in sprint #2; take it out of the sprint first"},
		{"older stand-up than the first", "alice", nil, []string{"4"}, "[", "no stand-up was held before this day"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := demoStore(t)
			if c.setup != nil {
				c.setup(t, st)
			}
			m := newModel(t, st, c.actor, 80, 24)
			press(t, m, c.keys...)
			for _, b := range m.footerKeys(m.active).ShortHelp() {
				if b.Enabled() && slices.Contains(b.Keys(), c.press) {
					t.Errorf("the footer offers %s (%s)", c.press, b.Help().Desc)
				}
			}
			press(t, m, c.press)
			if !strings.Contains(m.status, c.want) {
				t.Errorf("%s says %q, want %q", c.press, m.status, c.want)
			}
			if m.screens[m.active].Capturing() {
				t.Errorf("%s opened a form or a question:\n%s", c.press, m.View())
			}
		})
	}
}
