package cli

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"huddle/backlog"
	"huddle/store"
)

// maxImportBytes caps the CSV file size (a backlog of 100,000 rows fits easily).
const maxImportBytes = 64 << 20

// csvRow is one data row of an import: its line in the file and what it holds
// or why it cannot be taken.
type csvRow struct {
	line int
	in   store.StoryInput
	err  error
}

// importCSV imports stories from a CSV file with a header row. Every good row
// goes in, in one transaction; every bad row is reported with its line and
// reason. With dryRun nothing is written and the same report is printed.
func importCSV(env *cliEnv, path string, dryRun bool) error {
	read := func() ([]byte, error) {
		return env.openInput(path, "FILE", "ssh HOST import - < stories.csv", maxImportBytes)
	}
	var data []byte
	var err error
	if !env.isRemote() {
		// A missing or unreadable file is reported before the db is opened
		// (or made).
		if data, err = read(); err != nil {
			return err
		}
	}
	st, err := env.openStore(readWrite)
	if err != nil {
		return err
	}
	defer st.Close()
	if env.isRemote() {
		// Whoever may not add stories hears so before their input is read:
		// a guest over SSH must not make the server take in megabytes it
		// refuses. (A dry run of nothing asks the store's one rule and
		// writes nothing.)
		if _, _, err := st.ImportStories(env.actor(), nil, true); err != nil {
			return err
		}
		if data, err = read(); err != nil {
			return err
		}
	}
	if path == "-" {
		path = "standard input"
	}
	rows, cols, err := parseStoryCSV(data)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var ins []store.StoryInput
	var idx []int // ins[i] is rows[idx[i]]
	for i, r := range rows {
		if r.err == nil {
			ins = append(ins, r.in)
			idx = append(idx, i)
		}
	}
	added, rejected, err := st.ImportStories(env.actor(), ins, dryRun)
	if err != nil {
		return err
	}
	for _, r := range rejected {
		rows[idx[r.Index]].err = r.Err
	}

	w := env.out
	verb := env.tr.T("cli.import_json.imported")
	if dryRun {
		verb = env.tr.T("cli.import_json.would_import")
	}
	bad := 0
	for _, r := range rows {
		if r.err != nil {
			bad++
		}
	}
	fmt.Fprintf(w, env.tr.T("cli.import_csv.summary"), path, env.tr.Tn("cli.n.row", len(rows)), verb, env.tr.Tn("cli.n.story", len(added)))
	if len(added) > 0 {
		fmt.Fprintf(w, env.tr.T("cli.import_csv.to"), added[0].Ref(), added[len(added)-1].Ref())
	}
	fmt.Fprintf(w, env.tr.T("cli.import_csv.rejected")+"\n", env.tr.Tn("cli.n.row", bad))
	if len(cols.Ignored) > 0 {
		fmt.Fprintf(w, env.tr.T("cli.import_csv.columns_ignored")+"\n", strings.Join(cols.Ignored, ", "))
	}
	for _, r := range rows {
		if r.err != nil {
			fmt.Fprintf(w, env.tr.T("cli.import_csv.line")+"\n", r.line, oneLine(r.err.Error()))
		}
	}
	if dryRun {
		fmt.Fprintln(w, env.tr.T("cli.import_csv.dry_run_nothing_was"))
	}
	if bad > 0 {
		return exitError{code: 1}
	}
	return nil
}

// parseStoryCSV reads a CSV story file: the header, then one csvRow per data
// row. Errors about the whole file (encoding, header) come back as err.
func parseStoryCSV(data []byte) ([]csvRow, backlog.ImportColumns, error) {
	var cols backlog.ImportColumns
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return nil, cols, errors.New("the file is UTF-16; save it as CSV UTF-8 and import again")
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		return nil, cols, fmt.Errorf("line %d is not UTF-8 text; save the file as CSV UTF-8 and import again", line)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, cols, errors.New("the file is empty; it needs a header row (Title, Points, Value, Labels...) and a row per story")
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // ragged rows are reported per row below
	r.LazyQuotes = false
	header, err := r.Read()
	if err != nil {
		return nil, cols, fmt.Errorf("the header row cannot be read: %v", csvErr(err))
	}
	if cols, err = backlog.MapImportHeader(header); err != nil {
		return nil, cols, fmt.Errorf("line 1: %w", err)
	}
	var rows []csvRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				// A broken quote spoils the rest of the file: report where.
				return nil, cols, fmt.Errorf("line %d: %v", pe.StartLine, csvErr(err))
			}
			return nil, cols, err
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" && cols.Width > 1 {
			continue // a blank line
		}
		row := csvRow{line: line}
		ir, err := cols.Row(rec)
		if err != nil {
			row.err = err
		} else {
			row.in = store.StoryInput{Title: ir.Title, Description: ir.Description, Acceptance: ir.Acceptance,
				Points: ir.Points, Value: ir.Value, Labels: ir.Labels}
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, cols, errors.New("the file has a header row but no stories")
	}
	return rows, cols, nil
}

func csvErr(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
