package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoFile writes the demo team to a temporary file and returns its env.
func demoFile(t *testing.T) (map[string]string, string) {
	t.Helper()
	env, _ := testEnv(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	ok(t, env, "demo", "--db", db)
	env["HUDDLE_DB"] = db
	return env, db
}

// completions runs cobra's hidden completion command, as the shell script
// does, and returns the suggested words (without their descriptions).
func completions(t *testing.T, env map[string]string, args ...string) []string {
	t.Helper()
	out := ok(t, env, append([]string{"__complete"}, args...)...)
	var words []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, ":") || line == "" {
			continue // the directive line
		}
		words = append(words, strings.SplitN(line, "\t", 2)[0])
	}
	return words
}

func TestCompletionOfTaskIDsFromTheFile(t *testing.T) {
	env, db := demoFile(t)
	words := completions(t, env, "task", "claim", "T-")
	if len(words) < 10 {
		t.Fatalf("task claim T- completes %v", words)
	}
	for _, w := range words {
		if !strings.HasPrefix(w, "T-") {
			t.Fatalf("not a task id: %q in %v", w, words)
		}
	}
	// The listed ids are tasks the file holds: claiming one works.
	delete(env, "HUDDLE_DB")
	if out := ok(t, env, "--db", db, "--as", "wei", "task", "claim", words[0]); !strings.Contains(out, words[0]) {
		t.Fatalf("claim %s: %q", words[0], out)
	}
	// --db given on the completed line is the file read (no HUDDLE_DB here).
	if again := completions(t, env, "--db", db, "task", "claim", "T-"); len(again) != len(words) {
		t.Fatalf("with --db: %v, want %d ids", again, len(words))
	}
	// Only what the shell typed so far is filtered by the shell, not by us;
	// a second argument of task claim completes nothing.
	if more := completions(t, env, "--db", db, "task", "claim", words[0], ""); len(more) != 0 {
		t.Fatalf("second argument completes %v", more)
	}
}

func TestCompletionOfStoriesSprintsAndMembers(t *testing.T) {
	env, _ := demoFile(t)
	has := func(words []string, want string) bool {
		for _, w := range words {
			if w == want {
				return true
			}
		}
		return false
	}
	if w := completions(t, env, "story", "show", ""); !has(w, "S-5") {
		t.Fatalf("story show: %v", w)
	}
	if w := completions(t, env, "sprint", "show", ""); !has(w, "1") || !has(w, "2") {
		t.Fatalf("sprint show: %v", w)
	}
	if w := completions(t, env, "task", "claim", "T-16", "--for", ""); !has(w, "wei") || !has(w, "maya") {
		t.Fatalf("task claim --for: %v", w)
	}
	if w := completions(t, env, "standup", "late", ""); !has(w, "priya") {
		t.Fatalf("standup late: %v", w)
	}
	// A missing file is not created by completing.
	missing := filepath.Join(t.TempDir(), "none.db")
	if w := completions(t, env, "--db", missing, "task", "claim", ""); len(w) != 0 {
		t.Fatalf("missing file completes %v", w)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Fatal("completion created the file")
	}
}

func TestCompletionScriptsAndVersion(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish"} {
		if out := ok(t, nil, "completion", sh); !strings.Contains(out, "__complete") && !strings.Contains(out, "__completeNoDesc") {
			t.Fatalf("completion %s: %.200q", sh, out)
		}
	}
	if out := ok(t, nil, "--version"); out != ok(t, nil, "version") {
		t.Fatalf("--version %q differs from version", out)
	}
}

func TestManPage(t *testing.T) {
	out := ok(t, nil, "man")
	for _, want := range []string{`.TH "HUDDLE" "1"`, "task claim", "sprint burndown", "retro vote"} {
		if !strings.Contains(out, want) {
			t.Fatalf("man page lacks %q", want)
		}
	}
	dir := t.TempDir()
	ok(t, nil, "man", "--dir", dir)
	if _, err := os.Stat(filepath.Join(dir, "huddle-task-claim.1")); err != nil {
		t.Fatal(err)
	}
}

func TestConventionsAreLocalOnly(t *testing.T) {
	for _, c := range []string{"completion", "man"} {
		for _, p := range remoteCommands() {
			if strings.HasPrefix(p, c) {
				t.Fatalf("%s is declared remote", p)
			}
		}
		if c, _, err := newRemoteRootCmd(newEnv(nil, nil, func(string) string { return "" })).Find([]string{c}); err == nil && c.Name() != "huddle" {
			t.Fatalf("remote tree has %s", c.Name())
		}
	}
}

// TestManPageInChinese: with HUDDLE_LANG=zh the page is the Chinese help,
// under Chinese headings (man-db finds a Chinese page's NAME by 名称), and
// Chinese text wrapped in the catalog reads without stray spaces.
func TestManPageInChinese(t *testing.T) {
	out := ok(t, map[string]string{"HUDDLE_LANG": "zh"}, "man")
	for _, want := range []string{".SH 名称\nhuddle \\- ", ".SH 概述\n", ".SH 命令\n", ".SH 选项\n", "huddle 手册", "认领", "排好优先级的待办列表"} {
		if !strings.Contains(out, want) {
			t.Errorf("the Chinese man page lacks %q", want)
		}
	}
	for _, english := range []string{".SH NAME", ".SH OPTIONS", "huddle manual", "(default "} {
		if strings.Contains(out, english) {
			t.Errorf("the Chinese man page has %q", english)
		}
	}
	if en := ok(t, nil, "man"); !strings.Contains(en, ".SH NAME\nhuddle \\- ") || strings.Contains(en, "名称") {
		t.Errorf("the English page changed:\n%s", en[:min(len(en), 400)])
	}
}
