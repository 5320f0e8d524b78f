package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"huddle/store"
	"huddle/store/demo"
)

// demoNow is the demo team's clock: sprint #2 on its sixth day.
var demoNow = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// demoFile is the demo team, written once by TestMain (about a second of
// fsyncs); every server serves its own copy. Read-only after TestMain.
var demoFile string

func TestMain(m *testing.M) { os.Exit(runTests(m)) }

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "huddle-serve-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	demoFile = filepath.Join(dir, "demo.db")
	if _, err := demo.Create(demoFile, demoNow, false); err != nil {
		fmt.Fprintln(os.Stderr, "the demo team:", err)
		return 1
	}
	return m.Run()
}

// copyDemo writes a copy of the demo team to path.
func copyDemo(tb testing.TB, path string) {
	tb.Helper()
	b, err := os.ReadFile(demoFile)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		tb.Fatal(err)
	}
}

// testKey is a client key pair.
type testKey struct {
	signer gossh.Signer
	line   string // authorized-key line
}

func newKey(tb testing.TB) testKey {
	tb.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		tb.Fatal(err)
	}
	return testKey{signer: s, line: strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey())))}
}

// testServer is an in-process server on 127.0.0.1 over a demo team.
type testServer struct {
	st   *store.Store
	srv  *Server
	addr string
	keys map[string]testKey // member handle -> key
	// mute makes new terminals never answer the colour query, like a
	// client whose terminal does not support it.
	mute bool
}

// testRunner stands in for the CLI: "whoami" prints the identity, "claim N"
// claims task N as the identity, "panic" panics.
func testRunner(st *store.Store) Runner {
	return func(_ context.Context, who Identity, args []string, _ io.Reader, stdout, stderr io.Writer) int {
		switch args[0] {
		case "whoami":
			fmt.Fprintf(stdout, "%s guest=%v\n", who.Handle, who.Guest)
			return 0
		case "claim":
			id, _ := strconv.Atoi(args[1])
			t, err := st.ClaimTask(who.Handle, id, "")
			if err != nil {
				fmt.Fprintln(stderr, "huddle:", err)
				return 1
			}
			fmt.Fprintf(stdout, "%s claimed %s\n", t.Owner, t.Ref())
			return 0
		case "panic":
			panic("boom \x1b]52;c;aGk=\x07\nsecond line")
		case "spew":
			// Writes until the client stops taking it (or 64 MB).
			chunk := []byte(strings.Repeat("spew ", 2000) + "\n")
			for i := 0; i < 64<<20/len(chunk); i++ {
				if _, err := stdout.Write(chunk); err != nil {
					return 1
				}
			}
			return 0
		}
		fmt.Fprintln(stderr, "huddle: unknown command")
		return 2
	}
}

// startServer opens a demo team, gives each named member (and extra members
// m01..mNN when extra > 0) a fresh key and serves it on a free port.
func startServer(tb testing.TB, extra int, mod func(*Config)) *testServer {
	tb.Helper()
	dir := tb.TempDir()
	path := filepath.Join(dir, "team.db")
	copyDemo(tb, path)
	st, err := store.Open(path, store.Options{Now: func() time.Time { return demoNow }})
	if err != nil {
		tb.Fatal(err)
	}
	ts := &testServer{st: st, keys: map[string]testKey{}}
	// The tests watch one unclaimed task; an unusual number of hours left makes
	// its board line unique on every screen.
	if task, err := st.Task(taskID); err != nil || task.Title != taskTitle || task.Owner != "" {
		tb.Fatalf("the demo's T-%d is %+v (%v), want unclaimed %q", taskID, task, err, taskTitle)
	}
	if _, err := st.SetRemaining("maya", taskID, taskHours); err != nil {
		tb.Fatal(err)
	}
	for _, h := range []string{"maya", "lucas", "priya", "tomas", "wei"} {
		k := newKey(tb)
		if _, err := st.UpdateMember("maya", h, store.MemberChange{AddKeys: []string{k.line}}); err != nil {
			tb.Fatal(err)
		}
		ts.keys[h] = k
	}
	for i := 1; i <= extra; i++ {
		h := fmt.Sprintf("m%02d", i)
		k := newKey(tb)
		if _, err := st.AddMember("maya", store.NewMember{Handle: h, Role: "member", Keys: []string{k.line}, HoursPerDay: 6}); err != nil {
			tb.Fatal(err)
		}
		ts.keys[h] = k
	}
	serveStore(tb, ts, dir, mod)
	return ts
}

