package retro

import "testing"

func TestFeedbackRef(t *testing.T) {
	if got := (Feedback{ID: 7}).Ref(); got != "F-7" {
		t.Fatalf("Ref = %q, want F-7", got)
	}
	for _, in := range []string{"F-7", "f7", "F7", "7", " f-7 "} {
		if n, err := ParseFeedbackRef(in); err != nil || n != 7 {
			t.Errorf("ParseFeedbackRef(%q) = %d, %v; want 7", in, n, err)
		}
	}
	for _, in := range []string{"", "F-", "S-7", "F-0", "F-x"} {
		if _, err := ParseFeedbackRef(in); err == nil {
			t.Errorf("ParseFeedbackRef(%q) accepted", in)
		}
	}
}
