package cli

import (
	"errors"
	"os"
	"strings"
	"testing"

	"huddle/ui/common"
)

// TestSprintAddIsAllOrNothing: `sprint add S-1 S-404` fails on S-404 and
// changes nothing: S-1 stays in the backlog, no event is logged.
func TestSprintAddIsAllOrNothing(t *testing.T) {
	team, _ := planTeam(t)
	count := func() int {
		evs, err := team.store(t).SprintEvents(1)
		if err != nil {
			t.Fatal(err)
		}
		return len(evs)
	}
	before := count()
	_, errOut, code := team.cli(t, "alice", "sprint", "add", "S-1", "S-404")
	if code == 0 || !strings.Contains(errOut, "S-404") {
		t.Fatalf("sprint add S-1 S-404: exit %d, %q", code, errOut)
	}
	st, err := team.store(t).Story(1)
	if err != nil || st.Sprint != 0 || st.Status != "backlog" {
		t.Fatalf("S-1 after the failed add: %+v %v", st, err)
	}
	if after := count(); after != before {
		t.Fatalf("%d events logged by a failed add", after-before)
	}
	// The same for remove: S-1 in, S-2 not: nothing goes back.
	team.cliOK(t, "alice", "sprint", "add", "S-1")
	if _, _, code := team.cli(t, "alice", "sprint", "remove", "S-1", "S-2"); code == 0 {
		t.Fatal("remove S-1 S-2 succeeded with S-2 not in the sprint")
	}
	if st, _ := team.store(t).Story(1); st.Sprint != 1 {
		t.Fatalf("S-1 left the sprint on a failed remove: %+v", st)
	}
}

// TestMemberListAlignsCJKNames: a name in Chinese takes two cells a
// character; the ROLE column still starts at the same cell on every line.
func TestMemberListAlignsCJKNames(t *testing.T) {
	env, _ := testEnv(t)
	ok(t, env, "member", "add", "wei", "--name", "王伟")
	ok(t, env, "member", "add", "bob", "--name", "Bob Stone")
	out := ok(t, env, "member", "list")
	col := -1
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var i int
		for _, role := range []string{"ROLE", "lead", "member"} {
			if j := strings.Index(line, role); j >= 0 {
				i = common.Width(line[:j])
				break
			}
		}
		if col >= 0 && i != col {
			t.Fatalf("ROLE not aligned (cell %d, then %d):\n%s", col, i, out)
		}
		col = i
	}
}

// TestMemberAddYourselfOnANewFile: `member add lead --as lead` on a missing
// file makes the file with lead as its lead (with the name given), instead of
// making it and then failing "already a member".
func TestMemberAddYourselfOnANewFile(t *testing.T) {
	env, _ := testEnv(t)
	out := ok(t, env, "--as", "lead", "member", "add", "lead", "--name", "Lea D")
	if !strings.Contains(out, "as its lead") {
		t.Fatalf("member add on a new file: %q", out)
	}
	list := ok(t, env, "--as", "lead", "member", "list")
	if !strings.Contains(list, "Lea D") || !strings.Contains(list, "lead") {
		t.Fatalf("member list:\n%s", list)
	}
	env2, db := testEnv(t)
	fails(t, env2, "cannot be a guest", "--as", "gus", "member", "add", "gus", "--role", "guest")
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a refused add made the file: %v", err)
	}
}

// TestSprintShowAfterTheEndAgreesWithTheScreen: past the end date, `sprint
// show` says "ended Nov 27, not closed" like the screen's header, not "day 10 of 10".
func TestSprintShowAfterTheEndAgreesWithTheScreen(t *testing.T) {
	team := boardTeam(t)
	team.clk.Set(at(30, 10))
	out := team.cliOK(t, "alice", "sprint", "show")
	if !strings.Contains(out, "ended Nov 27, not closed") || strings.Contains(out, "day 10 of 10") {
		t.Fatalf("sprint show:\n%s", out)
	}
	scr := team.openScreen(t, "alice", 120, 30)
	if v := scr.view(); !strings.Contains(v, "ended Nov 27, not closed") {
		t.Fatalf("screen:\n%s", v)
	}
}

// TestCheckCountsTheStoriesDemoWrote: check counts every story, done ones
// too, as demo reports them; and the stand-up list says how long a round
// took, not a time of day.
func TestCheckCountsTheStoriesDemoWrote(t *testing.T) {
	env, db := testEnv(t)
	out := ok(t, env, "demo", "--db", db)
	i := strings.Index(out, " stories (")
	j := strings.LastIndex(out[:i], " ")
	written := out[j+1 : i]
	check := ok(t, env, "check")
	if !strings.Contains(check, ", "+written+" stories, ") {
		t.Fatalf("demo wrote %s stories; check says %q", written, check)
	}
	list := ok(t, env, "standup", "list")
	if !strings.Contains(list, "took ") || strings.Contains(list, " 1 open blockers") {
		t.Fatalf("standup list:\n%s", list)
	}
}
