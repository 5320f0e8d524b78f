package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// The rules every stored record keeps, whoever wrote it: checked by `huddle
// check` on a file and by the JSON import on every record before anything is
// written. The team's rules come from the domain packages (Member.Validate,
// Story.Validate, Sprint.Validate, ValidateHours...); on top of them every
// record is stored text (see CleanText: no escape sequences or controls,
// capped), has finite numbers of a sane size and dates in the years
// sprint.YearInRange allows, and
// points only at records that exist.

// Bounds of stored values.
const (
	maxStoredNumber = 1e15    // the largest number a record holds (durations in ns fit)
	maxRecordBytes  = 1 << 20 // a stored record, JSON
)

// recordError is a problem with one record: "bucket key: reason".
func recordError(bucket, key []byte, format string, args ...any) error {
	return fmt.Errorf("%s %s: %s", printableName(bucket), recordKey(bucket, key), fmt.Sprintf(format, args...))
}

// recordKey is a record's key as people read it.
func recordKey(bucket, k []byte) string {
	r := exportEncodeKey(bucket, k)
	if r.KeyHex != "" {
		if len(r.KeyHex) > 80 {
			return "0x" + r.KeyHex[:80] + "…"
		}
		return "0x" + r.KeyHex
	}
	s := strings.Trim(string(r.Key), `"`) // JSON-escaped: controls show as \u001b
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

// checkValue applies the rules every record keeps: valid JSON of at most
// maxRecordBytes whose strings are stored text, numbers finite and within
// maxStoredNumber, and dates within minYear..maxYear.
func checkValue(v []byte) error {
	if len(v) > maxRecordBytes {
		return fmt.Errorf("the record is %d bytes, over the %d a record may hold", len(v), maxRecordBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("not a JSON record (%v)", err)
	}
	return checkJSON(doc, "")
}

func checkJSON(v any, path string) error {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) { // the same first problem every time
			if err := checkString(k, path); err != nil {
				return err
			}
			if err := checkJSON(x[k], k); err != nil {
				return err
			}
		}
	case []any:
		for _, e := range x {
			if err := checkJSON(e, path); err != nil {
				return err
			}
		}
	case json.Number:
		f, err := x.Float64()
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > maxStoredNumber {
			return fmt.Errorf("%s is %s, not a number huddle stores (finite, at most %g)", field(path), x.String(), float64(maxStoredNumber))
		}
	case string:
		return checkString(x, path)
	}
	return nil
}

func field(path string) string {
	if path == "" {
		return "a value"
	}
	return fmt.Sprintf("%q", path)
}

// checkString: stored text has no escape sequences or controls (what
// CleanText leaves), is capped, and a date in it has a sane year.
func checkString(s, path string) error {
	if !utf8.ValidString(s) || stripUnsafe(s) != strings.ReplaceAll(s, "\r", "") || strings.Contains(s, "\r") {
		return fmt.Errorf("%s holds escape sequences or control characters", field(path))
	}
	if n := utf8.RuneCountInString(s); n > MaxText {
		return fmt.Errorf("%s is %d characters, over the %d huddle stores", field(path), n, MaxText)
	}
	if len(s) >= 10 && len(s) <= 40 && s[4] == '-' && s[7] == '-' {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t, err = time.Parse(time.DateOnly, s)
		}
		if err == nil && !t.IsZero() && !sprint.YearInRange(t) {
			return fmt.Errorf("%s is %s, outside the years %d-%d", field(path), s, sprint.MinYear, sprint.MaxYear)
		}
	}
	return nil
}

// decodeStrict decodes a record into its domain type.
func decodeStrict(v []byte, into any) error {
	if err := json.Unmarshal(v, into); err != nil {
		return fmt.Errorf("not a valid record (%v)", err)
	}
	return nil
}

// teamIndex is what the reference rules look up.
type teamIndex struct {
	members    map[string]backlog.Member
	stories    map[int]bool
	sprints    map[int]bool
	keyResults map[int]bool
	objectives map[int]bool
}

// checkRecords checks every record of the file against the rules above and
// the team's: one line per problem ("bucket key: reason"), at most 50.
func checkRecords(tx *bolt.Tx) []string {
	var problems []string
	add := func(err error) bool {
		if len(problems) < 50 {
			problems = append(problems, err.Error())
		}
		return len(problems) < 50
	}
	var all []rawBucket
	_ = tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		if unexported(name) {
			return nil // not records: the schema, opaque anonymity secrets, undo's bin
		}
		rb := rawBucket{name: name}
		_ = b.ForEach(func(k, v []byte) error {
			rb.recs = append(rb.recs, rawKV{k, v})
			return nil
		})
		all = append(all, rb)
		return nil
	})
	for _, err := range validateRecords(all) {
		if !add(err) {
			break
		}
	}
	return problems
}

