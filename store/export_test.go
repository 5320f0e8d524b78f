package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"huddle/store"
	"huddle/store/demo"
)

var demoNow = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

func exportOf(t testing.TB, path string) []byte {
	t.Helper()
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var buf bytes.Buffer
	if err := st.ExportJSON(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportImportRoundTripOverTheDemoTeam(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "demo.db")
	if _, err := demo.Create(src, demoNow, false); err != nil {
		t.Fatal(err)
	}
	first := exportOf(t, src)
	for _, want := range []string{`"name": "events"`, `"name": "stories"`, `"name": "retro_cards"`, `"name": "notes"`, schemaField} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("export lacks %s", want)
		}
	}
	dst := filepath.Join(dir, "copy.db")
	res, err := store.ImportJSON(bytes.NewReader(first), dst)
	if err != nil {
		t.Fatal(err)
	}
	if res.Members < 3 || res.Stories < 10 || res.Events < 50 {
		t.Errorf("import read %+v", res)
	}
	second := exportOf(t, dst)
	if !bytes.Equal(first, second) {
		a, b := string(first), string(second)
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("exports differ at byte %d: %q vs %q", i, a[max(0, i-80):min(len(a), i+80)], b[max(0, i-80):min(len(b), i+80)])
			}
		}
		t.Fatalf("exports differ in length: %d vs %d", len(a), len(b))
	}
	// The copy works: it opens read-write and passes huddle check.
	st, err := store.Open(dst, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if probs, err := st.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check %v %v", probs, err)
	}
	if _, err := st.AddStory("maya", store.StoryInput{Title: "After import", Points: 1}); err != nil {
		t.Fatal(err)
	}
}

func TestImportRefusesBadInputAndLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "demo.db")
	if _, err := demo.Create(src, demoNow, false); err != nil {
		t.Fatal(err)
	}
	good := exportOf(t, src)
	cases := map[string]struct {
		data []byte
		want string
	}{
		"truncated":     {good[:len(good)/2], "damaged"},
		"garbage":       {[]byte("hello"), "damaged"},
		"other json":    {[]byte(`{"a": 1}`), "not a huddle export"},
		"newer schema":  {bytes.Replace(good, []byte(schemaField), []byte(`"schema": 99`), 1), "newer huddle"},
		"newer version": {bytes.Replace(good, []byte(`"version": 1`), []byte(`"version": 7`), 1), "newer huddle"},
		"trailing":      {append(append([]byte{}, good...), []byte("{}")...), "after its end"},
		"bad record":    {bytes.Replace(good, []byte(`{"key":1,"value":{"id":1,"title"`), []byte(`{"key":1,"value":"x","z":{"id":1,"title"`), 1), "not a record"},
		"repeated key":  {bytes.Replace(good, []byte(`{"key":2,"value":{"id":2,"title"`), []byte(`{"key":1,"value":{"id":2,"title"`), 1), "out of order"},
		"no members":    {bytes.Replace(good, []byte(`"name": "members"`), []byte(`"name": "members_x"`), 1), "no team members"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dst := filepath.Join(dir, name+".db")
			_, err := store.ImportJSON(bytes.NewReader(c.data), dst)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
			if _, err := os.Stat(dst); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a retroRefused import left %s behind", dst)
			}
		})
	}
	// An existing target is never touched.
	before, _ := os.ReadFile(src)
	if _, err := store.ImportJSON(bytes.NewReader(good), src); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("import over an existing file: %v", err)
	}
	after, _ := os.ReadFile(src)
	if !bytes.Equal(before, after) {
		t.Error("the existing file changed")
	}
}

func BenchmarkExportDemo(b *testing.B) {
	src := filepath.Join(b.TempDir(), "demo.db")
	if _, err := demo.Create(src, demoNow, false); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(src, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := st.ExportJSON(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

func BenchmarkImportDemo(b *testing.B) {
	dir := b.TempDir()
	src := filepath.Join(dir, "demo.db")
	if _, err := demo.Create(src, demoNow, false); err != nil {
		b.Fatal(err)
	}
	data := exportOf(b, src)
	i := 0
	for b.Loop() {
		i++
		if _, err := store.ImportJSON(bytes.NewReader(data), filepath.Join(dir, "copy"+strconv.Itoa(i)+".db")); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "bytes")
}

func BenchmarkSprintReportDemo(b *testing.B) {
	src := filepath.Join(b.TempDir(), "demo.db")
	if _, err := demo.Create(src, demoNow, false); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(src, store.Options{ReadOnly: true, Now: func() time.Time { return demoNow }})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for b.Loop() {
		if _, err := st.Report(1); err != nil {
			b.Fatal(err)
		}
	}
}

// schemaField is the export's schema version as it is written.
var schemaField = fmt.Sprintf(`"schema": %d`, store.SchemaVersion())
