package serve

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"huddle/sprint"
)

// wait is how long a test waits for a screen to show what it expects. It is
// an upper bound only (waits end as soon as the text shows), so it is
// generous: on a loaded machine a race-built session can take seconds.
const wait = 30 * time.Second

// The demo's T-25 "Web view fallback for 3DS1 cards" is unclaimed in To do;
// startServer sets its hours left to taskHours.
const (
	taskID        = 25
	taskTitle     = "Web view fallback for 3DS1 cards"
	taskHours     = 7.5
	unclaimedLine = "unclaimed · 7.5h left"
)

func TestMemberSessionShowsTheAppAsThem(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	tm := ts.openTerm(t, ts.keys["lucas"])
	tm.waitFor(t, 0, "you: lucas (member)", wait)
	tm.waitFor(t, 0, "online: lucas", wait)
	tm.waitFor(t, 0, unclaimedLine, wait) // a developer lands on the board
	tm.typeKeys(t, "q")
	if code := tm.exit(t, wait); code != 0 {
		t.Fatalf("quitting ended with status %d", code)
	}
}

func TestUnknownKeyIsRefused(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	stranger := newKey(t)
	out, errOut, code := ts.runCommand(t, stranger, "whoami")
	if code != 1 || out != "" {
		t.Fatalf("unknown key: status %d, stdout %q", code, out)
	}
	for _, want := range []string{"belongs to no one on this team", "huddle member add", stranger.line} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the refusal %q does not say %q", errOut, want)
		}
	}
	tm := ts.openTerm(t, stranger)
	tm.waitFor(t, 0, "belongs to no one on this team", wait)
	if code := tm.exit(t, wait); code != 1 {
		t.Fatalf("unknown key's terminal session: status %d", code)
	}
	if strings.Contains(tm.text(0), "Pocketpay") {
		t.Fatal("an unknown key saw the team")
	}
}

func TestOnlyPublicKeyAuthIsOffered(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	_, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User: "maya",
		Auth: []gossh.AuthMethod{
			gossh.Password("secret"),
			gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil }),
		},
		HostKeyCallback: fingerprintIs(ts.srv.Fingerprint()),
	})
	if err == nil {
		t.Fatal("a client without a key got in")
	}
	if !strings.Contains(err.Error(), "[none publickey]") && !strings.Contains(err.Error(), "no supported methods remain") {
		t.Logf("refused with: %v", err)
	}
}

func TestGuestReadsButCannotWrite(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, func(c *Config) { c.AllowGuests = true })
	guest := newKey(t)

	out, _, code := ts.runCommand(t, guest, "whoami")
	if code != 0 || !strings.HasPrefix(out, "guest:") || !strings.Contains(out, "guest=true") {
		t.Fatalf("guest whoami: %d %q", code, out)
	}
	_, errOut, code := ts.runCommand(t, guest, "claim 25")
	if code != 1 || !strings.Contains(errOut, "guests can only read") {
		t.Fatalf("a guest's claim: status %d, %q", code, errOut)
	}
	if task, _ := ts.st.Task(taskID); task.Owner != "" {
		t.Fatalf("a guest claimed %s", task.Ref())
	}

	tm := ts.openTerm(t, guest)
	tm.landed(t)
	tm.waitFor(t, 0, "(guest, read only)", wait)
	tm.waitFor(t, 0, "online: 1 guest", wait)
	tm.waitFor(t, 0, unclaimedLine, wait) // a guest lands on the board too
	// The screens switch for a guest: the backlog, then back to the board.
	m := tm.mark()
	tm.typeKeys(t, "2")
	tm.waitFor(t, m, "stories ·", wait)
	m = tm.mark()
	tm.typeKeys(t, "3")
	tm.waitFor(t, m, unclaimedLine, wait)
	// On screen too: claiming the selected task is refused and nothing changes.
	before, _ := ts.st.Tasks(2)
	m = tm.mark()
	tm.typeKeys(t, "c")
	tm.waitFor(t, m, "guests can only read", wait)
	after, _ := ts.st.Tasks(2)
	for i := range before {
		if before[i].Owner != after[i].Owner {
			t.Fatalf("a guest's keypress changed %s's owner", before[i].Ref())
		}
	}
}

func TestCommandRunsAsTheKeysMember(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	for _, h := range []string{"maya", "wei"} {
		out, errOut, code := ts.runCommand(t, ts.keys[h], "whoami")
		if code != 0 || out != h+" guest=false\n" {
			t.Fatalf("%s: status %d, %q %q", h, code, out, errOut)
		}
	}
	out, _, code := ts.runCommand(t, ts.keys["priya"], "claim 25")
	if code != 0 || out != "priya claimed T-25\n" {
		t.Fatalf("claim: %d %q", code, out)
	}
	_, errOut, code := ts.runCommand(t, ts.keys["tomas"], "claim 25")
	if code != 1 || !strings.Contains(errOut, "priya") {
		t.Fatalf("second claim: %d %q (should say who has it)", code, errOut)
	}
}

