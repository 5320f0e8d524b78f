package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

// planTeam has a backlog of five stories and a sprint #1 planned for
// 16-27 November 2026 (today is Thursday the 12th).
func planTeam(t *testing.T) (*crossTeam, []backlog.Story) {
	t.Helper()
	team := newCrossTeam(t, at(12, 10))
	var stories []backlog.Story
	for _, in := range []store.StoryInput{
		{Title: "first", Points: 3, Value: 30},
		{Title: "second", Points: 2, Value: 60},
		{Title: "third unestimated", Points: backlog.Unestimated, Value: 90},
		{Title: "fourth", Points: 1, Value: 40},
		{Title: "fifth", Points: 5, Value: 10},
	} {
		st, err := team.st.AddStory("alice", in)
		if err != nil {
			t.Fatal(err)
		}
		stories = append(stories, st)
	}
	if _, err := team.st.CreateSprint("alice", store.NewSprint{Goal: "ship", Start: sprint.NewDate(2026, 11, 16), End: sprint.NewDate(2026, 11, 27)}); err != nil {
		t.Fatal(err)
	}
	return team, stories
}

func storyOrder(t *testing.T, team *crossTeam, args ...string) []string {
	t.Helper()
	var list []storyJSON
	if err := json.Unmarshal([]byte(team.cliOK(t, "alice", append([]string{"story", "list", "--json"}, args...)...)), &list); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range list {
		out = append(out, s.ID)
	}
	return out
}

// TestOverlapRefusedEverywhere: a sprint over #1's dates, or starting in the
// past, is refused by the command line and by the screen's form alike.
func TestOverlapRefusedEverywhere(t *testing.T) {
	t.Parallel() // independent: its own file and server
	team, _ := planTeam(t)
	_, errOut, code := team.cli(t, "alice", "sprint", "new", "--goal", "x", "--start", "2026-11-23", "--weeks", "2")
	if code == 0 || !strings.Contains(errOut, "overlaps sprint #1") {
		t.Fatalf("sprint new over #1: %d %q", code, errOut)
	}
	_, errOut, code = team.cli(t, "alice", "sprint", "new", "--goal", "x", "--start", "2026-11-09", "--weeks", "1")
	if code == 0 || !strings.Contains(errOut, "in the past") {
		t.Fatalf("sprint new in the past: %d %q", code, errOut)
	}
	scr := team.openScreen(t, "alice", 120, 40)
	scr.press("3", "n", "tab", "tab")
	for range 10 {
		scr.press("backspace")
	}
	scr.press("2026-11-23", "ctrl+s")
	if v := scr.view(); !strings.Contains(v, "overlaps sprint #1") {
		t.Fatalf("the screen planned over #1:\n%s", v)
	}
	all, err := team.store(t).Sprints()
	if err != nil || len(all) != 1 {
		t.Fatalf("sprints %d %v", len(all), err)
	}
}

// TestPutBackKeepsTheRankOfAPlannedSprint: a story pulled into a sprint that
// has not started goes back to its old place, from the screen and from the
// command line; the backlog reads the same either way.
func TestPutBackKeepsTheRankOfAPlannedSprint(t *testing.T) {
	t.Parallel() // independent: its own file and server
	team, stories := planTeam(t)
	before := storyOrder(t, team)
	team.cliOK(t, "alice", "sprint", "add", "S-4", "S-2")
	out := team.cliOK(t, "alice", "sprint", "remove", "S-4")
	if !strings.Contains(out, "S-4 is back where it was") {
		t.Fatalf("remove: %q", out)
	}
	// On screen: the plan view, the sprint pane, put back the selected S-2.
	scr := team.openScreen(t, "alice", 120, 40)
	scr.press("3")
	if v := scr.view(); !strings.Contains(v, stories[1].Title) {
		t.Fatalf("plan view:\n%s", v)
	}
	scr.press("x")
	if v := scr.view(); !strings.Contains(v, "S-2 is back where it was in the backlog") {
		t.Fatalf("put back on screen:\n%s", scr.view())
	}
	if after := storyOrder(t, team); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Fatalf("backlog after putting back: %v, before %v", after, before)
	}
}

