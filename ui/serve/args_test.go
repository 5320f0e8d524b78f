package serve

import (
	"slices"
	"strings"
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
