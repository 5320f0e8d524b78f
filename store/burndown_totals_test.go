package store

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// sprintWithHistory is a started sprint of two stories whose tasks have
// burnt down over three days, and a story left in the backlog.
func sprintWithHistory(t *testing.T) (*Store, *testClock, sprint.Sprint) {
	t.Helper()
	st, clk := newTestStore(t)
	today := sprint.DateOf(clk.Now())
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Name: "one", Goal: "ship", Start: today, End: today.AddDays(13)}))
	var tasks []sprint.Task
	for i := range 3 {
		s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "story", Points: []int{2, 3, 5}[i]}))
		if i == 2 {
			break
		}
		if err := st.AddStoryToSprint("alice", sp.ID, s.ID); err != nil {
			t.Fatal(err)
		}
		tasks = append(tasks, must[sprint.Task](t)(st.AddTask("alice", s.ID, "task", 8)))
	}
	if err := st.StartSprint("alice", sp.ID); err != nil {
		t.Fatal(err)
	}
	for day := range 3 {
		clk.Advance(24 * time.Hour)
		must[sprint.Task](t)(st.SetRemaining("alice", tasks[day%2].ID, float64(6-2*day)))
	}
	return st, clk, must[sprint.Sprint](t)(st.Sprint(sp.ID))
}

// hasDerived fails the test unless the file holds the sprint's totals and
// the index lists n stories.
func hasDerived(t *testing.T, st *Store, sprintID, n int, who string) {
	t.Helper()
	if err := st.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketBurndown).Get(itob(sprintID)) == nil || tx.Bucket(bucketSprintStories).Stats().KeyN != n {
			t.Errorf("%s made no totals or not %d index entries", who, n)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// Migration 7 makes the burndown totals and the sprint index of a file
// written at schema 6 (here: the same file with them taken away and its
// schema set back, which is what the code before them wrote). A read-only
// open of the schema-6 file does not migrate and still reads the same
// burndown and stories, replaying and scanning; the first open for writing
// migrates, and then the stored totals say what the replay said.
func TestMigration7MakesBurndownTotals(t *testing.T) {
	st, clk, sp := sprintWithHistory(t)
	today := sprint.DateOf(clk.Now())
	want := must[sprint.Burndown](t)(st.Burndown(sp.ID, today))
	stories := must[[]backlog.Story](t)(st.SprintStories(sp.ID))
	if len(want.Days) < 2 || want.Days[len(want.Days)-1].RemainingHours != 14 || len(stories) != 2 {
		t.Fatalf("%d days, %d stories", len(want.Days), len(stories))
	}
	if err := st.db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketBurndown, bucketSprintStories} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(6))
	}); err != nil {
		t.Fatal(err)
	}
	path := st.path
	st.Close()

	ro, err := Open(path, Options{ReadOnly: true, Now: clk.Now})
	if err != nil {
		t.Fatalf("read-only open of a schema-6 file: %v", err)
	}
	if got := must[sprint.Burndown](t)(ro.Burndown(sp.ID, today)); !reflect.DeepEqual(got, want) {
		t.Fatalf("read-only before migration 7:\n got %+v\nwant %+v", got, want)
	}
	if got := must[[]backlog.Story](t)(ro.SprintStories(sp.ID)); !reflect.DeepEqual(got, stories) {
		t.Fatalf("stories read-only before migration 7: %+v", got)
	}
	if problems := must[[]string](t)(ro.Check()); len(problems) > 0 {
		t.Fatalf("check of a schema-6 file: %q", problems)
	}
	if v := readSchemaOf(t, ro); v != 6 {
		t.Fatalf("a read-only open wrote schema %d", v)
	}
	ro.Close()

	rw, err := Open(path, Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if v := readSchemaOf(t, rw); v != 7 {
		t.Fatalf("schema %d after migrating", v)
	}
	hasDerived(t, rw, sp.ID, 2, "migration 7")
	if got := must[sprint.Burndown](t)(rw.Burndown(sp.ID, today)); !reflect.DeepEqual(got, want) {
		t.Fatalf("after migration 7:\n got %+v\nwant %+v", got, want)
	}
	if got := must[[]backlog.Story](t)(rw.SprintStories(sp.ID)); !reflect.DeepEqual(got, stories) {
		t.Fatalf("stories after migration 7: %+v", got)
	}
	if problems := must[[]string](t)(rw.Check()); len(problems) > 0 {
		t.Fatalf("check after migration 7: %q", problems)
	}
}

