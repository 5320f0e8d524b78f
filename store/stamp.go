package store

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// The open check's stamp.
//
// Open checks every page of a file (rawCheck's page walk, walk, bbolt's
// Tx.Check) before it trusts it; at 10,000 stories that read is most of a
// command's time. A file huddle itself checked or wrote last need not be read
// again: after a clean check, and when a store that may write closes, huddle
// writes a stamp beside the file (".NAME.checked") saying which file it
// vouches for: device, inode, size, change time (ctime) and the txid of its
// last commit. The next Open skips the walk of every page when all five still
// hold and the stamp is newer than the file's change.
//
// What changes a file changes its ctime (nobody can set a ctime back), so a
// write by anything else than huddle (a scribble, a truncation, another tool,
// a copy, a restore) makes the stamp stale and the next open reads every page
// as before. The meta pages (bbolt checksums them), the freelist and the root
// are still read on every open. What the stamp cannot see: the disk itself
// losing bits under an unchanged ctime, and a foreign write while a huddle
// holds the file open for writing; reads run under guard, so such a page
// still turns into "damaged" rather than a crash, and `huddle check` always
// reads every page.
type checkStamp struct {
	dev, ino uint64
	size     int64
	ctime    int64 // nanoseconds
	txid     uint64
}

// stampPath is where the stamp of the file at path lives.
func stampPath(path string) string {
	dir, base := filepath.Split(path)
	return filepath.Join(dir, "."+base+".checked")
}

// stampOf is the stamp of a file as fi describes it, at txid; false where
// the system does not say a file's change time.
func stampOf(fi os.FileInfo, txid uint64) (checkStamp, bool) {
	dev, ino, ctime, ok := fileIdentity(fi)
	if !ok {
		return checkStamp{}, false
	}
	return checkStamp{dev: dev, ino: ino, size: fi.Size(), ctime: ctime, txid: txid}, true
}

func (c checkStamp) String() string {
	return fmt.Sprintf("huddle-checked 1 %d %d %d %d %d\n", c.dev, c.ino, c.size, c.ctime, c.txid)
}

// freshStamp reports whether the stamp beside path vouches for the file as
// fi describes it now, and returns the txid it vouches for.
func freshStamp(path string, fi os.FileInfo) (uint64, bool) {
	now, ok := stampOf(fi, 0)
	if !ok {
		return 0, false
	}
	sp := stampPath(path)
	data, err := os.ReadFile(sp)
	if err != nil || len(data) > 200 {
		return 0, false
	}
	var c checkStamp
	var version int
	if n, err := fmt.Sscanf(string(data), "huddle-checked %d %d %d %d %d %d\n", &version, &c.dev, &c.ino, &c.size, &c.ctime, &c.txid); err != nil || n != 6 || version != 1 {
		return 0, false
	}
	if c.dev != now.dev || c.ino != now.ino || c.size != now.size || c.ctime != now.ctime {
		return 0, false
	}
	// A stamp written in the same clock tick as the file's last change
	// cannot tell that change from a later one in that tick.
	si, err := os.Stat(sp)
	if err != nil || si.ModTime().UnixNano() <= c.ctime {
		return 0, false
	}
	return c.txid, true
}

// writeStamp vouches for the file at path as it is now, at txid. It waits
// (at most ~20 ms, only when the file changed within the clock's last tick)
// until the stamp is newer than the file's change, so that a change right
// after it cannot share its time; where it cannot, it leaves no stamp.
// Errors are ignored: without a stamp the next open reads every page.
func writeStamp(path string, txid uint64) {
	fi, err := os.Stat(path)
	if err != nil {
		return
	}
	c, ok := stampOf(fi, txid)
	if !ok {
		return
	}
	sp := stampPath(path)
	for try := 0; try < 20; try++ {
		tmp := sp + ".tmp"
		if err := os.WriteFile(tmp, []byte(c.String()), 0o600); err != nil {
			return
		}
		if err := os.Rename(tmp, sp); err != nil {
			os.Remove(tmp)
			return
		}
		si, err := os.Stat(sp)
		if err != nil {
			return
		}
		if si.ModTime().UnixNano() > c.ctime {
			return
		}
		time.Sleep(time.Millisecond)
	}
	os.Remove(sp)
}

// dropStamp removes the stamp of the file at path (a damaged file).
func dropStamp(path string) { os.Remove(stampPath(path)) }
