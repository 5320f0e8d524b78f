package store

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"time"
	"unicode/utf8"

	"huddle/retro"

	bolt "go.etcd.io/bbolt"
)

// ExportFormat names the JSON export; ExportVersion is its layout version.
const (
	ExportFormat  = "huddle-export"
	ExportVersion = 1
)

// The JSON export holds every bucket of the file except meta (whose schema
// version is the top-level "schema"), each with its sequence and its records
// in key order, one record a line:
//
//	{"format": "huddle-export", "version": 1, "schema": 1, "buckets": [
//	{"name": "members", "sequence": 0, "records": [
//	  {"key": "maya", "value": {...}},
//	...
//
// A record's key is a number in buckets keyed by ID, a pair of numbers in the
// two-ID indexes, a string when it is printable text, else "key_hex". Its value
// is the stored JSON document; index entries have no value. The export holds
// what any member may read (see exportRedact): nothing on an anonymous board
// names a person, hidden cards are blank, and the boards' keys are left out.
// `huddle backup` copies everything.

// idBuckets are keyed by one 8-byte ID; pairBuckets by two.
var (
	idBuckets   = [][]byte{bucketObjectives, bucketKeyResults, bucketStories, bucketSprints, bucketTasks, bucketRetroBoards, bucketRetroCards, bucketRetroActions, bucketFeedback, bucketEvents}
	pairBuckets = [][]byte{bucketSprintTasks, bucketSprintEvents, bucketStoryEvents}
)

func exportInSet(set [][]byte, name []byte) bool {
	return slices.ContainsFunc(set, func(b []byte) bool { return bytes.Equal(b, name) })
}

type exportRecord struct {
	Key    json.RawMessage `json:"key,omitempty"`
	KeyHex string          `json:"key_hex,omitempty"`
	Value  json.RawMessage `json:"value,omitempty"`
	// ValueHex holds a value that is not JSON (none today; kept for completeness).
	ValueHex string `json:"value_hex,omitempty"`
}

type exportBucket struct {
	Name     string         `json:"name"`
	Sequence uint64         `json:"sequence"`
	Records  []exportRecord `json:"records"`
}

type exportFile struct {
	Format  string         `json:"format"`
	Version int            `json:"version"`
	Schema  int            `json:"schema"`
	Buckets []exportBucket `json:"buckets"`
}

func exportPrintableKey(k []byte) bool {
	if !utf8.Valid(k) {
		return false
	}
	for _, r := range string(k) {
		if r != 0 && (r < 0x20 || r == 0x7f) {
			return false
		}
	}
	return true
}

func exportEncodeKey(bucket, k []byte) exportRecord {
	switch {
	case exportInSet(idBuckets, bucket) && len(k) == 8:
		return exportRecord{Key: json.RawMessage(fmt.Sprint(btoi(k)))}
	case exportInSet(pairBuckets, bucket) && len(k) == 16:
		return exportRecord{Key: json.RawMessage(fmt.Sprintf("[%d,%d]", btoi(k), btoi(k[8:])))}
	case exportPrintableKey(k) && len(k) > 0:
		data, _ := json.Marshal(string(k))
		return exportRecord{Key: data}
	}
	return exportRecord{KeyHex: hex.EncodeToString(k)}
}

func exportDecodeKey(r exportRecord) ([]byte, error) {
	if r.KeyHex != "" {
		if len(r.Key) > 0 {
			return nil, errors.New("a record has both key and key_hex")
		}
		return hex.DecodeString(r.KeyHex)
	}
	if len(r.Key) == 0 {
		return nil, errors.New("a record has no key")
	}
	switch r.Key[0] {
	case '"':
		var s string
		if err := json.Unmarshal(r.Key, &s); err != nil || s == "" {
			return nil, fmt.Errorf("bad key %s", r.Key)
		}
		return []byte(s), nil
	case '[':
		var pair []uint64
		if err := json.Unmarshal(r.Key, &pair); err != nil || len(pair) != 2 {
			return nil, fmt.Errorf("bad key %s", r.Key)
		}
		return append(u64(pair[0]), u64(pair[1])...), nil
	}
	var n uint64
	if err := json.Unmarshal(r.Key, &n); err != nil {
		return nil, fmt.Errorf("bad key %s", r.Key)
	}
	return u64(n), nil
}

// exportRedact makes a record's value what any member may read: on an
// anonymous board a card has no author and its votes are one count, and
// events about its cards and votes name nobody; a card on a board still in
// its write phase has no text and no author (its author's own screen shows
// it; an export shows it to everyone).
func exportRedact(bucket, v []byte, boards map[int]retro.Board, anon map[int]bool) ([]byte, error) {
	switch {
	case bytes.Equal(bucket, bucketRetroCards):
		var c retro.Card
		if err := json.Unmarshal(v, &c); err != nil {
			return nil, err
		}
		b, ok := boards[c.Sprint]
		if !ok {
			b = retro.NewBoard(c.Sprint, retro.TemplateWellImprove) // a card's board is made with it; a missing one is still being written
		}
		if !b.Anonymous && b.Phase != retro.PhaseWrite {
			return v, nil
		}
		if b.Anonymous {
			c = c.Anonymized()
		}
		if b.Phase == retro.PhaseWrite {
			c.Text, c.Author = "", ""
		}
		return json.Marshal(c)
	case bytes.Equal(bucket, bucketEvents) && len(anon) > 0:
		var e Event
		if err := json.Unmarshal(v, &e); err != nil {
			return nil, err
		}
		if e, changed := redactEvent(e, anon); changed {
			return json.Marshal(e)
		}
	}
	return v, nil
}

