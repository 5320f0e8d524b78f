package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/store"
)

func visionOf(m *Model) *visionScreen { return m.screens[screenVision].(*visionScreen) }

// okrStore is the demo team with stories serving two of its key results, one
// of them done.
func okrStore(t *testing.T) *store.Store {
	t.Helper()
	st := demoStore(t)
	objs := must[[]store.ObjectiveWithKRs](t)(st.Objectives(backlog.QuarterOf(testNow())))
	kr := objs[0].KeyResults[0]
	for _, s := range must[[]backlog.Story](t)(st.Stories(6)) {
		if s.Status == backlog.StatusBacklog {
			in := store.StoryInput{Title: s.Title, Points: s.Points, Value: s.Value, Labels: s.Labels, KeyResult: kr.ID}
			must[backlog.Story](t)(st.EditStory("alice", s.ID, in))
		}
	}
	return st
}

func TestVisionShowsWorkPerKeyResult(t *testing.T) {
	t.Parallel()
	m := newModel(t, okrStore(t), "alice", 120, 40)
	press(t, m, "1")
	v := m.View()
	if !strings.Contains(lineWith(v, "新用户7日内"), "3 stories, 0/13 pts done") || !strings.Contains(lineWith(v, "Time from sign-up"), "no stories") {
		t.Fatalf("work per key result:\n%s", v)
	}
}

func TestVisionLeadEditsInPlace(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 80, 24)
	s := visionOf(m)
	press(t, m, "1", "e")
	if !s.Capturing() || !strings.Contains(m.View(), "The vision") {
		t.Fatalf("e on the vision:\n%s", m.View())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlU})
	typeText(t, m, "人人都能 ship what matters.")
	press(t, m, "enter")
	if s.form != nil || must[backlog.Team](t)(st.Team()).Vision != "人人都能 ship what matters." || !strings.Contains(m.View(), "人人都能 ship") {
		t.Fatalf("vision not saved:\n%s", m.View())
	}

	// Set a key result's current value in two keys and a number.
	press(t, m, "j", "j") // O-1, then its first key result
	it := s.item()
	if it.kr != 0 {
		t.Fatalf("selected %+v", it)
	}
	kr := s.keyResult(it)
	press(t, m, "c")
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlU})
	typeText(t, m, "lots")
	press(t, m, "enter")
	if s.form == nil || !strings.Contains(m.View(), `"lots" is not a number`) {
		t.Fatalf("bad number:\n%s", m.View())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlU})
	typeText(t, m, "45")
	press(t, m, "enter")
	if got := must[backlog.KeyResult](t)(st.KeyResult(kr.ID)); got.Current != 45 || !strings.Contains(lineWith(m.View(), "30% -> 50%"), "75%") {
		t.Fatalf("current %v:\n%s", got.Current, m.View())
	}

	// A new objective with a key result whose target equals its baseline: refused, form kept.
	press(t, m, "n")
	typeText(t, m, "Delight stakeholders")
	press(t, m, "enter")
	objs := must[[]store.ObjectiveWithKRs](t)(st.Objectives(backlog.QuarterOf(testNow())))
	if len(objs) != 3 || objs[2].Title != "Delight stakeholders" {
		t.Fatalf("objectives %+v", objs)
	}
	press(t, m, "G") // the new objective is last
	press(t, m, "a")
	typeText(t, m, "Review attendance")
	press(t, m, "enter")
	typeText(t, m, "people")
	press(t, m, "enter")
	typeText(t, m, "4")
	press(t, m, "enter")
	typeText(t, m, "4")
	press(t, m, "enter", "enter")
	if s.form == nil || !strings.Contains(m.View(), "must differ from baseline") {
		t.Fatalf("target = baseline:\n%s", m.View())
	}
	press(t, m, "up")
	send(t, m, tea.KeyMsg{Type: tea.KeyBackspace})
	typeText(t, m, "12")
	press(t, m, "enter", "enter")
	objs = must[[]store.ObjectiveWithKRs](t)(st.Objectives(backlog.QuarterOf(testNow())))
	if s.form != nil || len(objs[2].KeyResults) != 1 || objs[2].KeyResults[0].Target != 12 || objs[2].KeyResults[0].Current != 4 {
		t.Fatalf("key result %+v\n%s", objs[2], m.View())
	}

	// Delete asks first.
	press(t, m, "G", "d")
	if !strings.Contains(m.View(), "Delete KR-") {
		t.Fatalf("d did not ask:\n%s", m.View())
	}
	press(t, m, "n")
	press(t, m, "k", "x")
	if !strings.Contains(m.View(), "Delight stakeholders and its 1 key result?") {
		t.Fatalf("x on the objective:\n%s", m.View())
	}
	press(t, m, "y")
	if objs := must[[]store.ObjectiveWithKRs](t)(st.Objectives(backlog.QuarterOf(testNow()))); len(objs) != 2 {
		t.Fatalf("not deleted: %d objectives", len(objs))
	}
}

func TestVisionMembersRead(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "bob", 80, 24)
	press(t, m, "1", "e")
	if visionOf(m).form != nil || !strings.Contains(m.View(), "only a lead can set the vision") {
		t.Fatalf("member e:\n%s", m.View())
	}
	press(t, m, "j", "j", "c")
	if visionOf(m).form != nil || !strings.Contains(m.View(), "only a lead can update key results") {
		t.Fatalf("member c:\n%s", m.View())
	}
}

func TestGoldenVisionEditing(t *testing.T) {
	t.Parallel()
	st := okrStore(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		for _, tc := range []struct {
			name string
			keys []string
		}{
			{"vision_work", []string{"1", "j", "j"}},
			{"vision_kr_form", []string{"1", "j", "j", "e"}},
			{"vision_current", []string{"1", "j", "j", "c"}},
			{"vision_confirm", []string{"1", "j", "d"}},
		} {
			t.Run(fmt.Sprintf("%s_%dx%d", tc.name, w, h), func(t *testing.T) {
				m := newModel(t, st, "alice", w, h)
				press(t, m, tc.keys...)
				assertGolden(t, fmt.Sprintf("%s_%dx%d", tc.name, w, h), m.View(), w, h)
			})
		}
	}
}
