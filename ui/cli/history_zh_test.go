package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// The history that `story show` prints, and what `undo` says it undid, read
// in the reader's language, also for what was written before; the JSON keeps
// the store's English sentence.
func TestStoryHistoryInChinese(t *testing.T) {
	env, _ := testEnv(t)
	for _, args := range [][]string{
		{"member", "add", "alice"},
		{"story", "add", "Import from CSV"},
		{"story", "add", "Export to CSV", "--points", "3"},
		{"story", "move", "S-2", "--top"},
	} {
		if _, errOut, code := huddle(t, env, args...); code != 0 {
			t.Fatalf("%v: %s", args, errOut)
		}
	}
	out, errOut, code := huddle(t, zhEnv(env), "undo")
	if code != 0 || strings.TrimSpace(out) != "已撤销：alice 移动了 S-2" {
		t.Fatalf("undo in Chinese: %q %q", out, errOut)
	}
	zh, _, _ := huddle(t, zhEnv(env), "story", "show", "S-2")
	en, _, _ := huddle(t, env, "story", "show", "S-2")
	for _, want := range []string{"alice 添加了 S-2 Export to CSV", "alice 移动了 S-2", "alice 撤销了“alice 移动了 S-2”"} {
		if !strings.Contains(zh, want) {
			t.Errorf("story show in Chinese lacks %q:\n%s", want, zh)
		}
	}
	for _, want := range []string{"alice added S-2 Export to CSV", "alice moved S-2", `alice undid "alice moved S-2"`} {
		if !strings.Contains(en, want) {
			t.Errorf("story show in English lacks %q:\n%s", want, en)
		}
		if strings.Contains(zh, want) {
			t.Errorf("story show in Chinese still says %q", want)
		}
	}
	js, _, _ := huddle(t, zhEnv(env), "story", "show", "S-2", "--json")
	var got struct {
		History []struct{ Text string } `json:"history"`
	}
	if err := json.Unmarshal([]byte(js), &got); err != nil || len(got.History) != 3 || got.History[0].Text != "alice added S-2 Export to CSV" {
		t.Errorf("story show --json in Chinese: %v %+v", err, got)
	}
}

// A command that goes to the huddle holding the file (its socket) answers in
// the caller's language, not the server's: the environment's, unless the
// member chose one.
func TestSocketCommandsAnswerInTheCallersLanguage(t *testing.T) {
	t.Parallel()
	team := serveDemo(t, false)
	show := func(env map[string]string, who string) string {
		t.Helper()
		out, errOut, code := huddle(t, env, "--as", who, "story", "show", "S-3")
		if code != 0 {
			t.Fatalf("story show: %d %q", code, errOut)
		}
		return out
	}
	zh := show(zhEnv(team.env), "lucas")
	if !strings.Contains(zh, "历史") || !strings.Contains(zh, "添加了 S-3") {
		t.Errorf("story show through the socket, HUDDLE_LANG=zh:\n%s", zh)
	}
	if en := show(team.env, "lucas"); !strings.Contains(en, "History") || !strings.Contains(en, "added S-3") {
		t.Errorf("story show through the socket in English:\n%s", en)
	}
	// lucas chooses English: his setting wins over the environment.
	if _, errOut, code := huddle(t, team.env, "--as", "lucas", "member", "edit", "lucas", "--lang", "en"); code != 0 {
		t.Fatal(errOut)
	}
	if out := show(zhEnv(team.env), "lucas"); !strings.Contains(out, "History") {
		t.Errorf("story show through the socket for a member who chose English:\n%s", out)
	}
	if !strings.Contains(team.log.String(), "lucas runs (local): story show") {
		t.Fatalf("the command did not run through the server:\n%s", team.log.String())
	}
}
