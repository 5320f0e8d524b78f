package store_test

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"huddle/store"
	"huddle/store/demo"
	"huddle/store/gen"
)

// sameAsReplay fails the test unless, for every sprint of the file, the
// burndown from the stored totals equals a replay of the sprint's whole
// history on every day from before its start to after its end, the sprint
// index lists the stories a scan finds, and check finds nothing.
func sameAsReplay(t *testing.T, st *store.Store, when string) {
	t.Helper()
	sprints, err := st.Sprints()
	if err != nil {
		t.Fatal(err)
	}
	if len(sprints) == 0 {
		t.Fatalf("%s: no sprint", when)
	}
	for _, sp := range sprints {
		for q := sp.Start.AddDays(-2); !q.After(sp.End.AddDays(2)); q = q.AddDays(1) {
			got, err := st.Burndown(sp.ID, q)
			if err != nil {
				t.Fatal(err)
			}
			want, err := st.ReplayedBurndown(sp.ID, q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: sprint #%d (%s) asked on %s:\n stored %+v\nreplay %+v", when, sp.ID, sp.Status, q, got, want)
			}
		}
		got, err := st.SprintStories(sp.ID)
		if err != nil {
			t.Fatal(err)
		}
		want, err := st.ScannedSprintStories(sp.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || (len(got) > 0 && !reflect.DeepEqual(got, want)) {
			t.Fatalf("%s: sprint #%d: the index lists %d stories, a scan finds %d", when, sp.ID, len(got), len(want))
		}
	}
	if problems, err := st.Check(); err != nil || len(problems) > 0 {
		t.Fatalf("%s: check: %v %q", when, err, problems)
	}
}

// The stored burndown totals equal a replay of the log for the demo team and
// a generated one, and stay equal through what changes a sprint's work after
// the start: hours burnt, a task deleted and restored, an estimate corrected,
// a split, undo of each, a story taken out, a clock set back, and the close.
func TestStoredBurndownEqualsReplay(t *testing.T) {
	t.Run("generated", func(t *testing.T) {
		team, err := gen.File(t.TempDir(), gen.Size{Name: "test", Stories: 200, Events: 2_000})
		if err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(team.Path, store.Options{Now: gen.Now})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		sameAsReplay(t, st, "generated")
	})

	path := filepath.Join(t.TempDir(), "demo.db")
	sum, err := demo.Create(path, demoNow, false)
	if err != nil {
		t.Fatal(err)
	}
	now := demoNow
	st, err := store.Open(path, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sameAsReplay(t, st, "demo")
	lead := sum.Lead
	sp, active, err := st.ActiveSprint()
	if err != nil || !active {
		t.Fatal("the demo has no active sprint", err)
	}
	tasks, err := st.Tasks(sp.ID)
	if err != nil || len(tasks) < 3 {
		t.Fatal(len(tasks), err)
	}
	a, b := tasks[0], tasks[1]
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		now = now.Add(37 * time.Minute)
		sameAsReplay(t, st, what)
	}
	_, err = st.SetRemaining(lead, a.ID, 1.5)
	step("hours burnt", err)
	_, err = st.DeleteTask(lead, a.ID)
	step("task deleted", err)
	_, err = st.RestoreTask(lead, a.ID)
	step("task restored", err)
	_, err = st.DeleteTask(lead, b.ID)
	step("task deleted again", err)
	_, err = st.Undo(lead)
	step("delete undone", err)
	hours := b.Estimate + 3
	_, err = st.EditTask(lead, b.ID, store.TaskEdit{Hours: &hours})
	step("estimate corrected", err)
	_, err = st.Undo(lead)
	step("correction undone", err)
	_, _, err = st.SplitTask(lead, b.ID, 1, "the rest")
	step("task split", err)
	_, err = st.Undo(lead)
	step("split undone", err)
	now = now.Add(-5 * time.Hour) // the clock set back: the day is made again from the log
	_, err = st.SetRemaining(lead, a.ID, 0)
	step("hours burnt on a clock set back", err)
	_, err = st.SetRemaining(lead, b.ID, 2)
	step("more hours burnt on it", err)
	now = now.Add(-30 * time.Hour) // by more than a day: the whole history is
	_, err = st.SetRemaining(lead, a.ID, 1)
	step("hours burnt on a clock set back a day", err)
	now = now.Add(60 * time.Hour)
	step("story taken out", st.RemoveStoryFromSprint(lead, sp.ID, tasks[2].Story))
	_, err = st.CloseSprint(lead, sp.ID)
	step("sprint closed", err)
	_, err = st.AddTask(lead, a.Story, "after the close", 4)
	if err == nil {
		sameAsReplay(t, st, "a task after the close")
	}
}
