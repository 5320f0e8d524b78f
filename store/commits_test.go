package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huddle/backlog"
)

// After a change, every session asks for the same shared read; none of them
// opens a read transaction of its own for it (only the one read of the
// member records and the one read of the entry, for all of them).
func TestSharedReadNeedsNoTransactionPerSession(t *testing.T) {
	st, _ := newTestStore(t)
	var sessions []*Store
	for range 20 {
		sessions = append(sessions, must[*Store](t)(st.BoundTo("bob")), must[*Store](t)(st.BoundTo("alice")))
	}
	team := func(st *Store) (any, error) { return st.Team() }
	if err := st.SetVision("alice", "ship it"); err != nil {
		t.Fatal(err)
	}
	before := st.db.Stats().TxN
	for _, s := range sessions {
		if v, err := s.SharedRead("team", team); err != nil || v.(backlog.Team).Vision != "ship it" {
			t.Fatalf("%s: %v %v", s.Bound(), v, err)
		}
	}
	if n := st.db.Stats().TxN - before; n > 2 {
		t.Fatalf("40 sessions reading one entry after a change opened %d read transactions, want at most 2", n)
	}
}

// A session checked at one commit is checked again at the next: a member
// removed by a write whose transaction ID a refused write of theirs had
// taken first is still refused at once, by shared and by direct reads.
func TestRemovedMemberRefusedAfterARolledBackWrite(t *testing.T) {
	st, _ := newTestStore(t)
	bob := must[*Store](t)(st.BoundTo("bob"))
	alice := must[*Store](t)(st.BoundTo("alice"))
	team := func(st *Store) (any, error) { return st.Team() }
	if _, err := bob.SharedRead("team", team); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Team(); err != nil {
		t.Fatal(err)
	}
	// Checked inside its transaction, then refused: it rolls back.
	if _, err := bob.AddStoryComment("bob", 999, "hello?"); err == nil {
		t.Fatal("a comment on a story that does not exist was taken")
	}
	if err := st.RemoveMember("alice", "bob"); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.SharedRead("team", team); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("bob's shared read after his removal: %v, want the session ended", err)
	}
	if _, err := bob.Team(); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("bob's own read after his removal: %v, want the session ended", err)
	}
	if v, err := alice.SharedRead("team", team); err != nil || v.(backlog.Team).Name != "Rocket" {
		t.Fatalf("alice after bob's refused reads: %v %v", v, err)
	}
	// Given back to someone new, the handle is not bob's session's either.
	if _, err := st.AddMember("alice", NewMember{Handle: "bob", Name: "Another Bob"}); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.SharedRead("team", team); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("bob's old session after the handle was given again: %v", err)
	}
}

// The commit clock is only right if every write moves it: no code of the
// store opens a write transaction except through Store.update.
func TestEveryWriteGoesThroughUpdate(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "commits.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			if strings.Contains(line, "s.db.Update(") || strings.Contains(line, "s.db.Batch(") || strings.Contains(line, "db.Begin(true") {
				t.Errorf("%s:%d writes around the commit clock: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// Member decodes a record again only once its bytes changed: a change
// shows at once, and what one caller does to its copy no other sees.
func TestMemberReadsTheRecordAsStored(t *testing.T) {
	st, _ := newTestStore(t)
	first := must[backlog.Member](t)(st.Member("bob"))
	lead := backlog.RoleLead
	must[backlog.Member](t)(st.UpdateMember("alice", "bob", MemberChange{Role: &lead, AddKeys: []string{keyA}}))
	m := must[backlog.Member](t)(st.Member("bob"))
	if m.Role != backlog.RoleLead || len(m.Keys) != 1 || first.Role == backlog.RoleLead {
		t.Fatalf("bob before %+v, after the change %+v", first, m)
	}
	m.Keys[0] = "changed by a caller"
	m = must[backlog.Member](t)(st.Member("bob")) // decoded already
	m.Keys[0] = "changed by another caller"
	if again := must[backlog.Member](t)(st.Member("bob")); strings.HasPrefix(again.Keys[0], "changed") {
		t.Fatal("a caller's change of its copy reached the next read")
	}
	if err := st.RemoveMember("alice", "bob"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Member("bob"); err == nil {
		t.Fatal("a removed member is still read")
	}
}
