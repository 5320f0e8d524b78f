package store_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"huddle/store"
	"huddle/store/demo"
)

// exportDoc is a JSON export as a document to edit.
type exportDoc map[string]any

func parseExport(t *testing.T, data []byte) exportDoc {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var d exportDoc
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	return d
}

// record is the value of the n-th record (0-based) of bucket.
func (d exportDoc) record(t *testing.T, bucket string, n int) map[string]any {
	t.Helper()
	for _, b := range d["buckets"].([]any) {
		bm := b.(map[string]any)
		if bm["name"] == bucket {
			return bm["records"].([]any)[n].(map[string]any)["value"].(map[string]any)
		}
	}
	t.Fatalf("no bucket %s", bucket)
	return nil
}

func (d exportDoc) bytes(t *testing.T) []byte {
	t.Helper()
	data, err := json.Marshal(map[string]any(d))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestImportCorpusIsRefusedInOneLine imports exports that break the rules
// every write keeps: each is refused in one line naming the record and the
// reason, and nothing is written.
func TestImportCorpusIsRefusedInOneLine(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "demo.db")
	if _, err := demo.Create(src, demoNow, false); err != nil {
		t.Fatal(err)
	}
	good := exportOf(t, src)
	cases := []struct {
		name string
		edit func(d exportDoc)
		want string
	}{
		{"escape in a title", func(d exportDoc) {
			d.record(t, "stories", 0)["title"] = "Scan \x1b]52;c;aGVsbG8=\x07an ID"
		}, `stories 1: "title" holds escape sequences`},
		{"escape in a vision", func(d exportDoc) {
			d.record(t, "team", 0)["vision"] = "\x1b[2J\x1b[31mpwned"
		}, `team team: "vision" holds escape sequences`},
		{"bidi override in a card", func(d exportDoc) {
			d.record(t, "retro_cards", 0)["text"] = "fine \u202etxt.exe"
		}, `retro_cards 1: "text" holds escape sequences`},
		{"superuser", func(d exportDoc) { d.record(t, "members", 0)["role"] = "superuser" }, `members lucas: unknown role "superuser"`},
		{"no lead", func(d exportDoc) {
			for i := range 5 {
				if m := d.record(t, "members", i); m["role"] == "lead" {
					m["role"] = "member"
				}
			}
		}, "members: the team has 0 leads"},
		{"two leads", func(d exportDoc) { d.record(t, "members", 0)["role"] = "lead" }, "members: the team has 2 leads"},
		{"hours -1e308", func(d exportDoc) { d.record(t, "tasks", 0)["estimate"] = json.Number("-1e308") }, `tasks 1: "estimate" is -1e308`},
		{"hours +Inf", func(d exportDoc) { d.record(t, "tasks", 0)["remaining"] = json.Number("1e999") }, `tasks 1: "remaining" is 1e999`},
		{"negative hours", func(d exportDoc) { d.record(t, "tasks", 0)["remaining"] = json.Number("-3") }, "tasks 1: remaining: hours must be between 0 and"},
		{"4.6e18 points", func(d exportDoc) { d.record(t, "stories", 0)["points"] = json.Number("4600000000000000000") }, `stories 1: "points" is 4600000000000000000`},
		{"points off the scale", func(d exportDoc) { d.record(t, "stories", 0)["points"] = json.Number("7") }, "stories 1: 7 points is not on the scale"},
		{"hours per day", func(d exportDoc) { d.record(t, "members", 0)["hours_per_day"] = json.Number("25") }, "members lucas: hours per day must be between 0 and 24"},
		{"key result baseline", func(d exportDoc) { d.record(t, "keyresults", 0)["baseline"] = json.Number("1e300") }, `keyresults 1: "baseline" is 1e300`},
		{"2026-02-30", func(d exportDoc) { d.record(t, "sprints", 0)["start"] = "2026-02-30" }, `sprints 1: not a valid record ("2026-02-30" is not a date`},
		{"9999-12-31", func(d exportDoc) {
			s := d.record(t, "sprints", 0)
			s["start"], s["end"] = "9999-12-20", "9999-12-31"
		}, `sprints 1: "end" is 9999-12-31, outside the years`},
		{"year 9999 timestamp", func(d exportDoc) { d.record(t, "tasks", 0)["updated"] = "9999-12-31T23:59:59Z" }, `tasks 1: "updated" is 9999-12-31T23:59:59Z, outside the years`},
		{"task of a missing story", func(d exportDoc) { d.record(t, "tasks", 0)["story"] = json.Number("999") }, "tasks 1: its story S-999 does not exist"},
		{"task of a missing sprint", func(d exportDoc) { d.record(t, "tasks", 0)["sprint"] = json.Number("77") }, "tasks 1: its sprint #77 does not exist"},
		{"owner not a member", func(d exportDoc) { d.record(t, "tasks", 0)["owner"] = "mallory" }, `tasks 1: its owner "mallory" is not a member`},
		{"capacity of a stranger", func(d exportDoc) {
			d.record(t, "sprints", 0)["capacity"].(map[string]any)["mallory"] = json.Number("10")
		}, `sprints 1: capacity for "mallory" is not a member`},
		{"handle and key differ", func(d exportDoc) { d.record(t, "members", 0)["handle"] = "maya" }, `members lucas: its handle "maya" does not match its key`},
		{"a long title", func(d exportDoc) { d.record(t, "stories", 0)["description"] = strings.Repeat("x", 20000) }, `stories 1: "description" is 20000 characters`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := parseExport(t, good)
			c.edit(d)
			refused(t, dir, c.name, bytes.NewReader(d.bytes(t)), c.want)
		})
	}
}

