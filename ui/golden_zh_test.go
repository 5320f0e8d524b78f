package ui

import (
	"fmt"
	"strings"
	"testing"

	"huddle/ui/common"
	"huddle/ui/i18n"
)

// TestGoldenScreensInChinese draws every screen of the demo team for a person
// who reads Chinese, at 80x24 and 120x40, plus the ? overlay and the empty
// screens; assertGolden checks that no line is wider than the terminal.
func TestGoldenScreensInChinese(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	names := append(screenNames(), "team")
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		m := newModelIn(t, i18n.ZH, st, "alice", w, h)
		if m.Lang() != i18n.ZH {
			t.Fatalf("the session speaks %s", m.Lang())
		}
		for i, name := range names {
			press(t, m, fmt.Sprint(i+1))
			t.Run(fmt.Sprintf("%s_%dx%d", name, w, h), func(t *testing.T) {
				assertGolden(t, fmt.Sprintf("zh_%s_%dx%d", name, w, h), m.View(), w, h)
			})
		}
		press(t, m, "?")
		t.Run(fmt.Sprintf("help_%dx%d", w, h), func(t *testing.T) {
			assertGolden(t, fmt.Sprintf("zh_help_%dx%d", w, h), m.View(), w, h)
		})
	}
}

func TestGoldenEmptyInChinese(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	m := newModelIn(t, i18n.ZH, st, "alice", 80, 24)
	for i, name := range append(screenNames(), "team") {
		press(t, m, fmt.Sprint(i+1))
		t.Run(name, func(t *testing.T) {
			assertGolden(t, "zh_empty_"+name+"_80x24", m.View(), 80, 24)
		})
	}
}

// TestTabsFollowTheReader: the same store read by two sessions in two
// languages at once shows each its own words, with the same key letters.
func TestTabsFollowTheReader(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	en := newModelIn(t, i18n.EN, st, "alice", 100, 30)
	zh := newModelIn(t, i18n.ZH, st, "alice", 100, 30)
	ev, zv := en.View(), zh.View()
	if !strings.Contains(ev, "2 Backlog") || !strings.Contains(zv, "2 待办列表") {
		t.Fatalf("tabs:\nen: %s\nzh: %s", firstLines(ev, 2), firstLines(zv, 2))
	}
	for _, l := range strings.Split(zv, "\n") {
		if common.Width(l) > 100 {
			t.Errorf("a line is %d cells wide: %q", common.Width(l), l)
		}
	}
}

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[:min(n, len(lines))], "\n")
}
