package store

import (
	"errors"
	"fmt"
	"time"

	"huddle/backlog"

	bolt "go.etcd.io/bbolt"
)

// access is the least role a write needs.
type access int

const (
	anyMember access = iota // any known member, guests included (their own settings)
	writer                  // member or lead
	leadOnly                // lead
)

// wtx is one write in progress: the bbolt transaction, the acting member, the
// time of the write and the events it will publish after commit.
type wtx struct {
	tx     *bolt.Tx
	now    time.Time
	actor  backlog.Member
	events []Event
}

// emit records an event; it is appended to the log in this transaction and
// published once the transaction commits.
func (w *wtx) emit(e Event) error {
	e.At = w.now
	e.Actor = w.actor.Handle
	if err := appendEvent(w.tx, &e); err != nil {
		return err
	}
	w.events = append(w.events, e)
	return nil
}

func (w *wtx) bucket(name []byte) *bolt.Bucket { return w.tx.Bucket(name) }

// write runs fn in one Update transaction as actor, after checking the actor's
// role against need, and publishes fn's events after the commit.
func (s *Store) write(actor string, need access, what string, fn func(w *wtx) error) error {
	return s.writeIn(actor, need, what, fn, false)
}

// writeGrouped is write whose transaction may hold other grouped writes that
// arrive at the same time (group.go). fn must be safe to run more than once:
// each run starts from the file and sets only its results.
func (s *Store) writeGrouped(actor string, need access, what string, fn func(w *wtx) error) error {
	return s.writeIn(actor, need, what, fn, true)
}

func (s *Store) writeIn(actor string, need access, what string, fn func(w *wtx) error, grouped bool) error {
	if err := s.writable(); err != nil {
		return err
	}
	var events []Event
	if err := s.checkActor(actor); err != nil {
		return err
	}
	body := func(tx *bolt.Tx) error {
		events = nil
		if err := s.checkBound(tx); err != nil {
			return err
		}
		m, err := memberIn(tx, actor)
		if err != nil {
			return err
		}
		switch {
		case need == leadOnly && !m.Role.CanLead():
			return backlog.Forbidden(m.Handle, m.Role, what, backlog.RoleLead)
		case need == writer && !m.Role.CanWrite():
			return backlog.Forbidden(m.Handle, m.Role, what, backlog.RoleMember)
		}
		w := &wtx{tx: tx, now: s.now(), actor: m}
		if err := fn(w); err != nil {
			return err
		}
		events = w.events
		return nil
	}
	var err error
	if grouped {
		err = s.group.update(s, &groupCall{body: body, events: func() []Event { return events }, done: make(chan error, 1)})
	} else {
		err = s.guard(func() error {
			return s.update(func(tx *bolt.Tx) error {
				if err := body(tx); err != nil {
					return err
				}
				return s.captureDelta(tx, events)
			})
		})
	}
	if err != nil {
		return err
	}
	s.broker.publish(events)
	return nil
}

// read runs fn in a short View transaction (for a bound session, only while
// its member is still the one it signed in as).
func (s *Store) read(fn func(tx *bolt.Tx) error) error {
	return s.guard(func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			if err := s.checkBound(tx); err != nil {
				return err
			}
			return fn(tx)
		})
	})
}

// ErrReadOnly is wrapped when a write is refused because the file is open
// read-only (damaged, or not writable by this process).
var ErrReadOnly = errors.New("the file is open read-only")

// writable refuses writes to a file open read-only, saying why.
func (s *Store) writable() error {
	if s.readOnly != "" {
		return readOnlyError(s.readOnly)
	}
	return nil
}

// readOnlyError is a refused write: the reason the file is read-only, which
// already says so, matching ErrReadOnly.
type readOnlyError string

func (e readOnlyError) Error() string        { return string(e) }
func (e readOnlyError) Is(target error) bool { return target == ErrReadOnly }

func memberIn(tx *bolt.Tx, handle string) (backlog.Member, error) {
	var m backlog.Member
	found, err := get(tx.Bucket(bucketMembers), []byte(handle), &m)
	if err != nil {
		return m, err
	}
	if !found {
		if handle == "" {
			return m, fmt.Errorf("%w: no one is signed in", backlog.ErrForbidden)
		}
		if backlog.IsGuest(handle) {
			return m, backlog.GuestsOnlyRead()
		}
		return m, fmt.Errorf("%w: %q is not a member of this team (the lead adds people with `huddle member add`)", backlog.ErrForbidden, handle)
	}
	return m, nil
}
