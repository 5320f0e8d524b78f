package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"huddle/store"

	"github.com/spf13/cobra"
)

const testNow = "2026-11-26T10:00:00Z"

// huddle runs one CLI invocation in-process, as a script would, without a terminal.
func huddle(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := newEnv(&out, &errOut, func(k string) string { return env[k] })
	code = run(args, e)
	return out.String(), errOut.String(), code
}

func testEnv(t *testing.T) (map[string]string, string) {
	dir := t.TempDir()
	db := filepath.Join(dir, "team.db")
	return map[string]string{"HUDDLE_DB": db, "USER": "alice", "HUDDLE_NOW": testNow}, db
}

func TestVersion(t *testing.T) {
	out, _, code := huddle(t, nil, "version")
	if code != 0 || !strings.HasPrefix(out, "huddle "+version) {
		t.Fatalf("%d %q", code, out)
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	var walk func(c *cobra.Command, path []string)
	count := 0
	walk = func(c *cobra.Command, path []string) {
		out, errOut, code := huddle(t, nil, append(path, "--help")...)
		if code != 0 || !strings.Contains(out, "Usage:") || errOut != "" {
			t.Errorf("huddle %s --help: code %d, out %q, err %q", strings.Join(path, " "), code, out, errOut)
		}
		count++
		for _, sub := range c.Commands() {
			if sub.Hidden || sub.Name() == "help" {
				continue
			}
			walk(sub, append(append([]string{}, path...), sub.Name()))
		}
	}
	walk(newRootCmd(newEnv(nil, nil, func(string) string { return "" })), nil)
	if count < 8 {
		t.Fatalf("only %d commands", count)
	}
}

func TestMembersFromTheCommandLine(t *testing.T) {
	env, db := testEnv(t)
	key := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBobKey bob@laptop"
	if _, errOut, code := huddle(t, env, "member", "add", "bob", "--name", "Bob 王", "--key", key); code != 0 {
		t.Fatalf("add: %s", errOut)
	}
	out, _, code := huddle(t, env, "member", "list", "--json")
	if code != 0 {
		t.Fatal(code)
	}
	var list []memberJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(list) != 2 || list[0].Handle != "alice" || list[0].Role != "lead" || list[1].Name != "Bob 王" || len(list[1].Keys) != 1 {
		t.Fatalf("list %+v", list)
	}
	// bob is a member, not a lead: he cannot add people. The error is one line on stderr.
	env["USER"] = "bob"
	out, errOut, code := huddle(t, env, "member", "add", "carol")
	if code == 0 || out != "" || !strings.Contains(errOut, "only a lead") || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("bob added carol: code %d out %q err %q", code, out, errOut)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatal(err)
	}
}

func TestBadInputGetsClearErrors(t *testing.T) {
	env, _ := testEnv(t)
	cases := [][]string{
		{"member", "add", "Bad Name!"},
		{"member", "add", "x", "--role", "king"},
		{"member", "add", "x", "--key", "not a key"},
		{"nonsense"},
		{"backup"},
	}
	for _, args := range cases {
		out, errOut, code := huddle(t, env, args...)
		if code == 0 || out != "" || !strings.HasPrefix(errOut, "huddle: ") || strings.Contains(errOut, "goroutine") {
			t.Errorf("%v: code %d out %q err %q", args, code, out, errOut)
		}
	}
	env["HUDDLE_NOW"] = "yesterday"
	if _, errOut, code := huddle(t, env, "member", "list"); code == 0 || !strings.Contains(errOut, "RFC 3339") {
		t.Errorf("bad HUDDLE_NOW: %d %q", code, errOut)
	}
}

func TestCheckAndBadFiles(t *testing.T) {
	env, db := testEnv(t)
	if _, errOut, code := huddle(t, env, "check"); code == 0 || !strings.Contains(errOut, "does not exist") {
		t.Fatalf("check on a missing file: %d %q", code, errOut)
	}
	if _, errOut, code := huddle(t, env, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	out, _, code := huddle(t, env, "check")
	if code != 0 || !strings.HasPrefix(out, "ok: ") {
		t.Fatalf("check: %d %q", code, out)
	}
	good, _ := os.ReadFile(db)
	dir := filepath.Dir(db)
	random := bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef, 0x42}, 9000)
	for name, content := range map[string][]byte{"random": random, "truncated": good[:len(good)/2], "empty": {}} {
		p := filepath.Join(dir, name+".db")
		os.WriteFile(p, content, 0o600)
		_, errOut, code := huddle(t, env, "check", "--db", p)
		if code == 0 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, p) {
			t.Errorf("%s: code %d err %q", name, code, errOut)
		}
		if after, _ := os.ReadFile(p); !bytes.Equal(after, content) {
			t.Errorf("%s: check changed the file", name)
		}
	}
}

func TestLockedFileIsReportedFast(t *testing.T) {
	env, db := testEnv(t)
	huddle(t, env, "member", "add", "bob")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	_, errOut, code := huddle(t, env, "check")
	if code == 0 || !strings.Contains(errOut, "in use") || !strings.Contains(errOut, db) {
		t.Fatalf("code %d err %q", code, errOut)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %v", d)
	}
}

func TestDemoPipedWritesAndRefusesOverwrite(t *testing.T) {
	env, _ := testEnv(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	out, errOut, code := huddle(t, env, "demo", "--db", db)
	if code != 0 || !strings.Contains(out, db) || !strings.Contains(out, "5 members") {
		t.Fatalf("demo: %d %q %q", code, out, errOut)
	}
	if _, errOut, code := huddle(t, env, "demo", "--db", db); code == 0 || !strings.Contains(errOut, "--force") {
		t.Fatalf("second demo: %d %q", code, errOut)
	}
	if _, _, code := huddle(t, env, "demo", "--db", db, "--force"); code != 0 {
		t.Fatal("--force failed")
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	if out, errOut, code := huddle(t, env, "backup", backup, "--db", db); code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("backup: %q %q", out, errOut)
	}
	if out, _, code := huddle(t, env, "check", "--db", backup); code != 0 {
		t.Fatalf("backup does not check: %q", out)
	}
}

func TestTUINeedsATerminal(t *testing.T) {
	env, _ := testEnv(t)
	_, errOut, code := huddle(t, env)
	if code == 0 || !strings.Contains(errOut, "terminal") {
		t.Fatalf("%d %q", code, errOut)
	}
}

// ok runs a command that must succeed and returns its output.
func ok(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	out, errOut, code := huddle(t, env, args...)
	if code != 0 {
		t.Fatalf("huddle %s: %d %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// fails runs a command that must fail with one "huddle: ..." line containing want.
func fails(t *testing.T, env map[string]string, want string, args ...string) {
	t.Helper()
	out, errOut, code := huddle(t, env, args...)
	if code == 0 || !strings.HasPrefix(errOut, "huddle: ") || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, want) {
		t.Fatalf("huddle %s: code %d out %q err %q, want an error with %q", strings.Join(args, " "), code, out, errOut, want)
	}
}
