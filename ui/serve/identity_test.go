package serve

import (
	"slices"
	"strings"
	"testing"

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
