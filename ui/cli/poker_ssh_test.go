package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// sshWait bounds how long a screen may take to show a change (a real
// server, real sessions: a timeout here is a failure, not a pause).
const sshWait = 15 * time.Second

// ptyTerm is a real SSH session with a terminal (TERM=screen) running the app.
type ptyTerm struct {
	who   string
	stdin io.WriteCloser
	mu    sync.Mutex
	raw   []byte
	tick  chan struct{}
}

func (team *servedTeam) openPty(t *testing.T, who string, w, h int) *ptyTerm {
	t.Helper()
	c, err := gossh.Dial("tcp", team.addr, &gossh.ClientConfig{User: who,
		Auth: []gossh.AuthMethod{gossh.PublicKeys(team.keys[who].signer)}, HostKeyCallback: gossh.InsecureIgnoreHostKey()})
	if err != nil {
		t.Fatalf("dial as %s: %v", who, err)
	}
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	p := &ptyTerm{who: who, tick: make(chan struct{}, 1)}
	if p.stdin, err = s.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := s.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("screen", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := out.Read(buf)
			if n > 0 {
				if bytes.Contains(buf[:n], []byte("\x1b]11;?")) { // answer the colour query as a dark terminal
					_, _ = io.WriteString(p.stdin, "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\\x1b[?62;22c")
				}
				p.mu.Lock()
				p.raw = append(p.raw, buf[:n]...)
				p.mu.Unlock()
				select {
				case p.tick <- struct{}{}:
				default:
				}
			}
			if err != nil {
				close(p.tick)
				return
			}
		}
	}()
	t.Cleanup(func() { s.Close(); c.Close() })
	return p
}

func (p *ptyTerm) mark() int { p.mu.Lock(); defer p.mu.Unlock(); return len(p.raw) }

func (p *ptyTerm) text(since int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return ansi.Strip(string(p.raw[since:]))
}

// waitFor waits until the screen, since mark, has drawn want.
func (p *ptyTerm) waitFor(t *testing.T, since int, want string) {
	t.Helper()
	deadline := time.NewTimer(sshWait)
	defer deadline.Stop()
	for !strings.Contains(p.text(since), want) {
		select {
		case _, ok := <-p.tick:
			if !ok && !strings.Contains(p.text(since), want) {
				t.Fatalf("%s's session ended before it showed %q:\n%s", p.who, want, lastLines(p.text(since)))
			}
		case <-deadline.C:
			t.Fatalf("%s's screen did not show %q within %s:\n%s", p.who, want, sshWait, lastLines(p.text(since)))
		}
	}
}

func lastLines(s string) string { return s[max(len(s)-3000, 0):] }

func (p *ptyTerm) press(t *testing.T, keys string) {
	t.Helper()
	if _, err := io.WriteString(p.stdin, keys); err != nil {
		t.Fatalf("%s typing %q: %v", p.who, keys, err)
	}
}

// Five people on five real SSH sessions estimate one story: every screen
// counts the votes ("3 of 5 voted") and never shows a card; the last vote
// reveals the round on every screen; the value the lead accepts is the
// story's points on every screen and in `story list --json`.
func TestPokerOverSSHWithFiveSessions(t *testing.T) {
	team := serveDemo(t, false)
	people := []string{"maya", "lucas", "priya", "tomas", "wei"}
	for _, h := range people[2:] {
		k := newSSHKey(t)
		if _, errOut, code := team.ssh(t, team.keys["maya"], `member key `+h+` --key "`+k.line+`"`); code != 0 {
			t.Fatalf("member key %s: %s", h, errOut)
		}
		team.keys[h] = k
	}
	terms := map[string]*ptyTerm{}
	for _, h := range people {
		terms[h] = team.openPty(t, h, 100, 30)
	}
	for _, h := range people {
		terms[h].waitFor(t, 0, "online: lucas, maya, priya, tomas, wei")
	}
	marks := map[string]int{}
	markAll := func() {
		for _, h := range people {
			marks[h] = terms[h].mark()
		}
	}
	seeAll := func(want string) {
		t.Helper()
		for _, h := range people {
			terms[h].waitFor(t, marks[h], want)
		}
	}
	markAll()
	out, errOut, code := team.ssh(t, team.keys["maya"], "poker start")
	if code != 0 {
		t.Fatalf("poker start: %s", errOut)
	}
	ref := out[strings.LastIndex(out, "on the table: ")+len("on the table: "):]
	ref = strings.TrimSpace(ref)
	seeAll("0 of 5 voted")
	seeAll(ref)

	// Three votes: two from the round screen, one from the command line.
	markAll()
	terms["lucas"].press(t, "e")                                                       // 5
	terms["tomas"].press(t, "d")                                                       // 3
	if _, errOut, code := team.ssh(t, team.keys["priya"], "poker vote 3"); code != 0 { // 3, async over SSH
		t.Fatalf("priya's vote: %s", errOut)
	}
	seeAll("3 of 5 voted")
	if out, _, _ := team.ssh(t, team.keys["wei"], "poker show --json"); strings.Contains(out, `"votes"`) || strings.Contains(out, `"my_card"`) {
		t.Fatalf("wei reads cards before the reveal: %s", out)
	}
	for _, h := range people {
		if txt := terms[h].text(0); strings.Contains(txt, "Revealed") || strings.Contains(txt, "lucas 5") {
			t.Fatalf("%s's screen shows a card before the reveal:\n%s", h, lastLines(txt))
		}
	}

	markAll()
	terms["wei"].press(t, "e") // 5
	seeAll("4 of 5 voted")
	terms["maya"].press(t, "e") // 5: the last vote reveals
	seeAll("Revealed")
	seeAll("lucas, maya, wei 5, priya, tomas 3 — explain")

	markAll()
	terms["maya"].press(t, "A") // the suggestion: 5, the most common card
	seeAll("Accepted: 5 points")

	out, _, _ = team.ssh(t, team.keys["wei"], "story list --json")
	var list []storyJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err, out)
	}
	found := false
	for _, s := range list {
		if s.ID == ref {
			found = true
			if s.Points == nil || *s.Points != 5 {
				t.Fatalf("%s has points %v after the accept", ref, s.Points)
			}
		}
	}
	if !found {
		t.Fatalf("%s is not in story list --json", ref)
	}
}
