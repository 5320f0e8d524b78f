package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"huddle/sprint"
	"huddle/store"
)

// standupTeam is a running sprint (2-20 November 2026) with one task, and
// Friday the 13th's round held and ended with a blocker parked that flagged T-1.
func standupTeam(t *testing.T) *crossTeam {
	t.Helper()
	team := newCrossTeam(t, at(2, 9))
	st := team.st
	sp, err := st.CreateSprint("alice", store.NewSprint{Goal: "ship", Start: sprint.NewDate(2026, 11, 2), End: sprint.NewDate(2026, 11, 20)})
	if err != nil {
		t.Fatal(err)
	}
	s1, _ := st.AddStory("alice", store.StoryInput{Title: "kept", Points: 3})
	if err := st.AddStoryToSprint("alice", sp.ID, s1.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddTask("alice", s1.ID, "one", 8); err != nil {
		t.Fatal(err)
	}
	if err := st.StartSprint("alice", sp.ID); err != nil {
		t.Fatal(err)
	}
	team.clk.Set(at(13, 9))
	fri := sprint.NewDate(2026, 11, 13)
	if _, _, err := st.StartStandup("alice", fri, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ParkBlocker("alice", fri, store.ParkInput{Text: "staging is down", RaisedBy: "bob", Task: 1, BlockTask: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.StepStandup("alice", fri, store.RoundEnd, ""); err != nil {
		t.Fatal(err)
	}
	return team
}

// TestNotesAfterAFridayRoundAgreeEverywhere: answers written on Friday after
// the round, by the command line and on the screen, are Monday's; Monday's
// screen (before and during the round) and `standup show` both show them,
// and the header counts what the body shows.
func TestNotesAfterAFridayRoundAgreeEverywhere(t *testing.T) {
	t.Parallel() // independent: its own file and server
	team := standupTeam(t)
	team.clk.Set(at(13, 17))
	out := team.cliOK(t, "wei", "standup", "note", "--yesterday", "wei fixed login", "--today", "wei ships")
	if !strings.Contains(out, "for 2026-11-16") {
		t.Fatalf("standup note on Friday evening: %q, want Monday's", out)
	}
	scr := team.openScreen(t, "bob", 100, 30)
	scr.press("4", "e")
	scr.press("bob reviewed", "tab", "bob pairs", "ctrl+s")
	if v := scr.view(); !strings.Contains(v, "saved for the Mon Nov 16 stand-up") {
		t.Fatalf("screen note on Friday evening:\n%s", v)
	}

	team.clk.Set(at(16, 9))
	var show standupJSON
	if err := json.Unmarshal([]byte(team.cliOK(t, "alice", "standup", "show", "--json")), &show); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, n := range show.Notes {
		got[n.Member] = n.Yesterday
	}
	if show.Date != "2026-11-16" || got["wei"] != "wei fixed login" || got["bob"] != "bob reviewed" || len(got) != 2 {
		t.Fatalf("standup show on Monday: %+v", show)
	}
	scr = team.openScreen(t, "alice", 100, 30)
	scr.press("4")
	v := scr.view()
	if !strings.Contains(v, "Mon Nov 16 (today)") || !strings.Contains(v, "2 of 3 wrote notes") || !strings.Contains(v, "wei fixed login") || !strings.Contains(v, "bob reviewed") {
		t.Fatalf("Monday's screen before the round:\n%s", v)
	}
	// In the round, each speaker's answers written ahead are on screen.
	scr.press("s", "enter")
	mon := sprint.NewDate(2026, 11, 16)
	for range 3 {
		round, _, err := team.store(t).Standup(mon)
		if err != nil {
			t.Fatal(err)
		}
		sp, ok := round.Speaker()
		if !ok {
			t.Fatalf("nobody speaks: %+v\n%s", round, scr.view())
		}
		want := map[string]string{"wei": "wei ships", "bob": "bob pairs", "alice": "—"}[sp.Member]
		if v := scr.view(); !strings.Contains(v, want) {
			t.Errorf("%s speaks without their answers %q:\n%s", sp.Member, want, v)
		}
		scr.press("n")
	}
}

// TestParkedBlockerCarriesUntilResolved: Friday's open blocker is on Monday's
// stand-up in `standup show`, on the screen and in the report; resolving it
// with --unblock also clears the flag it put on T-1.
func TestParkedBlockerCarriesUntilResolved(t *testing.T) {
	team := standupTeam(t)
	team.clk.Set(at(16, 9))
	var show standupJSON
	if err := json.Unmarshal([]byte(team.cliOK(t, "alice", "standup", "show", "--json")), &show); err != nil {
		t.Fatal(err)
	}
	if len(show.Carried) != 1 || show.Carried[0].Text != "staging is down" || show.Carried[0].Day != "2026-11-13" || !show.Carried[0].Flagged {
		t.Fatalf("standup show on Monday: carried %+v", show.Carried)
	}
	scr := team.openScreen(t, "alice", 100, 30)
	scr.press("4")
	if v := scr.view(); !strings.Contains(v, "Still open from earlier stand-ups") || !strings.Contains(v, "staging is down") {
		t.Fatalf("Monday's screen:\n%s", v)
	}
	if md := team.report(t, "1"); !strings.Contains(md, "2026-11-13, bob parked at the stand-up (T-1): staging is down — open") {
		t.Fatalf("report:\n%s", md)
	}
	// Resolving without --unblock says the task is still blocked.
	out := team.cliOK(t, "bob", "standup", "resolve", "1", "--date", "2026-11-13")
	if !strings.Contains(out, "T-1 is still flagged blocked") {
		t.Fatalf("resolve: %q", out)
	}
	if md := team.report(t, "1"); !strings.Contains(md, "staging is down — resolved 2026-11-16") {
		t.Fatalf("report after resolving:\n%s", md)
	}
	if err := json.Unmarshal([]byte(team.cliOK(t, "alice", "standup", "show", "--json")), &show); err != nil || len(show.Carried) != 0 {
		t.Fatalf("a resolved blocker still carries: %+v %v", show.Carried, err)
	}
}

// TestResolveWithUnblockClearsTheTask: --unblock resolves and unblocks in one
// write; without --date, the number finds the blocker carried from Friday.
func TestResolveWithUnblockClearsTheTask(t *testing.T) {
	team := standupTeam(t)
	team.clk.Set(at(16, 9))
	out := team.cliOK(t, "bob", "standup", "resolve", "1", "--unblock")
	if !strings.Contains(out, "T-1 unblocked") {
		t.Fatalf("resolve --unblock: %q", out)
	}
	tk, err := team.store(t).Task(1)
	if err != nil || tk.Blocked != "" {
		t.Fatalf("T-1 after resolve --unblock: %+v %v", tk, err)
	}
}
