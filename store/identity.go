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
func (s *Store) checkBound(tx *bolt.Tx) error {
	b := s.bound
	if b == nil || !b.member {
		return nil
	}
	raw := tx.Bucket(bucketMembers).Get([]byte(b.handle))
	if v := b.valid.Load(); raw != nil && v != nil && *v == string(raw) {
		return nil
	}
	var m backlog.Member
	found, err := get(tx.Bucket(bucketMembers), []byte(b.handle), &m)
	if err != nil {
		return err
	}
	if !found || m.ID != b.id || (b.key != "" && !m.HasKey(b.key)) {
		return ErrSessionEnded
	}
	v := string(raw)
	b.valid.Store(&v)
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
