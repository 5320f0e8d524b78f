package store

import (
	"errors"
	"fmt"
	"sync/atomic"

	"huddle/backlog"

	bolt "go.etcd.io/bbolt"
)

// ErrSessionEnded is returned to a session whose member was removed (or
// whose handle now belongs to someone else): it must end.
var ErrSessionEnded = errors.New("your membership of this team has ended; this session is over")

// binding is the member a session signed in as: the handle and the member ID
// it had then.
type binding struct {
	handle string
	id     int
	member bool   // false: a guest or an unknown local name, who holds no member record
	key    string // the SSH key ("type data") the session signed in with, if any

	// valid is the member record, as stored, that checkBound last found
	// still the session's: every read of the session checks it, and the
	// record is decoded again only once it changed.
	valid atomic.Pointer[string]
	// checked is the last commit (a read's transaction ID) at which the
	// session was found still bound: reads at that commit need no check.
	checked atomic.Int64
}

// BoundTo returns a handle on the same open file for one session of handle
// (Close does nothing). When handle is a member, the session is bound to
// that member record: once the member is removed, or the handle is given to
// someone new, every read and write of the session fails with
// ErrSessionEnded. Writes as anyone else are refused.
func (s *Store) BoundTo(handle string) (*Store, error) {
	handle = backlog.NormalizeHandle(handle)
	c := *s
	c.shared = true
	c.bound = &binding{handle: handle}
	err := s.read(func(tx *bolt.Tx) error {
		var m backlog.Member
		found, err := get(tx.Bucket(bucketMembers), []byte(handle), &m)
		if found {
			c.bound.id, c.bound.member = m.ID, true
		}
		return err
	})
	return &c, err
}

// BoundToMember is BoundTo for the member record m as found when the
// session signed in (e.g. by its SSH key), so a record replaced in between
// is not taken for it.
func (s *Store) BoundToMember(m backlog.Member) *Store {
	c := *s
	c.shared = true
	c.bound = &binding{handle: m.Handle, id: m.ID, member: true}
	return &c
}

// BoundToMemberKey is BoundToMember for a session that signed in with an
// SSH key: it also ends once the lead revokes that key.
func (s *Store) BoundToMemberKey(m backlog.Member, key string) *Store {
	c := s.BoundToMember(m)
	c.bound.key = backlog.KeyID(key)
	return c
}

// Bound is the handle a BoundTo store acts as ("" for an unbound store).
func (s *Store) Bound() string {
	if s.bound == nil {
		return ""
	}
	return s.bound.handle
}

// checkBound refuses a session whose member record is gone or replaced.
// A read at a commit the session was already checked at needs nothing more.
func (s *Store) checkBound(tx *bolt.Tx) error {
	b := s.bound
	if b == nil || !b.member {
		return nil
	}
	// A write's own ID is not a commit yet (it may roll back, and the next
	// write would take it): only a read's ID is remembered.
	read := !tx.Writable()
	if read && b.checked.Load() == int64(tx.ID()) {
		return nil
	}
	raw := tx.Bucket(bucketMembers).Get([]byte(b.handle))
	if !b.same(raw) {
		var m backlog.Member
		found, err := get(tx.Bucket(bucketMembers), []byte(b.handle), &m)
		if err != nil {
			return err
		}
		if err := b.accept(m, found, string(raw)); err != nil {
			return err
		}
	}
	if read {
		b.checked.Store(int64(tx.ID()))
	}
	return nil
}

// same reports whether raw is the member record the session was last found
// bound to.
func (b *binding) same(raw []byte) bool {
	v := b.valid.Load()
	return raw != nil && v != nil && *v == string(raw)
}

// accept checks the member record stored under the session's handle (m,
// decoded from raw; found false: none) and remembers it when it is still
// the session's.
func (b *binding) accept(m backlog.Member, found bool, raw string) error {
	if !found || m.ID != b.id || (b.key != "" && !m.HasKey(b.key)) {
		return ErrSessionEnded
	}
	b.valid.Store(&raw)
	return nil
}

// checkActor refuses a write, through a bound store, as anyone else.
func (s *Store) checkActor(actor string) error {
	if s.bound != nil && backlog.NormalizeHandle(actor) != s.bound.handle {
		return fmt.Errorf("%w: this session acts as %s, not %s", backlog.ErrForbidden, s.bound.handle, actor)
	}
	return nil
}

// SessionValid reports whether a bound session's member is still the one it
// signed in as (always true for an unbound store, a guest or a local name).
func (s *Store) SessionValid() bool {
	return s.read(func(*bolt.Tx) error { return nil }) == nil
}
