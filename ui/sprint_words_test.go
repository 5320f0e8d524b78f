package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/i18n"
)

// The words the ui writes about the domain's values read in English exactly
// as the domain writes them (the CLI and the reports still use the domain's
// English), and in Chinese in Chinese.

func wordsSprint(status sprint.Status) sprint.Sprint {
	return sprint.Sprint{ID: 2, Status: status, Start: sprint.NewDate(2026, 3, 2), End: sprint.NewDate(2026, 3, 13),
		Workdays: sprint.DefaultWorkdays, Closed: time.Date(2026, 3, 13, 17, 0, 0, 0, time.UTC)}
}

func TestSprintWhenInBothLanguages(t *testing.T) {
	en, zh := i18n.For(i18n.EN), i18n.For(i18n.ZH)
	cases := []struct {
		sp    sprint.Sprint
		today sprint.Date
		zh    string
	}{
		{wordsSprint(sprint.StatusActive), sprint.NewDate(2026, 3, 9), "第 6/10 天"},
		{wordsSprint(sprint.StatusActive), sprint.NewDate(2026, 2, 27), "3月2日开始"},
		{wordsSprint(sprint.StatusActive), sprint.NewDate(2026, 3, 16), "3月13日已到期，尚未结束"},
		{wordsSprint(sprint.StatusPlanning), sprint.NewDate(2026, 2, 27), "3月2日开始"},
		{wordsSprint(sprint.StatusPlanning), sprint.NewDate(2026, 3, 3), "计划3月2日开始，尚未开始"},
		{wordsSprint(sprint.StatusClosed), sprint.NewDate(2026, 3, 20), "3月13日已结束"},
	}
	for _, tc := range cases {
		if got, want := en.SprintWhen(tc.sp, tc.today), tc.sp.When(tc.today); got != want {
			t.Errorf("en %s on %s: %q, the domain says %q", tc.sp.Status, tc.today, got, want)
		}
		if got := zh.SprintWhen(tc.sp, tc.today); got != tc.zh {
			t.Errorf("zh %s on %s: %q, want %q", tc.sp.Status, tc.today, got, tc.zh)
		}
	}
}

func TestCalendarNotesInBothLanguages(t *testing.T) {
	en, zh := i18n.For(i18n.EN), i18n.For(i18n.ZH)
	sp := wordsSprint(sprint.StatusActive)
	sp.Calendar = sprint.Calendar{
		Holidays: []sprint.Holiday{{Date: sprint.NewDate(2026, 3, 4)}, {Date: sprint.NewDate(2026, 3, 7)} /* a Saturday */, {Date: sprint.NewDate(2026, 3, 12)}},
		DaysOff: []sprint.DayOff{
			{Member: "priya", From: sprint.NewDate(2026, 3, 9), To: sprint.NewDate(2026, 3, 10)},
			{Member: "wei", From: sprint.NewDate(2026, 2, 27), To: sprint.NewDate(2026, 3, 2)},
			{Member: "tomas", From: sprint.NewDate(2026, 3, 7), To: sprint.NewDate(2026, 3, 8)}, // a weekend: changes nothing
		},
	}
	if got, want := en.CalendarNotes(sp), sp.NotesLine(); got != want {
		t.Errorf("en: %q, the domain says %q", got, want)
	}
	if got, want := zh.CalendarNotes(sp), "节假日 3月4日、3月12日 · priya 休假 3月9日-10日 · wei 休假 3月2日"; got != want {
		t.Errorf("zh: %q, want %q", got, want)
	}
	sp.Calendar.Holidays = sp.Calendar.Holidays[:1]
	sp.Calendar.DaysOff = nil
	if got, want := en.CalendarNotes(sp), sp.NotesLine(); got != want || got != "holiday Mar 4" {
		t.Errorf("one holiday: %q, the domain says %q", got, want)
	}
}

func TestActivityLinesInBothLanguages(t *testing.T) {
	en, zh := i18n.For(i18n.EN), i18n.For(i18n.ZH)
	a := sprint.Activity{Member: "wei", Claimed: []int{2, 5}, Assigned: []sprint.Assignment{{Task: 34, By: "maya"}},
		Moved: []int{3}, Finished: []int{4}, Burned: 5.255, Blockers: []string{"T-4:  waiting\n for ops"}}
	if got, want := activityLines(&en, a), a.Lines(); !slices.Equal(got, want) {
		t.Errorf("en: %q, the domain says %q", got, want)
	}
	want := "认领了 T-2, T-5 · maya 把 T-34 指派给 wei · 移动了 T-3 · 完成了 T-4 · 消耗 5.26h · 受阻 T-4: waiting for ops"
	if got := strings.Join(activityLines(&zh, a), " · "); got != want {
		t.Errorf("zh: %q, want %q", got, want)
	}
}

