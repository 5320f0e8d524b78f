package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func mustRun(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	out, errOut, code := huddle(t, env, args...)
	if code != 0 {
		t.Fatalf("huddle %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

func TestStandupFromTheCommandLine(t *testing.T) {
	env, _ := testEnv(t)
	mustRun(t, env, "member", "add", "bob")
	mustRun(t, env, "member", "add", "carol")
	mustRun(t, env, "member", "add", "dan")

	bob := map[string]string{}
	for k, v := range env {
		bob[k] = v
	}
	bob["USER"] = "bob"
	out := mustRun(t, bob, "standup", "note", "--yesterday", "Finished T-1", "--today", "写文案", "--blocker", "Waiting on *design*")
	if !strings.Contains(out, "bob's stand-up notes for 2026-11-26") {
		t.Errorf("note: %q", out)
	}
	// Nothing to write, a bad date, a guest-free bad input: one line, exit 1.
	for _, args := range [][]string{
		{"standup", "note"},
		{"standup", "note", "--today", "x", "--date", "2026-02-30"},
		{"standup", "show", "--date", "tomorrow"},
		{"standup", "move", "bob", "zero"},
		{"standup", "resolve", "1x"},
		{"standup", "settings", "--order", "alphabetical"},
		{"standup", "settings", "--budget", "5s"},
		{"standup", "next"}, // no round yet
	} {
		_, errOut, code := huddle(t, env, args...)
		if code != 1 || !strings.HasPrefix(errOut, "huddle: ") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: code %d, stderr %q", args, code, errOut)
		}
	}
	if _, errOut, code := huddle(t, bob, "standup", "start"); code != 1 || !strings.Contains(errOut, "only a lead") {
		t.Errorf("bob started the round: %d %q", code, errOut)
	}

	out = mustRun(t, env, "standup", "start", "--absent", "dan")
	if !strings.Contains(out, "roll call: 3 of 4 present, 5:00 each") {
		t.Errorf("start: %q", out)
	}
	out = mustRun(t, env, "standup", "start")
	if !strings.HasPrefix(out, "resumed") {
		t.Errorf("start again: %q", out)
	}
	mustRun(t, env, "standup", "move", "bob", "1")
	out = mustRun(t, env, "standup", "next")
	if !strings.Contains(out, "bob has the word (5:00 left)") {
		t.Errorf("next: %q", out)
	}
	mustRun(t, env, "standup", "pause")
	mustRun(t, env, "standup", "resume")
	mustRun(t, env, "standup", "skip")
	mustRun(t, env, "standup", "late", "dan")
	out = mustRun(t, bob, "standup", "block", "Waiting on the design", "--helper", "alice")
	if !strings.Contains(out, "parked blocker 1") {
		t.Errorf("block: %q", out)
	}
	out = mustRun(t, env, "standup", "show", "--json")
	var got standupJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Round == nil || got.Round.Status != "running" || len(got.Round.Turns) != 4 || got.Round.Turns[0].Member != "bob" ||
		got.Round.Turns[0].State != "skipped" || got.Round.Turns[3].Member != "dan" || !got.Round.Turns[3].Late || len(got.Parking) != 1 || len(got.Notes) != 1 {
		t.Errorf("show --json: %s", out)
	}
	out = mustRun(t, env, "standup", "end")
	if !strings.Contains(out, "the stand-up ended") {
		t.Errorf("end: %q", out)
	}
	// After the round, notes default to the next stand-up.
	out = mustRun(t, bob, "standup", "note", "--today", "next thing")
	if !strings.Contains(out, "2026-11-27") {
		t.Errorf("note after the round: %q", out)
	}
	md := mustRun(t, env, "standup", "export")
	for _, want := range []string{"## Stand-up 2026-11-26", "**bob**", "Waiting on \\*design\\*", "写文案", "### Parking lot", "- [ ] Waiting on the design"} {
		if !strings.Contains(md, want) {
			t.Errorf("export lacks %q:\n%s", want, md)
		}
	}
	mustRun(t, env, "standup", "resolve", "1")
	if md := mustRun(t, env, "standup", "export"); !strings.Contains(md, "- [x]") {
		t.Errorf("resolved blocker not ticked:\n%s", md)
	}
	if out := mustRun(t, env, "standup", "list"); !strings.HasPrefix(out, "2026-11-26  ended") {
		t.Errorf("list: %q", out)
	}
	out = mustRun(t, env, "standup", "settings", "--budget", "10m", "--bell", "--question", "Done?", "--question", "Next?", "--question", "Stuck?")
	if !strings.Contains(out, "budget: 10m0s") || !strings.Contains(out, "question 3: Stuck?") || !strings.Contains(out, "bell: true") {
		t.Errorf("settings: %q", out)
	}
	if _, errOut, code := huddle(t, bob, "standup", "settings", "--bell=false"); code != 1 || !strings.Contains(errOut, "lead") {
		t.Errorf("bob changed settings: %q", errOut)
	}
}
