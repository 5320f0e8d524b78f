package serve

import (
	"bytes"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"huddle/store"
)

// openSlots is how many screen and command slots are taken.
func (ts *testServer) openSlots() (screens, commands int) {
	a := ts.srv.admitted
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.total[screenSession], a.total[commandSession]
}

// waitSlots waits until the server holds screens and commands slots.
func waitSlots(t *testing.T, ts *testServer, screens, commands int) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		s, c := ts.openSlots()
		if s == screens && c == commands {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d screens and %d commands open, want %d and %d", s, c, screens, commands)
		}
		time.Sleep(10 * time.Millisecond) // slots are freed by the server's goroutines: poll them, up to the deadline
	}
}

func TestBareConnectionsDoNotKeepARealClientOut(t *testing.T) {
	var log syncBuffer
	ts := startServer(t, 0, func(c *Config) { c.Log = &log })
	var bare []net.Conn
	defer func() {
		for _, c := range bare {
			c.Close()
		}
	}()
	for i := 0; i < 2000; i++ {
		c, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatalf("bare connection %d: %v", i, err)
		}
		bare = append(bare, c)
	}
	start := time.Now()
	out, errOut, code := ts.runCommand(t, ts.keys["wei"], "whoami")
	took := time.Since(start)
	if code != 0 || !strings.HasPrefix(out, "wei ") {
		t.Fatalf("after 2,000 bare connections: %d %q %q", code, out, errOut)
	}
	if took > time.Second {
		t.Fatalf("a real client took %s to sign in and run a command after 2,000 bare connections", took)
	}
	t.Logf("signed in and ran a command in %s after 2,000 bare connections", took)
	g := ts.srv.guard
	g.mu.Lock()
	pending := g.npending
	g.mu.Unlock()
	if pending > ts.srv.limits.MaxHandshakesPerSource {
		t.Fatalf("%d unfinished handshakes held from one address, the cap is %d", pending, ts.srv.limits.MaxHandshakesPerSource)
	}
	if !strings.Contains(log.String(), "over the handshake caps") {
		t.Fatalf("the log does not tell about the flood:\n%s", log.String())
	}
}

func TestUnfinishedHandshakeIsClosedAfterItsDeadline(t *testing.T) {
	// A real timeout: the server must close a connection that never starts
	// the SSH handshake (300 ms here; 10 s by default).
	ts := startServer(t, 0, func(c *Config) { c.Limits.HandshakeTimeout = 300 * time.Millisecond })
	c, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The upper bound is generous (a loaded machine may be slow to close):
	// the test ends as soon as the server closes, and a server that never
	// does still fails.
	_ = c.SetReadDeadline(time.Now().Add(15 * time.Second))
	start := time.Now()
	_, err = io.Copy(io.Discard, c) // the server's version line, then EOF
	if err != nil {
		t.Fatalf("the server held a silent connection for %s: %v", time.Since(start), err)
	}
	if d := time.Since(start); d < 250*time.Millisecond {
		t.Fatalf("closed after %s, before its deadline", d)
	}
}

func TestWindowChangeFloodDoesNotWedgeTheSession(t *testing.T) {
	ts := startServer(t, 0, nil)
	tm := ts.openTerm(t, ts.keys["lucas"])
	tm.waitFor(t, 0, "you: lucas", wait)
	for i := 0; i < 200000; i++ {
		if err := tm.sess.WindowChange(30+i%20, 100+i%40); err != nil {
			t.Fatalf("window change %d: %v", i, err)
		}
	}
	if err := tm.sess.WindowChange(30, 100); err != nil {
		t.Fatal(err)
	}
	m := tm.mark()
	tm.typeKeys(t, "2")
	tm.waitFor(t, m, "stories ·", wait)
	tm.typeKeys(t, "q")
	tm.exit(t, wait)
	waitSlots(t, ts, 0, 0)
}

func TestClientThatStopsReadingIsEndedAndItsSlotComesBack(t *testing.T) {
	// A real timeout: a client that stops taking output must lose its
	// connection after WriteTimeout (300 ms here; 30 s by default).
	ts := startServer(t, 0, func(c *Config) {
		c.Limits.WriteTimeout = 300 * time.Millisecond
		c.Limits.PerKey = 1
	})
	key := ts.keys["wei"]
	c, err := ts.dial(t, key)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StdoutPipe(); err != nil { // never read
		t.Fatal(err)
	}
	if err := s.Start("spew"); err != nil {
		t.Fatal(err)
	}
	waitSlots(t, ts, 0, 1)
	ended := make(chan error, 1)
	go func() { ended <- s.Wait() }()
	select {
	case <-ended:
	case <-time.After(2 * time.Second): // the real timeout under test (WriteTimeout is set short here)
		t.Fatal("the server kept a session whose client stopped reading")
	}
	waitSlots(t, ts, 0, 0)
	// The key's one command slot is free again.
	if out, errOut, code := ts.runCommand(t, key, "whoami"); code != 0 {
		t.Fatalf("after the stalled session: %d %q %q", code, out, errOut)
	}

}

