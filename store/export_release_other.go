//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releaseRead does nothing where madvise is not used (see the Linux one).
func releaseRead(*bolt.DB, int64) {}

// releasingWhile runs fn.
func releasingWhile(_ *bolt.DB, _ int64, fn func()) { fn() }
