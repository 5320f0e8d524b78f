package ui

import (
	"fmt"
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

// teamAct presses keys on the Team screen, reloading it after each as the
// store's event would.
func teamAct(t *testing.T, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		run(t, m, cmd)
		run(t, m, m.screens[screenTeam].Load())
	}
}

func TestGoldenTeam(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	leave := st.Join("bob")
	defer leave()
	_, err := st.AddHoliday("alice", sprint.NewDate(2026, 12, 25), "Christmas")
	check(t, err)
	_, err = st.SetDaysOff("alice", "bob", sprint.NewDate(2026, 3, 16), sprint.NewDate(2026, 3, 18), false)
	check(t, err)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := newModel(t, st, "alice", size[0], size[1])
		teamAct(t, m, "6", "j")
		assertGolden(t, fmt.Sprintf("team_%dx%d", size[0], size[1]), m.View(), size[0], size[1])
	}
	m := newModel(t, st, "bob", 80, 24)
	teamAct(t, m, "6")
	assertGolden(t, "team_member_80x24", m.View(), 80, 24)
}

// erase is n backspaces.
func erase(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "backspace"
	}
	return out
}

// The lead runs the team from the screen: rename, add a member with a pasted
// key, edit their hours and role, revoke the key, a holiday and days off.
func TestTeamScreenLeadChanges(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 120, 40)
	teamAct(t, m, "6")
	if v := m.View(); !strings.Contains(v, "[6 Team]") || !strings.Contains(v, "alice") {
		t.Fatalf("team screen:\n%s", v)
	}
	teamAct(t, m, "r")
	teamAct(t, m, erase(12)...)
	teamAct(t, m, "Comets", "enter")
	if tm := must[backlog.Team](t)(st.Team()); tm.Name != "Comets" {
		t.Fatalf("team name %q", tm.Name)
	}
	const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcccccccccccccccccccccccccccccccccccccccccc zoe@laptop"
	teamAct(t, m, "a", "zoe", "enter", "Zoe Park", "enter", key, "enter", "enter")
	zoe, err := st.Member("zoe")
	if err != nil || zoe.Name != "Zoe Park" || len(zoe.Keys) != 1 || zoe.Role != backlog.RoleMember {
		t.Fatalf("added %+v (%v)\n%s", zoe, err, m.View())
	}
	// Select zoe and give her 4h a day as a guest.
	sc := m.screens[screenTeam].(*teamScreen)
	for i, mem := range sc.data.view.Members {
		if mem.Handle == "zoe" {
			sc.sel = i
		}
	}
	teamAct(t, m, "e", "enter", "backspace", "backspace", "backspace", "4", "enter", "right", "right", "enter")
	if zoe = must[backlog.Member](t)(st.Member("zoe")); zoe.HoursPerDay != 4 || zoe.Role != backlog.RoleGuest {
		t.Fatalf("edited %+v\n%s", zoe, m.View())
	}
	if v := m.View(); !strings.Contains(v, "key "+backlog.KeyFingerprint(key)) {
		t.Fatalf("zoe's key not shown:\n%s", v)
	}
	teamAct(t, m, "x", "enter")
	if zoe = must[backlog.Member](t)(st.Member("zoe")); len(zoe.Keys) != 0 {
		t.Fatalf("key not revoked: %+v", zoe)
	}
	// Revoking again says why, with no form.
	teamAct(t, m, "x")
	if sc.Capturing() || !strings.Contains(m.View(), "zoe has no SSH key to revoke") {
		t.Fatalf("x without keys:\n%s", m.View())
	}
	teamAct(t, m, "H", "2026-12-25", "enter", "Christmas", "enter")
	teamAct(t, m, "o")
	teamAct(t, m, erase(10)...)
	teamAct(t, m, "2026-03-16", "enter")
	teamAct(t, m, erase(10)...)
	teamAct(t, m, "2026-03-17", "enter", "enter")
	cal := must[sprint.Calendar](t)(st.Calendar())
	if len(cal.Holidays) != 1 || cal.Holidays[0].Name != "Christmas" || len(cal.DaysOff) != 1 || cal.DaysOff[0].Member != "zoe" {
		t.Fatalf("calendar %+v\n%s", cal, m.View())
	}
	if v := m.View(); !strings.Contains(v, "2026-12-25 Fri Christmas") || !strings.Contains(v, "days off: Mar 16–Mar 17") {
		t.Fatalf("calendar not shown:\n%s", v)
	}
	teamAct(t, m, "D", "enter")
	if cal = must[sprint.Calendar](t)(st.Calendar()); len(cal.Holidays) != 0 {
		t.Fatalf("holiday not removed: %+v", cal)
	}
	// A bad date keeps the form open with its error.
	teamAct(t, m, "H", "soon", "enter", "x", "enter")
	if !sc.Capturing() || !strings.Contains(m.View(), "soon") {
		t.Fatalf("bad date:\n%s", m.View())
	}
}

// A member or a guest reads the team; every change key says why in one
// line, opens no form, and writes nothing.
func TestTeamScreenMemberReadsOnly(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "gus", Role: backlog.RoleGuest}))
	_, err := st.AddHoliday("alice", sprint.NewDate(2026, 12, 25), "Christmas") // so that D has one to remove
	check(t, err)
	before := len(must[[]store.Event](t)(st.Events(0, 0)))
	for _, who := range []string{"bob", "gus"} {
		m := newModel(t, st, who, 80, 24)
		teamAct(t, m, "6")
		for _, k := range []string{"r", "a", "e", "K", "x", "o", "H", "D"} {
			teamAct(t, m, k)
			if m.screens[screenTeam].Capturing() || !strings.Contains(m.View(), "only a lead can") {
				t.Fatalf("%s by %s:\n%s", k, who, m.View())
			}
			if strings.Contains(m.status, "\n") {
				t.Fatalf("%s: more than one line: %q", k, m.status)
			}
		}
	}
	if after := len(must[[]store.Event](t)(st.Events(0, 0))); after != before {
		t.Fatalf("refused keys wrote %d events", after-before)
	}
}
