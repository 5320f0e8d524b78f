package store

// Team administration beyond adding and removing people: revoking one SSH
// key, and the team at a glance (TeamView) for `team show` and the screens.

import (
	"slices"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// RemoveMemberKey takes one SSH key from a member (lead only), named by its
// fingerprint (see backlog.Member.FindKey). The key no longer signs anyone
// in; it returns the key removed.
func (s *Store) RemoveMemberKey(actor, handle, fingerprint string) (string, error) {
	handle = backlog.NormalizeHandle(handle)
	var removed string
	err := s.write(actor, leadOnly, "revoke SSH keys", func(w *wtx) error {
		b := w.bucket(bucketMembers)
		var m backlog.Member
		found, err := get(b, []byte(handle), &m)
		if err != nil {
			return err
		}
		if !found {
			return notFound("member", handle)
		}
		if removed, err = m.FindKey(fingerprint); err != nil {
			return err
		}
		m.Keys = slices.DeleteFunc(m.Keys, func(k string) bool { return k == removed })
		if err := w.bucket(bucketKeys).Delete([]byte(backlog.KeyID(removed))); err != nil {
			return err
		}
		if err := put(b, []byte(handle), m); err != nil {
			return err
		}
		fp := backlog.KeyFingerprint(removed)
		return w.emit(Event{Kind: EventMemberUpdated, Fields: map[string]string{"member": handle, "key_removed": fp},
			Text: eventf("%s revoked %s's key %s", w.actor.Handle, handle, fp)})
	})
	return removed, err
}

// TeamView is the team at a glance: its name and vision, its members (lead
// first) and the calendar.
type TeamView struct {
	Team     backlog.Team
	Members  []backlog.Member
	Calendar sprint.Calendar
}

// TeamView reads the team, its members and its calendar in one read.
func (s *Store) TeamView() (v TeamView, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		if _, err := get(tx.Bucket(bucketTeam), keyTeam, &v.Team); err != nil {
			return err
		}
		if v.Members, err = membersIn(tx); err != nil {
			return err
		}
		v.Calendar, err = calendarIn(tx)
		return err
	})
	return v, err
}