func TestGuestFloodLeavesMembersAndTheLeadASession(t *testing.T) {
	ts := startServer(t, 4, func(c *Config) {
		c.AllowGuests = true
		c.MaxSessions = 4
	})
	// Guests take at most half the screens.
	var guests []*term
	for i := 0; i < 3; i++ {
		tm, err := ts.tryTerm(t, newKey(t), 80, 24)
		if err != nil {
			t.Fatal(err)
		}
		defer tm.close()
		guests = append(guests, tm)
	}
	admitted, refused := 0, 0
	for _, tm := range guests {
		if _, ok := tm.await(0, "(guest, read only)", wait); ok {
			admitted++
		} else if strings.Contains(tm.text(0), "full for guests") {
			refused++
		}
	}
	if admitted != 2 || refused != 1 {
		t.Fatalf("3 guests on a 4-screen server: %d admitted, %d refused", admitted, refused)
	}
	// One member key cannot take more than PerKey screens, nor commands.
	// Members fill the rest; the lead still gets in over the cap.
	for _, h := range []string{"m01", "m02"} {
		tm := ts.openTerm(t, ts.keys[h])
		tm.waitFor(t, 0, "you: "+h, wait)
	}
	full, err := ts.tryTerm(t, ts.keys["m03"], 80, 24)
	if err != nil {
		t.Fatal(err)
	}
	defer full.close()
	full.waitFor(t, 0, "the server is full (4 sessions", wait)
	lead := ts.openTerm(t, ts.keys["maya"])
	lead.waitFor(t, 0, "you: maya", wait)
	if s, _ := ts.openSlots(); s != 5 {
		t.Fatalf("%d screens open, want 5 (2 guests, 2 members, the lead)", s)
	}
	// Commands are counted apart: a member still runs one.
	if out, errOut, code := ts.runCommand(t, ts.keys["m03"], "whoami"); code != 0 {
		t.Fatalf("a command on a full server: %d %q %q", code, out, errOut)
	}
}

func TestOneKeyCannotTakeEverySlot(t *testing.T) {
	ts := startServer(t, 0, func(c *Config) { c.Limits.PerKey = 2 })
	key := ts.keys["lucas"]
	for i := 0; i < 2; i++ {
		tm := ts.openTerm(t, key)
		tm.waitFor(t, 0, "you: lucas", wait)
	}
	third, err := ts.tryTerm(t, key, 80, 24)
	if err != nil {
		t.Fatal(err)
	}
	defer third.close()
	third.waitFor(t, 0, "this key already has 2 sessions open", wait)
	// Another member is not affected.
	tm := ts.openTerm(t, ts.keys["wei"])
	tm.waitFor(t, 0, "you: wei", wait)
}

func TestManySessionsOnOneConnectionAreRefused(t *testing.T) {
	ts := startServer(t, 0, func(c *Config) { c.Limits.MaxChannelsPerConn = 2 })
	c, err := ts.dial(t, ts.keys["priya"])
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var sessions []*gossh.Session
	defer func() {
		for _, s := range sessions {
			s.Close()
		}
	}()
	for i := 0; i < 2; i++ {
		s, err := c.NewSession()
		if err != nil {
			t.Fatalf("session %d: %v", i, err)
		}
		sessions = append(sessions, s)
	}
	// The refusal goes out before the session's environment: without a
	// language of their own, a member reads it in both.
	if _, err := c.NewSession(); err == nil || !strings.Contains(err.Error(), "too many sessions on one connection / 一个连接上的会话太多") {
		t.Fatalf("a third session on one connection: %v", err)
	}
	// A member who chose Chinese reads it in Chinese only.
	zh := "zh"
	if _, err := ts.st.UpdateMember("maya", "priya", store.MemberChange{Lang: &zh}); err != nil {
		t.Fatal(err)
	}
	_, err = c.NewSession()
	if err == nil || !strings.Contains(err.Error(), "一个连接上的会话太多") || strings.Contains(err.Error(), "too many") {
		t.Fatalf("a third session on one connection, for a member who reads Chinese: %v", err)
	}
}

// syncBuffer is a log the server and the test share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestWindowSizesAreCoalescedAndCapped(t *testing.T) {
	in := make(chan ssh.Window)
	out := latestWindow(in)
	for i := 0; i < 1000; i++ {
		in <- ssh.Window{Width: 80 + i, Height: 24}
	}
	in <- ssh.Window{Width: 65535, Height: 65535}
	close(in)
	// The reader may take the size waiting in the channel just before the
	// last one replaces it, so two may arrive; never more, and the last one
	// is the newest, capped.
	var got []ssh.Window
	for w := range out {
		got = append(got, w)
		if len(got) > 2 {
			break
		}
	}
	if len(got) > 2 || len(got) == 0 || got[len(got)-1].Width != maxWindowWidth || got[len(got)-1].Height != maxWindowHeight {
		t.Fatalf("after 1,001 sizes the app gets %+v, want the last one, capped (at most one older first)", got)
	}
}

func TestRequestFloodIsBounded(t *testing.T) {
	in := make(chan *gossh.Request)
	out := make(chan *gossh.Request)
	go pumpRequests(in, out, 8)
	// Nobody takes requests on the other side (a stuck handler): the pump
	// still reads every one, keeps at most 8, and one window change.
	for i := 0; i < 10000; i++ {
		in <- &gossh.Request{Type: "signal"}
		in <- &gossh.Request{Type: "window-change"}
	}
	close(in)
	late := 0
	for range out {
		late++
	}
	if late > 9 {
		t.Fatalf("%d requests were held for the handler, want at most 8 and one window change", late)
	}

	// A handler that keeps up gets every request but no more than
	// maxEnvRequests environment variables.
	in = make(chan *gossh.Request)
	out = make(chan *gossh.Request)
	go pumpRequests(in, out, 8)
	counted := make(chan int)
	go func() {
		envs := 0
		for r := range out {
			if r.Type == "env" {
				envs++
			}
		}
		counted <- envs
	}()
	for i := 0; i < 10000; i++ {
		in <- &gossh.Request{Type: "env"}
	}
	close(in)
	if envs := <-counted; envs > maxEnvRequests {
		t.Fatalf("%d environment variables reached the handler, the cap is %d", envs, maxEnvRequests)
	}
}
