package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"huddle/store"
	"huddle/store/demo"
)

// TestFlippedBytesInEveryPage damages a demo file one page at a time (a
// byte of the page header, of the first element, of the middle and of the
// end, each inverted) and uses it as huddle would: open, check, read
// everything, write. No panic may escape, every error is one line, and a
// file the open check calls damaged is never modified.
func TestFlippedBytesInEveryPage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "demo.db")
	if _, err := demo.Create(src, demoNow, false); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	const pageSize = 4096
	// Every page is flipped at three places (its header, its first
	// element, its middle); HUDDLE_FLIP_ALL=1 flips seven (2.3x the time).
	offsets := []int{8, 18, 2048}
	if os.Getenv("HUDDLE_FLIP_ALL") == "1" {
		offsets = []int{8, 10, 12, 18, 25, 2048, pageSize - 1}
	}
	var mu sync.Mutex
	var refusedAtOpen, damagedAtOpen, checkFound, written, writeRefused int
	pages := len(good) / pageSize
	t.Run("pages", func(t *testing.T) {
		for page := range pages {
			t.Run(fmt.Sprint(page), func(t *testing.T) {
				t.Parallel() // each page's files are its own
				path := filepath.Join(t.TempDir(), "damaged.db")
				for _, off := range offsets {
					at := page*pageSize + off
					data := bytes.Clone(good)
					data[at] ^= 0xFF
					name := fmt.Sprintf("page %d byte %d", page, off)
					os.Remove(path)
					if err := os.WriteFile(path, data, 0o600); err != nil {
						t.Fatal(err)
					}
					outcome := useDamaged(t, name, path)
					mu.Lock()
					switch {
					case outcome.refused:
						refusedAtOpen++
					case outcome.damaged:
						damagedAtOpen++
					}
					if outcome.checkProblems > 0 {
						checkFound++
					}
					if outcome.wrote {
						written++
					} else if !outcome.refused {
						writeRefused++
					}
					mu.Unlock()
					after, _ := os.ReadFile(path)
					if (outcome.refused || outcome.damaged) && !bytes.Equal(after, data) {
						t.Errorf("%s: a file huddle found damaged was modified", name)
					}
				}
			})
		}
	})
	t.Logf("%d pages × %d flips: refused at open %d, opened read-only as damaged %d, problems found by check %d, writes refused %d, writes done (the open check found nothing) %d",
		pages, len(offsets), refusedAtOpen, damagedAtOpen, checkFound, writeRefused, written)
}

type damageOutcome struct {
	refused, damaged, wrote bool
	checkProblems           int
}

// useDamaged opens, checks, reads and writes the file at path, failing the
// test on a panic or an error of more than one line.
func useDamaged(t *testing.T, name, path string) (out damageOutcome) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s: panic escaped: %v", name, r)
		}
	}()
	oneLine := func(what string, err error) {
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %s: error of more than one line: %q", name, what, err)
		}
	}
	ro, err := store.Open(path, store.Options{ReadOnly: true, Now: func() time.Time { return demoNow }})
	oneLine("open read-only", err)
	if err != nil {
		if !errors.Is(err, store.ErrCorrupt) {
			t.Errorf("%s: open: %v, want ErrCorrupt", name, err)
		}
		out.refused = true
		return out
	}
	out.damaged = ro.Damaged()
	problems, err := ro.Check()
	oneLine("check", err)
	out.checkProblems = len(problems)
	if len(problems) > 0 && !ro.Damaged() {
		t.Errorf("%s: check found %q but the open check did not: a write could change a damaged file", name, problems)
	}
	if err != nil {
		out.checkProblems++
	}
	for _, p := range problems {
		oneLine("check", errors.New(p))
	}
	var buf bytes.Buffer
	oneLine("export", ro.ExportJSON(&buf))
	_, err = ro.Report(1)
	oneLine("report", err)
	_, err = ro.Tasks(2)
	oneLine("tasks", err)
	_, err = ro.Stories(0)
	oneLine("stories", err)
	ro.Close()

	rw, err := store.Open(path, store.Options{Now: func() time.Time { return demoNow }})
	oneLine("open", err)
	if err != nil {
		return out
	}
	defer rw.Close()
	if rw.Damaged() != out.damaged {
		t.Errorf("%s: damaged %v read-only, %v read-write", name, out.damaged, rw.Damaged())
	}
	_, err = rw.AddStory("maya", store.StoryInput{Title: "Written on a damaged file?", Points: 1})
	oneLine("write", err)
	if err == nil {
		out.wrote = true
		if out.damaged {
			t.Errorf("%s: a write went through on a file the open check called damaged", name)
		}
	} else if out.damaged && !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("%s: write on a damaged file: %v, want ErrReadOnly", name, err)
	}
	return out
}

// BenchmarkOpenDemo times opening the demo file for writing: the read-only
// look with the whole check (raw page walk, cursor walk, bbolt's Check),
// then the real open.
func BenchmarkOpenDemo(b *testing.B) {
	src := filepath.Join(b.TempDir(), "demo.db")
	if _, err := demo.Create(src, demoNow, false); err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(src)
	for b.Loop() {
		st, err := store.Open(src, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
	b.ReportMetric(float64(fi.Size()), "file-bytes")
}
