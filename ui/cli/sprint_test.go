package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"huddle/store"
)

// sprintEnv is a file with alice (lead), bob (member) and three stories.
func sprintEnv(t *testing.T) map[string]string {
	t.Helper()
	env, db := testEnv(t)
	if _, errOut, code := huddle(t, env, "member", "add", "bob"); code != 0 {
		t.Fatal(errOut)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Sign-up flow", "Board view", "Export"} {
		if _, err := st.AddStory("alice", store.StoryInput{Title: title, Points: 5}); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	return env
}

func TestSprintFromTheCommandLine(t *testing.T) {
	env := sprintEnv(t) // now: Thu 26 Nov 2026
	fails(t, env, "before the start", "sprint", "new", "--goal", "g", "--start", "2026-11-23", "--end", "2026-11-20")
	fails(t, env, "1 to 4 weeks", "sprint", "new", "--goal", "g", "--start", "2026-11-23", "--weeks", "5")
	fails(t, env, "1 to 4 weeks", "sprint", "new", "--goal", "g", "--start", "2026-11-23", "--end", "2026-12-31")
	fails(t, env, "no sprint yet", "sprint", "show", "--json") // nothing was saved

	fails(t, env, "in the past", "sprint", "new", "--start", "2026-11-23", "--weeks", "2")
	out := ok(t, env, "sprint", "new", "--start", "2026-12-07", "--weeks", "2")
	if !strings.Contains(out, `#1 "Sprint 1": 2026-12-07 to 2026-12-18, 10 working days`) {
		t.Fatalf("new: %s", out)
	}
	ok(t, env, "sprint", "add", "S-1", "S-2")
	ok(t, env, "sprint", "remove", "S-2")
	fails(t, env, "lead", "--as", "bob", "sprint", "add", "S-3")
	fails(t, env, "hours must be between 0 and 200", "task", "add", "S-1", "Form", "--hours", "-3")
	fails(t, env, "not a number", "task", "add", "S-1", "Form", "--hours", "lots")
	out = ok(t, env, "task", "add", "S-1", "Form", "--hours", "20")
	if !strings.Contains(out, "split it") {
		t.Fatalf("no split hint: %s", out)
	}
	ok(t, env, "task", "add", "S-1", "API", "--hours", "10")
	fails(t, env, "needs a goal", "sprint", "start")
	ok(t, env, "sprint", "capacity", "bob", "30")
	ok(t, env, "sprint", "edit", "--goal", "Sign-up works end to end")
	ok(t, env, "sprint", "edit", "--goal", "")

	// A second sprint, planned with its goal, starts; the first cannot start beside it.
	fails(t, env, "overlaps sprint #1", "sprint", "new", "--goal", "x", "--start", "2026-12-14", "--weeks", "1")
	planned := map[string]string{}
	for k, v := range env {
		planned[k] = v
	}
	planned["HUDDLE_NOW"] = "2026-11-23T09:00:00Z" // planned on the Monday it starts
	ok(t, planned, "sprint", "new", "--goal", "New users reach a board", "--start", "2026-11-23", "--weeks", "2")
	ok(t, env, "sprint", "add", "--sprint", "#2", "S-2")
	ok(t, env, "task", "add", "S-2", "Columns", "--hours", "8")
	ok(t, env, "sprint", "start", "#2")
	fails(t, env, "still active", "sprint", "start", "#1")

	// Claims: bob takes T-3; alice cannot; the message names bob.
	ok(t, env, "--as", "bob", "task", "claim", "T-3")
	fails(t, env, "claimed by bob", "task", "claim", "T-3")
	ok(t, env, "--as", "bob", "task", "remaining", "T-3", "5")
	fails(t, env, "hours must be", "--as", "bob", "task", "remaining", "T-3", "1e9")
	ok(t, env, "--as", "bob", "task", "block", "T-3", "waiting for design")
	out = ok(t, env, "--as", "bob", "task", "list", "--mine")
	if !strings.Contains(out, "T-3") || !strings.Contains(out, "blocked: waiting for design") {
		t.Fatalf("list --mine: %s", out)
	}
	var mine []map[string]any
	if err := json.Unmarshal([]byte(ok(t, env, "task", "list", "--mine", "--json")), &mine); err != nil || len(mine) != 0 {
		t.Fatalf("alice's tasks: %v %v", mine, err)
	}
	ok(t, env, "--as", "bob", "task", "unblock", "T-3")
	ok(t, env, "--as", "bob", "task", "status", "T-3", "done")

	var bd struct {
		Start, End    string
		BaselineHours float64 `json:"baseline_hours"`
		Days          []struct {
			Date           string
			RemainingHours float64 `json:"remaining_hours"`
			IdealHours     float64 `json:"ideal_hours"`
			ScopeHours     float64 `json:"scope_hours"`
		}
	}
	out = ok(t, env, "sprint", "burndown", "--json")
	if err := json.Unmarshal([]byte(out), &bd); err != nil {
		t.Fatal(err)
	}
	if bd.Start != "2026-11-23" || bd.End != "2026-12-04" || bd.BaselineHours != 8 || len(bd.Days) != 4 {
		t.Fatalf("burndown %s", out)
	}
	if last := bd.Days[3]; last.Date != "2026-11-26" || last.RemainingHours != 0 || last.IdealHours != 4.8 || last.ScopeHours != 8 {
		t.Fatalf("today %+v", last)
	}
	out = ok(t, env, "sprint", "show")
	if !strings.Contains(out, "day 4 of 10") || !strings.Contains(out, "Goal: New users reach a board") {
		t.Fatalf("show: %s", out)
	}
	var show struct {
		ID             int     `json:"id"`
		Status         string  `json:"status"`
		Day            int     `json:"day"`
		CommittedHours float64 `json:"committed_hours"`
		Tasks          []struct {
			ID    int
			Owner string
		}
	}
	if err := json.Unmarshal([]byte(ok(t, env, "sprint", "show", "#2", "--json")), &show); err != nil {
		t.Fatal(err)
	}
	if show.ID != 2 || show.Status != "active" || show.Day != 4 || show.CommittedHours != 8 || len(show.Tasks) != 1 || show.Tasks[0].Owner != "bob" {
		t.Fatalf("show --json %+v", show)
	}
	out = ok(t, env, "sprint", "close")
	if !strings.Contains(out, "5 points done") || !strings.Contains(out, "done      S-2") {
		t.Fatalf("close: %s", out)
	}
	fails(t, env, "closed sprint", "--as", "bob", "task", "status", "T-3", "todo")
	out = ok(t, env, "sprint", "velocity")
	if !strings.Contains(out, "#2 Sprint 2") {
		t.Fatalf("velocity: %s", out)
	}
}