func TestSessionWithoutPtyOrCommandIsTold(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	c, err := ts.dial(t, ts.keys["maya"])
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var errOut strings.Builder
	s.Stderr = &errOut
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	err = s.Wait()
	var ee *gossh.ExitError
	if !errors.As(err, &ee) || ee.ExitStatus() != 1 {
		t.Fatalf("no pty, no command: %v", err)
	}
	if !strings.Contains(errOut.String(), "needs a terminal") || !strings.Contains(errOut.String(), "ssh -t -p ") {
		t.Fatalf("message %q", errOut.String())
	}
}

// A claim made by one person shows on everyone else's screen.
func TestClaimShowsOnEveryScreen(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	a := ts.openTerm(t, ts.keys["lucas"])
	b := ts.openTerm(t, ts.keys["maya"])
	c := ts.openTerm(t, ts.keys["wei"])
	for _, tm := range []*term{a, b, c} {
		tm.waitFor(t, 0, unclaimedLine, wait) // sessions land on the board
	}
	b.waitFor(t, 0, "online: lucas, maya, wei", wait)
	marks := []int{a.mark(), b.mark(), c.mark()}
	// lucas claims from his own key over SSH while his screen is open.
	if out, errOut, code := ts.runCommand(t, ts.keys["lucas"], "claim 25"); code != 0 {
		t.Fatalf("claim: %d %q %q", code, out, errOut)
	}
	for i, tm := range []*term{a, b, c} {
		tm.waitFor(t, marks[i], "lucas · 7.5h left", wait)
	}
	// And a write straight through the store (the lead's local screen in
	// `huddle --listen`) reaches them the same way.
	marks = []int{a.mark(), b.mark(), c.mark()}
	moved, err := ts.st.SetTaskStatus("maya", taskID, sprint.TaskDoing)
	if err != nil {
		t.Fatal(err)
	}
	tasks, _ := ts.st.Tasks(moved.Sprint)
	doing := 0
	for _, task := range tasks {
		if task.Status == sprint.TaskDoing {
			doing++
		}
	}
	for i, tm := range []*term{a, b, c} {
		tm.waitFor(t, marks[i], fmt.Sprintf("In progress (%d)", doing), wait)
	}
	// Leaving shows too.
	m := b.mark()
	c.typeKeys(t, "q")
	c.exit(t, wait)
	b.waitFor(t, m, "online: lucas, maya ─", wait)
}

func TestFiftySimultaneousClaimsOneWins(t *testing.T) {
	t.Parallel()
	const n = 50
	ts := startServer(t, n, nil)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		winner []string
		losers int
		start  = make(chan struct{})
	)
	for i := 1; i <= n; i++ {
		h := "m" + twoDigits(i)
		c, err := ts.dial(t, ts.keys[h])
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := c.NewSession()
			if err != nil {
				t.Error(err)
				return
			}
			defer s.Close()
			var out, errOut strings.Builder
			s.Stdout, s.Stderr = &out, &errOut
			<-start
			err = s.Run("claim 25")
			mu.Lock()
			defer mu.Unlock()
			var ee *gossh.ExitError
			switch {
			case err == nil:
				winner = append(winner, h)
			case errors.As(err, &ee) && ee.ExitStatus() == 1 && strings.Contains(errOut.String(), "already"):
				losers++
			default:
				t.Errorf("%s: %v %q", h, err, errOut.String())
			}
		}()
	}
	close(start)
	wg.Wait()
	if len(winner) != 1 || losers != n-1 {
		t.Fatalf("winners %v, %d told someone else has it; want exactly one winner", winner, losers)
	}
	task, err := ts.st.Task(taskID)
	if err != nil || task.Owner != winner[0] {
		t.Fatalf("T-25 belongs to %q (%v), the winner was %s", task.Owner, err, winner[0])
	}
}

func twoDigits(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }

