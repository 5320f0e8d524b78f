package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"huddle/sprint"
	"huddle/store"
)

// retroTeam makes a file with alice (lead), bob and zed (members) and an
// active sprint #1 with one story of one task.
func retroTeam(t *testing.T) map[string]string {
	t.Helper()
	env, db := testEnv(t)
	now, _ := time.Parse(time.RFC3339, testNow)
	st, err := store.Open(db, store.Options{Create: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	steps := []func() error{
		func() error { _, err := st.Bootstrap("alice", "Rocket"); return err },
		func() error { _, err := st.AddMember("alice", store.NewMember{Handle: "bob"}); return err },
		func() error { _, err := st.AddMember("alice", store.NewMember{Handle: "zed"}); return err },
		func() error {
			_, err := st.AddStory("alice", store.StoryInput{Title: "Login", Points: 5})
			return err
		},
		func() error {
			d := sprint.DateOf(now)
			_, err := st.CreateSprint("alice", store.NewSprint{Goal: "Ship login", Start: d, End: d.AddDays(13)})
			return err
		},
		func() error { return st.AddStoryToSprint("alice", 1, 1) },
		func() error { _, err := st.AddTask("bob", 1, "Form", 6); return err },
		func() error { return st.StartSprint("alice", 1) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			t.Fatal(err)
		}
	}
	return env
}

func rok(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	out, errOut, code := huddle(t, env, args...)
	if code != 0 {
		t.Fatalf("huddle %s: %d %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

func rfails(t *testing.T, env map[string]string, want string, args ...string) {
	t.Helper()
	before := rok(t, env, "export", "--format", "json")
	out, errOut, code := huddle(t, env, args...)
	if code == 0 || !strings.Contains(errOut, want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Fatalf("huddle %s: code %d, out %q, err %q; want one line with %q", strings.Join(args, " "), code, out, errOut, want)
	}
	if rok(t, env, "export", "--format", "json") != before {
		t.Fatalf("huddle %s failed but changed the file", strings.Join(args, " "))
	}
}

func TestRetroFromTheCommandLine(t *testing.T) {
	env := retroTeam(t)
	as := func(who string) map[string]string {
		e := map[string]string{}
		for k, v := range env {
			e[k] = v
		}
		e["USER"] = who
		return e
	}
	rok(t, env, "retro", "setup", "--template", "start-stop")
	rok(t, as("bob"), "retro", "card", "add", "--column", "stop", "Long", "meetings")
	rok(t, as("zed"), "retro", "card", "add", "--column", "3", "Pairing")
	rfails(t, as("bob"), "needs some text", "retro", "card", "add", "  ")
	rfails(t, as("bob"), "no column", "retro", "card", "add", "--column", "later", "x")
	rfails(t, as("bob"), "not yours", "retro", "card", "edit", "2", "mine")
	rfails(t, as("bob"), "only a lead", "retro", "phase", "next")
	rfails(t, env, "only in the vote phase", "retro", "vote", "1")
	out := rok(t, as("bob"), "retro", "list")
	if !strings.Contains(out, "Long meetings") || strings.Contains(out, "Pairing") || !strings.Contains(out, "1 card by others, hidden") {
		t.Fatalf("write phase list for bob:\n%s", out)
	}
	rok(t, as("bob"), "retro", "card", "edit", "1", "--column", "start", "Shorter meetings")
	rok(t, env, "retro", "phase", "next")
	rok(t, env, "retro", "phase", "group")
	rok(t, env, "retro", "phase", "vote")
	rok(t, as("bob"), "retro", "vote", "2")
	out = rok(t, as("bob"), "retro", "vote", "2")
	if !strings.Contains(out, "2 votes; you have 1 of 3 left") {
		t.Errorf("vote: %q", out)
	}
	rfails(t, as("bob"), "at most 2 votes", "retro", "vote", "2")
	rfails(t, env, "votes are cast", "retro", "phase", "write")
	rfails(t, as("bob"), "not a card number", "retro", "vote", "x")
	rok(t, env, "retro", "phase", "discuss")
	rok(t, env, "retro", "action", "add", "Shorter stand-ups", "--owner", "bob", "--due", "2")
	rok(t, env, "retro", "action", "add", "Second")
	_, warn, _ := huddle(t, env, "retro", "action", "add", "Third")
	if !strings.Contains(warn, "one or two") {
		t.Errorf("no warning past three actions: %q", warn)
	}
	var v retroView
	if err := json.Unmarshal([]byte(rok(t, as("bob"), "retro", "list", "--json")), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Cards) != 2 || v.Cards[1].TotalVotes() != 2 || len(v.Actions) != 3 || v.Actions[0].Due != 2 || v.VotesLeft != 1 {
		t.Fatalf("json view %+v", v)
	}
	stories := rok(t, env, "retro", "export")
	for _, want := range []string{"## Retrospective", "### Start", "- Shorter meetings (bob)", "- Pairing (2 votes, zed)", "S-2 Shorter stand-ups (owner bob, due #2, open)", "one or two"} {
		if !strings.Contains(stories, want) {
			t.Errorf("retro export lacks %q:\n%s", want, stories)
		}
	}
}

func TestAnonymousAuthorsAppearInNoOutput(t *testing.T) {
	env := retroTeam(t)
	zed := map[string]string{}
	for k, v := range env {
		zed[k] = v
	}
	zed["USER"] = "zed"
	rok(t, env, "retro", "setup", "--anonymous", "--template", "mad-sad-glad")
	rok(t, zed, "retro", "card", "add", "--column", "glad", "Quiet focus time")
	rok(t, zed, "retro", "card", "edit", "1", "Quiet focus mornings")
	rok(t, zed, "retro", "card", "add", "--column", "sad", "Flaky CI")
	rok(t, zed, "retro", "card", "delete", "2")
	rok(t, zed, "retro", "card", "add", "--column", "mad", "Late specs")
	rok(t, env, "review", "feedback", "add", "Looks good", "--from", "Ops")
	var outputs []string
	for _, phase := range []string{"write", "reveal", "group", "vote", "discuss", "done"} {
		if phase != "write" {
			rok(t, env, "retro", "phase", phase)
		}
		if phase == "group" {
			rok(t, env, "retro", "group", "3", "--into", "1")
		}
		if phase == "vote" {
			rok(t, env, "retro", "vote", "1") // alice votes; zed never does
		}
		for _, who := range []string{"alice", "bob", "zed"} {
			e := map[string]string{}
			for k, v := range env {
				e[k] = v
			}
			e["USER"] = who
			outputs = append(outputs,
				rok(t, e, "retro", "list"), rok(t, e, "retro", "list", "--json"), rok(t, e, "retro", "export"),
				rok(t, e, "export", "--format", "md"), rok(t, e, "review", "show"), rok(t, e, "review", "show", "--json"),
				rok(t, e, "retro", "action", "list", "--json"))
		}
	}
	for _, out := range outputs {
		// zed is on the team: the sprint's capacity table names everyone.
		out = strings.ReplaceAll(out, `"zed": 60`, "")
		if strings.Contains(out, "zed") {
			t.Fatalf("an anonymous board's author shows:\n%s", out)
		}
	}
	if !strings.Contains(outputs[len(outputs)-5], "Quiet focus mornings") {
		t.Fatal("the cards are not in the outputs at all")
	}
	// The whole-file JSON names zed only as a member of the team.
	for _, line := range strings.Split(rok(t, env, "export", "--format", "json"), "\n") {
		line = strings.ReplaceAll(line, `"zed":60`, "") // the sprint's capacity table
		if strings.Contains(line, "zed") && !strings.Contains(line, `"key":"zed"`) && !strings.Contains(line, `"member.added"`) {
			t.Errorf("JSON export names the author: %s", line)
		}
	}
	out := rok(t, zed, "retro", "list")
	if strings.Contains(out, "yours") {
		t.Errorf("anonymous board marks cards as yours on a shared screen:\n%s", out)
	}
}

func TestReviewExportAndImportFromTheCommandLine(t *testing.T) {
	env := retroTeam(t)
	rok(t, env, "review", "feedback", "add", "Needs a CSV export", "--from", "Dana")
	rok(t, env, "review", "feedback", "add", "Slow login")
	out := rok(t, env, "review", "feedback", "story", "F1", "--bottom")
	if !strings.Contains(out, "S-2 at the bottom") {
		t.Errorf("story: %q", out)
	}
	rok(t, env, "review", "feedback", "attach", "F-2", "S-1")
	rfails(t, env, "not found", "review", "feedback", "attach", "F2", "S-99")
	rfails(t, env, "already on", "review", "feedback", "story", "1")
	bob := map[string]string{}
	for k, v := range env {
		bob[k] = v
	}
	bob["USER"] = "bob"
	rfails(t, bob, "only a lead", "review", "feedback", "story", "2")
	out = rok(t, env, "review", "show")
	for _, want := range []string{"Goal: Ship login", "Not done: 1 story, 5 points", "S-1", "Hours left at the end: 6h of 6h", "F-1  Needs a CSV export — Dana → new story S-2", "F-2  Slow login → on S-1"} {
		if !strings.Contains(out, want) {
			t.Errorf("review lacks %q:\n%s", want, out)
		}
	}
	md := rok(t, env, "export", "--format", "md", "--sprint", "1")
	for _, want := range []string{"# Sprint report: #1", "**Goal:** Ship login", "| Committed | 1 | 5 |", "| 1 | 2026-11-26 | 6h |", "## Blockers raised", "Needs a CSV export — Dana"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	rfails(t, env, "unknown export format", "export", "--format", "xml")
	rfails(t, env, "not a sprint number", "export", "--format", "md", "--sprint", "x")

	dir := t.TempDir()
	jsonPath := filepath.Join(dir, "team.json")
	rok(t, env, "export", "--format", "json", "--out", jsonPath)
	// Into the same file: refused.
	rfails(t, env, "already exists", "import", jsonPath)
	copyEnv := map[string]string{"HUDDLE_DB": filepath.Join(dir, "copy.db"), "USER": "alice", "HUDDLE_NOW": testNow}
	out = rok(t, copyEnv, "import", "--dry-run", jsonPath)
	if !strings.Contains(out, "would import") {
		t.Errorf("dry run: %q", out)
	}
	if _, err := os.Stat(copyEnv["HUDDLE_DB"]); err == nil {
		t.Fatal("the dry run wrote a file")
	}
	rok(t, copyEnv, "import", jsonPath)
	orig, _ := os.ReadFile(jsonPath)
	if rok(t, copyEnv, "export", "--format", "json") != string(orig) {
		t.Error("the imported file exports differently")
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, orig[:len(orig)-20], 0o600)
	badEnv := map[string]string{"HUDDLE_DB": filepath.Join(dir, "bad.db"), "USER": "alice"}
	_, errOut, code := huddle(t, badEnv, "import", bad)
	if code == 0 || !strings.Contains(errOut, "damaged") {
		t.Errorf("damaged import: %d %q", code, errOut)
	}
	if _, err := os.Stat(badEnv["HUDDLE_DB"]); err == nil {
		t.Error("a damaged import left a file")
	}
}

func TestRetroActionMarkDuringPlanningNamesTheSprint(t *testing.T) {
	env := retroTeam(t)
	rok(t, env, "retro", "action", "add", "Pair on reviews", "--owner", "bob")
	rok(t, env, "retro", "action", "add", "Fix the flaky test")
	rok(t, env, "sprint", "close", "1")
	rok(t, env, "sprint", "new", "--goal", "Ship search", "--start", "2026-12-07", "--weeks", "2")
	rfails(t, env, "--sprint 2", "retro", "action", "mark", "A1", "done")
	out, errOut, code := huddle(t, env, "retro", "action", "mark", "A1", "done", "--sprint", "2")
	if code != 0 || !strings.Contains(out, "A1 is done") || !strings.Contains(errOut, "S-2 is still in the backlog; --remove-story") {
		t.Errorf("mark: %d %q %q", code, out, errOut)
	}
	if out := rok(t, env, "retro", "action", "mark", "A2", "dropped", "--sprint", "2", "--remove-story"); !strings.Contains(out, "S-3 is off the backlog") {
		t.Errorf("mark --remove-story: %q", out)
	}
	rfails(t, env, "not found", "story", "show", "S-3")
}

func TestRetroCardUngroupFromTheCommandLine(t *testing.T) {
	env := retroTeam(t)
	rok(t, env, "retro", "card", "add", "Pairing helped")
	rok(t, env, "retro", "card", "add", "Pair more")
	rok(t, env, "retro", "phase", "group")
	rfails(t, env, "not grouped", "retro", "card", "ungroup", "2")
	rok(t, env, "retro", "group", "2", "--into", "1")
	bob := map[string]string{}
	for k, v := range env {
		bob[k] = v
	}
	bob["USER"] = "bob"
	rfails(t, bob, "lead", "retro", "card", "ungroup", "2")
	if out := rok(t, env, "retro", "card", "ungroup", "2"); !strings.Contains(out, "card 2 stands on its own again") {
		t.Errorf("ungroup: %q", out)
	}
	if out := rok(t, env, "retro", "list"); !strings.Contains(out, "Pair more") {
		t.Errorf("list after ungroup:\n%s", out)
	}
}