// serveStore serves ts.st on a free port (its host key in dir) until the
// test ends, then closes the store.
func serveStore(tb testing.TB, ts *testServer, dir string, mod func(*Config)) {
	tb.Helper()
	var err error
	st := ts.st
	cfg := Config{Store: st, HostKeyPath: filepath.Join(dir, "host_key"), Run: testRunner(st)}
	if mod != nil {
		mod(&cfg)
	}
	ts.srv, err = New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	ts.addr = ln.Addr().String()
	served := make(chan error, 1)
	go func() { served <- ts.srv.Serve(ln) }()
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = ts.srv.Shutdown(ctx)
		if err := <-served; err != nil {
			tb.Errorf("Serve: %v", err)
		}
		st.Close()
	})
}

// dial connects with key, checking the server's host key.
func (ts *testServer) dial(tb testing.TB, key testKey) (*gossh.Client, error) {
	tb.Helper()
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User:            "anyone",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key.signer)},
		HostKeyCallback: fingerprintIs(ts.srv.Fingerprint()),
		Timeout:         10 * time.Second,
	})
}

func fingerprintIs(fp string) gossh.HostKeyCallback {
	return func(_ string, _ net.Addr, k gossh.PublicKey) error {
		if got := gossh.FingerprintSHA256(k); got != fp {
			return fmt.Errorf("host key %s, want %s", got, fp)
		}
		return nil
	}
}

// runCommand runs a command over SSH with key and returns stdout, stderr and
// the exit status.
func (ts *testServer) runCommand(tb testing.TB, key testKey, cmd string) (string, string, int) {
	tb.Helper()
	c, err := ts.dial(tb, key)
	if err != nil {
		tb.Fatalf("dial: %v", err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		tb.Fatalf("session: %v", err)
	}
	defer s.Close()
	var out, errOut bytes.Buffer
	s.Stdout, s.Stderr = &out, &errOut
	err = s.Run(cmd)
	code := 0
	var ee *gossh.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitStatus()
	case err != nil:
		tb.Fatalf("run %q: %v", cmd, err)
	}
	return out.String(), errOut.String(), code
}

// term is a pty session: what the server drew, and a way to type.
type term struct {
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.WriteCloser

	mu     sync.Mutex
	raw    []byte
	notify chan struct{} // a non-blocking tick on every read
	done   chan struct{} // closed when the output ends
	status chan error    // the session's end (Wait)
	ended  chan struct{} // closed when the session ended and stderr is all in
}

// openTerm connects with key, asks for a 100x30 pty and starts the app. The
// client answers the renderer's background-colour query as a dark terminal would.
func (ts *testServer) openTerm(tb testing.TB, key testKey) *term {
	tb.Helper()
	t, err := ts.tryTerm(tb, key, 100, 30)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(t.close)
	return t
}

// shell connects with key and starts a shell on a w×h pty, its standard
// error going to stderr; env is what the client sends (name, value pairs, as
// with ssh -o SendEnv).
func (ts *testServer) shell(tb testing.TB, key testKey, w, h int, stderr io.Writer, env ...string) (*gossh.Client, *gossh.Session, io.WriteCloser, io.Reader, error) {
	c, err := ts.dial(tb, key)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	fail := func(err error) (*gossh.Client, *gossh.Session, io.WriteCloser, io.Reader, error) {
		c.Close()
		return nil, nil, nil, nil, err
	}
	s, err := c.NewSession()
	if err != nil {
		return fail(err)
	}
	stdin, err := s.StdinPipe()
	if err != nil {
		return fail(err)
	}
	out, err := s.StdoutPipe()
	if err != nil {
		return fail(err)
	}
	s.Stderr = stderr
	for i := 0; i+1 < len(env); i += 2 {
		if err := s.Setenv(env[i], env[i+1]); err != nil {
			return fail(err)
		}
	}
	if err := s.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		return fail(err)
	}
	if err := s.Shell(); err != nil {
		return fail(err)
	}
	return c, s, stdin, out, nil
}

