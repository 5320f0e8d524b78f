package ui

import (
	"context"
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/ui/i18n"
)

// selectMember moves the Team screen's selection to handle.
func selectMember(t *testing.T, m *Model, handle string) {
	t.Helper()
	ts := m.screens[screenTeam].(*teamScreen)
	press(t, m, "g")
	for i, mb := range ts.data.view.Members {
		if mb.Handle == handle {
			for range i {
				press(t, m, "j")
			}
			return
		}
	}
	t.Fatalf("no member %s on the Team screen", handle)
}

// A member chooses Chinese on the Team screen: their session's tabs, header
// and footer switch at once (on the store's event, as every change arrives),
// while another person's session stays English; choosing "automatic" again
// gives the environment's language back.
func TestMemberChoosesTheirLanguage(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	ctx, stop := context.WithCancel(t.Context())
	bob := newModelCtx(t, ctx, st, "bob", 100, 30)
	alice := newModel(t, st, "alice", 100, 30)
	press(t, bob, "6")
	selectMember(t, bob, "bob")
	if v := bob.View(); !strings.Contains(v, "l language") || !strings.Contains(v, "6 Team") {
		t.Fatalf("bob is not offered his language:\n%s", v)
	}
	press(t, bob, "l")
	if v := bob.View(); !strings.Contains(v, "Language for bob") || !strings.Contains(v, "automatic") {
		t.Fatalf("no language form:\n%s", v)
	}
	press(t, bob, "right", "right") // automatic → English → 中文
	if v := bob.View(); !strings.Contains(v, "‹ 中文 ›") {
		t.Fatalf("the form does not show 中文:\n%s", v)
	}
	press(t, bob, "enter")
	stop() // the relay's next wait returns at once
	send(t, bob, eventMsg{N: 1})
	if got := must[backlog.Member](t)(st.Member("bob")); got.Lang != "zh" {
		t.Fatalf("bob's language is %q in the store", got.Lang)
	}
	v := bob.View()
	for _, want := range []string{"2 待办列表", "[6 团队]", "我：bob（成员）", "语言：中文", "全部按键"} {
		if !strings.Contains(v, want) {
			t.Errorf("bob's session lacks %q:\n%s", want, v)
		}
	}
	if bob.Lang() != i18n.ZH {
		t.Errorf("bob's session speaks %s", bob.Lang())
	}
	run(t, alice, alice.loadHeader())
	if v := alice.View(); !strings.Contains(v, "2 Backlog") || alice.Lang() != i18n.EN {
		t.Errorf("alice's session changed language:\n%s", v)
	}

	// Back to automatic: the session's environment (none: English).
	bob2 := newModel(t, st, "bob", 100, 30)
	if bob2.Lang() != i18n.ZH {
		t.Fatalf("a new session of bob speaks %s", bob2.Lang())
	}
	press(t, bob2, "6")
	selectMember(t, bob2, "bob")
	press(t, bob2, "l", "left", "left", "enter")
	run(t, bob2, bob2.loadHeader())
	if v := bob2.View(); !strings.Contains(v, "2 Backlog") || bob2.Lang() != i18n.EN {
		t.Errorf("automatic did not give English back:\n%s", v)
	}
}

// A member may not choose someone else's language (it says why, in their
// language); the lead may, and only that member's sessions change.
func TestLanguageOfOthersIsTheLeads(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	bob := newModelIn(t, i18n.ZH, st, "bob", 100, 30)
	press(t, bob, "6")
	selectMember(t, bob, "alice")
	if v := bob.View(); strings.Contains(v, "l 语言") {
		t.Errorf("bob is offered alice's language:\n%s", v)
	}
	press(t, bob, "l")
	if v := bob.View(); !strings.Contains(v, "你只能设置自己的语言") || strings.Contains(v, "alice 的界面语言") {
		t.Errorf("no refusal in Chinese:\n%s", v)
	}

	alice := newModel(t, st, "alice", 100, 30)
	press(t, alice, "6")
	selectMember(t, alice, "bob")
	press(t, alice, "l", "right", "enter")
	run(t, alice, alice.loadHeader())
	if v := alice.View(); !strings.Contains(v, "bob reads huddle in English") || alice.Lang() != i18n.EN {
		t.Errorf("alice's status or language:\n%s", v)
	}
	run(t, bob, bob.loadHeader())
	if bob.Lang() != i18n.EN || !strings.Contains(bob.View(), "6 Team") {
		t.Errorf("bob's own setting (English) does not win over his HUDDLE_LANG=zh:\n%s", bob.View())
	}
}
