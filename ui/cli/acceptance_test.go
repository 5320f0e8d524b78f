package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAcceptanceChecklistOnTheCommandLine(t *testing.T) {
	env, _ := testEnv(t)
	ok(t, env, "member", "add", "bob")
	ok(t, env, "member", "add", "gus", "--role", "guest")
	ok(t, env, "story", "add", "Sign up", "--points", "3", "--description", "As a new user\nI sign up fast",
		"--acceptance", "- two steps\n- 欢迎页面\n- a welcome mail")
	ok(t, env, "sprint", "new", "--goal", "Sign-up works\nend to end", "--start", "2026-11-30", "--weeks", "2")
	ok(t, env, "sprint", "add", "S-1")
	for _, who := range []string{"bob", "gus"} {
		env["USER"] = who
		fails(t, env, "only a lead can tick acceptance criteria", "story", "check", "S-1", "2")
	}
	env["USER"] = "alice"
	fails(t, env, "not a criterion number", "story", "check", "S-1", "two")
	fails(t, env, "criteria 1 to 3, not 4", "story", "check", "S-1", "4")
	if out := ok(t, env, "story", "check", "S-1", "2"); !strings.Contains(out, "ticked criterion 2 of S-1: 欢迎页面 (1 of 3 ticked)") {
		t.Fatalf("check: %q", out)
	}
	ok(t, env, "story", "check", "S-1", "3")
	if out := ok(t, env, "story", "check", "S-1", "3", "--uncheck"); !strings.Contains(out, "unticked criterion 3") {
		t.Fatalf("uncheck: %q", out)
	}
	out := ok(t, env, "story", "show", "S-1")
	for _, want := range []string{"Description\nAs a new user\nI sign up fast\n", "Acceptance criteria (1 of 3 ticked)\n[ ] 1. two steps\n[x] 2. 欢迎页面\n[ ] 3. a welcome mail\n",
		"alice ticked criterion 2 of S-1: 欢迎页面", "alice unticked criterion 3 of S-1: a welcome mail"} {
		if !strings.Contains(out, want) {
			t.Fatalf("story show lacks %q:\n%s", want, out)
		}
	}
	var shown struct {
		Acceptance string          `json:"acceptance"`
		Checklist  []checkItemJSON `json:"checklist"`
	}
	if err := json.Unmarshal([]byte(ok(t, env, "story", "show", "S-1", "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.Acceptance != "- two steps\n- 欢迎页面\n- a welcome mail" || len(shown.Checklist) != 3 || !shown.Checklist[1].Checked || shown.Checklist[0].Checked {
		t.Fatalf("--json: %+v", shown)
	}
	md := ok(t, env, "export", "--format", "md", "--sprint", "1")
	for _, want := range []string{"**Goal:** Sign-up works  \nend to end\n", "- S-1 Sign up (3 points)\n  - [ ] two steps\n  - [x] 欢迎页面\n"} {
		if !strings.Contains(md, want) {
			t.Fatalf("the report lacks %q:\n%s", want, md)
		}
	}
	if out := ok(t, env, "sprint", "show", "1"); !strings.Contains(out, "Goal: Sign-up works\n      end to end\n") {
		t.Fatalf("sprint show:\n%s", out)
	}
}