// rawBucket is a bucket's records as stored.
type rawBucket struct {
	name []byte
	recs []rawKV
}

type rawKV struct{ k, v []byte }

// jsonBuckets hold JSON documents (the burndown totals too); the others hold
// index entries, the keys' owners (a handle) and the burndown's binary
// history values.
var jsonBuckets = [][]byte{bucketTeam, bucketMembers, bucketObjectives, bucketKeyResults, bucketStories, bucketSprints,
	bucketTasks, bucketNotes, bucketStandups, bucketRetroBoards, bucketRetroCards, bucketRetroActions, bucketFeedback, bucketEvents, bucketPoker,
	bucketCalendar, bucketComments, bucketBurndown}

// validateRecords checks the records of every bucket: each on its own, then
// the references between them and the team's shape (exactly one lead).
func validateRecords(buckets []rawBucket) []error {
	var errs []error
	idx := teamIndex{members: map[string]backlog.Member{}, stories: map[int]bool{}, sprints: map[int]bool{}, keyResults: map[int]bool{}, objectives: map[int]bool{}}
	type later struct {
		bucket, key []byte
		check       func() error
	}
	var refs []later
	for _, rb := range buckets {
		name := rb.name
		if !exportInSet(dataBuckets, name) {
			errs = append(errs, fmt.Errorf("bucket %s: not one huddle keeps", printableName(name)))
			continue
		}
		isJSON := exportInSet(jsonBuckets, name)
		for _, r := range rb.recs {
			k, v := r.k, r.v
			if len(k) == 0 || len(k) > 1024 {
				errs = append(errs, fmt.Errorf("%s: a key of %d bytes", printableName(name), len(k)))
				continue
			}
			if isJSON {
				if err := checkValue(v); err != nil {
					errs = append(errs, recordError(name, k, "%v", err))
					continue
				}
			}
			ref, err := checkRecord(name, k, v, &idx)
			if err != nil {
				errs = append(errs, recordError(name, k, "%v", err))
				continue
			}
			if ref != nil {
				refs = append(refs, later{name, k, ref})
			}
		}
	}
	for _, r := range refs {
		if err := r.check(); err != nil {
			errs = append(errs, recordError(r.bucket, r.key, "%v", err))
		}
	}
	leads := 0
	for _, m := range idx.members {
		if m.Role == backlog.RoleLead {
			leads++
		}
	}
	if len(idx.members) > 0 && leads != 1 {
		errs = append(errs, fmt.Errorf("members: the team has %d leads; it needs exactly one", leads))
	}
	return errs
}

