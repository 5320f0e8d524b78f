package ui

import (
	"regexp"
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

// A change that is not the header's (a claim) gives a session no new header
// to take; any change of what the header shows does, and the session shows it.
func TestHeaderLoadsOnlyWhatChanged(t *testing.T) {
	st := demoStore(t)
	bound := must[*store.Store](t)(st.BoundTo("bob"))
	m := newModel(t, bound, "bob", 100, 30)
	if !strings.Contains(m.View(), "Team Rocket") {
		t.Fatalf("no team in the header:\n%s", m.View())
	}
	sp, _, err := st.ActiveSprint()
	check(t, err)
	var task sprint.Task
	for _, tk := range must[[]sprint.Task](t)(st.Tasks(sp.ID)) {
		if tk.Owner == "" {
			task = tk
			break
		}
	}
	must[sprint.Task](t)(st.ClaimTask("alice", task.ID, ""))
	if msg := m.loadHeader()(); msg != nil {
		t.Fatalf("a claim gave bob a header to take again: %+v", msg)
	}
	steps := []struct {
		what   string
		change func()
		shows  string
	}{
		{"the team's name", func() { check(t, st.SetTeamName("alice", "Team Comet")) }, "Team Comet"},
		{"who is online", func() { st.Join("carol") }, "carol"},
		{"bob's role", func() {
			lead := backlog.RoleLead
			must[backlog.Member](t)(st.UpdateMember("alice", "bob", store.MemberChange{Role: &lead}))
		}, "bob (lead)"},
	}
	for _, s := range steps {
		s.change()
		cmd := m.loadHeader()
		if msg := cmd(); msg == nil {
			t.Fatalf("after a change of %s: no header to take", s.what)
		}
		run(t, m, cmd)
		if v := m.View(); !strings.Contains(v, s.shows) {
			t.Fatalf("after a change of %s the session does not show %q:\n%s", s.what, s.shows, v)
		}
		if msg := m.loadHeader()(); msg != nil {
			t.Fatalf("after taking the change of %s, the same header again: %+v", s.what, msg)
		}
	}
}

// The board's columns are worked out once per load for every session; a
// move shows in the mover's columns at once, before its write, and in
// nobody else's.
func TestBoardMoveShowsAtOnceInTheMoversColumnsOnly(t *testing.T) {
	st := demoStore(t)
	alice := newModel(t, st, "alice", 100, 30)
	bob := newModel(t, st, "bob", 100, 30)
	press(t, alice, "3")
	press(t, bob, "3")
	todo := regexp.MustCompile(`To do \((\d+)\)`)
	count := func(m *Model) string {
		t.Helper()
		got := todo.FindStringSubmatch(m.View())
		if got == nil {
			t.Fatalf("no To do column:\n%s", m.View())
		}
		return got[1]
	}
	before := count(alice)
	if count(bob) != before {
		t.Fatalf("alice and bob see different boards")
	}
	alice.Update(keyMsg("m")) // the write is not run
	if after := count(alice); after == before {
		t.Fatalf("alice moved a task on: To do still holds %s", after)
	}
	if count(bob) != before {
		t.Fatalf("alice's move, not yet written, shows on bob's board")
	}
}