// Not parallel: it counts the goroutines of the whole process (the parallel
// tests wait until it is done).
func TestConnectDisconnectCyclesLeakNoGoroutines(t *testing.T) {
	if testing.Short() {
		t.Skip("200 SSH sessions")
	}
	ts := startServer(t, 0, nil)
	key := ts.keys["priya"]
	// One cycle first, so lazily started goroutines of the libraries exist.
	cycle := func(i int) {
		tm, err := ts.tryTerm(t, key, 80, 24)
		if err != nil {
			t.Fatalf("cycle %d: %v", i, err)
		}
		if i%2 == 0 {
			tm.waitFor(t, 0, "you: priya", wait)
			tm.typeKeys(t, "q")
			tm.exit(t, wait)
		}
		tm.close() // odd cycles hang up mid-start
	}
	cycle(0)
	settle(t, ts, 0)
	before := runtime.NumGoroutine()
	for i := 1; i <= 200; i++ {
		cycle(i)
	}
	settle(t, ts, 0)
	eventually(wait, func() bool { return runtime.NumGoroutine() <= before })
	if after := runtime.NumGoroutine(); after > before {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines before 200 cycles, %d after:\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
	if online := ts.st.Online(); len(online) != 0 {
		t.Fatalf("still online after everyone left: %v", online)
	}
}

// settle waits until the server has n sessions open.
func settle(t *testing.T, ts *testServer, n int) {
	t.Helper()
	if !eventually(wait, func() bool { return ts.srv.Sessions() == n }) {
		t.Fatalf("%d sessions open, want %d", ts.srv.Sessions(), n)
	}
}

func TestIdleTimeoutCountsKeypressesNotOutput(t *testing.T) {
	t.Parallel()
	// A real timeout, kept short: wei types four times a timeout (a loaded
	// machine may delay a keypress by a second or more), then stops.
	const idle = 3 * time.Second
	ts := startServer(t, 0, func(c *Config) { c.IdleTimeout = idle })
	tm := ts.openTerm(t, ts.keys["wei"])
	tm.waitFor(t, 0, "you: wei", wait)
	// Output keeps coming (others' writes), and wei keeps typing for a while.
	for i := 0; i < 4; i++ {
		time.Sleep(idle / 4) // typing again well before the timeout: the real wait under test
		tm.typeKeys(t, "j")  // first, so a slow write below cannot delay the keypress
		if _, err := ts.st.SetRemaining("maya", 23, float64(5-i)); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case err := <-tm.status:
		t.Fatalf("ended while wei was typing: %v\n%s", err, tm.text(0))
	default:
	}
	// Then wei stops typing; live updates go on but do not keep the session.
	started := time.Now()
	stop := make(chan struct{})
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Millisecond): // others keep writing while wei is idle
				_, _ = ts.st.SetRemaining("maya", 23, float64(i%5+1))
			}
		}
	}()
	defer close(stop)
	m := tm.mark()
	tm.waitFor(t, m, "disconnected after 3s without a keypress", idle+wait)
	if code := tm.exit(t, wait); code != 1 {
		t.Fatalf("idle end: status %d", code)
	}
	if d := time.Since(started); d < idle-200*time.Millisecond {
		t.Fatalf("ended %s after the last keypress, before the %s timeout", d, idle)
	}
}

func TestSessionCap(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, func(c *Config) { c.MaxSessions = 2 })
	a := ts.openTerm(t, ts.keys["maya"])
	a.waitFor(t, 0, "you: maya", wait)
	b := ts.openTerm(t, ts.keys["lucas"])
	b.waitFor(t, 0, "you: lucas", wait)
	c, err := ts.tryTerm(t, ts.keys["wei"], 80, 24)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	c.waitFor(t, 0, "the server is full (2 sessions", wait)
	if code := c.exit(t, wait); code != 1 {
		t.Fatalf("third screen ended with %d, want 1", code)
	}
	// Commands are counted apart from screens.
	if out, errOut, code := ts.runCommand(t, ts.keys["wei"], "whoami"); code != 0 {
		t.Fatalf("a command while the screens are full: %d %q %q", code, out, errOut)
	}
	b.typeKeys(t, "q")
	b.exit(t, wait)
	settle(t, ts, 1)
	d := ts.openTerm(t, ts.keys["wei"])
	d.waitFor(t, 0, "you: wei", wait)
}

func TestPanicEndsOnlyThatSession(t *testing.T) {
	t.Parallel()
	var log syncBuffer
	ts := startServer(t, 0, func(c *Config) { c.Log = &log })
	tm := ts.openTerm(t, ts.keys["maya"])
	tm.landed(t)
	_, errOut, code := ts.runCommand(t, ts.keys["lucas"], "panic")
	if code != 70 || !strings.Contains(errOut, "something went wrong on the server") {
		t.Fatalf("panicking command: %d %q", code, errOut)
	}
	if strings.Count(strings.TrimSpace(errOut), "\n") != 0 || strings.Contains(errOut, "boom") {
		t.Fatalf("the user was told more than one line: %q", errOut)
	}
	var panics []string
	for _, l := range strings.Split(log.String(), "\n") {
		if strings.Contains(l, "panic in") {
			panics = append(panics, l)
		}
	}
	if len(panics) != 1 || strings.ContainsAny(panics[0], "\x1b\x07") || !strings.Contains(panics[0], `boom \x1b]52`) {
		t.Fatalf("want one escaped log line for the panic, got %q", panics)
	}
	if out, _, code := ts.runCommand(t, ts.keys["lucas"], "whoami"); code != 0 {
		t.Fatalf("after the panic: %d %q", code, out)
	}
	m := tm.mark()
	tm.typeKeys(t, "2")
	tm.waitFor(t, m, "stories ·", wait)
	m = tm.mark()
	tm.typeKeys(t, "3")
	tm.waitFor(t, m, unclaimedLine, wait)
}

