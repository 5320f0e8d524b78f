package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// How a damaged file is read.
//
// bbolt trusts its file: a damaged page makes it panic (an assertion, an index
// out of range) or fault on a wild address in its memory map, and its own
// consistency check (Tx.Check) runs in a goroutine of its own, where no
// recover can reach. So huddle checks a file in three steps, each run where it
// can be recovered:
//
//  1. rawCheck reads the two meta pages, the freelist and the root page with
//     plain file reads (no memory map), before bbolt sees the file;
//  2. walk visits every bucket, key and value with cursors, in the caller's
//     goroutine, under recover and with faults turned into panics
//     (debug.SetPanicOnFault), one bucket at a time;
//  3. only a file that passed both goes through bbolt's Tx.Check (page
//     reachability and double frees), whose pages the walk has just read.
//
// Open runs all three on every file before it may be written (a read-only
// open first, so a damaged or foreign file is never opened for writing), and
// every read and write of an open store runs under guard.

// guard runs fn with memory faults turned into panics and turns any panic
// into an ErrCorrupt error, so that a damaged page cannot crash huddle.
func (s *Store) guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %w (%s); %s", s.path, ErrCorrupt, oneLine(fmt.Sprint(r)), recoverHint)
		}
	}()
	return fn()
}

// recoverHint says what to do with a damaged file.
const recoverHint = "save what can be read with `huddle export --format json --out team.json` and `huddle import team.json --db NEW.db`, or restore a backup"

// oneLine keeps the first line of s, at most 200 bytes.
func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// bbolt's on-disk layout, as far as rawCheck reads it.
const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	pageHeaderSize   = 16
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	metaPageFlag     = 0x04
	freelistPageFlag = 0x10
	noFreelist       = ^uint64(0)
)

type rawMeta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64
	txid     uint64
}

// readMeta reads and validates the meta in page buf (magic, version,
// checksum), as bbolt does.
func readMeta(buf []byte) (rawMeta, bool) {
	if len(buf) < pageHeaderSize+64 {
		return rawMeta{}, false
	}
	m := buf[pageHeaderSize:]
	le := binary.LittleEndian
	if le.Uint32(m[0:]) != boltMagic || le.Uint32(m[4:]) != boltVersion {
		return rawMeta{}, false
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != le.Uint64(m[56:]) {
		return rawMeta{}, false
	}
	return rawMeta{pageSize: le.Uint32(m[8:]), root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]), pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:])}, true
}

// rawCheck reads what bbolt trusts at open from the file itself: a valid
// meta page, a file long enough for it, a freelist page that is one and
// lists pages of the file, and a root page that is a branch or a leaf. It
// returns one line per problem, and fatal (one of them) when the file cannot
// be read safely at all: bbolt would not open it, or the tree is broken
// (see walkTree), so that reads could fault or loop.
func rawCheck(f io.ReaderAt, size int64) (problems []string, fatal string) {
	problems, fatal, _ = rawCheckTx(f, size, true)
	return problems, fatal
}

// rawCheckTx is rawCheck that also returns the txid of the meta bbolt will
// use; without deep it does not walk the tree below the root (see stamp.go:
// Open leaves that out for a file huddle vouches for).
func rawCheckTx(f io.ReaderAt, size int64, deep bool) (problems []string, fatal string, txid uint64) {
	problems, fatal, best := rawMetaCheck(f, size, deep)
	return problems, fatal, best.txid
}

func rawMetaCheck(f io.ReaderAt, size int64, deep bool) (problems []string, fatal string, best rawMeta) {
	hdr := make([]byte, pageHeaderSize+64)
	if _, err := f.ReadAt(hdr, 0); err != nil {
		return []string{"it is too short to be a huddle file"}, "it is too short to be a huddle file", best
	}
	if binary.LittleEndian.Uint32(hdr[pageHeaderSize:]) != boltMagic {
		return []string{"it is not a bbolt file, so not a huddle file"}, "it is not a bbolt file, so not a huddle file", best
	}
	pageSize := int64(binary.LittleEndian.Uint32(hdr[pageHeaderSize+8:]))
	if pageSize < 512 || pageSize > 1<<16 || pageSize&(pageSize-1) != 0 {
		pageSize = int64(os.Getpagesize()) // bbolt reads meta 1 there when meta 0 is bad
	}
	found := false
	for i := int64(0); i < 2; i++ {
		buf := make([]byte, pageHeaderSize+64)
		if _, err := f.ReadAt(buf, i*pageSize); err != nil {
			problems = append(problems, fmt.Sprintf("meta page %d: cannot be read", i))
			continue
		}
		m, ok := readMeta(buf)
		if le := binary.LittleEndian; le.Uint64(buf) != uint64(i) || le.Uint16(buf[8:]) != metaPageFlag {
			// bbolt reads its metas without looking at their page headers, but
			// its Check asserts on them, in a goroutine no recover reaches.
			problems = append(problems, fmt.Sprintf("meta page %d: damaged page header", i))
			continue
		}
		if !ok || int64(m.pageSize) != pageSize {
			problems = append(problems, fmt.Sprintf("meta page %d: damaged (bad magic, version or checksum)", i))
			continue
		}
		if !found || m.txid > best.txid {
			best, found = m, true
		}
	}
	if !found {
		return []string{"both meta pages are damaged"}, "both meta pages are damaged", best
	}
	// bbolt falls back on the older meta when one is damaged; the file is
	// still not sound.
	if need := int64(best.pgid) * pageSize; size < need {
		t := fmt.Sprintf("it is truncated (%d of %d bytes)", size, need)
		return append(problems, t), t, best
	}
	page := func(id uint64) ([]byte, error) {
		if id < 2 || id >= best.pgid {
			return nil, fmt.Errorf("page %d is outside the file's %d pages", id, best.pgid)
		}
		p := make([]byte, pageHeaderSize)
		if _, err := f.ReadAt(p, int64(id)*pageSize); err != nil {
			return nil, fmt.Errorf("page %d cannot be read", id)
		}
		return p, nil
	}
	le := binary.LittleEndian
	if best.freelist != noFreelist {
		p, err := page(best.freelist)
		switch {
		case err != nil:
			problems = append(problems, "freelist: "+err.Error())
		case le.Uint64(p) != best.freelist || le.Uint16(p[8:]) != freelistPageFlag:
			problems = append(problems, fmt.Sprintf("freelist: page %d is not a freelist page", best.freelist))
		default:
			problems = append(problems, checkFreelist(f, p, best, pageSize)...)
		}
	}
	if !deep {
		return problems, "", best
	}
	if tree := walkTree(f, best, pageSize); len(tree) > 0 {
		return append(problems, tree...), tree[0], best
	}
	return problems, "", best
}

