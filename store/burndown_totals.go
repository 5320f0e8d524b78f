package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// Derived records (schema 7), kept in the write that changes what they are
// derived from, so that a board's first frame reads work proportional to the
// sprint, not to the team's history or its backlog:
//
//   - burndown: each sprint's sprint.BurndownTotals, the incremental form of
//     its burndown (the state of its work and the totals at the end of each
//     day), updated by appendEvent with each event that moves the sprint's
//     work. The log stays the source of truth: the totals equal a replay of
//     it (sprint.ComputeBurndown), which `check` verifies.
//   - sprint_stories: which stories name which sprint (backlog.Story.Sprint),
//     kept by putStory, so a sprint's stories are read without decoding the
//     backlog.
//
// Neither is exported: an import and migration 7 make them from the records.
var (
	bucketBurndown      = []byte("burndown")       // <sprint id> -> sprint.BurndownTotals (JSON)
	bucketSprintStories = []byte("sprint_stories") // <sprint id><story id> -> nothing
)

// derivedSchema is the schema that added them (migration 7).
const derivedSchema = 7

// derived reports whether a top-level bucket is one of those.
func derived(name []byte) bool {
	return bytes.Equal(name, bucketBurndown) || bytes.Equal(name, bucketSprintStories)
}

// migrateDerived (migration 7) makes the derived buckets from the records:
// the burndown totals from each sprint's history in the log, the sprint
// index from the stories. It starts from empty buckets, so it may run again
// (an import of a schema-7 export runs it too).
func migrateDerived(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketBurndown, bucketSprintStories} {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	totals, err := replayAllTotals(tx)
	if err != nil {
		return err
	}
	bb := tx.Bucket(bucketBurndown)
	for id, t := range totals {
		if err := put(bb, itob(id), t); err != nil {
			return err
		}
	}
	idx := tx.Bucket(bucketSprintStories)
	idx.FillPercent = appendFill // keys arrive in order within a sprint
	sb := tx.Bucket(bucketStories)
	return sb.ForEach(func(k, v []byte) error {
		sprintID, err := storySprint(v)
		if err != nil {
			return fmt.Errorf("story %d: %w", btoi(k), err)
		}
		if sprintID == 0 {
			return nil
		}
		return idx.Put(pairKey(sprintID, btoi(k)), nil)
	})
}

// replayAllTotals makes every sprint's totals from its history, by sprint ID:
// a sprint with no change in its history has none.
func replayAllTotals(tx *bolt.Tx) (map[int]*sprint.BurndownTotals, error) {
	out := map[int]*sprint.BurndownTotals{}
	c := tx.Bucket(bucketSprintEvents).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Seek(itob(btoi(k) + 1)) {
		id := btoi(k)
		changes, at, err := sprintChangesAt(tx, id, 0)
		if err != nil {
			return nil, err
		}
		if len(changes) > 0 {
			out[id] = sprint.NewBurndownTotals(changes, at)
		}
	}
	return out, nil
}

// addToTotals folds one logged event's history value (historyValue, at
// sequence seq) into its sprint's stored totals, inside the write that logs
// it. A change older than the newest one in (the clock was set back) makes
// its day again from the log, or, when it falls on an earlier day, the
// whole history.
func addToTotals(tx *bolt.Tx, sprintID int, seq uint64, hv []byte) error {
	c, ok, _ := decodeHistoryValue(hv)
	b := tx.Bucket(bucketBurndown)
	if !ok || b == nil {
		return nil
	}
	t := sprint.NewBurndownTotals(nil, nil)
	_, err := get(b, itob(sprintID), t)
	done := err == nil && t.Add(c, seq)
	if !done && err == nil && t.Mark() != 0 {
		day, _, err := sprintChangesAt(tx, sprintID, t.Mark())
		if err != nil {
			return err
		}
		done = t.ReplayDay(day)
	}
	if !done {
		// Damaged, or older than the newest day: the log (which holds c
		// already) says.
		changes, at, err := sprintChangesAt(tx, sprintID, 0)
		if err != nil {
			return err
		}
		t = sprint.NewBurndownTotals(changes, at)
	}
	return put(b, itob(sprintID), t)
}

// totalsIn is a sprint's burndown totals: the stored ones, or (a file before
// schema 7 opened read-only, or a damaged record, which check reports) a
// replay of its history.
func totalsIn(tx *bolt.Tx, sprintID int) (*sprint.BurndownTotals, error) {
	if b := tx.Bucket(bucketBurndown); b != nil {
		t := sprint.NewBurndownTotals(nil, nil)
		if _, err := get(b, itob(sprintID), t); err == nil {
			return t, nil
		}
	}
	changes, err := sprintChangesIn(tx, sprintID)
	if err != nil {
		return nil, err
	}
	return sprint.NewBurndownTotals(changes, nil), nil
}

