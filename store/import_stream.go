package store

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
)

// MaxImportBytes is the largest JSON export huddle imports, and
// maxImportRecords the most records in it.
const (
	MaxImportBytes   = 256 << 20
	maxImportRecords = 1_000_000
)

// maxImportValue is the most one value of an export may take as written
// (indented, escaped): beyond it the record is refused while it is read.
const maxImportValue = 4 * maxRecordBytes

// importFile is an export as read: its header and its buckets' records.
type importFile struct {
	format  string
	version int
	schema  int
	buckets []importBucket
}

type importBucket struct {
	name     []byte
	sequence uint64
	recs     []rawKV
}

// errImportTooBig and errValueTooBig end a read that went over a limit.
var (
	errImportTooBig = fmt.Errorf("it is over %d MB, the most huddle imports", MaxImportBytes>>20)
	errValueTooBig  = fmt.Errorf("over %d MB go by without a record ending, the most one record may take", maxImportValue>>20)
	errTooMany      = fmt.Errorf("it holds over %d records, the most huddle imports", maxImportRecords)
)

// limitedReader feeds the decoder at most MaxImportBytes, in small reads,
// and fails as soon as the value being decoded grows over maxImportValue
// (the decoder buffers a whole value before it hands it over).
type limitedReader struct {
	r   io.Reader
	n   int64
	dec *json.Decoder
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n >= MaxImportBytes {
		return 0, errImportTooBig
	}
	if l.dec != nil && l.n-l.dec.InputOffset() > maxImportValue {
		return 0, errValueTooBig
	}
	n, err := l.r.Read(p[:min(len(p), 64<<10, int(MaxImportBytes-l.n))])
	l.n += int64(n)
	return n, err
}

// ReadExport reads and checks a JSON export without writing anything.
func ReadExport(r io.Reader) (ImportResult, error) {
	_, res, err := readExport(r)
	return res, err
}

// readExport reads an export and checks it: its layout, its limits, and
// every record against the rules every write keeps. Every error is one line
// that ends with "nothing was imported".
func readExport(r io.Reader) (importFile, ImportResult, error) {
	f, res, err := decodeExport(r)
	if err != nil {
		return f, res, err
	}
	var raw []rawBucket
	for _, b := range f.buckets {
		raw = append(raw, rawBucket{name: b.name, recs: b.recs})
	}
	if errs := validateRecords(raw); len(errs) > 0 {
		more := ""
		if len(errs) > 1 {
			more = fmt.Sprintf(" (and %d more problems)", len(errs)-1)
		}
		return f, res, fmt.Errorf("the export is refused: %s%s; nothing was imported", oneLine(errs[0].Error()), more)
	}
	return f, res, nil
}

func decodeExport(r io.Reader) (importFile, ImportResult, error) {
	var f importFile
	var res ImportResult
	lr := &limitedReader{r: r}
	dec := json.NewDecoder(lr)
	lr.dec = dec
	damaged := func(err error) error {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.Is(err, errImportTooBig), errors.Is(err, errValueTooBig), errors.Is(err, errTooMany):
			return fmt.Errorf("the export is refused: %v; nothing was imported", err)
		case errors.As(err, &syn):
			return fmt.Errorf("the export is damaged: %v at byte %d; nothing was imported", syn, syn.Offset)
		case errors.As(err, &typ):
			return fmt.Errorf("the export is damaged: %s holds a %s where %s belongs; nothing was imported", typ.Field, typ.Value, typ.Type)
		case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
			return errors.New("the export is damaged: it ends too early (truncated?); nothing was imported")
		}
		return fmt.Errorf("the export is damaged: %s; nothing was imported", oneLine(err.Error()))
	}
	delim := func(want json.Delim) error {
		t, err := dec.Token()
		if err != nil {
			return damaged(err)
		}
		if d, ok := t.(json.Delim); !ok || d != want {
			return fmt.Errorf("the export is damaged: %v where %q belongs; nothing was imported", t, want)
		}
		return nil
	}
	key := func() (string, error) {
		t, err := dec.Token()
		if err != nil {
			return "", damaged(err)
		}
		k, _ := t.(string)
		return k, nil
	}
	if err := delim('{'); err != nil {
		return f, res, err
	}
	seenBuckets := false
	for dec.More() {
		k, err := key()
		if err != nil {
			return f, res, err
		}
		switch k {
		case "format":
			err = dec.Decode(&f.format)
		case "version":
			err = dec.Decode(&f.version)
		case "schema":
			err = dec.Decode(&f.schema)
		case "buckets":
			if f.format != "" { // refuse another format early; without one, at the end
				if err := checkHeader(f); err != nil {
					return f, res, err
				}
			}
			seenBuckets = true
			if err := delim('['); err != nil {
				return f, res, err
			}
			seen := map[string]bool{}
			total := 0
			for dec.More() {
				b, err := decodeBucket(dec, delim, key, damaged, maxImportRecords-total)
				if err != nil {
					return f, res, err
				}
				switch {
				case len(b.name) == 0:
					return f, res, errors.New("the export is damaged: a bucket has no name; nothing was imported")
				case bytes.Equal(b.name, bucketMeta):
					return f, res, errors.New("the export is damaged: it holds a meta bucket; nothing was imported")
				case seen[string(b.name)]:
					return f, res, fmt.Errorf("the export is damaged: bucket %s appears twice; nothing was imported", printableName(b.name))
				}
				seen[string(b.name)] = true
				total += len(b.recs)
				f.buckets = append(f.buckets, b)
				res.Buckets++
				res.Records += len(b.recs)
				switch {
				case bytes.Equal(b.name, bucketMembers):
					res.Members = len(b.recs)
				case bytes.Equal(b.name, bucketStories):
					res.Stories = len(b.recs)
				case bytes.Equal(b.name, bucketSprints):
					res.Sprints = len(b.recs)
				case bytes.Equal(b.name, bucketEvents):
					res.Events = len(b.recs)
				}
			}
			err = delim(']')
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			if strings.HasPrefix(err.Error(), "the export") {
				return f, res, err
			}
			return f, res, damaged(err)
		}
	}
	if err := delim('}'); err != nil {
		return f, res, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return f, res, errors.New("the export is damaged: there is data after its end; nothing was imported")
	}
	if err := checkHeader(f); err != nil {
		return f, res, err
	}
	if !seenBuckets || res.Members == 0 {
		return f, res, errors.New("the export is damaged: it has no team members; nothing was imported")
	}
	res.Schema = f.schema
	return f, res, nil
}

