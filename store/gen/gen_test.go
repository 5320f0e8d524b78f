package gen

import (
	"path/filepath"
	"testing"

	"huddle/sprint"
	"huddle/store"
)

// The small team is what the benchmarks run on by default: its numbers are
// the ones promised, its sprint runs, and its history burns down.
func TestSmallTeam(t *testing.T) {
	team, err := Write(filepath.Join(t.TempDir(), "team.db"), Small)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(team.Path, store.Options{Now: Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if team.Events < uint64(Small.Events) || team.Events > uint64(Small.Events)*11/10 {
		t.Errorf("%d events, want about %d", team.Events, Small.Events)
	}
	if n, err := st.StoryCount(); err != nil || n+team.Closed*storiesPerSprint < Small.Stories-team.Closed*storiesPerSprint {
		t.Errorf("%d stories in the backlog (%v), of %d", n, err, Small.Stories)
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
	// File hands out copies of one kept file, which describe reads back.
	c1, err := File(t.TempDir(), Small)
	if err != nil {
		t.Fatal(err)
	}
	if c1.Active != team.Active || c1.Events != team.Events || c1.Path == team.Path {
		t.Errorf("a kept copy differs: %+v, written %+v", c1, team)
	}
}
