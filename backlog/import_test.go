package backlog

import (
	"strings"
	"testing"
)

func TestValuePerPointOrder(t *testing.T) {
	in := []Story{
		{ID: 1, Value: 40, Points: 8},           // 5
		{ID: 2, Value: 30, Points: 1},           // 30
		{ID: 3, Value: 10, Points: Unestimated}, // none: last
		{ID: 4, Value: 10, Points: 2},           // 5, ties with 1 and keeps rank order
		{ID: 5, Value: 90, Points: 100},         // 0.9
	}
	got := ValuePerPointOrder(in)
	var ids []int
	for _, s := range got {
		ids = append(ids, s.ID)
	}
	want := []int{2, 1, 4, 5, 3}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("order %v, want %v", ids, want)
		}
	}
	if in[0].ID != 1 {
		t.Fatal("the input was reordered")
	}
}

// Applying the order moves estimated stories among their own places and
// leaves every unestimated story where it is.
func TestApplyValuePerPointLeavesUnestimatedInPlace(t *testing.T) {
	in := []Story{
		{ID: 1, Value: 40, Points: 8},           // 5
		{ID: 2, Value: 10, Points: Unestimated}, // stays second
		{ID: 3, Value: 30, Points: 1},           // 30
		{ID: 4, Value: 90, Points: Unestimated}, // stays fourth
		{ID: 5, Value: 20, Points: 2},           // 10
	}
	var ids []int
	for _, s := range ApplyValuePerPoint(in) {
		ids = append(ids, s.ID)
	}
	want := []int{3, 2, 5, 4, 1}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("applied %v, want %v", ids, want)
		}
	}
}

func TestParsePointsAndValue(t *testing.T) {
	for in, want := range map[string]int{"": Unestimated, "?": Unestimated, " 5 ": 5, "5.0": 5, "0": 0, "100": 100} {
		if got, err := ParsePoints(in); err != nil || got != want {
			t.Errorf("ParsePoints(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"4", "5.5", "-3", "abc", "NaN", "1e9"} {
		if _, err := ParsePoints(bad); err == nil {
			t.Errorf("ParsePoints(%q) accepted", bad)
		}
	}
	for in, want := range map[string]int{"": 0, "1": 1, "100": 100, "70.0": 70} {
		if got, err := ParseValue(in); err != nil || got != want {
			t.Errorf("ParseValue(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"0", "101", "-1", "high", "2.5"} {
		if _, err := ParseValue(bad); err == nil {
			t.Errorf("ParseValue(%q) accepted", bad)
		}
	}
}

func TestMapImportHeaderJira(t *testing.T) {
	h := []string{"\ufeffIssue key", "Summary", "Description", "Custom field (Story Points)", "Labels", "Labels", "Status"}
	c, err := MapImportHeader(h)
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != 1 || c.Description != 2 || c.Points != 3 || len(c.Labels) != 2 || c.Value != -1 {
		t.Fatalf("%+v", c)
	}
	if strings.Join(c.Ignored, ",") != "Issue key,Status" {
		t.Fatalf("ignored %v", c.Ignored)
	}
	r, err := c.Row([]string{"PRJ-1", "新用户引导", "d", "5.0", "growth", "UX mobile", "To Do"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "新用户引导" || r.Points != 5 || r.Value != 0 || strings.Join(r.Labels, ",") != "growth,ux,mobile" {
		t.Fatalf("%+v", r)
	}
}

func TestImportRowErrors(t *testing.T) {
	if _, err := MapImportHeader([]string{"Make login faster", "3"}); err == nil || !strings.Contains(err.Error(), "title column") {
		t.Fatalf("no header: %v", err)
	}
	if _, err := MapImportHeader([]string{"Title", "Summary"}); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Fatalf("two titles: %v", err)
	}
	c, _ := MapImportHeader([]string{"title", "points", "value"})
	for rec, want := range map[string]string{
		"a|4|50":   "not on the scale",
		"a|3|0":    "1-100",
		" |3|50":   "title is empty",
		"a|3":      "has 2 fields, the header has 3",
		"a|3|50|x": "has 4 fields",
	} {
		_, err := c.Row(strings.Split(rec, "|"))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", rec, err, want)
		}
	}
}

func TestWorkByKR(t *testing.T) {
	w := WorkByKR([]Story{
		{KeyResult: 1, Points: 3, Status: StatusDone},
		{KeyResult: 1, Points: 5, Status: StatusBacklog},
		{KeyResult: 1, Points: Unestimated, Status: StatusPlanned},
		{KeyResult: 1, Points: 8, Status: StatusDeleted},
		{KeyResult: 2, Points: 2},
		{Points: 13},
	})
	if got := w[1]; got != (KRWork{Stories: 3, Points: 8, DonePoints: 3, Unestimated: 1}) {
		t.Fatalf("kr1 %+v", got)
	}
	if w[2].Stories != 1 || len(w) != 2 {
		t.Fatalf("%+v", w)
	}
}

func TestOKRRefs(t *testing.T) {
	if n, err := ParseKRRef("kr-4"); err != nil || n != 4 || KRRef(4) != "KR-4" {
		t.Fatal(n, err)
	}
	if n, err := ParseObjectiveRef("O3"); err != nil || n != 3 || ObjectiveRef(3) != "O-3" {
		t.Fatal(n, err)
	}
	if _, err := ParseKRRef("S-4"); err == nil {
		t.Fatal("S-4 read as a key result")
	}
}
