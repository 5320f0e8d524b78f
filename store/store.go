package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
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
	clock  *commitClock // the last commit (commits.go)
	// decoded is the member records as last decoded (member_cache.go).
	decoded *memberCache
	live    *liveModels  // the shared snapshots (live.go)
	group   *groupCommit // grouped writes (group.go)
	online  *presence    // who has a session open in this process (see Join)
	shared  bool         // a handle from Shared: Close does nothing
	bound   *binding     // a handle from BoundTo: one session's identity (identity.go)
	// readOnly is why a file opened for writing is read-only: damaged, or
	// not writable here ("" when writable). Writes are refused with it.
	readOnly string
	damaged  bool
}

// Open opens (or with Options.Create, creates) a huddle file. It never
// modifies a file it cannot read as a huddle file (a foreign or empty bbolt
// file, one from a newer huddle), and never opens a damaged one for writing:
// every existing file is first opened read-only and checked (see rawCheck,
// walk and pageCheck); a damaged file, or one this process may not write,
// stays open read-only, and ReadOnlyReason says why.
func Open(path string, opts Options) (st *Store, err error) {
	fi, statErr := os.Stat(path)
	switch {
	case errors.Is(statErr, fs.ErrNotExist):
		if !opts.Create || opts.ReadOnly {
			return nil, fmt.Errorf("%s does not exist; start a team in it by opening it (`huddle --db %s`) or adding someone (`huddle --db %s member add NAME`), or try `huddle demo`", path, path, path)
		}
		st, err := openBolt(path, opts, false, true)
		if err != nil {
			return nil, err
		}
		if err := st.prepare(false, true); err != nil {
			st.db.Close()
			return nil, err
		}
		return st, nil
	case statErr != nil:
		return nil, fmt.Errorf("cannot open %s: %s", path, describeFSError(statErr))
	case fi.IsDir():
		return nil, fmt.Errorf("%s is a directory, not a huddle file", path)
	}
	// A file huddle vouched for when it last checked or wrote it (stamp.go)
	// is not read page by page again: only its meta pages and freelist.
	stampTx, stamped := freshStamp(path, fi)
	raw, txid, err := precheck(path, fi.Size(), !stamped)
	if err != nil {
		dropStamp(path)
		return nil, err
	}
	deep := !stamped || txid != stampTx || len(raw) > 0
	// A read-only look first: is it huddle's, and sound?
	st, err = openBolt(path, opts, true, false)
	if err != nil {
		return nil, err
	}
	problems := raw
	if err := st.guard(func() error { return st.db.View(recognise(path)) }); err != nil {
		st.db.Close()
		return nil, err
	}
	if !deep {
		// Another writer between the stamp and this open: read every page.
		_ = st.guard(func() error {
			return st.db.View(func(tx *bolt.Tx) error { deep = uint64(tx.ID()) != txid; return nil })
		})
	}
	if len(problems) == 0 && deep {
		if err := st.guard(func() error {
			return st.db.View(func(tx *bolt.Tx) error {
				// The check reads every page: they are let go as it goes.
				releasingWhile(st.db, tx.Size(), func() { problems = pageCheck(tx) })
				return nil
			})
		}); err != nil {
			problems = append(problems, oneLine(err.Error()))
		}
	}
	if len(problems) > 0 {
		dropStamp(path)
		more := ""
		if len(problems) > 1 {
			more = fmt.Sprintf(" and %d more problems (`huddle check` lists them)", len(problems)-1)
		}
		st.readOnly = fmt.Sprintf("%s is damaged (%s%s); it is open read-only: %s", path, problems[0], more, recoverHint)
		st.damaged = true
		return st, nil
	}
	if deep {
		writeStamp(path, txid)
	}
	if opts.ReadOnly {
		if err := st.prepare(true, false); err != nil {
			st.db.Close()
			return nil, err
		}
		return st, nil
	}
	st.db.Close()
	rw, err := openBolt(path, opts, false, false)
	if err != nil {
		if why := describeFSError(errors.Unwrap(err)); errors.Is(err, fs.ErrPermission) || strings.Contains(why, "read-only file system") {
			// A sound file this process may not write opens for reading.
			ro, rerr := openBolt(path, opts, true, false)
			if rerr != nil {
				return nil, err
			}
			ro.readOnly = fmt.Sprintf("%s cannot be written (%s); it is open read-only", path, why)
			if err := ro.prepare(true, false); err != nil {
				ro.db.Close()
				return nil, err
			}
			return ro, nil
		}
		return nil, err
	}
	if err := rw.prepare(false, false); err != nil {
		rw.db.Close()
		return nil, err
	}
	return rw, nil
}