// putStory writes a story record and keeps the sprint index in step with
// the sprint it names. Every write of a story record goes through it.
func putStory(tx *bolt.Tx, st backlog.Story) error {
	sb := tx.Bucket(bucketStories)
	if idx := tx.Bucket(bucketSprintStories); idx != nil {
		was := 0
		if old := sb.Get(itob(st.ID)); old != nil {
			var err error
			if was, err = storySprint(old); err != nil {
				return fmt.Errorf("record %x in bucket stories is damaged: %w", itob(st.ID), err)
			}
		}
		if was != st.Sprint {
			if was != 0 {
				if err := idx.Delete(pairKey(was, st.ID)); err != nil {
					return err
				}
			}
			if st.Sprint != 0 {
				if err := idx.Put(pairKey(st.Sprint, st.ID), nil); err != nil {
					return err
				}
			}
		}
	}
	return put(sb, itob(st.ID), st)
}

// storySprint is the sprint a story record names (0: none).
func storySprint(raw []byte) (int, error) {
	var s struct {
		Sprint int `json:"sprint"`
	}
	err := json.Unmarshal(raw, &s)
	return s.Sprint, err
}

// indexedSprintStoriesIn is a sprint's stories read through the sprint
// index; ok is false for a file without it (before schema 7, read-only).
func indexedSprintStoriesIn(tx *bolt.Tx, sprintID int) (out []backlog.Story, ok bool, err error) {
	idx := tx.Bucket(bucketSprintStories)
	if idx == nil {
		return nil, false, nil
	}
	sb := tx.Bucket(bucketStories)
	prefix := itob(sprintID)
	c := idx.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		var st backlog.Story
		if _, err := get(sb, k[8:], &st); err != nil {
			return nil, true, err
		}
		out = append(out, st)
	}
	return sprintStoriesOf(out, sprintID), true, nil
}

// rebuild says how to make the derived records again from the log.
const rebuild = " (its chart would be wrong; `huddle export --format json` then `huddle import` into a new file rebuilds it)"

// checkDerived compares the derived buckets with what the records say: each
// sprint's stored burndown totals with a replay of its history, and the
// sprint index with the stories. A file before schema 7 (read-only) has
// nothing to compare.
func checkDerived(tx *bolt.Tx) []string {
	bb, idx := tx.Bucket(bucketBurndown), tx.Bucket(bucketSprintStories)
	switch {
	case (bb == nil || idx == nil) && readSchema(tx) >= derivedSchema:
		return []string{"burndown, sprint_stories: missing (export the file with `huddle export --format json` and import it into a new file to make them)"}
	case bb == nil || idx == nil:
		return nil
	}
	var problems []string
	want, err := replayAllTotals(tx)
	if err != nil {
		return []string{"burndown: the sprint history cannot be replayed: " + oneLine(err.Error())}
	}
	_ = bb.ForEach(func(k, v []byte) error {
		id := btoi(k)
		t, ok := want[id]
		delete(want, id)
		switch {
		case len(k) != 8:
			problems = append(problems, fmt.Sprintf("burndown: malformed key %x", k))
		case !ok:
			problems = append(problems, fmt.Sprintf("burndown: sprint #%d has stored totals but no history"+rebuild, id))
		default:
			if raw, err := json.Marshal(t); err != nil || !bytes.Equal(raw, v) {
				problems = append(problems, fmt.Sprintf("burndown: the stored totals of sprint #%d differ from a replay of its history"+rebuild, id))
			}
		}
		return nil
	})
	for _, id := range slices.Sorted(maps.Keys(want)) {
		problems = append(problems, fmt.Sprintf("burndown: sprint #%d has history but no stored totals"+rebuild, id))
	}
	indexed := map[string]bool{}
	_ = idx.ForEach(func(k, _ []byte) error {
		indexed[string(k)] = true
		return nil
	})
	_ = tx.Bucket(bucketStories).ForEach(func(k, v []byte) error {
		id, err := storySprint(v)
		if err != nil || id == 0 {
			return nil // a damaged record is checkRecords' to report
		}
		key := string(pairKey(id, btoi(k)))
		if !indexed[key] {
			problems = append(problems, fmt.Sprintf("sprint_stories: %s names sprint #%d but is missing from the sprint index", backlog.StoryRef(btoi(k)), id))
		}
		delete(indexed, key)
		return nil
	})
	for _, k := range slices.Sorted(maps.Keys(indexed)) {
		problems = append(problems, fmt.Sprintf("sprint_stories: the entry for %s in sprint #%d does not match the story", backlog.StoryRef(btoi([]byte(k)[8:])), btoi([]byte(k))))
	}
	return problems
}
