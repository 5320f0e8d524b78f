package serve

import (
	"slices"
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

func TestRemovingAMemberEndsTheirOpenSession(t *testing.T) {
	ts := startServer(t, 0, nil)
	tm := ts.openTerm(t, ts.keys["tomas"])
	tm.waitFor(t, 0, "you: tomas", wait)
	if !slices.Contains(ts.st.Online(), "tomas") {
		t.Fatalf("tomas is not online: %v", ts.st.Online())
	}
	m := tm.mark()
	if err := ts.st.RemoveMember("maya", "tomas"); err != nil {
		t.Fatal(err)
	}
	tm.waitFor(t, m, "you are no longer a member of this team", wait)
	if code := tm.exit(t, wait); code != 1 {
		t.Fatalf("the removed member's session ended with status %d", code)
	}
	if slices.Contains(ts.st.Online(), "tomas") {
		t.Fatalf("tomas still shows as online: %v", ts.st.Online())
	}
	// The lead gives the handle to someone new; the old key is nobody's.
	k := newKey(t)
	if _, err := ts.st.AddMember("maya", store.NewMember{Handle: "tomas", Keys: []string{k.line}}); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := ts.runCommand(t, ts.keys["tomas"], "whoami")
	if code != 1 || !strings.Contains(errOut, "belongs to no one") {
		t.Fatalf("the old tomas's key after the handle was reused: %d %q", code, errOut)
	}
	if out, _, code := ts.runCommand(t, k, "whoami"); code != 0 || !strings.HasPrefix(out, "tomas ") {
		t.Fatalf("the new tomas: %d %q", code, out)
	}
}

// A session does not keep the role it signed in with: every write reads the
// member's role from the store, so a member demoted to guest while connected
// is refused on their very next write.
func TestDemotingAMemberTakesTheirWritesAtOnce(t *testing.T) {
	ts := startServer(t, 0, nil)
	tm := ts.openTerm(t, ts.keys["tomas"])
	tm.landed(t)
	tm.waitFor(t, 0, "you: tomas (member)", wait)
	m := tm.mark()
	guest := backlog.RoleGuest
	if _, err := ts.st.UpdateMember("maya", "tomas", store.MemberChange{Role: &guest}); err != nil {
		t.Fatal(err)
	}
	tm.waitFor(t, m, "you: tomas (guest)", wait)
	m = tm.mark()
	tm.typeKeys(t, "c") // claim the selected task
	tm.waitFor(t, m, "not allowed", wait)
	tasks, err := ts.st.Tasks(2)
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		if task.Owner == "tomas" && task.Status == sprint.TaskTodo {
			t.Fatalf("the demoted tomas claimed %s", task.Ref())
		}
	}
}

// Revoking the key a session signed in with ends that session; revoking the
// member's other key does not.
func TestRevokingTheSessionsKeyEndsIt(t *testing.T) {
	ts := startServer(t, 0, nil)
	tm := ts.openTerm(t, ts.keys["wei"])
	tm.landed(t)
	wei, err := ts.st.Member("wei")
	if err != nil || len(wei.Keys) != 2 {
		t.Fatalf("wei: %+v %v", wei, err)
	}
	other := wei.Keys[0]
	if backlog.KeyID(other) == backlog.KeyID(ts.keys["wei"].line) {
		other = wei.Keys[1]
	}
	m := tm.mark()
	if _, err := ts.st.RemoveMemberKey("maya", "wei", backlog.KeyFingerprint(other)); err != nil {
		t.Fatal(err)
	}
	if err := ts.st.SetTeamName("maya", "Renamed team"); err != nil {
		t.Fatal(err)
	}
	tm.waitFor(t, m, "Renamed team", wait) // still live after the other key went
	m = tm.mark()
	if _, err := ts.st.RemoveMemberKey("maya", "wei", backlog.KeyFingerprint(ts.keys["wei"].line)); err != nil {
		t.Fatal(err)
	}
	tm.waitFor(t, m, "revoked the SSH key this session signed in with", wait)
	if code := tm.exit(t, wait); code != 1 {
		t.Fatalf("the session ended with status %d", code)
	}
	if _, errOut, code := ts.runCommand(t, ts.keys["wei"], "whoami"); code != 1 || !strings.Contains(errOut, "belongs to no one") {
		t.Fatalf("the revoked key signs in: %d %q", code, errOut)
	}
}
