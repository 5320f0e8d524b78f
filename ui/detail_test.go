package ui

import (
	"strings"
	"testing"

	"huddle/sprint"
	"huddle/store"
)

// enter opens the full text, the history and the keys of what the lists cut;
// esc goes back; an action key acts on the same thing.
func TestEnterOpensTheDetail(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	cases := []struct {
		name, actor string
		keys        []string
		want        []string
	}{
		{"blocked task", "bob", []string{"3", "j"}, []string{
			"T-6 Blocked badge on the board", "needs the task API from T-2 merged first", "History", "blocked", "What you can do", "b unblock"}},
		{"cjk blocked task", "alice", []string{"3", "l", "j"}, []string{"等待市场部确认文案", "carol"}},
		{"retro card", "carol", []string{"5", "l", "j"}, []string{"Card ", "新用户引导的文案改了三次", "To improve", "e edit my card"}},
		{"key result", "alice", []string{"1", "j", "j"}, []string{"新用户7日内完成核心功能操作的比例", "45%: 39% now, from 30% to 50%", "c current value"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newModel(t, st, c.actor, 80, 24)
			press(t, m, c.keys...)
			before := m.View()
			press(t, m, "enter")
			v := m.View()
			for _, w := range c.want {
				if !strings.Contains(v, w) {
					t.Errorf("the detail lacks %q:\n%s", w, v)
				}
			}
			assertFits(t, v, 80, 24)
			press(t, m, "esc")
			if m.View() != before {
				t.Errorf("esc did not go back:\n%s", m.View())
			}
		})
	}
	// An action key on the page acts on the thing shown.
	m := newModel(t, st, "bob", 80, 24)
	press(t, m, "3", "j", "enter", "b")
	if !strings.Contains(m.View(), "Unblock T-6?") {
		t.Fatalf("b on the page did not ask to unblock T-6:\n%s", m.View())
	}
}

// Narrow windows keep the numbers (hours, percentages) and cut titles and
// names first.
func TestNarrowKeepsNumbers(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	for _, size := range [][2]int{{60, 20}, {50, 20}} {
		m := newModel(t, st, "alice", size[0], size[1])
		press(t, m, "1")
		for _, want := range []string{"45%", "60%", "30%"} {
			if !strings.Contains(m.View(), want) {
				t.Errorf("%dx%d: the vision lost %s:\n%s", size[0], size[1], want, m.View())
			}
		}
		press(t, m, "3")
		for _, want := range []string{"8h", "3h", "5h"} {
			if !strings.Contains(m.View(), want) {
				t.Errorf("%dx%d: the board lost %s:\n%s", size[0], size[1], want, m.View())
			}
		}
	}
}

// enter on a parked blocker in the stand-up's summary shows its whole text.
func TestEnterOpensAParkedBlocker(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	day := sprint.DateOf(st.Now())
	_, _, err := st.StartStandup("alice", day, nil)
	check(t, err)
	long := "The payment sandbox rejects every test card since the vendor rotated its keys; 供应商说明天修复"
	_, err = st.ParkBlocker("bob", day, store.ParkInput{Text: long, Task: 6, Helper: "carol"})
	check(t, err)
	_, err = st.StepStandup("alice", day, store.RoundEnd, "")
	check(t, err)
	m := newModel(t, st, "bob", 80, 24)
	press(t, m, "4", "enter")
	v := strings.Join(strings.Fields(m.View()), " ")
	for _, want := range []string{"供应商说明天修复", "rotated its keys", "T-6", "carol", "open"} {
		if !strings.Contains(v, want) {
			t.Errorf("the blocker's page lacks %q:\n%s", want, m.View())
		}
	}
}

// The page's footer offers ? and q: both work there.
func TestDetailPageHelpAndQuit(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "bob", 80, 24)
	press(t, m, "3", "enter")
	if !strings.Contains(m.View(), "? all keys") || !strings.Contains(m.View(), "q quit") {
		t.Fatalf("the page's footer does not offer ? and q:\n%s", m.View())
	}
	press(t, m, "?")
	if !strings.Contains(m.View(), "Keys on Sprint") {
		t.Fatalf("? on the page did not open the keys:\n%s", m.View())
	}
	press(t, m, "esc")
	if !pressQuits(t, m, "q") {
		t.Fatalf("q on the page did not quit:\n%s", m.View())
	}
}