// tryTerm opens a session on a w x h terminal; env is what the client sends
// (name, value pairs, as with ssh -o SendEnv).
func (ts *testServer) tryTerm(tb testing.TB, key testKey, w, h int, env ...string) (*term, error) {
	t := &term{notify: make(chan struct{}, 1), done: make(chan struct{}), status: make(chan error, 1), ended: make(chan struct{})}
	c, s, stdin, out, err := ts.shell(tb, key, w, h, writerFunc(t.append), env...)
	if err != nil {
		return nil, err
	}
	t.client, t.sess, t.stdin = c, s, stdin
	go func() {
		defer close(t.done)
		buf := make([]byte, 32<<10)
		for {
			n, err := out.Read(buf)
			if n > 0 {
				chunk := buf[:n]
				if !ts.mute && bytes.Contains(chunk, []byte("\x1b]11;?")) {
					// A dark background, then the primary device attributes.
					_, _ = io.WriteString(t.stdin, "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\\x1b[?62;22c")
				}
				t.append(chunk)
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		err := s.Wait()
		close(t.ended)
		t.status <- err
	}()
	return t, nil
}

type writerFunc func([]byte)

func (f writerFunc) Write(p []byte) (int, error) { f(p); return len(p), nil }

func (t *term) append(p []byte) {
	t.mu.Lock()
	t.raw = append(t.raw, p...)
	t.mu.Unlock()
	select {
	case t.notify <- struct{}{}:
	default:
	}
}

// mark is a position in the output: wait from there for what comes next.
func (t *term) mark() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.raw)
}

// text is the output since mark, without escape sequences.
func (t *term) text(since int) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return ansi.Strip(string(t.raw[since:]))
}

// waitFor waits until the output since mark holds want, returning when it
// was seen; it fails the test after timeout.
func (t *term) waitFor(tb testing.TB, since int, want string, timeout time.Duration) time.Time {
	tb.Helper()
	at, ok := t.await(since, want, timeout)
	if !ok {
		tb.Fatalf("did not see %q within %s; the screen since then:\n%s", want, timeout, t.text(since))
	}
	return at
}

func (t *term) await(since int, want string, timeout time.Duration) (time.Time, bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		if strings.Contains(t.text(since), want) {
			return time.Now(), true
		}
		select {
		case <-t.notify:
		case <-t.done:
			select { // stderr may still be on its way
			case <-t.ended:
			case <-deadline.C:
			}
			if strings.Contains(t.text(since), want) {
				return time.Now(), true
			}
			return time.Time{}, false
		case <-deadline.C:
			return time.Time{}, false
		}
	}
}

// landedLine is in the header once the session has read the store: the header
// and the choice of the first screen (the board while a sprint runs) come in
// the same update, so a key typed after it never races the landing.
const landedLine = "#2 Sprint 2 · day 6 of 10"

// landed waits until the session has chosen its first screen and drawn the
// header, then returns a mark after it: keys typed from here on are handled
// on the screen the session landed on.
func (t *term) landed(tb testing.TB) int {
	tb.Helper()
	t.waitFor(tb, 0, landedLine, wait)
	return t.mark()
}

func (t *term) typeKeys(tb testing.TB, keys string) {
	tb.Helper()
	if _, err := io.WriteString(t.stdin, keys); err != nil {
		tb.Fatalf("typing %q: %v", keys, err)
	}
}

// exit waits for the session to end and returns its exit status (-1 when it
// ended without one).
func (t *term) exit(tb testing.TB, timeout time.Duration) int {
	tb.Helper()
	select {
	case err := <-t.status:
		var ee *gossh.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.ExitStatus()
		default:
			return -1
		}
	case <-failAfter(timeout):
		tb.Fatalf("the session did not end within %s; the screen:\n%s", timeout, t.text(0))
		return -1
	}
}

func (t *term) close() {
	t.sess.Close()
	t.client.Close()
	<-t.done
}

// failAfter is a limit for a stuck test: a passing test never waits for it.
func failAfter(limit time.Duration) <-chan time.Time { return time.NewTimer(limit).C }

// eventually waits until cond holds, checking it every few milliseconds: the
// server has no notification for what these tests wait on (how many sessions
// it has open, how many goroutines the process runs). It reports false after
// limit, a limit for a stuck test.
func eventually(limit time.Duration, cond func() bool) bool {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	stuck := failAfter(limit)
	for !cond() {
		select {
		case <-tick.C:
		case <-stuck:
			return cond()
		}
	}
	return true
}
