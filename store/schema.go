package store

import (
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
)

// A migration moves the file from schema version N-1 to N. Migrations run in
// order, all in one transaction at open, so a file is never half migrated.
type migration struct {
	version int
	name    string
	apply   func(tx *bolt.Tx) error
}

// migrations is the ordered history of the file format. Append only: never
// edit or reorder an entry that has shipped.
var migrations = []migration{
	{1, "create the bucket tree", func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketTeam, bucketMembers, bucketKeys, bucketObjectives, bucketKeyResults,
			bucketStories, bucketStoryRank, bucketSprints, bucketTasks, bucketSprintTasks, bucketNotes,
			bucketStandups, bucketRetroBoards, bucketRetroCards, bucketRetroActions, bucketFeedback,
			bucketEvents, bucketSprintEvents} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	}},
	{2, "index the event log by story", migrateStoryIndex},
}

// SchemaVersion is the file format this binary writes.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

func readSchema(tx *bolt.Tx) (version int, huddle bool) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, false
	}
	v := meta.Get(keySchema)
	if len(v) != 8 {
		return 0, true
	}
	return int(binary.BigEndian.Uint64(v)), true
}

// prepare checks the schema version and runs pending migrations.
func (s *Store) prepare(readOnly bool) error {
	var version int
	var isHuddle, hasBuckets bool
	if err := s.db.View(func(tx *bolt.Tx) error {
		version, isHuddle = readSchema(tx)
		hasBuckets = tx.ForEach(func([]byte, *bolt.Bucket) error { return errStop }) == errStop
		return nil
	}); err != nil {
		return err
	}
	switch {
	case !isHuddle && hasBuckets:
		return fmt.Errorf("%s is a bbolt file but not a huddle database: %w", s.path, ErrCorrupt)
	case version > SchemaVersion():
		return fmt.Errorf("%s was %w (schema %d; this huddle knows up to %d); upgrade huddle to open it", s.path, ErrTooNew, version, SchemaVersion())
	case version == SchemaVersion():
		return nil
	case readOnly:
		return fmt.Errorf("%s needs upgrading from schema %d to %d; open it once with huddle (not read-only) to migrate", s.path, version, SchemaVersion())
	}
	return s.db.Update(func(tx *bolt.Tx) error { return migrate(tx, version) })
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
