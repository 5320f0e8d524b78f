package store

import (
	"sync"

	bolt "go.etcd.io/bbolt"
)

// txMemo shares what is derived from the file at one committed transaction
// among every session that reads at it: after a write, each session on the
// Stand-up or Retro screen reloads the same day or board; the first one reads
// it and the rest take its result. A value is found by the read transaction's
// ID (bbolt's ID of the last commit it sees), so it is exactly what the
// caller's own transaction would read, and a view stays one transaction.
type txMemo struct {
	mu      sync.Mutex
	txid    int // the transaction the entries were read at
	entries map[string]*cacheEntry
}

// sharedIn returns fn's result for key at tx's transaction, computing it
// once for every reader at that transaction. fn reads through tx. The result
// is shared: it must never be changed.
func (s *Store) sharedIn(tx *bolt.Tx, key string, fn func() (any, error)) (any, error) {
	m := s.memo
	id := tx.ID()
	m.mu.Lock()
	switch {
	case id < m.txid: // a reader still at an older commit: its own read
		m.mu.Unlock()
		return fn()
	case id > m.txid || m.entries == nil:
		m.txid, m.entries = id, map[string]*cacheEntry{} // older commits are never asked for again
	}
	e := m.entries[key]
	if e == nil {
		e = &cacheEntry{}
		m.entries[key] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.val, e.err = fn() })
	return e.val, e.err
}
