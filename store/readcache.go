package store

import (
	"sync"
	"sync/atomic"
)

// Many sessions watch the same team: after each change every one of them loads
// the same screen data again. readCache lets them share one read per version
// of the data instead of each doing its own: an entry is computed once by the
// first caller and reused by the rest until the next write.
type readCache struct {
	version atomic.Uint64 // bumped after every committed write

	mu      sync.Mutex
	at      uint64 // the version the entries belong to
	entries map[string]*cacheEntry
}

type cacheEntry struct {
	once sync.Once
	val  any
	err  error
}

// Version counts committed writes since the store opened. Reads made at the
// same version see the same data.
func (s *Store) Version() uint64 { return s.cache.version.Load() }

// changed is called after every commit, before subscribers hear of it, so a
// session reloading on the event never sees an entry from before the write.
func (c *readCache) changed() { c.version.Add(1) }

// SharedRead returns fn's result for key, computing it once per version of the
// data for every session that asks. The result is shared: callers must treat
// it as read-only (clone a slice before changing it).
func (s *Store) SharedRead(key string, fn func() (any, error)) (any, error) {
	c := s.cache
	v := c.version.Load()
	c.mu.Lock()
	switch {
	case v < c.at: // a write landed since this caller looked: read afresh
		c.mu.Unlock()
		return fn()
	case v > c.at || c.entries == nil:
		c.at, c.entries = v, map[string]*cacheEntry{} // older versions are never asked for again
	}
	e := c.entries[key]
	if e == nil {
		e = &cacheEntry{}
		c.entries[key] = e
	}
	c.mu.Unlock()
	// A write committed while fn runs only makes the result newer than v,
	// never older, so storing it under v is safe.
	e.once.Do(func() { e.val, e.err = fn() })
	return e.val, e.err
}