// refused imports r and expects one line holding want, and no file.
func refused(t *testing.T, dir, name string, r io.Reader, want string) {
	t.Helper()
	dst := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".db")
	_, err := store.ImportJSON(r, dst)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want %q", err, want)
	}
	if strings.Contains(err.Error(), "\n") || !strings.HasSuffix(err.Error(), "nothing was imported") {
		t.Errorf("not one line ending in 'nothing was imported': %q", err)
	}
	if _, err := os.Stat(dst); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused import left %s behind", dst)
	}
}

// repeatReader yields n bytes of b.
type repeatReader struct {
	b byte
	n int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), r.n)
	for i := range p[:n] {
		p[i] = r.b
	}
	r.n -= n
	return int(n), nil
}

func TestImportOfA100MBFieldIsRefusedWhileReading(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "demo.db")
	if _, err := demo.Create(src, demoNow, false); err != nil {
		t.Fatal(err)
	}
	good := string(exportOf(t, src))
	// The team's vision, 100 MB long, streamed: the test never holds it.
	at := strings.Index(good, `"vision":"`) + len(`"vision":"`)
	if at < len(`"vision":"`) {
		t.Fatal("no vision in the export")
	}
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := io.MultiReader(strings.NewReader(good[:at]), &repeatReader{'x', 100 << 20}, strings.NewReader(good[at:]))
	refused(t, dir, "huge", r, "over 4 MB go by without a record ending")
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("refusing a 100 MB field allocated %d MB", grew>>20)
	}
}

func TestImportOfEndlessPaddingIsRefused(t *testing.T) {
	// Padding between records, over MaxImportBytes in all: refused as soon as
	// one record's worth has gone by.
	pre := `{"format":"huddle-export","version":1,"schema":1,"buckets":[{"name":"events","sequence":0,"records":[`
	r := io.MultiReader(strings.NewReader(pre), &repeatReader{' ', store.MaxImportBytes + 1}, strings.NewReader(`{"key":1,"value":{}}]}]}`))
	refused(t, t.TempDir(), "padding", r, "without a record ending")
}
