package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"huddle/sprint"
)

func TestTaskEditAndSplitFromTheCommandLine(t *testing.T) {
	env := retroTeam(t) // alice leads; T-1 "Form" 6h in the started sprint 1
	as := func(who string) map[string]string {
		e := map[string]string{}
		for k, v := range env {
			e[k] = v
		}
		e["USER"] = who
		return e
	}
	rok(t, as("bob"), "task", "claim", "T-1")
	if out := rok(t, as("bob"), "task", "edit", "T-1", "--title", "Login form", "--hours", "24"); out != "T-1 Login form (S-1): 24h estimated, 24h left\n" {
		t.Fatalf("task edit said %q", out)
	}
	rfails(t, as("zed"), "T-1 is bob's; only bob or the lead can edit it", "task", "edit", "T-1", "--hours", "3")
	rfails(t, as("zed"), "T-1 is bob's; only bob or the lead can split it", "task", "split", "T-1", "--hours", "3")
	rfails(t, as("bob"), "say what to change", "task", "edit", "T-1")
	rfails(t, as("bob"), "--hours H", "task", "split", "T-1")
	rfails(t, as("bob"), "less than 24h", "task", "split", "T-1", "--hours", "30")
	if out := rok(t, as("bob"), "task", "split", "T-1", "--hours", "8", "--title", "Form tests"); out != "split T-1: T-1 Login form keeps 16h, T-2 Form tests takes 8h\n" {
		t.Fatalf("task split said %q", out)
	}
	// The burndown: +18h of scope from the edit, none from the split.
	out := rok(t, env, "sprint", "burndown", "--json")
	var b sprint.Burndown
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if last := b.Days[len(b.Days)-1]; last.ScopeHours != 24 || last.RemainingHours != 24 {
		t.Fatalf("burndown after edit and split: %+v", last)
	}
	// The lead may edit bob's task; sprint rm is sprint delete.
	rok(t, env, "task", "edit", "T-1", "--hours", "10")
	rfails(t, env, "only a sprint that has not started", "sprint", "rm", "1")
}

// A member is refused another's task over the remote path too, with the same
// one line; the owner's edit and split go through.
func TestTaskEditAndSplitRemotely(t *testing.T) {
	lead := remoteCaller(t, "maya")
	out, errOut, code := lead("task", "list", "--json")
	if code != 0 {
		t.Fatalf("task list: %q", errOut)
	}
	var tasks []sprint.Task
	if err := json.Unmarshal([]byte(out), &tasks); err != nil {
		t.Fatal(err)
	}
	var held *sprint.Task
	for i, tk := range tasks {
		if tk.Owner != "" && tk.Owner != "maya" && tk.Status != sprint.TaskDone && tk.Remaining > 1 && tk.Blocked == "" {
			held = &tasks[i]
			break
		}
	}
	if held == nil {
		t.Fatalf("the demo has no open task held by a member: %s", out)
	}
	other := "wei"
	if held.Owner == other {
		other = "lucas"
	}
	caller := remoteCaller(t, other)
	for _, args := range [][]string{{"task", "edit", held.Ref(), "--title", "x"}, {"task", "split", held.Ref(), "--hours", "1"}} {
		_, errOut, code := caller(args...)
		if code == 0 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "only "+held.Owner+" or the lead can") {
			t.Errorf("%s over SSH %v: %d %q", other, args, code, errOut)
		}
	}
	owner := remoteCaller(t, held.Owner)
	if out, errOut, code := owner("task", "split", held.Ref(), "--hours", "1"); code != 0 || !strings.Contains(out, "takes 1h") {
		t.Fatalf("%s split their task over SSH: %d %q %q", held.Owner, code, out, errOut)
	}
}
