package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"huddle/sprint"
)

// RunningMeeting names the meeting running in this file on today, or "" when
// none: today's stand-up round while it is live, a planning poker session,
// or any sprint's retro between its reveal and its end. Quitting asks first
// while one runs, whatever the screen shows; one read answers it.
func (s *Store) RunningMeeting(today sprint.Date) (what string, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		if su, found, err := standupIn(tx, today); err != nil {
			return err
		} else if found && su.Live() {
			what = "The stand-up is running"
			return nil
		}
		if ps, err := pokerSessionIn(tx); err == nil && ps.Running() {
			what = "Planning poker is running"
			return nil
		}
		sprints, err := sprintsIn(tx)
		if err != nil {
			return err
		}
		for _, sp := range sprints {
			b, found, err := boardIn(tx, sp.ID)
			if err != nil || !found {
				continue // no board for this sprint
			}
			if b.Phase.Meeting() {
				what = fmt.Sprintf("The %s retro is running", sp.Ref())
				return nil
			}
		}
		return nil
	})
	return what, err
}