// TestUnestimatedLastInValueViewEverywhere: the value-per-point view lists the
// unestimated story last on screen and in `story list --order value`, and
// applying the order (A) leaves it where it is.
func TestUnestimatedLastInValueViewEverywhere(t *testing.T) {
	t.Parallel() // independent: its own file and server
	team, _ := planTeam(t)
	want := "S-4,S-2,S-1,S-5,S-3" // 40, 30, 10, 2 per point; S-3 unestimated
	if got := strings.Join(storyOrder(t, team, "--order", "value"), ","); got != want {
		t.Fatalf("story list --order value: %s, want %s", got, want)
	}
	scr := team.openScreen(t, "alice", 120, 40)
	scr.press("2", "v")
	v := scr.view()
	last := -1
	for _, id := range strings.Split(want, ",") {
		i := strings.Index(v, id+" ")
		if i < last {
			t.Fatalf("screen's value view is not %s:\n%s", want, v)
		}
		last = i
	}
	scr.press("A", "y")
	got := strings.Join(storyOrder(t, team), ",")
	if got != "S-4,S-2,S-3,S-1,S-5" {
		t.Fatalf("after A the backlog is %s; S-3 (unestimated) should stay third", got)
	}
}

// TestCommittedIsWhatTheStartFreezes: the plan's committed hours are the hours
// left on the sprint's tasks, on screen and in `sprint show`, and the start
// freezes that same number as the baseline.
func TestCommittedIsWhatTheStartFreezes(t *testing.T) {
	team, _ := planTeam(t)
	team.cliOK(t, "alice", "sprint", "add", "S-1")
	team.cliOK(t, "alice", "task", "add", "S-1", "Form", "--hours", "6")
	team.cliOK(t, "alice", "task", "add", "S-1", "API", "--hours", "4")
	team.cliOK(t, "alice", "task", "remaining", "T-1", "3") // partly done before the start
	var show struct {
		CommittedHours float64 `json:"committed_hours"`
	}
	if err := json.Unmarshal([]byte(team.cliOK(t, "alice", "sprint", "show", "--json")), &show); err != nil || show.CommittedHours != 7 {
		t.Fatalf("sprint show: committed %g %v, want 7", show.CommittedHours, err)
	}
	scr := team.openScreen(t, "alice", 120, 40)
	scr.press("3")
	if v := scr.view(); !strings.Contains(v, "committed 7h") {
		t.Fatalf("plan view:\n%s", v)
	}
	team.clk.Set(at(16, 9))
	team.cliOK(t, "alice", "sprint", "start")
	sp, err := team.store(t).Sprint(1)
	if err != nil || sp.BaselineHours != 7 {
		t.Fatalf("baseline %g %v, want 7", sp.BaselineHours, err)
	}
}

// TestDeletePlannedSprintEverywhere: `sprint delete` and D on the Plan view
// delete a sprint that has not started, its stories back where they were; a
// running sprint cannot be deleted.
func TestDeletePlannedSprintEverywhere(t *testing.T) {
	t.Parallel() // independent: its own file and server
	team, _ := planTeam(t)
	before := storyOrder(t, team)
	team.cliOK(t, "alice", "sprint", "add", "S-3", "S-5")
	out := team.cliOK(t, "alice", "sprint", "delete", "#1")
	if !strings.Contains(out, "deleted #1; 2 stories back in the backlog") {
		t.Fatalf("delete: %q", out)
	}
	if after := storyOrder(t, team); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Fatalf("backlog after delete: %v, before %v", after, before)
	}
	team.cliOK(t, "alice", "sprint", "new", "--goal", "again", "--start", "2026-11-16", "--weeks", "2")
	team.cliOK(t, "alice", "sprint", "add", "S-1")
	scr := team.openScreen(t, "alice", 120, 40)
	scr.press("3", "D")
	if v := scr.view(); !strings.Contains(v, "Delete the planned sprint #2? 1 story goes back where it was") {
		t.Fatalf("D on the plan view:\n%s", v)
	}
	scr.press("y")
	if all, err := team.store(t).Sprints(); err != nil || len(all) != 0 {
		t.Fatalf("after D: %+v %v", all, err)
	}
	if after := storyOrder(t, team); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Fatalf("backlog after D: %v", after)
	}
}
