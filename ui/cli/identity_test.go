package cli

import (
	"strings"
	"testing"
)

func TestAMemberCannotBindSomeoneElsesKey(t *testing.T) {
	team := serveDemo(t, true)
	guest := newSSHKey(t)
	lucas := team.dial(t, team.keys["lucas"])
	for _, cmd := range []string{
		`member key lucas --key "` + guest.line + `"`,
		`member key priya --key "` + guest.line + `"`,
	} {
		_, errOut, code := sshSession(t, lucas, cmd, "")
		if code != 1 || !strings.Contains(errOut, "only a lead can add SSH keys") {
			t.Fatalf("%s by a member: %d %q", cmd, code, errOut)
		}
	}
	if _, _, code := sshSession(t, lucas, "member key lucas --key-file -", guest.line+"\n"); code != 1 {
		t.Fatal("a member bound a key from stdin")
	}
	// The guest is still a guest...
	g := team.dial(t, guest)
	if _, errOut, code := sshSession(t, g, "standup note --today x", ""); code != 1 || !strings.Contains(errOut, "guests can only read") {
		t.Fatalf("the guest after the refused bindings: %d %q", code, errOut)
	}
	// ...until the lead binds the key to its owner.
	maya := team.dial(t, team.keys["maya"])
	if out, errOut, code := sshSession(t, maya, `member key priya --key "`+guest.line+`"`, ""); code != 0 {
		t.Fatalf("the lead binding priya's key: %d %q %q", code, out, errOut)
	}
	priya := team.dial(t, guest)
	if out, errOut, code := sshSession(t, priya, "standup note --today 'Bound by the lead'", ""); code != 0 {
		t.Fatalf("priya with her key: %d %q %q", code, out, errOut)
	}
}