// A file of a newer schema than this huddle's is still refused, read-only too.
func TestSchema8IsRefused(t *testing.T) {
	st, _ := newTestStore(t)
	if err := st.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, u64(uint64(SchemaVersion()+1)))
	}); err != nil {
		t.Fatal(err)
	}
	path := st.path
	st.Close()
	for _, ro := range []bool{false, true} {
		if _, err := Open(path, Options{ReadOnly: ro}); err == nil || !strings.Contains(err.Error(), "upgrade huddle") {
			t.Fatalf("read-only %v: %v", ro, err)
		}
	}
}

// check says so when the stored totals or the sprint index differ from what
// the log and the stories say, or are missing from a schema-7 file.
func TestCheckComparesTotalsWithTheReplay(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		damage     func(tx *bolt.Tx, sp sprint.Sprint) error
	}{
		{"totals off by an hour", "the stored totals of sprint #1 differ from a replay of its history", func(tx *bolt.Tx, sp sprint.Sprint) error {
			b := tx.Bucket(bucketBurndown)
			v := bytes.Replace(b.Get(itob(sp.ID)), []byte(`"remaining":2,`), []byte(`"remaining":3,`), 1)
			if bytes.Equal(v, b.Get(itob(sp.ID))) {
				t.Fatalf("nothing to damage in %s", b.Get(itob(sp.ID)))
			}
			return b.Put(itob(sp.ID), v)
		}},
		{"totals lost", "sprint #1 has history but no stored totals", func(tx *bolt.Tx, sp sprint.Sprint) error {
			return tx.Bucket(bucketBurndown).Delete(itob(sp.ID))
		}},
		{"index entry lost", "S-1 names sprint #1 but is missing from the sprint index", func(tx *bolt.Tx, sp sprint.Sprint) error {
			return tx.Bucket(bucketSprintStories).Delete(pairKey(sp.ID, 1))
		}},
		{"index entry astray", "the entry for S-3 in sprint #1 does not match the story", func(tx *bolt.Tx, sp sprint.Sprint) error {
			return tx.Bucket(bucketSprintStories).Put(pairKey(sp.ID, 3), nil)
		}},
		{"buckets gone", "burndown, sprint_stories: missing", func(tx *bolt.Tx, sp sprint.Sprint) error {
			return tx.DeleteBucket(bucketBurndown)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, _, sp := sprintWithHistory(t)
			if err := st.db.Update(func(tx *bolt.Tx) error { return tc.damage(tx, sp) }); err != nil {
				t.Fatal(err)
			}
			problems := must[[]string](t)(st.Check())
			if len(problems) != 1 || !strings.Contains(problems[0], tc.want) {
				t.Fatalf("check says %q, want one problem saying %q", problems, tc.want)
			}
		})
	}
}

// An export leaves the derived records out; the import makes them again.
func TestImportMakesTheTotals(t *testing.T) {
	st, clk, sp := sprintWithHistory(t)
	today := sprint.DateOf(clk.Now())
	want := must[sprint.Burndown](t)(st.Burndown(sp.ID, today))
	var buf bytes.Buffer
	if err := st.ExportJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `"burndown"`) || strings.Contains(buf.String(), `"sprint_stories"`) {
		t.Fatal("the export carries the derived records")
	}
	path := filepath.Join(t.TempDir(), "imported.db")
	if _, err := ImportJSON(&buf, path); err != nil {
		t.Fatal(err)
	}
	cp, err := Open(path, Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	hasDerived(t, cp, sp.ID, 2, "the import")
	if got := must[sprint.Burndown](t)(cp.Burndown(sp.ID, today)); !reflect.DeepEqual(got, want) {
		t.Fatalf("imported:\n got %+v\nwant %+v", got, want)
	}
}
