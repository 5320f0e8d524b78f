package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"huddle/ui/serve"
)

// openPty opens a pseudo-terminal pair.
func openPty(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	fd := int(m.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.IoctlSetWinsize(int(s.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 40, Col: 120}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s
}

// startTUI runs huddle's TUI on db as maya in a pty, in its own process, and
// waits until it listens on its socket.
func startTUI(t *testing.T, env map[string]string, db string) *exec.Cmd {
	t.Helper()
	master, slave := openPty(t)
	cmd := exec.Command(os.Args[0], "--db", db, "--as", "maya")
	// TERM=screen: nobody answers the terminal's colour queries here, and
	// bubbletea's init asks one (up to 5 s) on a terminal that claims xterm.
	cmd.Env = append(os.Environ(), "HUDDLE_TEST_RUN_MAIN=1", "TERM=screen-256color", "HUDDLE_NOW="+env["HUDDLE_NOW"])
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, master) // the screen; nobody looks
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	// Waiting for another process to start: a deadline, not a sleep.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if fi, err := os.Lstat(serve.SocketPath(db)); err == nil && fi.Mode()&os.ModeSocket != 0 {
			return cmd
		}
		if time.Now().After(deadline) {
			t.Fatal("the TUI did not open its socket")
		}
		time.Sleep(20 * time.Millisecond) // another process is starting: poll for its socket, up to the deadline
	}
}

func TestCommandsRunThroughTheTUIThatHoldsTheFile(t *testing.T) {
	t.Parallel() // independent: its own file and server
	env, db := testEnv(t)
	if _, errOut, code := huddle(t, env, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	tui := startTUI(t, env, db)
	fi, err := os.Lstat(serve.SocketPath(db))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the socket: %v %v, want mode 0600", fi.Mode(), err)
	}

	// Another process on this machine reads through it...
	out, errOut, code := huddle(t, env, "--as", "lucas", "story", "list", "--json")
	var stories []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &stories) != nil || len(stories) == 0 {
		t.Fatalf("story list --json through the TUI: %d %q %q", code, out, errOut)
	}
	// ...writes as the member it names...
	if out, errOut, code := huddle(t, env, "--as", "lucas", "standup", "note", "--today", "Through the socket"); code != 0 {
		t.Fatalf("a member's write through the socket: %d %q %q", code, out, errOut)
	}
	// ...and is refused what the member's role does not allow.
	_, errOut, code = huddle(t, env, "--as", "lucas", "member", "remove", "tomas")
	if code != 1 || !strings.Contains(errOut, "lucas is a member; only a lead can remove members") {
		t.Fatalf("a member's lead-only write through the socket: %d %q", code, errOut)
	}
	// Files named here are read here: the server never opens them.
	csv := t.TempDir() + "/stories.csv"
	os.WriteFile(csv, []byte(storiesCSV), 0o600)
	if out, errOut, code := huddle(t, env, "--as", "maya", "import", csv); code != 0 || !strings.Contains(out, "imported 2 stories") {
		t.Fatalf("import FILE through the socket: %d %q %q", code, out, errOut)
	}
	outFile := t.TempDir() + "/report.md"
	if _, errOut, code := huddle(t, env, "--as", "maya", "export", "--format", "md", "--out", outFile); code != 0 {
		t.Fatalf("export --out through the socket: %d %q", code, errOut)
	}
	if data, err := os.ReadFile(outFile); err != nil || !strings.Contains(string(data), "#") {
		t.Fatalf("the report written here: %v %q", err, data)
	}

	// Completion asks the holder for ids rather than offering nothing.
	if words := completions(t, env, "--as", "lucas", "task", "claim", ""); len(words) == 0 || !strings.HasPrefix(words[0], "T-") {
		t.Errorf("task claim completes %v while the TUI holds the file", words)
	}
	if words := completions(t, env, "--as", "lucas", "story", "show", ""); len(words) < 10 || !strings.HasPrefix(words[0], "S-") {
		t.Errorf("story show completes %v while the TUI holds the file", words)
	}
	if words := completions(t, env, "--as", "lucas", "member", "remove", ""); !slices.Contains(words, "maya") {
		t.Errorf("member remove completes %v while the TUI holds the file", words)
	}

	// What is not on the remote surface says where the file is open.
	if _, errOut, code := huddle(t, env, "check"); code != 1 || !strings.Contains(errOut, "is open in another huddle on this machine; commands run through it") {
		t.Fatalf("check while the TUI holds the file: %d %q", code, errOut)
	}

	// The TUI ends cleanly on SIGTERM and takes its socket away.
	tui.Process.Signal(syscall.SIGTERM)
	tui.Wait()
	if _, err := os.Lstat(serve.SocketPath(db)); !os.IsNotExist(err) {
		t.Fatalf("the socket outlived its huddle: %v", err)
	}
	out, _, _ = huddle(t, env, "standup", "show", "--json")
	if !strings.Contains(out, "Through the socket") {
		t.Fatalf("the write through the socket is not in the file: %s", out)
	}
}

func TestAStaleSocketIsRemovedNotTrusted(t *testing.T) {
	t.Parallel() // independent: its own file and server
	env, db := testEnv(t)
	if _, errOut, code := huddle(t, env, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	tui := startTUI(t, env, db)
	tui.Process.Kill() // a crash: the socket stays behind
	tui.Wait()
	if _, err := os.Lstat(serve.SocketPath(db)); err != nil {
		t.Fatalf("a killed huddle's socket should still be there: %v", err)
	}
	out, errOut, code := huddle(t, env, "--as", "maya", "member", "list")
	if code != 0 || !strings.Contains(out, "lucas") {
		t.Fatalf("after a crash: %d %q %q", code, out, errOut)
	}
	if _, err := os.Lstat(serve.SocketPath(db)); !os.IsNotExist(err) {
		t.Fatalf("the stale socket was not removed: %v", err)
	}
}

func TestSocketPassesFlagsAndArgumentsAsGiven(t *testing.T) {
	t.Parallel()                // independent: its own file and server
	team := serveDemo(t, false) // the server holds the file and listens on its socket
	as := func(who string, args ...string) string {
		t.Helper()
		out, errOut, code := huddle(t, team.env, append([]string{"--as", who}, args...)...)
		if code != 0 {
			t.Fatalf("%v: %d %q", args, code, errOut)
		}
		return out
	}
	as("lucas", "standup", "note", "--blocker", "Waiting on the -5 fix", "--today", "")
	if out := as("lucas", "standup", "show", "--json"); !strings.Contains(out, "Waiting on the -5 fix") {
		t.Fatalf("the note through the socket: %s", out)
	}
	as("lucas", "standup", "note", "--blocker", "")
	if out := as("lucas", "standup", "show", "--json"); strings.Contains(out, "Waiting on the -5 fix") {
		t.Fatalf("an empty --blocker through the socket did not clear it: %s", out)
	}
	out := as("maya", "story", "add", "--label", "a", "--label", "b c", "--points", "3", "Fix the -5 bug; quote \"it\"")
	if !strings.Contains(out, `Fix the -5 bug; quote "it"`) {
		t.Fatalf("story add through the socket: %q", out)
	}
	if list := as("maya", "story", "list", "--json"); !strings.Contains(list, `"b-c"`) {
		t.Fatalf("a repeated flag through the socket: %s", list)
	}
	if !strings.Contains(team.log.String(), "maya runs (local): story add") {
		t.Fatalf("the command did not run through the server:\n%s", team.log.String())
	}
}