// exportBoards reads every retro board, by sprint.
func exportBoards(tx *bolt.Tx) (map[int]retro.Board, map[int]bool, error) {
	boards, anon := map[int]retro.Board{}, map[int]bool{}
	b := tx.Bucket(bucketRetroBoards)
	if b == nil {
		return boards, anon, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		var board retro.Board
		if _, err := get(b, k, &board); err != nil {
			return err
		}
		boards[board.Sprint] = board
		if board.Anonymous {
			anon[board.Sprint] = true
		}
		return nil
	})
	return boards, anon, err
}

// exportRelease is how many records an export writes between two releases
// of the file pages it has read (releaseRead).
const exportRelease = 4096

// ExportJSON writes the whole file's data as JSON from one read transaction,
// while others keep working. It streams: records go out as they are read,
// and the file's pages read so far are released as it goes, so its memory
// stays flat whatever the file's size.
func (s *Store) ExportJSON(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	err := s.read(func(tx *bolt.Tx) error {
		records := 0
		boards, anon, err := exportBoards(tx)
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "{\"format\": %q, \"version\": %d, \"schema\": %d, \"buckets\": [", ExportFormat, ExportVersion, SchemaVersion())
		firstBucket := true
		err = tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if unexported(name) {
				return nil // the schema is the top-level "schema"; anonymous boards' keys and undo's bin are never shown
			}
			if !firstBucket {
				bw.WriteString(",")
			}
			firstBucket = false
			nm, _ := json.Marshal(string(name))
			fmt.Fprintf(bw, "\n{\"name\": %s, \"sequence\": %d, \"records\": [", nm, b.Sequence())
			first := true
			err := b.ForEach(func(k, v []byte) error {
				if v == nil && b.Bucket(k) != nil {
					return fmt.Errorf("bucket %s holds a nested bucket, which the export does not know", name)
				}
				rec := exportEncodeKey(name, k)
				if len(v) > 0 {
					if json.Valid(v) {
						red, err := exportRedact(name, v, boards, anon)
						if err != nil {
							return fmt.Errorf("record %x in %s is damaged: %w", k, name, err)
						}
						rec.Value = red
					} else {
						rec.ValueHex = hex.EncodeToString(v)
					}
				}
				if !first {
					bw.WriteString(",")
				}
				first = false
				// Written by hand rather than through json.Marshal, which would
				// validate and compact every stored document once more.
				bw.WriteString("\n  {")
				if rec.KeyHex != "" {
					fmt.Fprintf(bw, "\"key_hex\":%q", rec.KeyHex)
				} else {
					bw.WriteString("\"key\":")
					bw.Write(rec.Key)
				}
				switch {
				case len(rec.Value) > 0:
					bw.WriteString(",\"value\":")
					bw.Write(rec.Value)
				case rec.ValueHex != "":
					fmt.Fprintf(bw, ",\"value_hex\":%q", rec.ValueHex)
				}
				bw.WriteString("}")
				if records++; records%exportRelease == 0 {
					releaseRead(s.db, tx.Size())
				}
				return nil
			})
			if err != nil {
				return err
			}
			if !first {
				bw.WriteString("\n")
			}
			bw.WriteString("]}")
			return nil
		})
		if err != nil {
			return err
		}
		bw.WriteString("\n]}\n")
		return nil
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// ImportResult says what an import read.
type ImportResult struct {
	Schema  int
	Buckets int
	Records int
	Members int
	Stories int
	Sprints int
	Events  int
}

// ImportJSON reads a JSON export into a new file at path. It reads the
// export as a stream with size limits (MaxImportBytes in all, a record at
// most maxRecordBytes) and checks every record against the rules every write
// keeps (see validateRecords) before anything is written. It refuses an
// existing path, an export from a newer huddle and a damaged or invalid
// export in one line ("bucket key: reason"); on any failure nothing is left
// behind.
func ImportJSON(r io.Reader, path string) (ImportResult, error) {
	f, res, err := readExport(r)
	if err != nil {
		return res, err
	}
	fd, err := createExclusive(path, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return res, fmt.Errorf("%s already exists; import into a new file", path)
		}
		return res, fmt.Errorf("cannot create %s: %s", path, describeFSError(err))
	}
	fd.Close()
	ok := false
	defer func() {
		if !ok {
			os.Remove(path)
		}
	}()
	// bbolt initialises an empty file as a new database.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return res, err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		if err := meta.Put(keySchema, u64(uint64(f.schema))); err != nil {
			return err
		}
		if err := meta.Put(keyMarker, markerValue); err != nil {
			return err
		}
		for _, eb := range f.buckets {
			b, err := tx.CreateBucket(eb.name)
			if err != nil {
				return fmt.Errorf("bucket %s: %w", eb.name, err)
			}
			b.FillPercent = 0.9 // keys arrive in order
			for _, rec := range eb.recs {
				if err := b.Put(rec.k, rec.v); err != nil {
					return err
				}
			}
			if err := b.SetSequence(eb.sequence); err != nil {
				return err
			}
		}
		if f.schema >= derivedSchema {
			// An export leaves the derived records out; an older one gets
			// them from its migration at the open below.
			return migrateDerived(tx)
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return res, fmt.Errorf("importing into %s: %w", path, err)
	}
	// Open once the huddle way: older exports are migrated, and the whole
	// check runs (pages, indexes, every record's rules).
	st, err := Open(path, Options{})
	if err != nil {
		return res, err
	}
	problems, err := st.Check()
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return res, err
	}
	if len(problems) > 0 {
		return res, fmt.Errorf("the export is refused: %s; nothing was imported", problems[0])
	}
	ok = true
	return res, nil
}
