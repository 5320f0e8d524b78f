package cli

import (
	"strings"
	"testing"

	"huddle/sprint"
	"huddle/store"
)

// boardTeam is a running sprint with T-1 claimed by bob and T-2 unclaimed.
func boardTeam(t *testing.T) *crossTeam {
	t.Helper()
	team := newCrossTeam(t, at(16, 9))
	st := team.st
	sp, err := st.CreateSprint("alice", store.NewSprint{Goal: "ship", Start: sprint.NewDate(2026, 11, 16), End: sprint.NewDate(2026, 11, 27)})
	if err != nil {
		t.Fatal(err)
	}
	s1, _ := st.AddStory("alice", store.StoryInput{Title: "work", Points: 3})
	if err := st.AddStoryToSprint("alice", sp.ID, s1.ID); err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"bob's task", "nobody's task"} {
		if _, err := st.AddTask("alice", s1.ID, title, 5); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.StartSprint("alice", sp.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ClaimTask("bob", 1, ""); err != nil {
		t.Fatal(err)
	}
	return team
}

// TestMemberOnAnothersTaskIsRefusedEverywhere: wei may not unclaim, move or
// update the hours of bob's task, on screen or from the command line, and the
// refusal says the same thing; the lead may.
func TestMemberOnAnothersTaskIsRefusedEverywhere(t *testing.T) {
	t.Parallel() // independent: its own file and server
	team := boardTeam(t)
	const refused = "T-1 is bob's; only bob or the lead can"
	for _, args := range [][]string{
		{"task", "unclaim", "T-1"},
		{"task", "status", "T-1", "doing"},
		{"task", "remaining", "T-1", "2"},
		{"task", "claim", "T-1"},
	} {
		_, errOut, code := team.cli(t, "wei", args...)
		if code == 0 || (!strings.Contains(errOut, refused) && !strings.Contains(errOut, "claimed by bob")) {
			t.Errorf("wei: huddle %s: exit %d, %q", strings.Join(args, " "), code, errOut)
		}
	}
	scr := team.openScreen(t, "wei", 120, 30)
	scr.press("3")
	if !strings.Contains(scr.view(), "bob's task") {
		t.Fatalf("board:\n%s", scr.view())
	}
	// The cursor starts on T-1 (To do, first): move it, unclaim it.
	scr.press("m")
	if v := scr.view(); !strings.Contains(v, refused+" move it") {
		t.Errorf("m on bob's task:\n%s", v)
	}
	scr.press("u")
	if v := scr.view(); !strings.Contains(v, refused+" unclaim it") {
		t.Errorf("u on bob's task:\n%s", v)
	}
	tk, err := team.store(t).Task(1)
	if err != nil || tk.Owner != "bob" || tk.Status != sprint.TaskTodo || tk.Remaining != 5 {
		t.Fatalf("bob's task changed: %+v %v", tk, err)
	}
	// The lead may.
	team.cliOK(t, "alice", "task", "remaining", "T-1", "4")
}

// TestMoveOnAnUnclaimedTaskTakesIt: m (or `task status`) on a task nobody
// holds starts it as the mover's, so nothing is in progress without an owner.
func TestMoveOnAnUnclaimedTaskTakesIt(t *testing.T) {
	t.Parallel() // independent: its own file and server
	team := boardTeam(t)
	out := team.cliOK(t, "wei", "task", "status", "T-2", "doing")
	if !strings.Contains(out, "T-2") {
		t.Fatalf("status: %q", out)
	}
	tk, err := team.store(t).Task(2)
	if err != nil || tk.Owner != "wei" || tk.Status != sprint.TaskDoing {
		t.Fatalf("T-2 after wei moved it: %+v %v", tk, err)
	}
	team.cliOK(t, "alice", "task", "unclaim", "T-2")
	team.cliOK(t, "alice", "task", "status", "T-2", "todo")
	scr := team.openScreen(t, "bob", 120, 30)
	scr.press("3", "j", "m")
	if v := scr.view(); !strings.Contains(v, "nobody had it, so it is yours now") {
		t.Errorf("m on T-2:\n%s", v)
	}
	tk, err = team.store(t).Task(2)
	if err != nil || tk.Owner != "bob" || tk.Status != sprint.TaskDoing {
		t.Fatalf("T-2 after bob's m: %+v %v", tk, err)
	}
}
