package cli

import (
	"strings"
	"testing"
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