// checkRecord applies the domain rules of the record's type and notes it in
// idx; the returned func checks its references once every record is known.
func checkRecord(bucket, k, v []byte, idx *teamIndex) (func() error, error) {
	member := func(h, what string) error {
		if _, ok := idx.members[h]; !ok {
			return fmt.Errorf("%s %q is not a member of the team", what, h)
		}
		return nil
	}
	idOf := func(id int) error {
		if len(k) != 8 || btoi(k) != id {
			return fmt.Errorf("its id %d does not match its key", id)
		}
		return nil
	}
	switch {
	case bytes.Equal(bucket, bucketMembers):
		var m backlog.Member
		if err := decodeStrict(v, &m); err != nil {
			return nil, err
		}
		if err := m.Validate(); err != nil {
			return nil, err
		}
		if string(k) != m.Handle {
			return nil, fmt.Errorf("its handle %q does not match its key", m.Handle)
		}
		for _, key := range m.Keys {
			if err := backlog.ValidateKey(key); err != nil {
				return nil, err
			}
		}
		if m.Name != CleanTitle(m.Name) {
			return nil, errors.New("its name is not clean one-line text")
		}
		idx.members[m.Handle] = m
	case bytes.Equal(bucket, bucketKeys):
		return func() error { return member(string(v), "the key's owner") }, nil
	case bytes.Equal(bucket, bucketCalendar):
		return checkCalendarRecord(k, v, member)
	case bytes.Equal(bucket, bucketComments):
		return checkCommentRecord(k, v)
	case bytes.Equal(bucket, bucketSprintEvents):
		if len(v) >= 34 && v[0] == 1 {
			if f := math.Float64frombits(binary.BigEndian.Uint64(v[26:])); math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > sprint.MaxTaskHours*1e3 {
				return nil, fmt.Errorf("the burndown entry holds %g, not a number huddle stores", f)
			}
		}
	case bytes.Equal(bucket, bucketObjectives):
		var o backlog.Objective
		if err := decodeStrict(v, &o); err != nil {
			return nil, err
		}
		if err := idOf(o.ID); err != nil {
			return nil, err
		}
		if _, err := backlog.ParseQuarter(string(o.Quarter)); err != nil {
			return nil, err
		}
		idx.objectives[o.ID] = true
	case bytes.Equal(bucket, bucketKeyResults):
		var kr backlog.KeyResult
		if err := decodeStrict(v, &kr); err != nil {
			return nil, err
		}
		if err := idOf(kr.ID); err != nil {
			return nil, err
		}
		if err := kr.Validate(); err != nil {
			return nil, err
		}
		idx.keyResults[kr.ID] = true
		return func() error {
			if !idx.objectives[kr.ObjectiveID] {
				return fmt.Errorf("its objective O-%d does not exist", kr.ObjectiveID)
			}
			return nil
		}, nil
	case bytes.Equal(bucket, bucketStories):
		var s backlog.Story
		if err := decodeStrict(v, &s); err != nil {
			return nil, err
		}
		if err := idOf(s.ID); err != nil {
			return nil, err
		}
		if err := s.Validate(); err != nil && s.Status != backlog.StatusDeleted {
			return nil, err
		}
		if s.Title != CleanTitle(s.Title) {
			return nil, errors.New("its title is not clean one-line text")
		}
		idx.stories[s.ID] = true
		return func() error {
			if s.Sprint != 0 && !idx.sprints[s.Sprint] {
				return fmt.Errorf("its sprint %s does not exist", sprint.SprintRef(s.Sprint))
			}
			if s.KeyResult != 0 && !idx.keyResults[s.KeyResult] {
				return fmt.Errorf("its key result KR-%d does not exist", s.KeyResult)
			}
			return nil
		}, nil
	case bytes.Equal(bucket, bucketPoker):
		return checkPokerRecord(k, v, idx)
	case bytes.Equal(bucket, bucketSprints):
		var s sprint.Sprint
		if err := decodeStrict(v, &s); err != nil {
			return nil, err
		}
		if err := idOf(s.ID); err != nil {
			return nil, err
		}
		if err := s.Validate(); err != nil {
			return nil, err
		}
		for _, h := range s.Capacity {
			if err := sprint.ValidateHours(h); err != nil {
				return nil, fmt.Errorf("capacity: %v", err)
			}
		}
		idx.sprints[s.ID] = true
		return func() error {
			for h := range s.Capacity {
				if err := member(h, "capacity for"); err != nil {
					return err
				}
			}
			return nil
		}, nil
	case bytes.Equal(bucket, bucketTasks):
		var t sprint.Task
		if err := decodeStrict(v, &t); err != nil {
			return nil, err
		}
		if err := idOf(t.ID); err != nil {
			return nil, err
		}
		if err := sprint.ValidateHours(t.Estimate); err != nil {
			return nil, fmt.Errorf("estimate: %v", err)
		}
		if err := sprint.ValidateHours(t.Remaining); err != nil {
			return nil, fmt.Errorf("remaining: %v", err)
		}
		if t.Title != CleanTitle(t.Title) || strings.TrimSpace(t.Title) == "" {
			return nil, errors.New("its title is empty or not clean one-line text")
		}
		return func() error {
			if !idx.stories[t.Story] {
				return fmt.Errorf("its story %s does not exist", backlog.StoryRef(t.Story))
			}
			if t.Sprint != 0 && !idx.sprints[t.Sprint] {
				return fmt.Errorf("its sprint %s does not exist", sprint.SprintRef(t.Sprint))
			}
			if t.Owner != "" {
				return member(t.Owner, "its owner")
			}
			return nil
		}, nil
	case bytes.Equal(bucket, bucketRetroBoards):
		var b retro.Board
		if err := decodeStrict(v, &b); err != nil {
			return nil, err
		}
		if err := b.Validate(); err != nil {
			return nil, err
		}
	case bytes.Equal(bucket, bucketRetroCards):
		var c retro.Card
		return nil, decodeStrict(v, &c)
	case bytes.Equal(bucket, bucketRetroActions):
		var a retro.Action
		return nil, decodeStrict(v, &a)
	case bytes.Equal(bucket, bucketFeedback):
		var f retro.Feedback
		return nil, decodeStrict(v, &f)
	case bytes.Equal(bucket, bucketNotes):
		var n sprint.Note
		return nil, decodeStrict(v, &n)
	case bytes.Equal(bucket, bucketTeam):
		var t backlog.Team
		if err := decodeStrict(v, &t); err != nil {
			return nil, err
		}
		if t.Name != CleanTitle(t.Name) {
			return nil, errors.New("the team's name is not clean one-line text")
		}
	case bytes.Equal(bucket, bucketEvents):
		var e Event
		return nil, decodeStrict(v, &e)
	}
	return nil, nil
}