// openBolt opens the bbolt file under guard; create makes a new file, never
// through a symbolic link planted at path nor over a file that appeared
// meanwhile.
func openBolt(path string, opts Options, readOnly, create bool) (st *Store, err error) {
	timeout := opts.LockTimeout
	if timeout == 0 {
		timeout = time.Second
	}
	bopts := &bolt.Options{Timeout: timeout, ReadOnly: readOnly}
	if create {
		bopts.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
			return os.OpenFile(name, flag|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, perm)
		}
	}
	var db *bolt.DB
	err = safely(func() error {
		var oerr error
		db, oerr = bolt.Open(path, 0o600, bopts)
		return oerr
	})
	if err != nil {
		var pe *fs.PathError
		switch {
		case errors.Is(err, bolterrors.ErrTimeout):
			return nil, fmt.Errorf("%s is in use by another huddle (%w); connect to the huddle that has it open, or close it first", path, ErrLocked)
		case errors.As(err, &pe):
			return nil, fmt.Errorf("cannot open %s: %w", path, &fsError{pe})
		}
		return nil, fmt.Errorf("%s: %w (%s); %s", path, ErrCorrupt, oneLine(err.Error()), recoverHint)
	}
	db.NoSync = opts.NoSync
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Store{db: db, path: path, now: now, broker: newBroker(), online: newPresence(), cache: &readCache{}, clock: &commitClock{}, decoded: &memberCache{}, live: newLiveModels(), group: &groupCommit{}}, nil
}

// fsError is a file-system error said plainly ("permission denied",
// "the file system is read-only"), still matching fs.ErrPermission and the
// rest through errors.Is.
type fsError struct{ pe *fs.PathError }

func (e *fsError) Error() string { return describeFSError(e.pe) }
func (e *fsError) Unwrap() error { return e.pe }

// describeFSError is the cause of a file-system error without the path.
func describeFSError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, syscall.EROFS):
		return "the file system is read-only"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case err == nil:
		return "unknown error"
	}
	return err.Error()
}

// precheck reads the file's bbolt header itself, before bbolt maps the file,
// so that empty, foreign and truncated files are refused without being
// touched. It returns the problems that still let the file be read.
func precheck(path string, size int64, deep bool) ([]string, uint64, error) {
	if size == 0 {
		return nil, 0, fmt.Errorf("%s is empty: %w (remove it, or open another file)", path, ErrCorrupt)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot open %s: %s", path, describeFSError(err))
	}
	defer f.Close()
	problems, fatal, txid := rawCheckTx(f, size, deep)
	if fatal != "" {
		more := ""
		if len(problems) > 1 {
			more = fmt.Sprintf("; %d problems in all, `huddle check` lists them", len(problems))
		}
		return nil, 0, fmt.Errorf("%s: %w (%s%s); restore it from a backup", path, ErrCorrupt, fatal, more)
	}
	return problems, txid, nil
}

// CheckFile lists the problems of a file that Open refuses as damaged, one
// line each, read from the file itself (bbolt never maps it).
func CheckFile(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %s", path, describeFSError(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	problems, _ := rawCheck(f, fi.Size())
	return problems, nil
}

// ReadOnlyReason says why the file is open read-only although it was not
// asked to be (damaged, or not writable by this process), in one line that
// says what to do; "" when it is not.
func (s *Store) ReadOnlyReason() string { return s.readOnly }

// Damaged reports whether the file failed the check at open.
func (s *Store) Damaged() bool { return s.damaged }

// Close releases the file. Subscribers are closed.
func (s *Store) Close() error {
	if s.shared {
		return nil // the owner closes the file
	}
	s.broker.close()
	if s.readOnly == "" && !s.damaged && !s.db.IsReadOnly() {
		// Vouch for what this store wrote, while it still holds the file.
		var txid uint64
		if s.guard(func() error {
			return s.db.View(func(tx *bolt.Tx) error { txid = uint64(tx.ID()); return nil })
		}) == nil {
			writeStamp(s.path, txid)
		}
	}
	s.clock.id.Store(0) // reads after Close fail as bbolt's do
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
	err := s.read(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// BackupFile writes a consistent copy to path, refusing to overwrite an existing file.
func (s *Store) BackupFile(path string) (int64, error) {
	f, err := createExclusive(path, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return 0, fmt.Errorf("%s already exists (or is a link); choose a new file name", path)
		}
		return 0, fmt.Errorf("cannot write %s: %s", path, describeFSError(err))
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

// Check runs every check on the file: its header and pages (see rawCheck,
// walk, pageCheck), the indexes, and the team's rules on every record (see
// checkRecords). It returns one line per problem, each naming its bucket; a
// damaged file is never a crash.
func (s *Store) Check() (problems []string, err error) {
	var txid uint64 // the txid the pages were checked at, when they are sound
	if f, oerr := os.Open(s.path); oerr == nil {
		if fi, serr := f.Stat(); serr == nil {
			p, _ := rawCheck(f, fi.Size())
			problems = append(problems, p...)
		}
		f.Close()
	}
	err = s.guard(func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			if len(problems) > 0 { // bbolt's own check would assert on what rawCheck found
				problems = append(problems, walk(tx)...)
				return nil
			}
			if p := pageCheck(tx); len(p) > 0 {
				problems = append(problems, p...)
				return nil
			}
			txid = uint64(tx.ID())
			problems = append(problems, checkIndexes(tx)...)
			problems = append(problems, checkDerived(tx)...)
			problems = append(problems, checkRecords(tx)...)
			return nil
		})
	})
	if err != nil || len(problems) > 0 {
		dropStamp(s.path)
	} else if txid != 0 {
		writeStamp(s.path, txid)
	}
	return problems, err
}
