package store

import (
	"encoding/binary"
	"fmt"
	"io"
)

// The page walk reads the whole B+tree of a file with plain file reads, the
// way bbolt would follow it, and checks what bbolt takes on trust: every page
// it points at is inside the file, is the page it claims to be, of the kind
// expected, reached once (no cycles, no sharing), and every element's key
// and value lie inside their page. A file that passes can be read by bbolt's
// cursors without running off a page or looping; one that fails is refused.

const (
	branchElemSize = 16 // pos u32, ksize u32, pgid u64
	leafElemSize   = 16 // flags u32, pos u32, ksize u32, vsize u32
	bucketLeafFlag = 0x01
	bucketHdrSize  = 16 // root pgid u64, sequence u64
	maxTreeDepth   = 64
)

type pageWalker struct {
	f        io.ReaderAt
	m        rawMeta
	pageSize int64
	seen     map[uint64]bool
	problems []string
	bucket   string // the top-level bucket being walked
}

func (w *pageWalker) fail(format string, args ...any) {
	where := "root bucket"
	if w.bucket != "" {
		where = "bucket " + w.bucket
	}
	if len(w.problems) < 50 {
		w.problems = append(w.problems, where+": "+fmt.Sprintf(format, args...))
	}
}

// walkTree checks the tree under the root bucket's page.
func walkTree(f io.ReaderAt, m rawMeta, pageSize int64) []string {
	w := &pageWalker{f: f, m: m, pageSize: pageSize, seen: map[uint64]bool{0: true, 1: true}}
	w.walkPage(m.root, 0, true)
	return w.problems
}

// walkPage checks page id and everything under it; top says its leaves are
// the file's top-level buckets.
func (w *pageWalker) walkPage(id uint64, depth int, top bool) {
	if depth > maxTreeDepth {
		w.fail("the tree is deeper than %d levels (a loop?)", maxTreeDepth)
		return
	}
	if id < 2 || id >= w.m.pgid {
		w.fail("points at page %d, outside the file's %d pages", id, w.m.pgid)
		return
	}
	if w.seen[id] {
		w.fail("page %d is reached twice", id)
		return
	}
	// One read for the page; a second for its overflow pages, if any.
	buf := make([]byte, w.pageSize)
	if _, err := w.f.ReadAt(buf, int64(id)*w.pageSize); err != nil {
		w.fail("page %d cannot be read", id)
		return
	}
	le := binary.LittleEndian
	overflow := uint64(le.Uint32(buf[12:]))
	if le.Uint64(buf) != id {
		w.fail("page %d says it is page %d", id, le.Uint64(buf))
		return
	}
	if id+overflow >= w.m.pgid {
		w.fail("page %d runs past the end of the file", id)
		return
	}
	for i := uint64(0); i <= overflow; i++ {
		if w.seen[id+i] {
			w.fail("page %d is reached twice", id+i)
			return
		}
		w.seen[id+i] = true
	}
	if overflow > 0 {
		buf = append(buf, make([]byte, int64(overflow)*w.pageSize)...)
		if _, err := w.f.ReadAt(buf[w.pageSize:], int64(id+1)*w.pageSize); err != nil {
			w.fail("page %d cannot be read", id)
			return
		}
	}
	w.walkNode(buf, id, depth, top)
}

// walkNode checks one branch or leaf node (a page, or an inline bucket's).
func (w *pageWalker) walkNode(buf []byte, id uint64, depth int, top bool) {
	le := binary.LittleEndian
	flags, count := le.Uint16(buf[8:]), int(le.Uint16(buf[10:]))
	if pageHeaderSize+count*leafElemSize > len(buf) {
		w.fail("page %d: %d elements do not fit it", id, count)
		return
	}
	switch flags {
	case branchPageFlag:
		if count == 0 {
			w.fail("page %d: an empty branch", id)
			return
		}
		for i := 0; i < count; i++ {
			e := pageHeaderSize + i*branchElemSize
			pos, ksize := int(le.Uint32(buf[e:])), int(le.Uint32(buf[e+4:]))
			if e+pos+ksize > len(buf) || pos < 0 || ksize <= 0 {
				w.fail("page %d: key %d lies outside the page", id, i)
				return
			}
			w.walkPage(le.Uint64(buf[e+8:]), depth+1, top)
		}
	case leafPageFlag:
		for i := 0; i < count; i++ {
			e := pageHeaderSize + i*leafElemSize
			eflags := le.Uint32(buf[e:])
			pos, ksize, vsize := int(le.Uint32(buf[e+4:])), int(le.Uint32(buf[e+8:])), int(le.Uint32(buf[e+12:]))
			if pos < 0 || ksize < 0 || vsize < 0 || e+pos+ksize+vsize > len(buf) || e+pos+ksize+vsize < e {
				w.fail("page %d: record %d lies outside the page", id, i)
				return
			}
			if eflags&bucketLeafFlag == 0 {
				continue
			}
			key := buf[e+pos : e+pos+ksize]
			val := buf[e+pos+ksize : e+pos+ksize+vsize]
			if top {
				w.bucket = printableName(key)
			}
			if len(val) < bucketHdrSize {
				w.fail("page %d: a bucket header is cut short", id)
				continue
			}
			if root := le.Uint64(val); root != 0 {
				w.walkPage(root, depth+1, false)
			} else if inline := val[bucketHdrSize:]; len(inline) < pageHeaderSize {
				w.fail("page %d: an inline bucket is cut short", id)
			} else if le.Uint16(inline[8:]) != leafPageFlag {
				w.fail("page %d: an inline bucket is not a leaf", id)
			} else {
				w.walkNode(inline, id, depth+1, false)
			}
			if top {
				w.bucket = ""
			}
		}
	default:
		w.fail("page %d is not a branch or leaf page (flags %#x)", id, flags)
	}
}
