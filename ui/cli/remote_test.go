package cli

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	gossh "golang.org/x/crypto/ssh"

	"huddle/store"
	"huddle/ui/serve"
)

// remoteCaller runs command lines as a remote caller (actor) on one demo
// team's open store.
func remoteCaller(t *testing.T, actor string) func(args ...string) (string, string, int) {
	t.Helper()
	env, db := testEnv(t)
	if _, errOut, code := huddle(t, env, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return func(args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		e := newEnv(&out, &errOut, func(string) string { return "" })
		e.remote = remote{store: st, actor: actor}
		code := runRemote(args, e)
		return out.String(), errOut.String(), code
	}
}

// leafPaths lists every runnable command path of a tree ("story add").
func leafPaths(root *cobra.Command) []string {
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c != root && !c.HasSubCommands() {
			out = append(out, commandPath(c))
		}
		for _, s := range c.Commands() {
			if s.Name() != "help" {
				walk(s)
			}
		}
	}
	walk(root)
	return out
}

func TestEveryCommandIsDeclaredOrRefusedRemotely(t *testing.T) {
	local := leafPaths(newRootCmd(newEnv(nil, nil, func(string) string { return "" })))
	declared := remoteCommands()
	for _, p := range declared {
		if !slices.Contains(local, p) {
			t.Errorf("the remote allowlist names %q, which is no command", p)
		}
	}
	refused := 0
	call := remoteCaller(t, "maya")
	for _, p := range local {
		help, errOut, code := call(append(strings.Fields(p), "--help")...)
		if slices.Contains(declared, p) {
			if code != 0 || !strings.Contains(help, "Usage:") {
				t.Errorf("%s --help over SSH: %d %q %q", p, code, help, errOut)
			}
			for _, f := range []string{"--db", "--as ", "--listen", "--out"} {
				if strings.Contains(help, f) {
					t.Errorf("%s --help over SSH offers %s, which does not work there:\n%s", p, f, help)
				}
			}
			continue
		}
		// Not declared: refused with one line, whatever the arguments.
		for _, args := range [][]string{strings.Fields(p), append(strings.Fields(p), "x", "--force"), append(strings.Fields(p), "--help")} {
			out, msg, code := call(args...)
			if code != 1 || out != "" || strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "works only on the server's own machine") {
				t.Errorf("%v over SSH: %d out %q err %q, want one refusing line", args, code, out, msg)
			}
		}
		refused++
	}
	// The commands that touch the server's own files are not remote.
	for _, p := range []string{"demo", "backup", "serve", "check"} {
		if slices.Contains(declared, p) {
			t.Errorf("%s is declared remote", p)
		}
	}
	if refused < 4 {
		t.Fatalf("only %d local-only commands were refused", refused)
	}
	// Nor do cobra's hidden completion commands exist there.
	if out, errOut, code := call("__complete", "st", ""); code != 1 || out != "" || !strings.Contains(errOut, "unknown command") {
		t.Errorf("__complete over SSH: %d %q %q", code, out, errOut)
	}
	// The remote root's help lists only what works there.
	out, _, code := call("--help")
	if code != 0 {
		t.Fatal(code)
	}
	for _, bad := range []string{"--db", "--as", "--listen", "demo", "backup", "serve ", "check"} {
		if strings.Contains(out, bad) {
			t.Errorf("the remote help mentions %q:\n%s", bad, out)
		}
	}
}

