package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/i18n"
)

// The Sprint, Stand-up and Review & Retro screens in Chinese, in the states
// their English goldens draw: every view, form and phase at 80x24 and 120x40
// (assertGolden checks that no line is wider than the terminal).

func TestGoldenSprintViewsInChinese(t *testing.T) {
	t.Parallel()
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
		{"sprint_hours_form", []string{"3", "r"}},
		{"sprint_help", []string{"3", "?"}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		for _, tc := range cases {
			name := fmt.Sprintf("zh_%s_%dx%d", tc.name, w, h)
			t.Run(name, func(t *testing.T) {
				m := newModelIn(t, i18n.ZH, st, "alice", w, h)
				press(t, m, tc.keys...)
				assertGolden(t, name, m.View(), w, h)
			})
		}
	}
}

func TestGoldenBurndownHistoryInChinese(t *testing.T) {
	t.Parallel()
	st := historyStore(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		m := newModelIn(t, i18n.ZH, st, "bob", w, h)
		press(t, m, "3", "v")
		v := m.View()
		if !strings.Contains(v, "今天") || !strings.Contains(v, "范围有变：第 3 天 +6h、第 4 天 -6h") {
			t.Errorf("the chart does not mark today or the scope changes in Chinese:\n%s", v)
		}
		assertGolden(t, fmt.Sprintf("zh_sprint_burndown_history_%dx%d", w, h), v, w, h)
	}
}

func TestGoldenPlanningSprintInChinese(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", store.NewSprint{Goal: "导入与导出 for every team", Start: sprint.NewDate(2026, 3, 16), End: sprint.NewDate(2026, 3, 27)}))
	check(t, st.SetCapacity("alice", sp.ID, "bob", 42))
	top := must[store.Plan](t)(st.SprintPlan(sp.ID, 3)).Backlog
	for _, s := range top[1:3] {
		check(t, st.AddStoryToSprint("alice", sp.ID, s.ID))
	}
	must[sprint.Task](t)(st.AddTask("alice", top[1].ID, "One huge task nobody split", 24))
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		m := newModelIn(t, i18n.ZH, st, "alice", w, h)
		press(t, m, "3", "]")
		assertGolden(t, fmt.Sprintf("zh_sprint_planning_%dx%d", w, h), m.View(), w, h)
	}
}

func TestGoldenStandupInChinese(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		st, clk := clockStore(t)
		day := sprint.DateOf(st.Now())
		m := newModelOn(t, t.Context(), st, clk, "alice", w, h, WithEnv(zhEnv))
		press(t, m, "4", "s", "j", "a")
		assertGolden(t, sizeName("zh_standup_rollcall", w, h), m.View(), w, h)
		press(t, m, "enter")
		must[sprint.Task](t)(st.SetRemaining("bob", 2, 1))
		su := roundOf(t, st)
		for {
			sp, _ := su.Speaker()
			if sp.Member == "bob" {
				break
			}
			su = must[sprint.Standup](t)(st.StepStandup("alice", day, store.RoundNext, ""))
		}
		clk.Advance(2*time.Minute + 30*time.Second)
		_, cmd := m.Update(standupOf(m).Load()())
		run(t, m, cmd)
		v := m.View()
		if !strings.Contains(v, "上次站会以来，我为冲刺目标做了什么？") {
			t.Errorf("the default questions are not in Chinese:\n%s", v)
		}
		assertGolden(t, sizeName("zh_standup_speaking", w, h), v, w, h)
		press(t, m, "e")
		assertGolden(t, sizeName("zh_standup_edit", w, h), m.View(), w, h)
		press(t, m, "esc", "b")
		assertGolden(t, sizeName("zh_standup_blocker_form", w, h), m.View(), w, h)
		press(t, m, "esc")
		must[sprint.Blocker](t)(st.ParkBlocker("alice", day, store.ParkInput{Text: "The blocked badge needs the task API merged first", RaisedBy: "bob", Task: 6, Helper: "carol"}))
		must[sprint.Blocker](t)(st.ParkBlocker("eve", day, store.ParkInput{Text: "测试环境的数据库连接经常超时"}))
		press(t, m, "x", "y")
		assertGolden(t, sizeName("zh_standup_summary", w, h), m.View(), w, h)
		press(t, m, "c")
		assertGolden(t, sizeName("zh_standup_settings", w, h), m.View(), w, h)
	}
}

func zhEnv(k string) string {
	if k == "HUDDLE_LANG" {
		return "zh"
	}
	return ""
}

func TestGoldenRetroInChinese(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		st := retroStore(t)
		must[retro.Card](t)(st.AddCard("bob", 1, 0, "结对编程效果很好，问题发现得早"))
		must[retro.Card](t)(st.AddCard("carol", 1, 1, "Stand-ups ran over fifteen minutes three times this sprint"))
		must[retro.Card](t)(st.AddCard("alice", 1, 1, "Too much work in progress"))
		must[retro.Card](t)(st.AddCard("bob", 1, 2, "Split tasks over a day"))
		must[retro.Board](t)(st.SetRetroPhase("alice", 1, retro.PhaseVote))
		must[retro.Card](t)(st.Vote("carol", 1))
		must[retro.Card](t)(st.Vote("carol", 2))
		must[retro.Card](t)(st.Vote("bob", 2))
		must[retro.Feedback](t)(st.AddFeedback("alice", 1, "财务部希望能导出 CSV", "Dana (finance)"))
		for _, tc := range []struct {
			name, actor string
			keys        []string
		}{
			{"retro_vote", "bob", []string{"5", "v"}},
			{"retro_new_card_refused", "bob", []string{"5", "n"}},
			{"review", "bob", []string{"5", "r"}},
			{"retro_help", "bob", []string{"5", "?"}},
			{"retro_action_form", "alice", []string{"5", "a"}},
			{"retro_setup_form", "alice", []string{"5", "b"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				m := newModelIn(t, i18n.ZH, st, tc.actor, w, h)
				press(t, m, tc.keys...)
				assertGolden(t, fmt.Sprintf("zh_%s_%dx%d", tc.name, w, h), m.View(), w, h)
			})
		}
	}
}

// TestChineseLayoutHoldsAtManySizes draws the Sprint (every view), Stand-up
// and Review & Retro screens in Chinese at sizes between narrow and wide: no
// line is wider than the terminal, no frame taller.
func TestChineseLayoutHoldsAtManySizes(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	for _, size := range [][2]int{{60, 20}, {80, 24}, {100, 30}, {200, 60}, {40, 12}, {20, 6}} {
		w, h := size[0], size[1]
		m := newModelIn(t, i18n.ZH, st, "bob", w, h)
		for _, keys := range [][]string{{"3"}, {"v"}, {"v"}, {"?"}, {"?", "4"}, {"?"}, {"?", "5"}, {"r"}, {"?"}} {
			press(t, m, keys...)
			assertFits(t, m.View(), w, h)
		}
	}
}
