package gen

import (
	"testing"

	"huddle/sprint"
	"huddle/store"
)

// tiny is a team small enough to write under the race detector in a few
// seconds, with everything a larger one has.
var tiny = Size{Name: "test", Stories: 200, Events: 2_000}

// A generated team has the numbers asked for, its sprint runs, and its
// history burns down. File writes it once and hands out copies.
func TestGeneratedTeam(t *testing.T) {
	team, err := File(t.TempDir(), tiny)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(team.Path, store.Options{Now: Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if team.Events < uint64(tiny.Events) || team.Events > uint64(tiny.Events)*11/10 {
		t.Errorf("%d events, want about %d", team.Events, tiny.Events)
	}
	if n, err := st.StoryCount(); err != nil || n+team.Closed*storiesPerSprint < tiny.Stories-team.Closed*storiesPerSprint {
		t.Errorf("%d stories in the backlog (%v), of %d", n, err, tiny.Stories)
	}
	sp, active, err := st.ActiveSprint()
	if err != nil || !active || sp.ID != team.Active || sp.ID != team.Closed+1 {
		t.Fatalf("active sprint %+v %v %v, want #%d", sp, active, err, team.Active)
	}
	if team.Tasks < storiesPerSprint*tasksPerStory {
		t.Errorf("%d tasks in the active sprint", team.Tasks)
	}
	b, err := st.Burndown(sp.ID, sprint.DateOf(Now()))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Days) != 6 {
		t.Fatalf("%d days of burndown, want 6: %+v", len(b.Days), b.Days)
	}
	if first, last := b.Days[0].RemainingHours, b.Days[5].RemainingHours; !(last < first && first <= b.BaselineHours) {
		t.Errorf("hours left do not burn down: baseline %v, day 1 %v, day 6 %v", b.BaselineHours, first, last)
	}
	// A second copy is the same team at another path.
	c2, err := File(t.TempDir(), tiny)
	if err != nil {
		t.Fatal(err)
	}
	if c2.Active != team.Active || c2.Events != team.Events || c2.Path == team.Path {
		t.Errorf("the copies differ: %+v and %+v", c2, team)
	}
}