// checkFreelist checks that the freelist fits its pages and lists pages of the file.
func checkFreelist(f io.ReaderAt, hdr []byte, m rawMeta, pageSize int64) []string {
	le := binary.LittleEndian
	overflow := int64(le.Uint32(hdr[12:]))
	span := (overflow + 1) * pageSize
	if int64(m.freelist)+overflow+1 > int64(m.pgid) {
		return []string{fmt.Sprintf("freelist: page %d runs past the end of the file", m.freelist)}
	}
	body := make([]byte, span-pageHeaderSize)
	if _, err := f.ReadAt(body, int64(m.freelist)*pageSize+pageHeaderSize); err != nil {
		return []string{"freelist: cannot be read"}
	}
	count := int64(le.Uint16(hdr[10:]))
	if count == 0xFFFF {
		count = int64(le.Uint64(body))
		body = body[8:]
	}
	if count < 0 || count*8 > int64(len(body)) {
		return []string{fmt.Sprintf("freelist: %d entries do not fit its pages", count)}
	}
	for i := int64(0); i < count; i++ {
		if id := le.Uint64(body[i*8:]); id < 2 || id >= m.pgid {
			return []string{fmt.Sprintf("freelist: lists page %d, outside the file's %d pages", id, m.pgid)}
		}
	}
	return nil
}

// walk visits every bucket, key and value of the file under recover, one
// top-level bucket at a time, and returns one line per damaged bucket.
func walk(tx *bolt.Tx) []string {
	var problems []string
	var names [][]byte
	if err := safely(func() error {
		return tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			names = append(names, append([]byte(nil), name...))
			return nil
		})
	}); err != nil {
		return []string{"the list of buckets is damaged: " + err.Error()}
	}
	for _, name := range names {
		if !huddleBucket(name) {
			problems = append(problems, fmt.Sprintf("bucket %s: not one huddle keeps", printableName(name)))
			continue
		}
		err := safely(func() error {
			b := tx.Bucket(name)
			if b == nil {
				return errors.New("it cannot be opened")
			}
			return walkBucket(b, 0, exportInSet(jsonBuckets, name))
		})
		if err != nil {
			problems = append(problems, fmt.Sprintf("bucket %s: damaged (%s)", printableName(name), err))
		}
	}
	return problems
}

// walkBucket reads every key and value of b and its nested buckets; the
// first and last byte of each are touched, so a value that runs off its
// page faults here. In a bucket of JSON records every value must be JSON.
func walkBucket(b *bolt.Bucket, depth int, jsonValues bool) error {
	if depth > 8 {
		return errors.New("buckets nested too deep")
	}
	var sink byte
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		sink ^= k[0] ^ k[len(k)-1]
		if v == nil {
			if nb := b.Bucket(k); nb != nil {
				if err := walkBucket(nb, depth+1, false); err != nil {
					return err
				}
			}
			continue
		}
		if len(v) > 0 {
			sink ^= v[0] ^ v[len(v)-1]
		}
		if jsonValues && (!json.Valid(v) || !utf8.Valid(v)) {
			return fmt.Errorf("record %s is not valid JSON", recordKey(nil, k))
		}
	}
	_ = sink
	return nil
}

// safely runs fn with faults turned into panics and a panic into an error.
func safely(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = errors.New(oneLine(fmt.Sprint(r)))
		}
	}()
	return fn()
}

func printableName(name []byte) string {
	if exportPrintableKey(name) && len(name) > 0 && len(name) <= 64 {
		return string(name)
	}
	return fmt.Sprintf("%x", name)
}

// pageCheck is the file-level check: the walk, then (when the walk found
// nothing) bbolt's own check, one line per problem.
func pageCheck(tx *bolt.Tx) []string {
	if problems := walk(tx); len(problems) > 0 {
		return problems
	}
	var problems []string
	for e := range tx.Check() {
		problems = append(problems, "pages: "+oneLine(e.Error()))
	}
	return problems
}
