package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Options tune how a file is opened.
type Options struct {
	// Create makes the file when it does not exist. Without it a missing file is an error.
	Create bool
	// ReadOnly opens with a shared lock and never writes (huddle check, backup).
	ReadOnly bool
	// Now is the clock; nil means time.Now. Tests and HUDDLE_NOW inject their own.
	Now func() time.Time
	// LockTimeout is how long to wait for another process's lock; zero means one second.
	LockTimeout time.Duration
	// NoSync skips the fsync of every commit: only for writing generated test
	// and benchmark files (store/gen), never for a team's file.
	NoSync bool
}

// Store is an open huddle file. It is safe for concurrent use by many sessions.
type Store struct {
	db     *bolt.DB
	path   string
	now    func() time.Time
	broker *broker
	cache  *readCache
	online *presence // who has a session open in this process (see Join)
	shared bool      // a handle from Shared: Close does nothing
}

// Open opens (or with Options.Create, creates) a huddle file. It never modifies a
// file it cannot read as a huddle database, and refuses one from a newer huddle.
func Open(path string, opts Options) (st *Store, err error) {
	fi, statErr := os.Stat(path)
	switch {
	case errors.Is(statErr, fs.ErrNotExist):
		if !opts.Create || opts.ReadOnly {
			return nil, fmt.Errorf("%s does not exist; start a team in it by opening it (`huddle --db %s`) or adding someone (`huddle --db %s member add NAME`), or try `huddle demo`", path, path, path)
		}
	case statErr != nil:
		return nil, fmt.Errorf("cannot open %s: %v", path, statErr)
	case fi.IsDir():
		return nil, fmt.Errorf("%s is a directory, not a huddle database file", path)
	default:
		if err := precheck(path, fi.Size()); err != nil {
			return nil, err
		}
	}

	// A damaged file can make bbolt fault while reading its mapped pages; turn
	// such a fault into an error instead of a crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %w (%v)", path, ErrCorrupt, r)
		}
	}()

	timeout := opts.LockTimeout
	if timeout == 0 {
		timeout = time.Second
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout, ReadOnly: opts.ReadOnly})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("%s is in use by another huddle (%w); connect to the huddle that has it open, or close it first", path, ErrLocked)
		}
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrCorrupt, err)
	}
	db.NoSync = opts.NoSync
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	st = &Store{db: db, path: path, now: now, broker: newBroker(), online: newPresence(), cache: &readCache{}}
	if err := st.prepare(opts.ReadOnly); err != nil {
		db.Close()
		return nil, err
	}
	return st, nil
}

// precheck reads the two bbolt meta pages itself, before bbolt maps the file, so
// that empty, foreign, and truncated files are refused without being touched.
func precheck(path string, size int64) error {
	if size == 0 {
		return fmt.Errorf("%s is empty: %w (remove it, or open another file)", path, ErrCorrupt)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot open %s: %v", path, err)
	}
	defer f.Close()
	const magic = 0xED0CDAED
	// Page header is 16 bytes; the meta follows: magic, version, pageSize, flags,
	// root bucket (16), freelist, pgid, txid, checksum.
	hdr := make([]byte, 80)
	if _, err := io.ReadFull(f, hdr); err != nil {
		return fmt.Errorf("%s is too short to be a huddle database: %w", path, ErrCorrupt)
	}
	le := binary.LittleEndian
	if le.Uint32(hdr[16:]) != magic {
		return fmt.Errorf("%s: %w (it is not a bbolt file)", path, ErrCorrupt)
	}
	pageSize := int64(le.Uint32(hdr[24:]))
	if pageSize < 512 || pageSize > 1<<20 {
		return fmt.Errorf("%s: %w (bad page size)", path, ErrCorrupt)
	}
	// The newest valid meta says how many pages the file must hold.
	var need int64
	for i := int64(0); i < 2; i++ {
		m := make([]byte, 80)
		if _, err := f.ReadAt(m, i*pageSize); err != nil {
			continue
		}
		if le.Uint32(m[16:]) != magic {
			continue
		}
		pgid := int64(le.Uint64(m[56:]))
		if pgid*pageSize > need {
			need = pgid * pageSize
		}
	}
	if need == 0 {
		return fmt.Errorf("%s: %w (no valid header)", path, ErrCorrupt)
	}
	if size < need {
		return fmt.Errorf("%s is truncated (%d of %d bytes): %w; restore it from a backup", path, size, need, ErrCorrupt)
	}
	return nil
}

// Close releases the file. Subscribers are closed.
func (s *Store) Close() error {
	if s.shared {
		return nil // the owner closes the file
	}
	s.broker.close()
	return s.db.Close()
}

// Path is the file's path.
func (s *Store) Path() string { return s.path }

// Now is the store's clock (HUDDLE_NOW or a test clock when injected).
func (s *Store) Now() time.Time { return s.now() }

// Backup writes a consistent copy of the file from a read transaction, while
// other sessions keep working.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// BackupFile writes a consistent copy to path, refusing to overwrite an existing file.
func (s *Store) BackupFile(path string) (int64, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return 0, fmt.Errorf("%s already exists; choose a new file name", path)
		}
		return 0, err
	}
	n, err := s.Backup(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return 0, err
	}
	return n, nil
}

// Check runs bbolt's consistency check and huddle's own: every listed story has
// a rank entry and every index entry points at a record.
func (s *Store) Check() (problems []string, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %w (%v)", s.path, ErrCorrupt, r)
		}
	}()
	err = s.db.View(func(tx *bolt.Tx) error {
		for e := range tx.Check() {
			problems = append(problems, e.Error())
		}
		if len(problems) > 0 {
			return nil
		}
		problems = append(problems, checkIndexes(tx)...)
		return nil
	})
	return problems, err
}
