package cli

import (
	"encoding/json"
	"fmt"
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

func TestAnonymousRetroOutputsNameNobody(t *testing.T) {
	env, db := testEnv(t)
	if _, errOut, code := huddle(t, env, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	as := func(who string, args ...string) string {
		t.Helper()
		out, errOut, code := huddle(t, env, append([]string{"--as", who}, args...)...)
		if code != 0 {
			t.Fatalf("%s %v: %d %q", who, args, code, errOut)
		}
		return out
	}
	as("maya", "retro", "setup", "--anonymous")
	as("lucas", "retro", "card", "add", "--column", "2", "Deploys on Friday hurt")
	as("priya", "retro", "card", "add", "--column", "1", "Pairing on the SMS code")
	// Write phase: nobody but the author reads a card, a guest's export included.
	for _, out := range []string{as("priya", "retro", "list", "--json"), as("maya", "export", "--format", "json"), as("tomas", "export", "--format", "md")} {
		if strings.Contains(out, "Deploys on Friday") {
			t.Fatalf("lucas's hidden card shows: %s", out)
		}
	}
	as("maya", "retro", "phase", "reveal")
	as("maya", "retro", "phase", "vote")
	var view retroView
	if err := json.Unmarshal([]byte(as("lucas", "retro", "list", "--json")), &view); err != nil || len(view.Cards) != 2 {
		t.Fatalf("retro list: %v %+v", err, view)
	}
	for _, who := range []string{"lucas", "priya", "wei"} {
		as(who, "retro", "vote", fmt.Sprint(view.Cards[0].ID))
	}
	if err := json.Unmarshal([]byte(as("lucas", "retro", "list", "--json")), &view); err != nil || view.VotesLeft != 2 || view.Cards[0].TotalVotes() != 3 || view.Cards[0].MyVotes != 1 {
		t.Fatalf("after three votes lucas sees %+v", view)
	}
	// The export's records of this retro: its cards and its card and vote events
	// (sprint #1's retro was not anonymous and names people, as it should).
	var thisRetro []string
	for _, line := range strings.Split(as("tomas", "export", "--format", "json"), "\n") {
		if strings.Contains(line, `"sprint":2,`) && (strings.Contains(line, `"column":`) || strings.Contains(line, `"kind":"retro.`)) {
			thisRetro = append(thisRetro, line)
		}
	}
	if len(thisRetro) < 6 {
		t.Fatalf("the export holds %d records of the retro: %q", len(thisRetro), thisRetro)
	}
	for name, out := range map[string]string{
		"retro list --json": as("tomas", "retro", "list", "--json"),
		"export json":       strings.Join(thisRetro, "\n"),
		"export md":         as("tomas", "export", "--format", "md"),
		"retro export":      as("tomas", "retro", "export"),
	} {
		for _, leak := range []string{`"author": "lucas"`, `"author":"lucas"`, `"lucas":`, `"priya":`, `"wei":`, "voted on the #2", "anon:"} {
			if strings.Contains(out, leak) {
				t.Errorf("%s shows %q", name, leak)
			}
		}
		if !strings.Contains(out, "Deploys on Friday") {
			t.Errorf("%s misses the revealed card", name)
		}
	}
}
