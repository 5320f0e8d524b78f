package cli

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"huddle/store"
	"huddle/ui/serve"
)

type sshKey struct {
	signer gossh.Signer
	line   string
}

func newSSHKey(t *testing.T) sshKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return sshKey{s, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey())))}
}

// syncBuffer is a log both the server and the test touch.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// servedTeam is a demo team served by the real CLI runner on a free port.
type servedTeam struct {
	env  map[string]string
	db   string
	addr string
	keys map[string]sshKey
	log  *syncBuffer
	stop func() error // shuts the server down and closes the store
}

func serveDemo(t *testing.T, allowGuests bool) *servedTeam {
	t.Helper()
	env, db := testEnv(t)
	if _, errOut, code := huddle(t, env, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	team := &servedTeam{env: env, db: db, keys: map[string]sshKey{}, log: &syncBuffer{}}
	for _, h := range []string{"maya", "lucas"} {
		k := newSSHKey(t)
		if _, errOut, code := huddle(t, env, "member", "key", h, "--key", k.line, "--as", "maya"); code != 0 {
			t.Fatalf("member key: %s", errOut)
		}
		team.keys[h] = k
	}
	e := newEnv(io.Discard, team.log, func(k string) string { return env[k] })
	st, err := e.openStore(readWrite)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	o := serveOptions{listen: "127.0.0.1:0", allowGuests: allowGuests, maxSessions: 10}
	go func() { done <- e.serve(ctx, st, o, team.log, nil) }()
	var once sync.Once
	var stopErr error
	team.stop = func() error {
		once.Do(func() {
			cancel()
			stopErr = <-done
			if err := st.Close(); err != nil && stopErr == nil {
				stopErr = err
			}
		})
		return stopErr
	}
	t.Cleanup(func() { _ = team.stop() })
	deadline := time.Now().Add(5 * time.Second)
	for team.addr == "" {
		if hint := serverHint(db); hint != "" {
			f := strings.Fields(hint) // ssh -p PORT HOST
			team.addr = net.JoinHostPort(f[3], f[2])
			// A command that finds the file served runs through the socket:
			// it is there before the sidecar says so.
			if _, err := os.Stat(serve.SocketPath(db)); err != nil {
				t.Fatalf("the sidecar names the server before its socket is there: %v", err)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not start: %s", team.log.String())
		}
		time.Sleep(10 * time.Millisecond) // the server starts in a goroutine: poll for its note, up to the deadline
	}
	return team
}

// ssh runs a command line over SSH with key.
func (team *servedTeam) ssh(t *testing.T, key sshKey, cmd string) (string, string, int) {
	t.Helper()
	c, err := gossh.Dial("tcp", team.addr, &gossh.ClientConfig{
		User:            "x",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key.signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out, errOut bytes.Buffer
	s.Stdout, s.Stderr = &out, &errOut
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

func TestCommandsOverSSHRunAsTheKeysMember(t *testing.T) {
	team := serveDemo(t, false)

	out, errOut, code := team.ssh(t, team.keys["lucas"], "member list --json")
	var members []memberJSON
	if code != 0 || json.Unmarshal([]byte(out), &members) != nil || len(members) != 5 {
		t.Fatalf("member list --json: %d %q %q", code, out, errOut)
	}
	// lucas is a member: removing people is the lead's.
	_, errOut, code = team.ssh(t, team.keys["lucas"], "member remove tomas")
	if code != 1 || !strings.Contains(errOut, "lucas is a member") {
		t.Fatalf("lucas removing tomas: %d %q", code, errOut)
	}
	// maya is the lead.
	out, errOut, code = team.ssh(t, team.keys["maya"], "member remove tomas")
	if code != 0 || out != "removed tomas\n" {
		t.Fatalf("maya removing tomas: %d %q %q", code, out, errOut)
	}
	// Adding someone's key over SSH, quoted as a shell would.
	k := newSSHKey(t)
	out, errOut, code = team.ssh(t, team.keys["maya"], `member add nia --key "`+k.line+` nia@laptop"`)
	if code != 0 || !strings.Contains(out, "added nia as member (1 key(s)") {
		t.Fatalf("member add over SSH: %d %q %q", code, out, errOut)
	}
	if out, _, code := team.ssh(t, k, "member list"); code != 0 || !strings.Contains(out, "nia") {
		t.Fatalf("the new key: %d %q", code, out)
	}
}

func TestSSHCommandsCannotChooseFileOrPerson(t *testing.T) {
	team := serveDemo(t, false)
	other := filepath.Join(t.TempDir(), "other.db")
	for cmd, want := range map[string]string{
		"member list --db " + other:              "--db does not work here",
		"--as maya member remove tomas":          "--as does not work here",
		"member remove tomas --as=maya":          "--as does not work here",
		"member key lucas --key-file /etc/hosts": "--key-file names a file on the server",
		"backup /tmp/stolen.db":                  "works only on the server's own machine",
		"demo --force":                           "works only on the server's own machine",
		"serve":                                  "works only on the server's own machine",
	} {
		_, errOut, code := team.ssh(t, team.keys["lucas"], cmd)
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("%s: %d %q, want %q", cmd, code, errOut, want)
		}
	}
	if _, err := os.Stat(other); err == nil {
		t.Error("a command over SSH created a file on the server")
	}
	if _, err := os.Stat("/tmp/stolen.db"); err == nil {
		t.Error("backup over SSH wrote a file on the server")
	}
}

func TestGuestCommandsOnlyRead(t *testing.T) {
	team := serveDemo(t, true)
	guest := newSSHKey(t)
	if out, _, code := team.ssh(t, guest, "member list"); code != 0 || !strings.Contains(out, "maya") {
		t.Fatalf("a guest reading: %d %q", code, out)
	}
	_, errOut, code := team.ssh(t, guest, "member remove tomas")
	if code != 1 || !strings.Contains(errOut, "guests can only read") || !strings.Contains(errOut, "huddle member add") {
		t.Fatalf("a guest writing: %d %q", code, errOut)
	}
}

func TestLockedFileNamesTheServer(t *testing.T) {
	team := serveDemo(t, false)
	// A command on the remote surface runs through the server's socket...
	if out, errOut, code := huddle(t, team.env, "--as", "lucas", "member", "list"); code != 0 || !strings.Contains(out, "maya") {
		t.Fatalf("member list through the socket: %d %q %q", code, out, errOut)
	}
	// ...one that is not says where the file is served.
	_, errOut, code := huddle(t, team.env, "backup", filepath.Join(t.TempDir(), "copy.db"))
	_, port, _ := net.SplitHostPort(team.addr)
	want := "in use by a huddle server; connect to it with `ssh -p " + port + " 127.0.0.1`"
	if code != 1 || !strings.Contains(errOut, want) {
		t.Fatalf("opening a served file: %d %q, want %q", code, errOut, want)
	}
	if err := team.stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sidecarPath(team.db)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the sidecar is still there after shutdown: %v", err)
	}
	if !strings.Contains(team.log.String(), "is closed cleanly") {
		t.Fatalf("log: %s", team.log.String())
	}
	// The file is free again, and the host key kept.
	if out, _, code := huddle(t, team.env, "member", "list"); code != 0 || !strings.Contains(out, "maya") {
		t.Fatalf("after the server stopped: %d %q", code, out)
	}
	if _, err := os.Stat(team.db + ".host_key"); err != nil {
		t.Fatalf("host key: %v", err)
	}
}

func TestServeFlagsAreChecked(t *testing.T) {
	env, db := testEnv(t)
	huddle(t, env, "demo", "--db", db)
	for args, want := range map[string]string{
		"serve --max-sessions 0":           "--max-sessions must be at least 1",
		"serve --idle-timeout -1s":         "--idle-timeout cannot be negative",
		"serve --listen nonsense:address:": "cannot listen on",
	} {
		_, errOut, code := huddle(t, env, strings.Fields(args)...)
		if code != 1 || !strings.Contains(errOut, want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: %d %q, want one line with %q", args, code, errOut, want)
		}
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatalf("the file was left locked: %v", err)
	}
	st.Close()
}

func TestStaleSidecarIsIgnored(t *testing.T) {
	db := filepath.Join(t.TempDir(), "team.db")
	if err := os.WriteFile(sidecarPath(db), []byte("ssh -p 2222 host\npid 999999999\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if hint := serverHint(db); hint != "" {
		t.Fatalf("a dead server's sidecar gave %q", hint)
	}
	if err := os.WriteFile(sidecarPath(db), []byte(fmt.Sprintf("ssh -p 2222 host\npid %d\n", os.Getpid())), 0o644); err != nil {
		t.Fatal(err)
	}
	if hint := serverHint(db); hint != "ssh -p 2222 host" {
		t.Fatalf("a live server's sidecar gave %q", hint)
	}
}
