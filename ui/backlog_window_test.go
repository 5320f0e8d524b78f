package ui

import "testing"

// The list's height counts head's lines without drawing them: the count
// must be what head draws, whatever the screen shows above the list.
func TestBacklogHeadLinesCountsHead(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 100, 30)
	press(t, m, "2")
	s := m.screens[screenBacklog].(*backlogScreen)
	for _, step := range []struct {
		name string
		keys []string
	}{
		{"the list", nil},
		{"the filter open", []string{"/"}},
		{"a filter typed", []string{"o", "n"}},
		{"a filter nothing matches", []string{"z", "z", "q"}},
		{"the filter cleared", []string{"esc", "esc"}},
		{"a question", []string{"d"}},
	} {
		press(t, m, step.keys...)
		if got, want := s.headLines(), len(s.head()); got != want {
			t.Fatalf("with %s headLines is %d, head draws %d lines", step.name, got, want)
		}
	}
	if s.confirm == nil {
		t.Fatal("d asked nothing: the last step did not test a question")
	}
}
