package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// writeV1 writes a schema-1 huddle file as huddle before the marker did:
// the bucket tree of migration 1 and schema 1 in meta, with one member.
func writeV1(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		if err := migrations[0].apply(tx); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMembers).Put([]byte("alice"), []byte(`{"handle":"alice","name":"","role":"lead","hours_per_day":6,"added":"2026-01-05T09:00:00Z"}`)); err != nil {
			return err
		}
		return meta.Put(keySchema, u64(1))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigration2MarksASchema1File(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	writeV1(t, path)
	// Read-only commands read it as it is.
	before, _ := os.ReadFile(path)
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of a schema-1 file: %v", err)
	}
	if m, err := ro.Member("alice"); err != nil || m.Role != "lead" {
		t.Fatalf("reading a schema-1 file: %+v %v", m, err)
	}
	ro.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("a read-only open changed the file")
	}
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open of a schema-1 file: %v", err)
	}
	defer st.Close()
	var marker []byte
	var v int
	st.db.View(func(tx *bolt.Tx) error {
		marker = append(marker, tx.Bucket(bucketMeta).Get(keyMarker)...)
		v = readSchema(tx)
		return nil
	})
	if !bytes.Equal(marker, markerValue) || v != SchemaVersion() {
		t.Fatalf("after migrating: marker %q, schema %d", marker, v)
	}
	if m, err := st.Member("alice"); err != nil || m.Role != "lead" {
		t.Fatalf("after migrating: %+v %v", m, err)
	}
}

func TestForeignAndEmptyBboltFilesAreRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	mk := func(name string, fill func(tx *bolt.Tx) error) string {
		p := filepath.Join(dir, name)
		db, err := bolt.Open(p, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		if fill != nil {
			if err := db.Update(fill); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		return p
	}
	files := map[string]string{
		"empty bbolt": mk("empty.db", nil),
		"users and meta": mk("users.db", func(tx *bolt.Tx) error {
			u, _ := tx.CreateBucket([]byte("users"))
			u.Put([]byte("root"), []byte("x"))
			m, _ := tx.CreateBucket(bucketMeta)
			return m.Put(keySchema, u64(1))
		}),
		"meta only": mk("meta.db", func(tx *bolt.Tx) error {
			m, _ := tx.CreateBucket(bucketMeta)
			return m.Put([]byte("version"), []byte("3"))
		}),
		"huddle's tree but a foreign schema": mk("tree.db", func(tx *bolt.Tx) error {
			m, _ := tx.CreateBucket(bucketMeta)
			if err := migrations[0].apply(tx); err != nil {
				return err
			}
			return m.Put(keySchema, []byte("1"))
		}),
	}
	for name, p := range files {
		before, _ := os.ReadFile(p)
		for _, opts := range []Options{{}, {Create: true}, {ReadOnly: true}} {
			st, err := Open(p, opts)
			if err == nil {
				st.Close()
				t.Errorf("%s (%+v): opened", name, opts)
				continue
			}
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "not a huddle file") || strings.Contains(err.Error(), "\n") {
				t.Errorf("%s: %v", name, err)
			}
		}
		if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
			t.Errorf("%s: the file was modified", name)
		}
	}
}

func TestFileSystemErrorsAreSaidPlainly(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EROFS}, "the file system is read-only"},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}, "permission denied"},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EPERM}, "permission denied"},
	} {
		if got := describeFSError(c.err); got != c.want {
			t.Errorf("%v: %q, want %q", c.err, got, c.want)
		}
		wrapped := &fsError{c.err.(*os.PathError)}
		if errors.Is(wrapped, ErrCorrupt) || !strings.Contains(wrapped.Error(), c.want) {
			t.Errorf("%v: reads as %q", c.err, wrapped)
		}
	}
}

func TestReadOnlyFileOpensForReading(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes any file: the permission cannot be denied")
	}
	path := filepath.Join(t.TempDir(), "ro.db")
	st, err := Open(path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	st.Bootstrap("alice", "Rocket")
	st.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	st, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("a sound read-only file: %v", err)
	}
	defer st.Close()
	if !strings.Contains(st.ReadOnlyReason(), "permission denied") || st.Damaged() {
		t.Fatalf("reason %q, damaged %v", st.ReadOnlyReason(), st.Damaged())
	}
	if _, err := st.Member("alice"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddMember("alice", NewMember{Handle: "bob", Role: "member"}); !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("a write: %v", err)
	}
}
