package ui

import (
	"fmt"
	"testing"
)

// screenNames name the golden files, in tab order.
func screenNames() []string { return []string{"vision", "backlog", "sprint", "standup", "retro"} }

// TestGoldenScreens draws every screen of the demo team at 80x24 and 120x40.
func TestGoldenScreens(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		m := newModel(t, st, "alice", w, h)
		for i, name := range screenNames() {
			press(t, m, fmt.Sprint(i+1))
			t.Run(fmt.Sprintf("%s_%dx%d", name, w, h), func(t *testing.T) {
				assertGolden(t, fmt.Sprintf("%s_%dx%d", name, w, h), m.View(), w, h)
			})
		}
	}
}

// TestGoldenEmpty draws every screen of a team that has nothing yet.
func TestGoldenEmpty(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	m := newModel(t, st, "alice", 80, 24)
	for i, name := range screenNames() {
		press(t, m, fmt.Sprint(i+1))
		t.Run(name, func(t *testing.T) {
			assertGolden(t, "empty_"+name+"_80x24", m.View(), 80, 24)
		})
	}
}

// TestGoldenStates draws states reached by keys: full help, a filter being
// typed, the backlog scrolled to its end, another quarter, an older sprint's retro.
func TestGoldenStates(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	cases := []struct {
		name string
		keys []string
	}{
		{"help_full", []string{"?"}},
		{"backlog_filter", []string{"2", "/", "b", "o", "a", "r", "d"}},
		{"backlog_end", []string{"2", "G"}},
		{"vision_next_quarter", []string{"1", "]"}},
		{"retro_previous_sprint", []string{"5", "["}},
		{"sprint_in_progress_column", []string{"3", "l", "j"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newModel(t, st, "alice", 80, 24)
			press(t, m, tc.keys...)
			assertGolden(t, tc.name+"_80x24", m.View(), 80, 24)
		})
	}
}

// TestLayoutHoldsAtManySizes draws every screen at sizes between narrow and
// wide and checks that nothing overflows.
func TestLayoutHoldsAtManySizes(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	for _, size := range [][2]int{{80, 24}, {60, 20}, {100, 30}, {120, 40}, {200, 60}, {40, 12}, {20, 6}, {10, 3}, {1, 1}} {
		w, h := size[0], size[1]
		m := newModel(t, st, "bob", w, h)
		for i := range screenNames() {
			press(t, m, fmt.Sprint(i+1))
			assertFits(t, m.View(), w, h)
			press(t, m, "?")
			assertFits(t, m.View(), w, h)
			press(t, m, "?", "G", "l", "j", "]")
			assertFits(t, m.View(), w, h)
		}
	}
}
