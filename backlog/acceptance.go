package backlog

import (
	"fmt"
	"slices"
	"strings"
)

// Acceptance criteria are a checklist: each non-blank line of a story's
// Acceptance text is one criterion, numbered from 1. The lead ticks them at
// the review (Story.Checked holds the numbers ticked); editing the text keeps
// the ticks of the criteria whose text did not change.

// AcceptanceItems are the criteria of an acceptance text, one a line, with a
// leading list bullet ("- ", "* ", "• ") taken off.
func AcceptanceItems(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if item := acceptanceItem(l); item != "" {
			out = append(out, item)
		}
	}
	return out
}

func acceptanceItem(line string) string {
	l := strings.TrimSpace(line)
	for _, b := range []string{"- ", "* ", "• "} {
		if strings.HasPrefix(l, b) {
			return strings.TrimSpace(l[len(b):])
		}
	}
	return l
}

// IsChecked reports whether criterion n (from 1) is ticked.
func (s Story) IsChecked(n int) bool { return slices.Contains(s.Checked, n) }

// CheckedCount is how many criteria are ticked, of how many.
func (s Story) CheckedCount() (ticked, all int) {
	return len(s.Checked), len(AcceptanceItems(s.Acceptance))
}

// Check ticks (or, on false, unticks) criterion n of the story. It says
// why not when there is no such criterion, or nothing would change.
func (s *Story) Check(n int, on bool) error {
	items := AcceptanceItems(s.Acceptance)
	if len(items) == 0 {
		return fmt.Errorf("%s has no acceptance criteria to tick", s.Ref())
	}
	if n < 1 || n > len(items) {
		return fmt.Errorf("%s has acceptance criteria 1 to %d, not %d", s.Ref(), len(items), n)
	}
	if s.IsChecked(n) == on {
		if on {
			return fmt.Errorf("criterion %d of %s is already ticked", n, s.Ref())
		}
		return fmt.Errorf("criterion %d of %s is not ticked", n, s.Ref())
	}
	if on {
		s.Checked = append(s.Checked, n)
		slices.Sort(s.Checked)
	} else {
		s.Checked = slices.DeleteFunc(s.Checked, func(c int) bool { return c == n })
	}
	if len(s.Checked) == 0 {
		s.Checked = nil
	}
	return nil
}

// RemapChecked carries ticks across an edit of the acceptance text: a
// criterion of the new text is ticked when the same text was a ticked
// criterion before.
func RemapChecked(before, after string, checked []int) []int {
	if len(checked) == 0 {
		return nil
	}
	old := AcceptanceItems(before)
	ticked := map[string]int{}
	for _, n := range checked {
		if n >= 1 && n <= len(old) {
			ticked[old[n-1]]++
		}
	}
	var out []int
	for i, item := range AcceptanceItems(after) {
		if ticked[item] > 0 {
			ticked[item]--
			out = append(out, i+1)
		}
	}
	return out
}

// validChecked checks the ticks against the criteria.
func (s Story) validChecked() error {
	n := len(AcceptanceItems(s.Acceptance))
	for i, c := range s.Checked {
		if c < 1 || c > n || (i > 0 && c <= s.Checked[i-1]) {
			return fmt.Errorf("ticked criteria %v do not fit %d acceptance criteria", s.Checked, n)
		}
	}
	return nil
}