// fileState is what a directory holds: each file's name, mode and content hash.
func fileState(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			fi, err := os.Lstat(p)
			if err != nil {
				return err
			}
			sum := ""
			if fi.Mode().IsRegular() {
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				sum = fmt.Sprintf("%x", sha256.Sum256(data))
			}
			out[p] = fmt.Sprintf("%v %s", fi.Mode(), sum)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func diffState(before, after map[string]string, skip string) []string {
	var d []string
	for p, v := range after {
		if p != skip && before[p] != v {
			d = append(d, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok && p != skip {
			d = append(d, p+" (gone)")
		}
	}
	sort.Strings(d)
	return d
}

// sshSession runs one command on an open client connection.
func sshSession(t *testing.T, c *gossh.Client, cmd string, stdin string) (string, string, int) {
	t.Helper()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out, errOut bytes.Buffer
	s.Stdout, s.Stderr, s.Stdin = &out, &errOut, strings.NewReader(stdin)
	err = s.Run(cmd)
	var ee *gossh.ExitError
	switch {
	case err == nil:
		return out.String(), errOut.String(), 0
	case errors.As(err, &ee):
		return out.String(), errOut.String(), ee.ExitStatus()
	}
	t.Fatalf("%s: %v", cmd, err)
	return "", "", 0
}

func (team *servedTeam) dial(t *testing.T, key sshKey) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", team.addr, &gossh.ClientConfig{
		User:            "x",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key.signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// shellQuote quotes s for the remote command line.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// TestRemoteCommandsTouchNoPath runs every remote command over SSH, as a
// guest, a member and the lead, with paths for every positional argument and
// every text flag, and proves that no file on the server other than the db
// was created, changed or removed, that no output says whether a path exists
// or shows what one holds, that the guest changed not one byte of the db, and
// that the db is a sound huddle file at the end.
func TestRemoteCommandsTouchNoPath(t *testing.T) {
	t.Parallel() // independent: its own file and server
	if testing.Short() {
		t.Skip("runs every remote command three times over SSH")
	}
	team := serveDemo(t, true)
	serverDir := filepath.Dir(team.db)
	outside := t.TempDir()
	canary := filepath.Join(outside, "canary.csv")
	if err := os.WriteFile(canary, []byte("Title,Points\nZQXJ-inside-7f3a,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	paths := []string{canary, filepath.Join(outside, "new.json"), team.db + ".host_key"}

	remoteRoot := newRemoteRootCmd(newEnv(nil, nil, func(string) string { return "" }))
	type call struct{ line string }
	var calls []call
	for _, p := range leafPaths(remoteRoot) {
		c, _, _ := remoteRoot.Find(strings.Fields(p))
		for _, path := range paths {
			q := shellQuote(path)
			var flags []string
			c.Flags().VisitAll(func(f *pflag.Flag) {
				if t := f.Value.Type(); t == "string" || t == "stringArray" || t == "stringSlice" {
					flags = append(flags, "--"+f.Name+" "+q)
				}
			})
			for n := 0; n <= 2; n++ {
				line := p + strings.Repeat(" "+q, n)
				calls = append(calls, call{line + " " + strings.Join(flags, " ")})
				if n == 1 {
					calls = append(calls, call{line})
				}
			}
		}
	}
	guest := newSSHKey(t)
	roles := []struct {
		name string
		key  sshKey
	}{{"guest", guest}, {"member", team.keys["lucas"]}, {"lead", team.keys["maya"]}}
	before := fileState(t, serverDir, outside)
	for _, r := range roles {
		dbBefore, err := os.ReadFile(team.db)
		if err != nil {
			t.Fatal(err)
		}
		client := team.dial(t, r.key)
		for _, c := range calls {
			out, errOut, _ := sshSession(t, client, c.line, "")
			if strings.Contains(out+errOut, "ZQXJ") {
				t.Errorf("%s: %s showed a file's contents: %q %q", r.name, c.line, out, errOut)
			}
			for _, leak := range []string{"no such file", "permission denied", "is a directory", "wrote "} {
				if strings.Contains(strings.ToLower(out+errOut), leak) {
					t.Errorf("%s: %s answered about a path: %q %q", r.name, c.line, out, errOut)
				}
			}
		}
		if d := diffState(before, fileState(t, serverDir, outside), team.db); len(d) > 0 {
			t.Fatalf("as %s, %d commands with paths changed files: %v", r.name, len(calls), d)
		}
		dbAfter, err := os.ReadFile(team.db)
		if err != nil {
			t.Fatal(err)
		}
		if r.name == "guest" && !bytes.Equal(dbBefore, dbAfter) {
			t.Errorf("the guest's %d commands changed the db", len(calls))
		}
	}
	if err := team.stop(); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := huddle(t, team.env, "check"); code != 0 {
		t.Fatalf("the db after every remote command: %d %q %q", code, out, errOut)
	}
	t.Logf("%d command lines per role", len(calls))
}

const storiesCSV = "Title,Points,Value,Labels\nImport from the caller's stdin,3,8,remote\n\"Quoted, with a comma\",2,5,\n"

func TestImportAndExportOverSSHUseTheCallersStreams(t *testing.T) {
	team := serveDemo(t, false)
	maya := team.dial(t, team.keys["maya"])
	out, errOut, code := sshSession(t, maya, "import -", storiesCSV)
	if code != 0 || !strings.Contains(out, "standard input: 2 rows; imported 2 stories") {
		t.Fatalf("import - over SSH: %d %q %q", code, out, errOut)
	}
	out, _, _ = sshSession(t, maya, "story list --json", "")
	if !strings.Contains(out, "Import from the caller's stdin") || !strings.Contains(out, "Quoted, with a comma") {
		t.Fatalf("the imported stories are not listed: %s", out)
	}
	// A key file from stdin, lead only.
	k := newSSHKey(t)
	if out, errOut, code := sshSession(t, maya, "member key lucas --key-file -", k.line+"\n"); code != 0 || !strings.Contains(out, "lucas now has 2 key(s)") {
		t.Fatalf("member key --key-file - over SSH: %d %q %q", code, out, errOut)
	}
	remoteJSON, errOut, code := sshSession(t, maya, "export --format json", "")
	if code != 0 || !strings.HasPrefix(remoteJSON, `{"format": "huddle-export"`) {
		t.Fatalf("export over SSH: %d %q", code, errOut)
	}
	if _, errOut, code := sshSession(t, maya, "export --format json --out "+filepath.Join(t.TempDir(), "x.json"), ""); code != 1 || !strings.Contains(errOut, "--out writes a file on the server") {
		t.Fatalf("export --out over SSH: %d %q", code, errOut)
	}
	if err := team.stop(); err != nil {
		t.Fatal(err)
	}
	localJSON, errOut, code := huddle(t, team.env, "export", "--format", "json")
	if code != 0 || localJSON != remoteJSON {
		t.Fatalf("the local export (%d %q) differs from the one over SSH (%d vs %d bytes)", code, errOut, len(localJSON), len(remoteJSON))
	}
}

// TestREADMERemoteExamples runs the README's examples of commands over SSH:
// each line is split as the caller's shell would split it, joined with
// spaces as ssh sends it, and run as the lead, with its redirection's file as
// stdin.
func TestREADMERemoteExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "<!-- remote-examples:")
	if !ok {
		t.Fatal("the README has no remote-examples block")
	}
	_, block, _ = strings.Cut(block, "```\n")
	block, _, _ = strings.Cut(block, "```")
	team := serveDemo(t, false)
	maya := team.dial(t, team.keys["maya"])
	nia1, nia2 := newSSHKey(t), newSSHKey(t)
	ran := 0
	for _, line := range strings.Split(strings.TrimSpace(block), "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, "    #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		rest, ok := strings.CutPrefix(line, "ssh -p 2222 team-host ")
		if !ok {
			t.Fatalf("README example %q does not start with the ssh command", line)
		}
		stdin := ""
		if cmd, file, ok := strings.Cut(rest, " < "); ok {
			rest = cmd
			switch file {
			case "nia.pub":
				stdin = nia2.line + "\n"
			case "stories.csv":
				stdin = storiesCSV
			default:
				t.Fatalf("README example reads %s", file)
			}
		}
		rest, _, _ = strings.Cut(rest, " > ") // the output is checked below
		rest = strings.ReplaceAll(rest, "ssh-ed25519 AAAA... nia@laptop", nia1.line)
		words, err := serve.SplitCommand(rest) // what the caller's shell passes to ssh
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		out, errOut, code := sshSession(t, maya, strings.Join(words, " "), stdin)
		if code != 0 || errOut != "" {
			t.Errorf("README: %s: %d %q %q", line, code, out, errOut)
		}
		ran++
	}
	if ran < 6 {
		t.Fatalf("only %d examples", ran)
	}
	out, _, _ := sshSession(t, maya, "story list --json", "")
	for _, title := range []string{`"Fix the login page"`, `"It's quoted twice"`, `"Import from the caller's stdin"`} {
		if !strings.Contains(out, title) {
			t.Errorf("no story %s after the README examples", title)
		}
	}
	out, _, _ = sshSession(t, maya, "standup show --json", "")
	if !strings.Contains(out, `"Pair on T-14"`) {
		t.Errorf("the note's today is not set: %s", out)
	}
	if out, _, _ := sshSession(t, maya, "member list --json", ""); !strings.Contains(out, nia1.line) || !strings.Contains(out, nia2.line) {
		t.Errorf("nia's keys: %s", out)
	}
}

func TestEmptyArgumentClearsAFieldOverSSH(t *testing.T) {
	team := serveDemo(t, false)
	lucas := team.dial(t, team.keys["lucas"])
	for _, cmd := range []string{`standup note --blocker "Waiting on the API key"`, `standup note --blocker ''`} {
		if out, errOut, code := sshSession(t, lucas, cmd, ""); code != 0 {
			t.Fatalf("%s: %d %q %q", cmd, code, out, errOut)
		}
	}
	out, _, _ := sshSession(t, lucas, "standup show --json", "")
	if strings.Contains(out, "Waiting on the API key") {
		t.Fatalf("'' did not clear the blocker: %s", out)
	}
	if _, errOut, code := sshSession(t, lucas, `story list | head`, ""); code != 1 || !strings.Contains(errOut, "the server runs none") {
		t.Fatalf("an unquoted pipe: %d %q", code, errOut)
	}
}

// countingReader fails the test if the command reads its input at all.
type countingReader struct{ n int }

func (r *countingReader) Read(p []byte) (int, error) {
	r.n += len(p)
	return copy(p, strings.Repeat("x", len(p))), nil
}

// TestImportRefusesBeforeReadingInput: a member or a guest who may not add
// stories is refused in one line before one byte of their stdin is read, so
// a caller over SSH cannot make the server take in a big file to refuse.
func TestImportRefusesBeforeReadingInput(t *testing.T) {
	env, db := testEnv(t)
	if _, errOut, code := huddle(t, env, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	before, _ := st.StoryCount()
	for _, actor := range []string{"lucas", "guest-without-a-key"} {
		var out, errOut bytes.Buffer
		in := &countingReader{}
		e := newEnv(&out, &errOut, func(string) string { return "" })
		e.remote = remote{store: st, actor: actor}
		e.in = in
		code := runRemote([]string{"import", "-"}, e)
		if code != 1 || in.n != 0 || strings.Count(errOut.String(), "\n") != 1 {
			t.Errorf("%s: import - gave %d after reading %d bytes: %q", actor, code, in.n, errOut.String())
		}
	}
	if after, _ := st.StoryCount(); after != before {
		t.Errorf("the refused imports changed the backlog: %d -> %d stories", before, after)
	}
	// The lead's import still reads and imports.
	var out, errOut bytes.Buffer
	e := newEnv(&out, &errOut, func(string) string { return "" })
	e.remote = remote{store: st, actor: "maya"}
	e.in = strings.NewReader(storiesCSV)
	if code := runRemote([]string{"import", "-"}, e); code != 0 || !strings.Contains(out.String(), "imported 2 stories") {
		t.Fatalf("the lead's import: %d %q %q", code, out.String(), errOut.String())
	}
}
