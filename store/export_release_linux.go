package store

import (
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
)

// releaseRead tells the kernel that this process is done with the pages of
// the file it has read so far (a read-only shared mapping: they stay in the
// page cache and come back on the next touch). A long read (an export of a
// million events) then keeps its resident memory flat instead of growing to
// the file's size.
func releaseRead(db *bolt.DB, size int64) {
	info := db.Info()
	if info == nil || info.Data == 0 || size <= 0 {
		return
	}
	syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(size), syscall.MADV_DONTNEED)
}

// releaseAbove is the file size from which the open check lets go of the
// pages it has read as it goes: below it, the pages read twice (the walk,
// then bbolt's check) cost less time resident than faulted in again.
const releaseAbove = 128 << 20

// releasingWhile runs fn, a read of the whole file (the open check), while
// releasing the pages read so far every few milliseconds, so that checking a
// large file does not hold it all in memory at once.
func releasingWhile(db *bolt.DB, size int64, fn func()) {
	if size < releaseAbove {
		fn() // a small file: releasing would only cost page faults
		return
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				releaseRead(db, size)
			}
		}
	}()
	fn()
	close(done)
	<-stopped
	releaseRead(db, size)
}
