package retro

import "testing"

func TestFeedbackRef(t *testing.T) {
	if got := (Feedback{ID: 7}).Ref(); got != "F-7" {
		t.Fatalf("Ref = %q, want F-7", got)
	}
	for _, in := range []string{"F-7", "f7", "F7", "7", " f-7 "} {
		if n, err := ParseFeedbackRef(in); err != nil || n != 7 {
			t.Errorf("ParseFeedbackRef(%q) = %d, %v; want 7", in, n, err)
		}
	}
	for _, in := range []string{"", "F-", "S-7", "F-0", "F-x"} {
		if _, err := ParseFeedbackRef(in); err == nil {
			t.Errorf("ParseFeedbackRef(%q) accepted", in)
		}
	}
}

func TestNoTemplateColumnReadsAsTheActionsList(t *testing.T) {
	for _, tp := range []Template{TemplateWellImprove, TemplateStartStop, TemplateMadSadGlad, Template4Ls} {
		for _, c := range tp.Columns() {
			if ColumnCollides(c) {
				t.Errorf("template %s has a column %q beside the %q list", tp, c, ActionsListTitle)
			}
		}
	}
	if !ColumnCollides(" actions ") || !ColumnCollides(ActionsListTitle) || ColumnCollides("Ideas") {
		t.Error("ColumnCollides does not tell action headings apart")
	}
	// Boards made with the old third column keep their cards there.
	if got := TemplateWellImprove.Columns(); len(got) != 3 || got[2] != "Ideas" {
		t.Errorf("well-improve columns = %v", got)
	}
}

func TestLeadsWithAgreed(t *testing.T) {
	agreed := []Action{{ID: 1, Story: 10}, {ID: 2, Story: 11}, {ID: 3}}
	if !LeadsWithAgreed(10, agreed) || !LeadsWithAgreed(11, agreed) {
		t.Error("an agreed action's story does not lead")
	}
	if LeadsWithAgreed(12, agreed) || LeadsWithAgreed(0, agreed) {
		t.Error("another story leads with the agreed actions")
	}
}

func TestSettlesStory(t *testing.T) {
	for st, want := range map[ActionStatus]bool{ActionDone: true, ActionDropped: true, ActionCarried: false, ActionOpen: false} {
		if SettlesStory(st) != want {
			t.Errorf("SettlesStory(%s) = %v", st, !want)
		}
	}
}
