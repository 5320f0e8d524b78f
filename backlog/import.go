package backlog

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// ValuePerPointOrder returns the stories sorted by value per point, highest
// first, unestimated last (ValuePerPointBefore); stories with equal value per
// point keep their order (rank order when the input is in rank order). The
// input is not changed.
func ValuePerPointOrder(stories []Story) []Story {
	out := append([]Story(nil), stories...)
	sort.SliceStable(out, func(i, j int) bool { return ValuePerPointBefore(out[i], out[j]) })
	return out
}

// ApplyValuePerPoint is the backlog after the lead applies the value-per-point
// order: estimated stories take the places estimated stories held, highest
// value per point first; an unestimated story stays where it is (nobody can
// say what it is worth per point yet). The input is not changed.
func ApplyValuePerPoint(ranked []Story) []Story {
	var est []Story
	for _, st := range ranked {
		if st.Estimated() {
			est = append(est, st)
		}
	}
	est = ValuePerPointOrder(est)
	out := make([]Story, len(ranked))
	for i, st := range ranked {
		if st.Estimated() {
			st, est = est[0], est[1:]
		}
		out[i] = st
	}
	return out
}

// ParsePoints reads a points estimate as people and tools write it: "", "?" or
// "-" is unestimated; "5" and Jira's "5.0" are five points. It must be on the scale.
func ParsePoints(s string) (int, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "?", "-":
		return Unestimated, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("points %q is not a number (use ? for unestimated)", s)
	}
	if f != math.Trunc(f) || !ValidPoints(int(f)) || f < 0 {
		return 0, fmt.Errorf("%s points is not on the scale 0, 1, 2, 3, 5, 8, 13, 20, 40, 100", s)
	}
	return int(f), nil
}

// ParseValue reads a business value: empty means "not set" (0), else 1-100.
func ParseValue(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) {
		return 0, fmt.Errorf("value %q is not a whole number from 1 to 100", s)
	}
	if f < 1 || f > ValueScaleMax {
		return 0, fmt.Errorf("value must be 1-100, not %s", s)
	}
	return int(f), nil
}

// ImportColumns says which CSV column holds which story field (-1: none).
// Labels may come from several columns (Jira repeats "Labels").
type ImportColumns struct {
	Title, Description, Acceptance, Points, Value int
	Labels                                        []int
	Ignored                                       []string // header names not mapped
	Width                                         int      // fields in the header row
}

// importField maps a normalized header name to a story field ("" for none).
func importField(h string) string {
	switch h {
	case "title", "summary", "name", "story":
		return "title"
	case "description", "desc", "details":
		return "description"
	case "acceptance", "acceptance criteria", "custom field (acceptance criteria)":
		return "acceptance"
	case "points", "story points", "story point estimate", "estimate",
		"custom field (story points)", "custom field (story point estimate)":
		return "points"
	case "value", "business value", "custom field (business value)":
		return "value"
	case "labels", "label", "tags":
		return "labels"
	}
	return ""
}

func normalizeHeader(h string) string {
	h = strings.TrimPrefix(h, "\ufeff")
	return strings.Join(strings.Fields(strings.ToLower(h)), " ")
}

// MapImportHeader reads a CSV header row. It needs a title column ("Title" or
// Jira's "Summary"); other known columns are optional, unknown ones ignored.
func MapImportHeader(header []string) (ImportColumns, error) {
	c := ImportColumns{Title: -1, Description: -1, Acceptance: -1, Points: -1, Value: -1, Width: len(header)}
	for i, h := range header {
		field := importField(normalizeHeader(h))
		var slot *int
		switch field {
		case "title":
			slot = &c.Title
		case "description":
			slot = &c.Description
		case "acceptance":
			slot = &c.Acceptance
		case "points":
			slot = &c.Points
		case "value":
			slot = &c.Value
		case "labels":
			c.Labels = append(c.Labels, i)
			continue
		default:
			if strings.TrimSpace(h) != "" {
				c.Ignored = append(c.Ignored, strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
			}
			continue
		}
		if *slot >= 0 {
			return c, fmt.Errorf("the header names the %s twice (columns %d and %d)", field, *slot+1, i+1)
		}
		*slot = i
	}
	if c.Title < 0 {
		var names []string
		for _, h := range header {
			names = append(names, strconv.Quote(strings.TrimSpace(h)))
		}
		return c, fmt.Errorf("the first row is not a header with a title column (Title or Summary); it reads %s", strings.Join(names, ", "))
	}
	return c, nil
}

// ImportRow is one CSV row read into story fields (Value 0: not set).
type ImportRow struct {
	Title, Description, Acceptance string
	Points, Value                  int
	Labels                         []string
}

// Row maps one record to story fields, or says what is wrong with it.
func (c ImportColumns) Row(rec []string) (ImportRow, error) {
	r := ImportRow{Points: Unestimated}
	if len(rec) != c.Width {
		return r, fmt.Errorf("has %d fields, the header has %d", len(rec), c.Width)
	}
	at := func(i int) string {
		if i < 0 {
			return ""
		}
		return rec[i]
	}
	r.Title = strings.TrimSpace(at(c.Title))
	if r.Title == "" {
		return r, errors.New("the title is empty")
	}
	r.Description = at(c.Description)
	r.Acceptance = at(c.Acceptance)
	var err error
	if r.Points, err = ParsePoints(at(c.Points)); err != nil {
		return r, err
	}
	if r.Value, err = ParseValue(at(c.Value)); err != nil {
		return r, err
	}
	for _, i := range c.Labels {
		// Jira separates labels in one cell with spaces; others use commas.
		r.Labels = append(r.Labels, strings.FieldsFunc(rec[i], func(c rune) bool { return c == ',' || c == ' ' || c == ';' })...)
	}
	r.Labels = NormalizeLabels(r.Labels)
	return r, nil
}

// KRWork is how much of the backlog serves one key result.
type KRWork struct {
	Stories     int // stories linked to it (any status but deleted)
	Points      int // their estimated points
	DonePoints  int // points of the done ones
	Unestimated int
}

// WorkByKR sums, for every key result, the stories that serve it.
func WorkByKR(stories []Story) map[int]KRWork {
	out := map[int]KRWork{}
	for _, s := range stories {
		if s.KeyResult == 0 || s.Status == StatusDeleted {
			continue
		}
		w := out[s.KeyResult]
		w.Stories++
		if s.Estimated() {
			w.Points += s.Points
			if s.Status == StatusDone {
				w.DonePoints += s.Points
			}
		} else {
			w.Unestimated++
		}
		out[s.KeyResult] = w
	}
	return out
}