func TestShutdownTellsSessionsAndLeavesTheStoreToItsOwner(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	a := ts.openTerm(t, ts.keys["maya"])
	b := ts.openTerm(t, ts.keys["lucas"])
	a.waitFor(t, 0, "you: maya", wait)
	b.waitFor(t, 0, "you: lucas", wait)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := ts.srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	for _, tm := range []*term{a, b} {
		tm.waitFor(t, 0, "the server is shutting down", wait)
		tm.exit(t, wait)
	}
	if _, err := ts.st.Team(); err != nil {
		t.Fatalf("the store should stay open for its owner: %v", err)
	}
	if _, err := ts.dial(t, ts.keys["maya"]); err == nil {
		t.Fatal("connected after shutdown")
	}
}

func TestHostKeyIsMadeOnceAndKept(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "keys", "host_key")
	_, fp1, err := loadHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key file: %v %v", fi.Mode(), err)
	}
	_, fp2, err := loadHostKey(path)
	if err != nil || fp1 != fp2 || !strings.HasPrefix(fp1, "SHA256:") {
		t.Fatalf("fingerprints %q then %q (%v)", fp1, fp2, err)
	}
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := loadHostKey(path); err == nil || !strings.Contains(err.Error(), "not a usable SSH host key") {
		t.Fatalf("a broken key file: %v", err)
	}
}

func TestWindowResize(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	tm := ts.openTerm(t, ts.keys["maya"])
	tm.waitFor(t, 0, "you: maya (lead)", wait)
	m := tm.mark()
	if err := tm.sess.WindowChange(40, 120); err != nil {
		t.Fatal(err)
	}
	// At 120 columns the header spreads: the team name, then the sprint, then
	// the person at the far right.
	tm.waitFor(t, m, "Pocketpay Onboarding  #2 Sprint 2 · day 6 of 10"+strings.Repeat(" ", 40), wait)
}

// A terminal that never answers the start-up colour query still gets the
// app, keeps what was typed meanwhile, and does not hold up a shutdown.
func TestTerminalThatNeverAnswersTheQuery(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	ts.mute = true
	tm := ts.openTerm(t, ts.keys["maya"])
	tm.typeKeys(t, "3") // typed before the first frame
	tm.waitFor(t, 0, "you: maya (lead)", wait)
	tm.waitFor(t, 0, unclaimedLine, wait)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := ts.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("shutdown took %s", d)
	}
}

func TestLightness(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		r, g, b string
		want    float64
	}{{"0000", "0000", "0000", 0}, {"ffff", "ffff", "ffff", 1}, {"ff", "ff", "ff", 1}, {"1c1c", "1c1c", "1c1c", 0.11}} {
		if got := lightness([]byte(c.r), []byte(c.g), []byte(c.b)); got < c.want-0.01 || got > c.want+0.01 {
			t.Errorf("lightness(%s/%s/%s) = %.2f, want %.2f", c.r, c.g, c.b, got, c.want)
		}
	}
}

// A burst of writes larger than a subscriber's buffer (a lagging session gets
// one resync in place of what it missed) still ends with every screen showing
// the last state.
func TestBurstOfWritesEndsInTheLastState(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	var terms []*term
	for _, h := range []string{"maya", "lucas", "wei"} {
		tm := ts.openTerm(t, ts.keys[h])
		tm.landed(t)
		tm.waitFor(t, 0, unclaimedLine, wait) // on the board
		terms = append(terms, tm)
	}
	marks := make([]int, len(terms))
	for i, tm := range terms {
		marks[i] = tm.mark()
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ { // 4 writers x 60 writes, more than the 128-event buffer
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 60; i++ {
				if _, err := ts.st.SetRemaining("maya", 23, float64(10+i%20)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if _, err := ts.st.SetRemaining("maya", 23, 2.5); err != nil {
		t.Fatal(err)
	}
	for i, tm := range terms {
		tm.waitFor(t, marks[i], "lucas · 2.5h left", wait)
	}
}
