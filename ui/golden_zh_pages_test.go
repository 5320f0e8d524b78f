package ui

import (
	"strings"
	"testing"

	"huddle/ui/i18n"
)

// TestGoldenPagesInChinese draws the forms, questions, detail pages and the
// planning poker round of the Backlog, Vision & OKRs and Team screens for a
// person who reads Chinese at 80x24; assertGolden checks every line fits.
// Each state starts from a fresh session so one does not leak into the next.
func TestGoldenPagesInChinese(t *testing.T) {
	t.Parallel()
	states := []struct {
		name, actor string
		keys        []string
		want        string // a text the state must show
	}{
		{"story_form", "alice", []string{"2", "n"}, "新建故事"},
		{"story_page", "alice", []string{"2", "j", "enter"}, "验收标准"},
		{"story_history", "alice", []string{"2", "j", "enter", "G"}, "alice 将 T-3 移到已完成"},
		{"task_history", "alice", []string{"3", "enter", "G"}, "历史记录"},
		{"story_comment", "bob", []string{"2", "j", "enter", "C"}, "按 enter 发布"},
		{"story_delete", "alice", []string{"2", "G", "d"}, "日志中仍会保留"},
		{"backlog_filter", "alice", []string{"2", "/", "z", "z", "q"}, "没有与"},
		{"backlog_help", "alice", []string{"2", "?"}, "移到顶部"},
		{"kr_form", "alice", []string{"1", "j", "j", "e"}, "基线"},
		{"kr_page", "alice", []string{"1", "j", "j", "enter"}, "可以做的操作"},
		{"member_form", "alice", []string{"6", "j", "e"}, "每天工时"},
		{"member_lang", "bob", []string{"6", "j", "l"}, "界面语言"},
		{"poker", "alice", []string{"2", "P", "reload", "d", "reload"}, "你的牌"},
		{"mentions", "bob", []string{"@"}, "提到你的地方"},
	}
	for _, s := range states {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			m := newModelIn(t, i18n.ZH, demoStore(t), s.actor, 80, 24)
			for _, k := range s.keys {
				if k == "reload" { // the store's event after a write, as a session gets it
					run(t, m, m.poker.Load())
					continue
				}
				press(t, m, k)
			}
			v := m.View()
			if !strings.Contains(v, s.want) {
				t.Errorf("%v does not show %q:\n%s", s.keys, s.want, v)
			}
			assertGolden(t, "zh_page_"+s.name+"_80x24", v, 80, 24)
		})
	}
}

// What a write or a refusal answers reads in the reader's language: in the
// form that stays open, and in the status line.
func TestAnswersInChinese(t *testing.T) {
	t.Parallel()
	cases := []struct {
		keys []string
		want string
	}{
		{[]string{"2", "n", "ctrl+s"}, "故事需要一个标题"},                                               // a domain error, in the form
		{[]string{"2", "v", "K"}, "当前按单点价值排序"},                                                   // a refusal the screen makes
		{[]string{"1", "j", "j", "c", "backspace", "backspace", "x", "enter"}, "当前值：\"x\" 不是数字"}, // a typed value
		{[]string{"2", "j", "K"}, "已上移一位"},                                                       // a write's outcome
	}
	for _, c := range cases {
		m := newModelIn(t, i18n.ZH, demoStore(t), "alice", 80, 24)
		press(t, m, c.keys...)
		if v := m.View(); !strings.Contains(v, c.want) {
			t.Errorf("%v: no %q:\n%s", c.keys, c.want, v)
		}
	}
}
