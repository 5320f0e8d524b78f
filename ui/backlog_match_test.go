package ui

import (
	"slices"
	"testing"

	"github.com/sahilm/fuzzy"

	"huddle/backlog"
)

// The matcher gives exactly what scoring every field with fuzzy gives, while
// typing forward, backspacing and retyping.
func TestStoryMatcherAgreesWithFuzzy(t *testing.T) {
	t.Parallel()
	stories := []backlog.Story{
		{ID: 1, Title: "SSH server with per-key identity", Labels: []string{"ssh", "server"}},
		{ID: 2, Title: "新用户7日内完成核心功能操作的比例提升：引导流程", Labels: []string{"growth"}},
		{ID: 3, Title: "Straße und Maß", Labels: []string{"ſtrange"}},
		{ID: 12, Title: "Kelvin \u212a scale", Labels: []string{"ops"}},
		{ID: 21, Title: "Backup from the TUI", Labels: []string{"ops", "ssh"}},
	}
	fields := newStoryFields(stories)
	want := func(q string) []int {
		var out []int
		seen := map[int]bool{}
		for _, m := range fuzzy.FindFrom(q, fields) {
			if i := fields[m.Index].story; !seen[i] {
				seen[i] = true
				out = append(out, i)
			}
		}
		return out
	}
	m := newStoryMatcher(fields)
	for _, q := range []string{"s", "ss", "ssh", "sshx", "ssh", "s", "S-1", "s-12", "s-1", "引导", "引导流", "k", "ks", "st", "str", "STR", "o", "op", "ops", "b", "bt", "btu", "s", ""} {
		if q == "" {
			continue
		}
		if got, w := m.Match(q), want(q); !slices.Equal(got, w) {
			t.Errorf("%q: matcher %v, fuzzy %v", q, got, w)
		}
	}
}
