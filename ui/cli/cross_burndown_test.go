package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/sprint"
	"huddle/store"
)

// at is 17:00 (or h:00) on day d of November 2026.
func at(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }

// TestBurndownWithAStoryRemovedAgreesEverywhere: a ten-day sprint loses a
// story with 5h left on day 6. The screen, `sprint burndown` and the Markdown
// report show the same hours left each day, and all three show the removal as
// a scope change of -5h on day 6, not as progress.
func TestBurndownWithAStoryRemovedAgreesEverywhere(t *testing.T) {
	team := newCrossTeam(t, at(2, 9))
	st := team.st
	sp, err := st.CreateSprint("alice", store.NewSprint{Goal: "ship", Start: sprint.NewDate(2026, 11, 2), End: sprint.NewDate(2026, 11, 13)})
	if err != nil {
		t.Fatal(err)
	}
	s1, _ := st.AddStory("alice", store.StoryInput{Title: "kept", Points: 3})
	s2, _ := st.AddStory("alice", store.StoryInput{Title: "taken out", Points: 2})
	for _, s := range []int{s1.ID, s2.ID} {
		if err := st.AddStoryToSprint("alice", sp.ID, s); err != nil {
			t.Fatal(err)
		}
	}
	t1, _ := st.AddTask("alice", s1.ID, "one", 8)
	t2, _ := st.AddTask("alice", s1.ID, "two", 4)
	if _, err := st.AddTask("alice", s2.ID, "three", 5); err != nil {
		t.Fatal(err)
	}
	if err := st.StartSprint("alice", sp.ID); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		day, task int
		left      float64
	}{{2, t1.ID, 7}, {3, t1.ID, 5}, {4, t2.ID, 2}, {5, t1.ID, 4}, {6, t2.ID, 1}, {9, t1.ID, 3}, {10, t1.ID, 2}}
	for _, s := range steps {
		team.clk.Set(at(s.day, 17))
		if s.day == 9 {
			if err := st.RemoveStoryFromSprint("alice", sp.ID, s2.ID); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.SetRemaining("alice", s.task, s.left); err != nil {
			t.Fatal(err)
		}
	}
	team.clk.Set(at(11, 10)) // Wednesday, day 8
	want := []float64{16, 14, 12, 11, 10, 4, 3, 3}

	// The command line.
	var cli burndownJSON
	if err := json.Unmarshal([]byte(team.cliOK(t, "alice", "sprint", "burndown", "1", "--json")), &cli); err != nil {
		t.Fatal(err)
	}
	if len(cli.Days) != len(want) {
		t.Fatalf("sprint burndown: %d days, want %d", len(cli.Days), len(want))
	}
	for i, d := range cli.Days {
		if d.RemainingHours != want[i] {
			t.Errorf("sprint burndown day %d: %gh left, want %gh", i+1, d.RemainingHours, want[i])
		}
	}
	if cli.Days[5].ScopeHours != 12 || cli.Days[4].ScopeHours != 17 {
		t.Errorf("sprint burndown scope: day 5 %gh, day 6 %gh; want 17h then 12h", cli.Days[4].ScopeHours, cli.Days[5].ScopeHours)
	}

	// The report: the same hours, the scope column, the change on day 6, and
	// days that have not ended yet left open.
	md := team.report(t, "1")
	for i, left := range want {
		scope := 17.0
		if i >= 5 {
			scope = 12
		}
		change := ""
		if i == 5 {
			change = "-5h"
		}
		row := fmt.Sprintf("| %d | %s | %s | %s | %s | %s |", i+1, cli.Days[i].Date, store.ReportHours(left), store.ReportHours(mdRoundTenth(cli.Days[i].IdealHours)), store.ReportHours(scope), change)
		if !strings.Contains(md, row) {
			t.Errorf("report lacks %q:\n%s", row, md)
		}
	}
	if !strings.Contains(md, "| 9 | 2026-11-12 | – |") || !strings.Contains(md, "3h of 12h left") {
		t.Errorf("report: future days or headline wrong:\n%s", md)
	}

	// The screen: the burndown view names the same scope change and the same hours left.
	scr := team.openScreen(t, "alice", 120, 40)
	scr.press("3")
	for i := 0; i < 3 && !strings.Contains(scr.view(), "Hours left at the end"); i++ {
		scr.press("v")
	}
	v := scr.view()
	if !strings.Contains(v, "Scope changed: day 6 -5h") || !strings.Contains(v, "3h left") {
		t.Errorf("screen:\n%s", v)
	}
}