// checkHeader checks the export's format, version and schema.
func checkHeader(f importFile) error {
	switch {
	case f.format != ExportFormat:
		return fmt.Errorf("not a huddle export (its format is %q, want %q); write one with `huddle export --format json`", oneLine(f.format), ExportFormat)
	case f.version > ExportVersion:
		return fmt.Errorf("the export is %w (export version %d; this huddle reads up to %d); upgrade huddle to import it", ErrTooNew, f.version, ExportVersion)
	case f.version < 1:
		return fmt.Errorf("the export is damaged: bad export version %d", f.version)
	case f.schema > SchemaVersion():
		return fmt.Errorf("the export was %w (schema %d; this huddle knows up to %d); upgrade huddle to import it", ErrTooNew, f.schema, SchemaVersion())
	case f.schema < 1:
		return fmt.Errorf("the export is damaged: bad schema version %d", f.schema)
	}
	return nil
}

// decodeBucket reads one bucket of the export, record by record.
func decodeBucket(dec *json.Decoder, delim func(json.Delim) error, key func() (string, error), damaged func(error) error, room int) (importBucket, error) {
	var b importBucket
	if err := delim('{'); err != nil {
		return b, err
	}
	var name string
	for dec.More() {
		k, err := key()
		if err != nil {
			return b, err
		}
		switch k {
		case "name":
			err = dec.Decode(&name)
			b.name = []byte(name)
		case "sequence":
			err = dec.Decode(&b.sequence)
		case "records":
			if err := delim('['); err != nil {
				return b, err
			}
			var prev []byte
			for dec.More() {
				if len(b.recs) >= room {
					return b, damaged(errTooMany)
				}
				var rec exportRecord
				if err := dec.Decode(&rec); err != nil {
					return b, damaged(err)
				}
				i := len(b.recs) + 1
				k, err := exportDecodeKey(rec)
				if err != nil || len(k) == 0 {
					return b, fmt.Errorf("the export is damaged: record %d of %s: bad key (%v); nothing was imported", i, printableName(b.name), err)
				}
				if prev != nil && bytes.Compare(prev, k) >= 0 {
					return b, fmt.Errorf("the export is damaged: record %d of %s is out of order or repeated; nothing was imported", i, printableName(b.name))
				}
				prev = k
				v := []byte{}
				switch {
				case rec.ValueHex != "" && len(rec.Value) > 0:
					return b, fmt.Errorf("the export is damaged: record %d of %s has two values; nothing was imported", i, printableName(b.name))
				case rec.ValueHex != "":
					if v, err = hex.DecodeString(rec.ValueHex); err != nil {
						return b, fmt.Errorf("the export is damaged: record %d of %s: bad value_hex; nothing was imported", i, printableName(b.name))
					}
				case len(rec.Value) > 0:
					var buf bytes.Buffer
					if err := json.Compact(&buf, rec.Value); err != nil {
						return b, damaged(err)
					}
					v = buf.Bytes()
				}
				if (exportInSet(idBuckets, b.name) || bytes.Equal(b.name, bucketMembers)) && (len(v) == 0 || v[0] != '{') {
					return b, fmt.Errorf("the export is damaged: record %d of %s is not a record; nothing was imported", i, printableName(b.name))
				}
				if len(v) > maxRecordBytes {
					return b, fmt.Errorf("the export is refused: %s %s: the record is %d bytes, over the %d a record may hold; nothing was imported", printableName(b.name), recordKey(b.name, k), len(v), maxRecordBytes)
				}
				b.recs = append(b.recs, rawKV{k, v})
			}
			err = delim(']')
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			if strings.HasPrefix(err.Error(), "the export") {
				return b, err
			}
			return b, damaged(err)
		}
	}
	return b, delim('}')
}

// createExclusive creates path for writing: never an existing file, and
// never through a symbolic link planted at path.
func createExclusive(path string, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, perm)
}
