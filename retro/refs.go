package retro

import (
	"fmt"
	"strconv"
	"strings"
)

// Ref is the feedback's ID as people see it: "F-3", like S-12 and T-4.
func (f Feedback) Ref() string { return FeedbackRef(f.ID) }

// FeedbackRef formats a feedback ID: "F-3".
func FeedbackRef(id int) string { return "F-" + strconv.Itoa(id) }

// ParseFeedbackRef accepts "F-3", "f3", "F3" or "3".
func ParseFeedbackRef(s string) (int, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimPrefix(strings.TrimPrefix(t, "F"), "-")
	n, err := strconv.Atoi(t)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a feedback ID (write it like F-3)", s)
	}
	return n, nil
}
