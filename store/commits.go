package store

import (
	"encoding/json"
	"fmt"
	"sync/atomic"

	"huddle/backlog"

	bolt "go.etcd.io/bbolt"
)

// Which commit a read would see, without a read transaction.
//
// After each change every session asks for its screen's data again, and
// nearly all of it is shared (readcache.go): what each one needs to know for
// itself is only the commit its read would see and whether its member is
// still the one it signed in as. A bbolt read transaction per session per
// load just to learn that is most of the per-session cost of a change, so the
// store keeps the ID of the last commit itself: bbolt lets one process at a
// time open a file for writing, and every write of this process goes
// through update, which moves the clock on as the transaction commits, before
// the write returns and before its events are published. A session that
// reloads because of an event therefore asks at that event's commit or a
// newer one, never an older one.

// commitClock is the ID of the last transaction committed to the file, as
// far as this process knows (0: not known yet, or the file is closed).
type commitClock struct{ id atomic.Int64 }

// advance moves the clock on to id (never back).
func (c *commitClock) advance(id int) {
	for {
		old := c.id.Load()
		if int64(id) <= old || c.id.CompareAndSwap(old, int64(id)) {
			return
		}
	}
}

// update runs fn in one bbolt write transaction and moves the commit clock
// on once it has committed. Every write to the file goes through it.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		id := tx.ID() // (a closed transaction has none)
		tx.OnCommit(func() { s.clock.advance(id) })
		return fn(tx)
	})
}

// seen returns the commit a read by this session would see now (that one or
// a newer one), after checking that the session is still bound at it: a
// session whose member was removed gets ErrSessionEnded, for itself only.
// It needs no read transaction of its own once the clock is known.
func (s *Store) seen() (int, error) {
	id := int(s.clock.id.Load())
	if id == 0 {
		err := s.read(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
		if err != nil {
			return 0, err
		}
		s.clock.advance(id)
		return id, nil
	}
	return id, s.checkBoundAt(id)
}

// checkBoundAt is checkBound at commit id, from the member records as read
// once at that commit for every session (nothing at all when this session
// was already checked at id).
func (s *Store) checkBoundAt(id int) error {
	b := s.bound
	if b == nil || !b.member || b.checked.Load() == int64(id) {
		return nil
	}
	v, err := s.cache.get(id, "store/members", func() (any, error) {
		recs := map[string]string{}
		err := s.unbound().read(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMembers).ForEach(func(k, v []byte) error {
				recs[string(k)] = string(v)
				return nil
			})
		})
		return recs, err
	})
	if err != nil {
		return err
	}
	raw, found := v.(map[string]string)[b.handle]
	if last := b.valid.Load(); !found || last == nil || *last != raw {
		var m backlog.Member
		if found {
			if err := json.Unmarshal([]byte(raw), &m); err != nil {
				return fmt.Errorf("the member record of %s is damaged: %w", b.handle, err)
			}
		}
		if err := b.accept(m, found, raw); err != nil {
			return err
		}
	}
	b.checked.Store(int64(id))
	return nil
}
