package store

import (
	"sync"

	bolt "go.etcd.io/bbolt"
)

// Many sessions watch the same team: after each change every one of them reads
// the same screen data again. readCache lets them share one read per commit
// of the file instead of each doing its own: an entry is computed once by the
// first caller at a commit (bbolt's transaction ID of the last commit a read
// sees) and reused by the rest until the next commit. It is the one cache of
// shared reads: SharedRead for the screens' loads, sharedIn for the store's
// own views.
type readCache struct {
	mu      sync.Mutex
	at      int // the commit the entries were read at
	entries map[string]*cacheEntry
}

type cacheEntry struct {
	once sync.Once
	val  any
	err  error
}

// get returns fn's result for key at commit id, computing it once for every
// caller at that commit.
func (c *readCache) get(id int, key string, fn func() (any, error)) (any, error) {
	c.mu.Lock()
	switch {
	case id < c.at: // a reader still at an older commit: its own read
		c.mu.Unlock()
		return fn()
	case id > c.at || c.entries == nil:
		c.at, c.entries = id, map[string]*cacheEntry{} // older commits are never asked for again
	}
	e := c.entries[key]
	if e == nil {
		e = &cacheEntry{}
		c.entries[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.val, e.err = fn() })
	return e.val, e.err
}

// SharedRead returns fn's result for key, computing it once per commit of the
// file for every session that asks. fn reads through the handle it is given,
// which belongs to no session: this handle's own session is checked first (a
// session whose member was removed gets its own refusal, and never computes an
// entry that others would be handed). The result is of the commit asked at or
// a newer one, never an older one. It is shared: callers must treat it as
// read-only (clone a slice before changing it).
func (s *Store) SharedRead(key string, fn func(st *Store) (any, error)) (any, error) {
	id, err := s.seen() // commits.go: no read transaction of this session's own
	if err != nil {
		return nil, err
	}
	return s.cache.get(id, key, func() (any, error) { return fn(s.unbound()) })
}

// sharedIn returns fn's result for key at tx's commit, computing it once for
// every reader at that commit: exactly what the caller's own transaction
// would read, so a view stays one transaction. fn reads through tx. The
// result is shared: it must never be changed.
func (s *Store) sharedIn(tx *bolt.Tx, key string, fn func() (any, error)) (any, error) {
	return s.cache.get(tx.ID(), key, fn)
}

// unbound is a handle on the same open file that acts for no session.
func (s *Store) unbound() *Store {
	c := *s
	c.shared, c.bound = true, nil
	return &c
}
