package store

import (
	"errors"
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
)

func TestRevokingOneKey(t *testing.T) {
	st, _ := newTestStore(t)
	const keyC = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcccccccccccccccccccccccccccccccccccccccccc c@laptop"
	must[backlog.Member](t)(st.UpdateMember("alice", "bob", MemberChange{AddKeys: []string{keyA, keyC}}))
	fp := backlog.KeyFingerprint(keyA)
	for _, who := range []string{"bob", "gus"} {
		if _, err := st.RemoveMemberKey(who, "bob", fp); !errors.Is(err, backlog.ErrForbidden) {
			t.Fatalf("%s revoked a key: %v", who, err)
		}
	}
	if _, err := st.RemoveMemberKey("alice", "bob", "SHA256:nope"); err == nil || !strings.Contains(err.Error(), "has no key") {
		t.Fatalf("an unknown fingerprint: %v", err)
	}
	if got := must[string](t)(st.RemoveMemberKey("alice", "bob", fp)); got != keyA {
		t.Fatalf("revoked %q", got)
	}
	if _, err := st.MemberByKey(keyA); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the revoked key still signs in: %v", err)
	}
	if m := must[backlog.Member](t)(st.MemberByKey(keyC)); m.Handle != "bob" {
		t.Fatalf("the other key signs in as %q", m.Handle)
	}
	// The key is free: the lead may give it to someone else.
	must[backlog.Member](t)(st.UpdateMember("alice", "gus", MemberChange{AddKeys: []string{keyA}}))
	evs := must[[]Event](t)(st.RecentEvents(3))
	found := false
	for _, e := range evs {
		found = found || (e.Kind == EventMemberUpdated && e.Fields["key_removed"] == fp)
	}
	if !found {
		t.Fatalf("no event for the revoked key: %+v", evs)
	}
	if problems := must[[]string](t)(st.Check()); len(problems) != 0 {
		t.Fatalf("check: %v", problems)
	}
}

// A session bound to a member reads the member's role at every write: a
// demotion takes effect on the next write, without signing in again.
func TestADemotedSessionLosesWritesAtOnce(t *testing.T) {
	st, _ := newTestStore(t)
	bob := must[*Store](t)(st.BoundTo("bob"))
	text := "fixing the form"
	day := date(t, "2026-11-26")
	must[sprint.Note](t)(bob.SaveNote("bob", day, NoteInput{Today: &text}))
	guest := backlog.RoleGuest
	must[backlog.Member](t)(st.UpdateMember("alice", "bob", MemberChange{Role: &guest}))
	if _, err := bob.SaveNote("bob", day, NoteInput{Today: &text}); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatalf("the demoted bob's open session wrote: %v", err)
	}
	// Still a guest on the team, the session reads on.
	if _, err := bob.Members(); err != nil {
		t.Fatalf("the demoted bob cannot read: %v", err)
	}
}

func TestASessionEndsWithItsRevokedKey(t *testing.T) {
	st, _ := newTestStore(t)
	bob := must[backlog.Member](t)(st.UpdateMember("alice", "bob", MemberChange{AddKeys: []string{keyA, keyB}}))
	viaA, viaB := st.BoundToMemberKey(bob, keyA), st.BoundToMemberKey(bob, keyB)
	must[string](t)(st.RemoveMemberKey("alice", "bob", backlog.KeyFingerprint(keyA)))
	if _, err := viaA.Members(); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("the session of the revoked key read: %v", err)
	}
	if _, err := viaB.Members(); err != nil {
		t.Fatalf("the session of bob's other key: %v", err)
	}
}

// New hours per day move a member's default capacity in sprints not yet
// closed; a capacity the lead set by hand stays.
func TestCapacityFollowsHoursPerDay(t *testing.T) {
	st, _ := newTestStore(t)
	sp := holidaySprint(t, st)
	if err := st.SetCapacity("alice", sp.ID, "alice", 20); err != nil {
		t.Fatal(err)
	}
	four, two := 4.0, 2.0
	must[backlog.Member](t)(st.UpdateMember("alice", "bob", MemberChange{HoursPerDay: &four}))
	must[backlog.Member](t)(st.UpdateMember("alice", "alice", MemberChange{HoursPerDay: &two}))
	got := must[sprint.Sprint](t)(st.Sprint(sp.ID)).Capacity
	if got["bob"] != 40 || got["alice"] != 20 {
		t.Fatalf("capacity after new hours: %v, want bob 40 (4h × 10), alice's hand-set 20", got)
	}
}
