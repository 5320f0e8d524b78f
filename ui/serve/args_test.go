package serve

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestSplitCommandFollowsShellRules(t *testing.T) {
	for line, want := range map[string][]string{
		`standup note --blocker ''`:               {"standup", "note", "--blocker", ""},
		`standup note --blocker ""`:               {"standup", "note", "--blocker", ""},
		`story add "Two  spaces, kept"`:           {"story", "add", "Two  spaces, kept"},
		`story add 'it"s' "it's" it\'s`:           {"story", "add", `it"s`, "it's", "it's"},
		`story add a""b 'c'"d"e`:                  {"story", "add", "ab", "cde"},
		`story add "back\\slash \"q\" \$ \x"`:     {"story", "add", `back\slash "q" $ \x`},
		"  member   list\t--json  ":               {"member", "list", "--json"},
		`story add 'Costs $5; ok | <b>'`:          {"story", "add", "Costs $5; ok | <b>"},
		`story add \;\|\&`:                        {"story", "add", ";|&"},
		"story add 'two\nlines'":                  {"story", "add", "two\nlines"},
		"story add long\\\ntitle":                 {"story", "add", "longtitle"},
		`story add 故事 --label 🚀`:                  {"story", "add", "故事", "--label", "🚀"},
		`''`:                                      {""},
		``:                                        nil,
		`story add --points ?`:                    {"story", "add", "--points", "?"},
		`member add nia --key "ssh-ed25519 AAAA"`: {"member", "add", "nia", "--key", "ssh-ed25519 AAAA"},
	} {
		got, err := SplitCommand(line)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("SplitCommand(%q) = %q, %v; want %q", line, got, err, want)
		}
	}
}

func TestSplitCommandRefusesWhatAShellWouldInterpret(t *testing.T) {
	for line, want := range map[string]string{
		`story add 'open`:               "' quote is not closed",
		`story add "open`:               `" quote is not closed`,
		`story add x; member remove y`:  `';' has a special meaning`,
		`story list | head`:             `'|' has a special meaning`,
		`export --format json > x.json`: `'>' has a special meaning`,
		"story add $(id)":               `'$' has a special meaning`,
		"story add `id`":                "'`' has a special meaning",
		"story add a\x1b[2Jb":           "control character",
		"story add 'a\x00b'":            "control character",
		"story add \"a\rb\"":            "control character",
		"story add x\\":                 `ends with a \`,
		"story add \xff":                "not UTF-8",
	} {
		got, err := SplitCommand(line)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("SplitCommand(%q) = %q, %v; want an error with %q", line, got, err, want)
		}
	}
}

func TestSplitCommandCapsSizeAndCount(t *testing.T) {
	if _, err := SplitCommand("story add " + strings.Repeat("x", MaxCommandBytes)); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Fatalf("an over-long line: %v", err)
	}
	if _, err := SplitCommand(strings.Repeat("a ", MaxArgs+1)); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Fatalf("too many arguments: %v", err)
	}
	// The worst shapes within the cap parse, in one pass each.
	for _, unit := range []string{`""`, `''`, `\"`, `"\"`, `x`} {
		line := `"` + strings.Repeat(unit, (MaxCommandBytes-2)/len(unit)/2) + `"`
		if _, err := SplitCommand(line); err != nil && !strings.Contains(err.Error(), "not closed") {
			t.Errorf("%q×N: %v", unit, err)
		}
	}
	args, err := SplitCommand(strings.Repeat("'' ", MaxArgs))
	if err != nil || len(args) != MaxArgs {
		t.Fatalf("%d empty arguments: %d, %v", MaxArgs, len(args), err)
	}
}

func BenchmarkSplitCommand16K(b *testing.B) {
	// 200 arguments of 80 bytes: quoted, escaped and plain text mixed.
	line := "story add " + strings.Repeat(`"a\"b `+strings.Repeat("x", 30)+`"'c d `+strings.Repeat("y", 30)+`'e\ f `, 200)
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		if _, err := SplitCommand(line); err != nil {
			b.Fatal(err)
		}
	}
}

// lockedLog is a server log the test reads while sessions write it.
type lockedLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestCommandLinesCannotForgeOrPaintTheLog(t *testing.T) {
	log := &lockedLog{}
	ts := startServer(t, 0, func(c *Config) { c.Log = log })
	for _, cmd := range []string{
		"whoami 'x\n12:19:59 maya runs: member remove priya'",
		"whoami \"\x1b]0;owned\x07\"",
		"whoami \x1b[2J\x1b[31mred",
		"whoami '\u202eevil' " + strings.Repeat("long ", 2000),
		"whoami 'a\tb' \"c\\\"d\"",
	} {
		ts.runCommand(t, ts.keys["lucas"], cmd)
	}
	text := log.String()
	stamp := regexp.MustCompile(`^\d\d:\d\d:\d\d `)
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for _, line := range lines {
		if !stamp.MatchString(line) {
			t.Errorf("a log line does not start with its time: %q", line)
		}
		if strings.HasPrefix(line[9:], "maya runs") {
			t.Errorf("a command forged a log line: %q", line)
		}
		if len(line) > 400 {
			t.Errorf("a log line is %d bytes long", len(line))
		}
		for _, r := range line {
			if r < 0x20 || r == 0x7f || r == '\u202e' || r >= 0x80 && r < 0xa0 {
				t.Errorf("a log line holds %U: %q", r, line)
			}
		}
	}
	if n := strings.Count(text, "lucas runs:") + strings.Count(text, "lucas sent a command that was refused"); n != 5 {
		t.Errorf("%d log events for 5 commands:\n%s", n, text)
	}
	if !strings.Contains(text, `lucas runs: whoami "x\n12:19:59 maya runs: member remove priya"`) {
		t.Errorf("the quoted newline is not escaped in the log:\n%s", text)
	}
}
