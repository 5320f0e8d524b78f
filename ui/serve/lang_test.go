package serve

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"huddle/store"
	"huddle/ui/i18n"
)

// awaitMatch waits until the output since mark matches re; it fails the test
// after timeout.
func (t *term) awaitMatch(tb testing.TB, since int, re *regexp.Regexp, timeout time.Duration) {
	tb.Helper()
	stuck := failAfter(timeout)
	for !re.MatchString(t.text(since)) {
		select {
		case <-t.notify:
		case <-t.done:
			if re.MatchString(t.text(since)) {
				return
			}
			tb.Fatalf("the session ended before %s showed; the screen since then:\n%s", re, t.text(since))
		case <-stuck:
			tb.Fatalf("did not see %s within %s; the screen since then:\n%s", re, timeout, t.text(since))
		}
	}
}

// setLang gives a member their own language setting.
func setLang(tb testing.TB, st *store.Store, handle, lang string) {
	tb.Helper()
	if _, err := st.UpdateMember("maya", handle, store.MemberChange{Lang: &lang}); err != nil {
		tb.Fatal(err)
	}
}

// Two members on one board, one who reads Chinese and one who reads English:
// each session draws in its own language, and a claim by one shows in both.
// wei chose Chinese in the team (his client still sends an English locale:
// his own setting wins); lucas chose nothing and his client sends English;
// priya chose nothing and her client sends a Chinese locale.
func TestOneBoardInTwoLanguages(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	setLang(t, ts.st, "wei", "zh")
	wei, err := ts.tryTerm(t, ts.keys["wei"], 100, 30, "LANG", "en_US.UTF-8")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(wei.close)
	lucas, err := ts.tryTerm(t, ts.keys["lucas"], 100, 30, "LANG", "en_US.UTF-8")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(lucas.close)
	priya, err := ts.tryTerm(t, ts.keys["priya"], 100, 30, "LC_ALL", "zh_CN.UTF-8")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(priya.close)

	wei.waitFor(t, 0, "我：wei（成员）", wait)
	lucas.waitFor(t, 0, "you: lucas (member)", wait)
	priya.waitFor(t, 0, "我：priya（成员）", wait)
	for _, tm := range []*term{wei, lucas, priya} {
		tm.waitFor(t, 0, "T-25", wait) // on the board, the watched task in sight
	}
	if strings.Contains(lucas.text(0), "我：") || strings.Contains(wei.text(0), "you: wei") {
		t.Fatal("a session drew in the other member's language")
	}

	// lucas claims the task from his own key; both screens show him on it.
	marks := []int{wei.mark(), lucas.mark(), priya.mark()}
	if out, errOut, code := ts.runCommand(t, ts.keys["lucas"], "claim 25"); code != 0 {
		t.Fatalf("claim: %d %q %q", code, out, errOut)
	}
	owner := regexp.MustCompile(`lucas · [^·]{0,12}7\.5h`) // the owner, then the hours left, in either language
	for i, tm := range []*term{wei, lucas, priya} {
		tm.awaitMatch(t, marks[i], owner, wait)
	}
	// Each still reads its own language after the change.
	if text := wei.text(marks[0]); strings.Contains(text, "you: ") {
		t.Errorf("wei's screen turned English after the claim:\n%s", text)
	}
	// The lead changes wei's setting: his open session follows at once.
	m := wei.mark()
	setLang(t, ts.st, "wei", "en")
	wei.waitFor(t, m, "you: wei (member)", wait)
}

// What the server itself says (here, the refusal of a key nobody on the team
// holds) is in the language the client's environment names.
func TestRefusalInTheClientsLanguage(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	stranger := newKey(t)
	zh, err := ts.tryTerm(t, stranger, 100, 30, "LANG", "zh_CN.UTF-8")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(zh.close)
	zh.waitFor(t, 0, "不属于这个团队的任何人", wait)
	zh.waitFor(t, 0, stranger.line, wait) // the key to give the lead, as it is
	if code := zh.exit(t, wait); code != 1 {
		t.Fatalf("refused session: status %d", code)
	}
	en, err := ts.tryTerm(t, stranger, 100, 30, "HUDDLE_LANG", "en", "LANG", "zh_CN.UTF-8")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(en.close)
	en.waitFor(t, 0, "belongs to no one on this team", wait)
	if code := en.exit(t, wait); code != 1 {
		t.Fatalf("refused session: status %d", code)
	}
}

// A member who chose Chinese is told in Chinese why a command was not run.
func TestCommandRefusalInTheMembersLanguage(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	setLang(t, ts.st, "wei", "zh")
	_, errOut, code := ts.runCommand(t, ts.keys["wei"], "whoami; rm -rf /")
	if code != 1 || !strings.Contains(errOut, "在 shell 中有特殊含义") {
		t.Fatalf("status %d, stderr %q", code, errOut)
	}
	_, errOut, code = ts.runCommand(t, ts.keys["lucas"], "whoami; rm -rf /")
	if code != 1 || !strings.Contains(errOut, "has a special meaning to a shell") {
		t.Fatalf("status %d, stderr %q", code, errOut)
	}
}

// The server's log is written in the language of whoever runs it (the
// lead's terminal), whatever the sessions read.
func TestServerLogInTheOperatorsLanguage(t *testing.T) {
	t.Parallel()
	var log syncBuffer
	ts := startServer(t, 0, func(c *Config) { c.Log = &log; c.LogLang = i18n.For(i18n.ZH) })
	tm := ts.openTerm(t, ts.keys["maya"])
	tm.landed(t)
	tm.typeKeys(t, "q")
	tm.exit(t, wait)
	if !eventually(wait, func() bool { return strings.Contains(log.String(), "maya 已断开连接") }) {
		t.Fatalf("the log is not in Chinese:\n%s", log.String())
	}
	if !strings.Contains(log.String(), "maya 从 ") || strings.Contains(log.String(), "connected") {
		t.Fatalf("the log mixes languages:\n%s", log.String())
	}
}
