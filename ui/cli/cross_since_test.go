package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"huddle/sprint"
)

// TestSinceLastStandupAgreesEverywhere: the lead assigns T-2 to wei, who
// finishes it and reopens it. At the next round the screen (while wei speaks)
// and `standup show` both say "alice assigned T-2 to wei" and "moved T-2",
// never "wei claimed" nor "finished".
func TestSinceLastStandupAgreesEverywhere(t *testing.T) {
	t.Parallel()         // independent: its own file and server
	team := boardTeam(t) // Monday 16 November, T-1 bob's, T-2 nobody's
	st := team.st
	mon := sprint.NewDate(2026, 11, 16)
	if _, _, err := st.StartStandup("alice", mon, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := st.StepStandup("alice", mon, "end", ""); err != nil {
		t.Fatal(err)
	}
	team.clk.Set(at(16, 11))
	team.cliOK(t, "alice", "task", "claim", "T-2", "--for", "wei")
	team.clk.Set(at(16, 14))
	team.cliOK(t, "wei", "task", "status", "T-2", "done")
	team.clk.Set(at(16, 16))
	team.cliOK(t, "wei", "task", "status", "T-2", "doing")

	team.clk.Set(at(17, 9))
	tue := sprint.NewDate(2026, 11, 17)
	if _, _, err := team.store(t).StartStandup("alice", tue, nil); err != nil {
		t.Fatal(err)
	}
	want := []string{"alice assigned T-2 to wei", "moved T-2"}
	var show standupJSON
	if err := json.Unmarshal([]byte(team.cliOK(t, "alice", "standup", "show", "--json")), &show); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(show.Since["wei"], " · "); got != strings.Join(want, " · ") {
		t.Fatalf("standup show: since %q, want %q", got, want)
	}
	text := team.cliOK(t, "alice", "standup", "show")
	if !strings.Contains(text, "wei: "+strings.Join(want, " · ")) {
		t.Fatalf("standup show:\n%s", text)
	}
	// On screen: begin the round and go to wei.
	scr := team.openScreen(t, "alice", 120, 40)
	scr.press("4", "enter")
	for range 3 {
		round, _, err := team.store(t).Standup(tue)
		if err != nil {
			t.Fatal(err)
		}
		if sp, ok := round.Speaker(); ok && sp.Member == "wei" {
			break
		}
		scr.press("n")
	}
	v := scr.view()
	for _, w := range want {
		if !strings.Contains(v, w) {
			t.Errorf("wei's turn lacks %q:\n%s", w, v)
		}
	}
	if strings.Contains(v, "finished T-2") || strings.Contains(v, "claimed T-2") {
		t.Errorf("wei's turn says finished or claimed:\n%s", v)
	}
}
