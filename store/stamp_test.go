package store_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/store"
	"huddle/store/demo"
)

// TestStampedFileDamagedLaterIsCaught: the open check skips its walk of every
// page for a file huddle last checked or wrote (the stamp beside it). A file
// huddle closed cleanly and then damaged in place (the flags of one page
// inverted, size unchanged, as a disk or another program would) must get the
// same verdict as the same bytes never seen before: damaged or refused when
// the whole check says so.
func TestStampedFileDamagedLaterIsCaught(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "demo.db")
	if _, err := demo.Create(src, demoNow, false); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	opts := store.Options{Now: func() time.Time { return demoNow }}
	verdict := func(path string) string {
		st, err := store.Open(path, opts)
		switch {
		case errors.Is(err, store.ErrCorrupt):
			return "refused"
		case err != nil:
			return "error: " + err.Error()
		}
		defer st.Close()
		if st.Damaged() {
			return "damaged"
		}
		return "sound"
	}
	const pageSize = 4096
	caught := 0
	for page := 2; page < len(good)/pageSize; page += 3 {
		path := filepath.Join(dir, fmt.Sprintf("p%d.db", page))
		if err := os.WriteFile(path, good, 0o600); err != nil {
			t.Fatal(err)
		}
		if v := verdict(path); v != "sound" {
			t.Fatalf("page %d: the good file is %s", page, v)
		}
		stamp := filepath.Join(dir, fmt.Sprintf(".p%d.db.checked", page))
		if _, err := os.Stat(stamp); err != nil {
			t.Fatalf("no stamp after a clean open and close: %v", err)
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		at := int64(page*pageSize + 8) // the page's flags
		b := []byte{0}
		if _, err := f.ReadAt(b, at); err != nil {
			t.Fatal(err)
		}
		b[0] ^= 0xFF
		if _, err := f.WriteAt(b, at); err != nil {
			t.Fatal(err)
		}
		f.Close()
		stamped := verdict(path)
		os.Remove(stamp)
		fresh := verdict(path)
		if stamped != fresh {
			t.Errorf("page %d: %s after a stamp, %s when read afresh", page, stamped, fresh)
		}
		if fresh != "sound" {
			caught++
		}
	}
	if caught == 0 {
		t.Fatal("no damage planted was caught at all: the test damages nothing")
	}
}

// TestStampFollowsHuddlesOwnWrites: a file a huddle wrote and closed opens
// without its walk next time, and a write by huddle keeps it so; a byte
// changed by anything else, even with its modification time set back, is
// read page by page again and caught.
func TestStampFollowsHuddlesOwnWrites(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "team.db")
	opts := store.Options{Create: true, Now: func() time.Time { return demoNow }}
	st, err := store.Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Bootstrap("maya", "Team"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddStory("maya", store.StoryInput{Title: "First", Points: 1}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if !store.StampIsFresh(path) {
		t.Fatal("a file huddle wrote and closed has no fresh stamp")
	}
	st, err = store.Open(path, store.Options{Now: opts.Now})
	if err != nil || st.Damaged() {
		t.Fatal(err, st.Damaged())
	}
	if _, err := st.AddStory("maya", store.StoryInput{Title: "Second", Points: 2}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if !store.StampIsFresh(path) {
		t.Fatal("huddle's own write made its stamp stale")
	}
	fi, _ := os.Stat(path)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte{0}, fi.Size()-1)
	f.Close()
	os.Chtimes(path, fi.ModTime(), fi.ModTime())
	if store.StampIsFresh(path) {
		t.Fatal("a foreign write with its mtime set back left the stamp fresh")
	}
}

// TestBoardFirstReadFindsEverySprintStory: the board's first frame reads a
// sprint's stories by looking for its number in the records instead of
// decoding all of them; on every sprint of the demo team it finds exactly
// the stories the full read does, in the same order.
func TestBoardFirstReadFindsEverySprintStory(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "demo.db")
	if _, err := demo.Create(path, demoNow, false); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{Now: func() time.Time { return demoNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sprints, err := st.Sprints()
	if err != nil || len(sprints) < 2 {
		t.Fatal(len(sprints), err)
	}
	found := 0
	for _, sp := range sprints {
		want, err := st.SprintStories(sp.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, err := st.SprintStoriesByScan(sp.ID)
		if err != nil {
			t.Fatal(err)
		}
		ids := func(list []backlog.Story) (out []int) {
			for _, s := range list {
				out = append(out, s.ID)
			}
			return out
		}
		if !slices.Equal(ids(got), ids(want)) {
			t.Errorf("sprint %d: the scan finds %v, the full read %v", sp.ID, ids(got), ids(want))
		}
		found += len(want)
	}
	if found == 0 {
		t.Fatal("no sprint has a story: the test compares nothing")
	}
}
