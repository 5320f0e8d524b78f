package ui

import (
	"strings"
	"testing"
)

// The line under the tabs says who is online only while people have joined
// (a server runs in this process); a plain local session keeps its rule.
func TestOnlineLine(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 80, 24)
	if strings.Contains(m.View(), "online:") {
		t.Fatal("a local session with nobody joined shows an online line")
	}
	leaveBob := st.Join("bob")
	leaveAlice := st.Join("alice")
	st.Join(GuestPrefix + "1234abcd")
	run(t, m, m.loadHeader())
	line := strings.Split(m.View(), "\n")[2]
	if !strings.HasPrefix(line, "─ online: alice, bob, 1 guest ─") {
		t.Fatalf("online line %q", line)
	}
	leaveBob()
	leaveAlice()
	run(t, m, m.loadHeader())
	if line := strings.Split(m.View(), "\n")[2]; !strings.HasPrefix(line, "─ online: 1 guest ─") {
		t.Fatalf("after two left: %q", line)
	}
}

func TestGuestHeader(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, GuestPrefix+"1234abcd", 100, 24)
	if head := strings.Split(m.View(), "\n")[0]; !strings.Contains(head, "you: guest:1234abcd (guest, read only)") {
		t.Fatalf("header %q", head)
	}
}

// A store change notification alone redraws nothing but the header; the
// screen draws again when its data arrives.
func TestViewCacheFollowsData(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 80, 24)
	before := m.View()
	m.Update(eventMsg{N: 1}) // its commands (the reload) are not run
	if m.View() != before {
		t.Fatal("a change notification changed the screen before its data came")
	}
	press(t, m, "3")
	if m.View() == before {
		t.Fatal("switching screens did not redraw the body")
	}
}
