package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Bucket and key names. See the package comment for the tree.
var (
	bucketMeta         = []byte("meta")
	bucketTeam         = []byte("team")
	bucketMembers      = []byte("members")
	bucketKeys         = []byte("keys")
	bucketObjectives   = []byte("objectives")
	bucketKeyResults   = []byte("keyresults")
	bucketStories      = []byte("stories")
	bucketStoryRank    = []byte("story_rank")
	bucketSprints      = []byte("sprints")
	bucketTasks        = []byte("tasks")
	bucketSprintTasks  = []byte("sprint_tasks")
	bucketNotes        = []byte("notes")
	bucketStandups     = []byte("standups")
	bucketRetroBoards  = []byte("retro_boards")
	bucketRetroCards   = []byte("retro_cards")
	bucketRetroActions = []byte("retro_actions")
	bucketFeedback     = []byte("feedback")
	bucketEvents       = []byte("events")
	bucketSprintEvents = []byte("sprint_events")

	keySchema = []byte("schema")
	keyTeam   = []byte("team")
	// keyMarker holds markerValue: the file is huddle's (schema 2 on).
	keyMarker   = []byte("format")
	markerValue = []byte("huddle team file")
)

// v1Buckets is the bucket tree of schema 1, the one huddle file format
// without a marker: such a file is recognised by exactly this tree.
var v1Buckets = [][]byte{bucketTeam, bucketMembers, bucketKeys, bucketObjectives, bucketKeyResults,
	bucketStories, bucketStoryRank, bucketSprints, bucketTasks, bucketSprintTasks, bucketNotes,
	bucketStandups, bucketRetroBoards, bucketRetroCards, bucketRetroActions, bucketFeedback,
	bucketEvents, bucketSprintEvents}

// dataBuckets are the buckets of records a huddle file holds and an export
// carries: schema 1's tree, the story index (migration 3), planning poker (4)
// the team's calendar (5) and comments (6).
var dataBuckets = append(append([][]byte{}, v1Buckets...), bucketStoryEvents, bucketPoker, bucketCalendar, bucketComments)

// huddleBucket says whether name is a top-level bucket huddle keeps: meta,
// the data buckets, and the unexported ones: the anonymous boards' secrets
// (made with the first anonymous card), poker cards before their reveal, and
// what undo keeps.
func huddleBucket(name []byte) bool {
	return unexported(name) || exportInSet(dataBuckets, name)
}

// unexported says whether a top-level bucket stays out of exports and out of
// the record checks: the schema (meta), the anonymous boards' keys and what
// undo keeps, poker cards before their reveal, and the derived records
// (burndown totals, sprint index) that an import makes again.
func unexported(name []byte) bool {
	return bytes.Equal(name, bucketMeta) || bytes.Equal(name, bucketRetroSecrets) ||
		bytes.Equal(name, bucketUndo) || bytes.Equal(name, bucketPokerVotes) || derived(name)
}

// A migration moves the file from schema version N-1 to N. Migrations run in
// order, all in one transaction at open, so a file is never half migrated.
type migration struct {
	version int
	name    string
	apply   func(tx *bolt.Tx) error
	// readable: a file without this migration still reads right, so a
	// read-only open (check, backup, export) need not refuse it.
	readable bool
}

// migrations is the ordered history of the file format. Append only: never
// edit or reorder an entry that has shipped.
var migrations = []migration{
	{1, "create the bucket tree", func(tx *bolt.Tx) error {
		for _, b := range v1Buckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	}, false},
	{2, "mark the file as huddle's", func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyMarker, markerValue)
	}, true},
	{3, "index the event log by story", migrateStoryIndex, true}, // StoryHistory scans a file without it
	{4, "make the planning poker buckets", migratePoker, true},   // poker reads find no session without them
	{5, "add the team's calendar", migrateCalendar, true},        // a file without it has no holidays
	{6, "add comments and mentions", migrateComments, true},      // a file without it has no comments
	// 7: reads of a file without them replay the history and scan the stories.
	{7, "keep burndown totals and a sprint index", migrateDerived, true},
}

// SchemaVersion is the file format this binary writes.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

func readSchema(tx *bolt.Tx) int {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0
	}
	v := meta.Get(keySchema)
	if len(v) != 8 {
		return 0
	}
	return int(binary.BigEndian.Uint64(v))
}

// recognise refuses a file that is not huddle's: a huddle file carries the
// marker, or (schema 1, before the marker) exactly the schema-1 tree. A
// foreign bbolt file, with or without a meta bucket, and an empty one, are
// refused, and never written.
func recognise(path string) func(tx *bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil && bytes.Equal(meta.Get(keyMarker), markerValue) {
			return nil
		}
		var names []string
		_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			names = append(names, string(name))
			return nil
		})
		if len(names) == 0 {
			return fmt.Errorf("%s is an empty bbolt file, not a huddle file: %w (remove it, or open another file)", path, ErrCorrupt)
		}
		if readSchema(tx) == 1 && len(names) == len(v1Buckets)+1 {
			ok := true
			for _, b := range v1Buckets {
				ok = ok && tx.Bucket(b) != nil
			}
			if ok {
				return nil
			}
		}
		return fmt.Errorf("%s is a bbolt file but not a huddle file: %w (it was left untouched)", path, ErrCorrupt)
	}
}

// prepare checks the schema version and runs pending migrations; created
// says the file was made by this open (an empty bbolt file).
func (s *Store) prepare(readOnly, created bool) error {
	var version int
	if err := s.guard(func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			if !created {
				if err := recognise(s.path)(tx); err != nil {
					return err
				}
			}
			version = readSchema(tx)
			return nil
		})
	}); err != nil {
		return err
	}
	switch {
	case version > SchemaVersion():
		return fmt.Errorf("%s was %w (schema %d; this huddle knows up to %d); upgrade huddle to open it", s.path, ErrTooNew, version, SchemaVersion())
	case version == SchemaVersion():
		return nil
	case readOnly && readableFrom(version):
		return nil
	case readOnly:
		return fmt.Errorf("%s needs upgrading from schema %d to %d; open it once with huddle (not read-only) to migrate", s.path, version, SchemaVersion())
	}
	return s.guard(func() error { return s.update(func(tx *bolt.Tx) error { return migrate(tx, version) }) })
}

// readableFrom reports whether every migration after version is readable.
func readableFrom(version int) bool {
	for _, m := range migrations {
		if m.version > version && !m.readable {
			return false
		}
	}
	return true
}

type stopError struct{}

func (stopError) Error() string { return "stop" }

var errStop error = stopError{}

// migrate runs every migration after `from`, then records the new version.
func migrate(tx *bolt.Tx, from int) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	for _, m := range migrations {
		if m.version <= from {
			continue
		}
		if err := m.apply(tx); err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
		}
	}
	return meta.Put(keySchema, u64(uint64(SchemaVersion())))
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func itob(id int) []byte { return u64(uint64(id)) }

func btoi(b []byte) int {
	if len(b) < 8 {
		return 0
	}
	return int(binary.BigEndian.Uint64(b[:8]))
}

// pairKey joins two IDs: the index key of "child of parent".
func pairKey(parent, child int) []byte { return append(itob(parent), itob(child)...) }
