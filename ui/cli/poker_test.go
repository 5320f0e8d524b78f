package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// A whole estimation from the command line: async and live votes stay
// hidden in `poker show --json` until the reveal; the accepted value is the
// story's points in `story list --json`; the summary is printed at the end.
func TestPokerCommands(t *testing.T) {
	env, _ := teamEnv(t)
	ok(t, env, "member", "add", "gus", "--role", "guest")
	ok(t, env, "story", "add", "Sign in with a passkey")
	ok(t, env, "story", "add", "Export to CSV")
	as := func(who string) map[string]string {
		e := map[string]string{}
		for k, v := range env {
			e[k] = v
		}
		e["USER"] = who
		return e
	}
	// Async: bob votes on S-2 before the meeting.
	ok(t, as("bob"), "poker", "vote", "S-2", "13")
	fails(t, as("bob"), "only a lead", "poker", "start")
	if out := ok(t, env, "poker", "start", "--timer", "2m"); !strings.Contains(out, "S-1, S-2") || !strings.Contains(out, "on the table: S-1") {
		t.Fatal(out)
	}
	ok(t, as("bob"), "poker", "vote", "8")
	ok(t, env, "poker", "vote", "S-1", "3")
	fails(t, as("gus"), "guest", "poker", "vote", "5")
	fails(t, env, "not a card", "poker", "vote", "4")
	show := ok(t, as("bob"), "poker", "show", "--json")
	var v struct {
		Round struct {
			Voters []string          `json:"voters"`
			Votes  map[string]string `json:"votes"`
		} `json:"round"`
		Mine string `json:"my_card"`
	}
	if err := json.Unmarshal([]byte(show), &v); err != nil {
		t.Fatal(err, show)
	}
	if strings.Join(v.Round.Voters, ",") != "alice,bob" || len(v.Round.Votes) != 0 || v.Mine != "8" || strings.Contains(show, `"3"`) {
		t.Fatalf("before the reveal bob reads: %s", show)
	}
	if out := ok(t, env, "poker", "reveal"); !strings.Contains(out, "alice 3, bob 8") || !strings.Contains(out, "bob 8, alice 3 — explain") {
		t.Fatal(out)
	}
	fails(t, as("bob"), "revealed", "poker", "vote", "5")
	ok(t, env, "poker", "revote")
	ok(t, env, "poker", "vote", "5")
	ok(t, as("bob"), "poker", "vote", "5")
	if out := ok(t, env, "poker", "accept", "S-1", "5"); !strings.Contains(out, "S-1 is now 5 points") {
		t.Fatal(out)
	}
	if out := ok(t, env, "poker", "next"); !strings.Contains(out, "on the table: S-2") {
		t.Fatal(out)
	}
	if out := ok(t, env, "poker", "show"); !strings.Contains(out, "1 of") && !strings.Contains(out, "1 voted") {
		t.Fatalf("bob's async vote is not counted on S-2: %s", out)
	}
	ok(t, env, "poker", "accept", "8")
	if out := ok(t, env, "poker", "end"); !strings.Contains(out, "2 stories estimated, 13 points added") || !strings.Contains(out, "agreed on 0 of 2") {
		t.Fatal(out)
	}
	list := listJSON(t, env)
	if list[0]["points"] != 5.0 || list[1]["points"] != 8.0 {
		t.Fatalf("points after poker: %v %v", list[0]["points"], list[1]["points"])
	}
	rounds := ok(t, env, "poker", "show", "S-1", "--json")
	if strings.Count(rounds, `"attempt"`) != 2 || !strings.Contains(rounds, `"accepted": 5`) {
		t.Fatal(rounds)
	}
	if out := ok(t, env, "story", "show", "S-1"); !strings.Contains(out, "S-1 round 1 revealed (the lead revealed it): alice 3, bob 8") || !strings.Contains(out, "accepted 5 points for S-1") {
		t.Fatal(out)
	}
	fails(t, env, "no planning poker session is running", "poker", "next")
}
