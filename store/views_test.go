package store_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/store/demo"
)

// TestEachViewIsOneReadTransaction: every read model a screen or a command
// renders is one read transaction, counted by bbolt, on the demo team.
func TestEachViewIsOneReadTransaction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	if _, err := demo.Create(path, demoNow, false); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{ReadOnly: true, Now: func() time.Time { return demoNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	today := sprint.DateOf(demoNow)
	views := map[string]func() error{
		"BoardView (active sprint)": func() error { _, err := st.BoardView(0, today, 30); return err },
		"BoardView (closed #1)":     func() error { _, err := st.BoardView(1, today, 30); return err },
		"StandupDay (today)":        func() error { _, err := st.StandupDay(sprint.Date{}); return err },
		"StandupDay (a past day)":   func() error { _, err := st.StandupDay(today.AddDays(-3)); return err },
		"SprintPlan":                func() error { _, err := st.SprintPlan(2, 30); return err },
		"Report (sprint report)":    func() error { _, err := st.Report(1); return err },
		"Review":                    func() error { _, err := st.Review(2); return err },
		"Burndown":                  func() error { _, err := st.Burndown(2, today); return err },
		"StandupRounds":             func() error { _, err := st.StandupRounds(); return err },
		"RetroView (maya)":          func() error { _, err := st.RetroView(0, demo.LeadHandle); return err },
		"RetroView (closed #1)":     func() error { _, err := st.RetroView(1, "nobody"); return err },
		"VisionView":                func() error { _, err := st.VisionView(demo.LeadHandle, backlog.QuarterOf(demoNow)); return err },
		"BacklogView (top 40)": func() error {
			v, err := st.BacklogView(demo.LeadHandle, backlog.QuarterOf(demoNow), 40, &store.StoryCache{})
			if err == nil && (len(v.Stories) != 40 || v.Total != 45 || v.Role != backlog.RoleLead) {
				return fmt.Errorf("top 40 of the demo backlog: %d stories of %d, role %q", len(v.Stories), v.Total, v.Role)
			}
			return err
		},
		"BacklogView (all)": func() error {
			_, err := st.BacklogView("nobody", backlog.QuarterOf(demoNow), 0, &store.StoryCache{})
			return err
		},
	}
	for name, view := range views {
		before := st.ReadTransactions()
		if err := view(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n := st.ReadTransactions() - before; n != 1 {
			t.Errorf("%s: %d read transactions, want 1", name, n)
		}
	}
}
