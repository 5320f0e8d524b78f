package ui

import (
	"fmt"
	"testing"
)

// TestGoldenSprintViews draws the Plan and Burndown views of the demo team's
// sprint, the board filtered to one person's tasks and a closed sprint.
func TestGoldenSprintViews(t *testing.T) {
	st := demoStore(t)
	cases := []struct {
		name string
		keys []string
	}{
		{"sprint_plan", []string{"3", "v", "v"}},
		{"sprint_burndown", []string{"3", "v"}},
		{"sprint_burndown_points", []string{"3", "v", "p"}},
		{"sprint_board_mine", []string{"3", "f"}},
		{"sprint_closed_plan", []string{"3", "[", "v", "v"}},
		{"sprint_closed_burndown", []string{"3", "[", "v"}},
		{"sprint_new_form", []string{"3", "n"}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		for _, tc := range cases {
			name := fmt.Sprintf("%s_%dx%d", tc.name, w, h)
			t.Run(name, func(t *testing.T) {
				m := newModel(t, st, "alice", w, h)
				press(t, m, tc.keys...)
				assertGolden(t, name, m.View(), w, h)
			})
		}
	}
}
