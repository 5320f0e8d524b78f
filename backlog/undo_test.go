package backlog

import "testing"

func TestRestoredStatus(t *testing.T) {
	cases := []struct {
		from   StoryStatus
		sprint int
		want   StoryStatus
	}{
		{StatusBacklog, 0, StatusBacklog},
		{StatusDone, 2, StatusDone},
		{"", 0, StatusBacklog}, // an old delete that did not say
		{"", 2, StatusDone},    // in a sprint and deletable: it was done
		{StatusPlanned, 2, StatusDone},
	}
	for _, c := range cases {
		if got := RestoredStatus(c.from, c.sprint); got != c.want {
			t.Errorf("RestoredStatus(%q, %d) = %q, want %q", c.from, c.sprint, got, c.want)
		}
	}
}
