package backlog

import (
	"slices"
	"testing"
)

func TestAcceptanceItems(t *testing.T) {
	got := AcceptanceItems("- signs up in 2 steps\n\n  * sees the tour  \n• 登录后看到欢迎页\nplain line")
	want := []string{"signs up in 2 steps", "sees the tour", "登录后看到欢迎页", "plain line"}
	if !slices.Equal(got, want) {
		t.Fatalf("items %q, want %q", got, want)
	}
	if AcceptanceItems("  \n ") != nil {
		t.Fatal("blank text has items")
	}
}

func TestCheckAndRemap(t *testing.T) {
	s := Story{ID: 4, Title: "t", Value: 5, Acceptance: "a\nb\nc"}
	if err := s.Check(2, true); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(2, true); err == nil {
		t.Fatal("ticked twice")
	}
	if err := s.Check(4, true); err == nil {
		t.Fatal("ticked criterion 4 of 3")
	}
	if err := s.Check(3, true); err != nil || !slices.Equal(s.Checked, []int{2, 3}) {
		t.Fatalf("checked %v, %v", s.Checked, err)
	}
	if err := s.Check(2, false); err != nil || !slices.Equal(s.Checked, []int{3}) {
		t.Fatalf("after untick %v, %v", s.Checked, err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	// A criterion inserted before c keeps c ticked at its new number; a
	// retyped one loses its tick.
	if got := RemapChecked("a\nb\nc", "new\na\nb\nc", []int{1, 3}); !slices.Equal(got, []int{2, 4}) {
		t.Fatalf("remapped %v", got)
	}
	if got := RemapChecked("a\nb", "a changed\nb", []int{1}); got != nil {
		t.Fatalf("a retyped criterion kept its tick: %v", got)
	}
	bad := Story{Title: "t", Value: 5, Acceptance: "a", Checked: []int{2}}
	if bad.Validate() == nil {
		t.Fatal("a tick beyond the criteria passed")
	}
	none := Story{ID: 1, Title: "t", Value: 5}
	if none.Check(1, true) == nil {
		t.Fatal("ticked a story without criteria")
	}
}
