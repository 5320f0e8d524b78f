package store

import (
	"slices"
	"sync"

	"huddle/backlog"

	bolt "go.etcd.io/bbolt"
)

// memberCache keeps each member record decoded as it was last read, by its
// stored bytes: every session's header reads its member again after every
// change, and a member record rarely changes, so it is decoded again only
// once its bytes differ.
type memberCache struct {
	mu sync.Mutex
	by map[string]decodedMember // by handle
}

type decodedMember struct {
	raw string
	m   backlog.Member
}

// get reads the member under handle in b (found false: none), decoding
// it only when its record changed since the last read.
func (c *memberCache) get(b *bolt.Bucket, handle string) (m backlog.Member, found bool, err error) {
	key := []byte(handle)
	raw := b.Get(key)
	if raw == nil {
		return m, false, nil
	}
	c.mu.Lock()
	d, ok := c.by[handle]
	c.mu.Unlock()
	if ok && d.raw == string(raw) {
		m = d.m
		m.Keys = slices.Clone(m.Keys) // the caller's own
		return m, true, nil
	}
	if _, err := get(b, key, &m); err != nil {
		return m, true, err
	}
	d = decodedMember{raw: string(raw), m: m}
	d.m.Keys = slices.Clone(m.Keys)
	c.mu.Lock()
	if c.by == nil {
		c.by = map[string]decodedMember{}
	}
	c.by[handle] = d
	c.mu.Unlock()
	return m, true, nil
}