func TestDefaultQuestionsFollowTheReaderUntilTheTeamSetsItsOwn(t *testing.T) {
	en, zh := i18n.For(i18n.EN), i18n.For(i18n.ZH)
	if got := en.StandupQuestions(sprint.StandupSettings{}); !slices.Equal(got, sprint.DefaultQuestions) {
		t.Errorf("en defaults: %q", got)
	}
	if got := zh.StandupQuestions(sprint.StandupSettings{}); got[1] != "今天我打算做什么？" {
		t.Errorf("zh defaults: %q", got)
	}
	own := sprint.StandupSettings{Questions: []string{"What shipped?", sprint.DefaultQuestions[1], "需要谁帮忙？"}}
	got := zh.StandupQuestions(own)
	if got[0] != "What shipped?" || got[1] != "今天我打算做什么？" || got[2] != "需要谁帮忙？" {
		t.Errorf("a team's own questions stay as written, the default one follows the reader: %q", got)
	}
}

func TestRetroColumnsInBothLanguages(t *testing.T) {
	en, zh := i18n.For(i18n.EN), i18n.For(i18n.ZH)
	for _, tmpl := range []retro.Template{retro.TemplateWellImprove, retro.TemplateStartStop, retro.TemplateMadSadGlad, retro.Template4Ls, ""} {
		if got, want := en.RetroColumns(tmpl), tmpl.Columns(); !slices.Equal(got, want) {
			t.Errorf("en %q: %q, the template says %q", tmpl, got, want)
		}
		if got := zh.RetroColumns(tmpl); len(got) != len(tmpl.Columns()) || got[0] == tmpl.Columns()[0] {
			t.Errorf("zh %q: %q", tmpl, got)
		}
	}
	for _, p := range retro.Phases {
		if got := en.RetroPhase(p); got != string(p) {
			t.Errorf("en phase %q reads %q", p, got)
		}
	}
	for _, s := range []retro.ActionStatus{retro.ActionOpen, retro.ActionDone, retro.ActionCarried, retro.ActionDropped} {
		if got := en.ActionStatus(s); got != string(s) {
			t.Errorf("en action status %q reads %q", s, got)
		}
	}
	for _, s := range []sprint.TaskStatus{sprint.TaskTodo, sprint.TaskDoing, sprint.TaskDone} {
		if got := en.TaskStatus(s); got != s.Label() {
			t.Errorf("en task status %q reads %q", s, got)
		}
	}
}

// A lead who reads Chinese saves the stand-up settings: the questions left as
// huddle words them are stored as the defaults (so an English reader still
// reads them in English), the choices typed in Chinese are stored as values.
func TestStandupSettingsSavedInChineseKeepTheDefaults(t *testing.T) {
	t.Parallel()
	st, clk := clockStore(t)
	m := newModelOn(t, t.Context(), st, clk, "alice", 80, 24, WithEnv(zhEnv))
	press(t, m, "4", "c", "tab", "tab", "right", "tab", "right", "tab", "tab")
	for range []rune("今天我打算做什么？") {
		press(t, m, "backspace")
	}
	press(t, m, "需要谁帮忙？", "ctrl+s")
	set := must[sprint.StandupSettings](t)(st.StandupSettings())
	if set.Order != sprint.OrderRandom || !set.Bell {
		t.Errorf("the order and the bell chosen in Chinese: %+v", set)
	}
	q := set.WithDefaults().Questions
	if q[0] != sprint.DefaultQuestions[0] || q[1] != "需要谁帮忙？" || q[2] != sprint.DefaultQuestions[2] {
		t.Errorf("stored questions %q", q)
	}
	en := newModelOn(t, t.Context(), st, clk, "alice", 80, 24)
	press(t, en, "4", "c")
	if v := en.View(); !strings.Contains(v, sprint.DefaultQuestions[0]) || !strings.Contains(v, "需要谁帮忙？") {
		t.Errorf("an English reader's settings:\n%s", v)
	}
}

// A member who changes their language elsewhere sees the screens they have
// open rewritten in it, cached task cards and stand-up lines included.
func TestOpenScreensFollowALanguageChange(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 80, 24)
	press(t, m, "4", "3")
	if v := m.View(); !strings.Contains(v, "unclaimed") {
		t.Fatalf("the board in English:\n%s", v)
	}
	zh := "zh"
	must[backlog.Member](t)(st.UpdateMember("alice", "alice", store.MemberChange{Lang: &zh}))
	run(t, m, m.loadHeader())
	if v := m.View(); strings.Contains(v, "unclaimed") || !strings.Contains(v, "未认领") {
		t.Errorf("the board after alice chose Chinese:\n%s", v)
	}
	press(t, m, "4")
	if v := m.View(); strings.Contains(v, "Yesterday") || !strings.Contains(v, "昨天") {
		t.Errorf("the stand-up after alice chose Chinese:\n%s", v)
	}
}
