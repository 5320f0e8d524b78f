package store

import (
	"os"

	bolt "go.etcd.io/bbolt"

	"huddle/backlog"
)

// StampIsFresh reports whether the next Open of path skips its page walk.
func StampIsFresh(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	_, ok := freshStamp(path, fi)
	return ok
}

// SprintStoriesByScan is the board's first read of a sprint's stories
// (storiesNamingSprintIn), for tests.
func (s *Store) SprintStoriesByScan(sprintID int) ([]backlog.Story, error) {
	var out []backlog.Story
	err := s.read(func(tx *bolt.Tx) (err error) { out, err = storiesNamingSprintIn(tx, sprintID); return err })
	return out, err
}
