package store

import (
	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// ReplayedBurndown is a sprint's burndown replayed from its whole history in
// the log (sprint.ComputeBurndown), not read from its stored totals: the
// reference the tests of store_test hold Burndown to.
func (s *Store) ReplayedBurndown(sprintID int, today sprint.Date) (b sprint.Burndown, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		sp, changes, err := sprintHistoryIn(tx, sprintID)
		b = sprint.ComputeBurndown(sp, changes, today)
		return err
	})
	return b, err
}

// ScannedSprintStories is a sprint's stories found by decoding every story,
// not through the sprint index.
func (s *Store) ScannedSprintStories(sprintID int) (out []backlog.Story, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		out, err = scanSprintStoriesIn(tx, sprintID)
		return err
	})
	return out, err
}
