package store

import (
	"errors"
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
)

const (
	keyA = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa a@x"
	keyB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb b@x"
)

func TestOnlyTheLeadBindsKeys(t *testing.T) {
	st, _ := newTestStore(t)
	for _, target := range []string{"bob", "alice", "gus"} {
		_, err := st.UpdateMember("bob", target, MemberChange{AddKeys: []string{keyA}})
		if !errors.Is(err, backlog.ErrForbidden) || !strings.Contains(err.Error(), "only a lead can add SSH keys") {
			t.Errorf("bob binding a key to %s: %v", target, err)
		}
	}
	if _, err := st.MemberByKey(keyA); err == nil {
		t.Fatal("a refused key was bound")
	}
	// A member still changes their own name and hours.
	name := "Bob B."
	if _, err := st.UpdateMember("bob", "bob", MemberChange{Name: &name}); err != nil {
		t.Fatalf("bob renaming himself: %v", err)
	}
	// The lead binds; a key bound to one person cannot be bound to another.
	must[backlog.Member](t)(st.UpdateMember("alice", "bob", MemberChange{AddKeys: []string{keyA}}))
	if m, err := st.MemberByKey(keyA); err != nil || m.Handle != "bob" {
		t.Fatalf("the lead's binding: %+v %v", m, err)
	}
	if _, err := st.UpdateMember("alice", "gus", MemberChange{AddKeys: []string{keyA}}); err == nil || !strings.Contains(err.Error(), "already belongs to bob") {
		t.Fatalf("rebinding bob's key: %v", err)
	}
}

func TestRemovingAMemberEndsTheirSessionAndAReusedHandleIsSomeoneElse(t *testing.T) {
	st, _ := newTestStore(t)
	must[backlog.Member](t)(st.AddMember("alice", NewMember{Handle: "zed", Keys: []string{keyA}}))
	zed := must[backlog.Member](t)(st.MemberByKey(keyA))
	old := st.BoundToMember(zed)
	must[bool](t)(old.SaveNoteCheck("zed"))
	if _, err := old.AddStory("alice", StoryInput{Title: "as someone else"}); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatalf("a session writing as another member: %v", err)
	}

	if err := st.RemoveMember("alice", "zed"); err != nil {
		t.Fatal(err)
	}
	if old.SessionValid() {
		t.Fatal("the removed member's session is still valid")
	}
	if _, err := old.Members(); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("a read by the removed member's session: %v", err)
	}
	// A different person gets the handle zed.
	must[backlog.Member](t)(st.AddMember("alice", NewMember{Handle: "zed", Keys: []string{keyB}}))
	newZed := must[backlog.Member](t)(st.MemberByKey(keyB))
	if newZed.ID == zed.ID {
		t.Fatalf("the new zed has the old one's id %d", zed.ID)
	}
	if _, err := old.SaveNoteCheck("zed"); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("the old zed's session writing as the new zed: %v", err)
	}
	if _, err := st.MemberByKey(keyA); err == nil {
		t.Fatal("the old zed's key still signs in")
	}
	if _, err := st.BoundToMember(newZed).SaveNoteCheck("zed"); err != nil {
		t.Fatalf("the new zed: %v", err)
	}
}

// SaveNoteCheck writes a stand-up note as actor (a write any member may do).
func (s *Store) SaveNoteCheck(actor string) (bool, error) {
	today := "on it"
	_, err := s.SaveNote(actor, sprint.DateOf(fixedNow), NoteInput{Today: &today})
	return err == nil, err
}
