package serve

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui"
	"huddle/ui/internal/uitest"
)

// flowNow is a Monday: the sprint planned in the flow runs Dec 21 - Jan 1,
// over Christmas.
var flowNow = time.Date(2026, 12, 21, 9, 0, 0, 0, time.UTC)

// TestTeamFromAnEmptyFileThroughTheScreens is issue 16's walk: from an empty
// file, with no command at all, the lead sets up a team on the screens (its
// name, three members with pasted public keys, a holiday, an objective,
// stories with multi-line acceptance criteria, a sprint, tasks edited and
// split), a member signs in over SSH with the key the lead pasted and
// proposes a story, the lead accepts it and mentions the member in a
// comment, and the member's SSH session shows the mention.
func TestTeamFromAnEmptyFileThroughTheScreens(t *testing.T) {
	dir := t.TempDir()
	// What `huddle` with no arguments does with a new file.
	st, err := store.Open(filepath.Join(dir, "team.db"), store.Options{Create: true, Now: func() time.Time { return flowNow }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Bootstrap("alice", "My team"); err != nil {
		t.Fatal(err)
	}
	ts := &testServer{st: st, keys: map[string]testKey{}}
	serveStore(t, ts, dir, nil)

	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	tm := teatest.NewTestModel(t, ui.New(t.Context(), st, "alice", r), teatest.WithInitialTermSize(100, 30))
	send := func(keys ...string) {
		for _, k := range keys {
			tm.Send(uitest.Key(k))
		}
	}
	paste := func(text string) { tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text), Paste: true}) }
	see := func(texts ...string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			for _, s := range texts {
				if !bytes.Contains(b, []byte(s)) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(20*time.Millisecond)) // a limit for a stuck test, not a pause
	}
	see("My team")

	// The team: its name, three members with the public key lines they sent.
	send("6")
	see("[6 Team]")
	send("r", "ctrl+u")
	send("Rocket", "enter")
	see("the team is Rocket")
	for _, m := range []struct{ handle, name string }{{"bob", "Bob Li"}, {"carol", "Carol 陈"}, {"dan", "Dan Ruiz"}} {
		k := newKey(t)
		ts.keys[m.handle] = k
		send("a", m.handle, "enter", m.name, "enter")
		paste(k.line + " " + m.handle + "@laptop")
		send("enter", "enter")
		see("added " + m.handle + " (member)")
	}
	send("H", "2026-12-25", "enter", "Christmas", "enter")
	see("2026-12-25 is a holiday")

	// The vision and an objective.
	send("1", "n", "Make new users successful", "enter")
	see("added O-1 Make new users successful")

	// Two stories with criteria over several lines (typed and pasted).
	send("2", "n", "Sign up in two steps", "enter", "As a new user", "alt+enter", "I sign up fast", "enter")
	paste("- a new user signs up in two steps\n- sees the welcome page")
	send("ctrl+j", "the mail arrives within 1 min", "ctrl+s")
	see("added S-1")
	send("n", "Welcome tour", "enter", "enter")
	paste("- three steps at most\n- can be skipped")
	send("ctrl+s")
	see("added S-2")

	// A sprint over Christmas, both stories, three tasks; started.
	send("3")
	see("No sprint yet")
	send("n", "enter", "Sign-up works end to end", "enter", "enter", "enter")
	see("[Plan]", "Top of the backlog", "holiday Dec 25", "Capacity 216h") // 4 people x 9 working days x 6h
	send("l", "enter")
	see("S-1 is in #1")
	send("enter")
	see("S-2 is in #1")
	send("h", "g", "t", "Form layout", "enter", "6", "enter")
	see("T-1 Form layout")
	send("t", "Sign-up API", "enter", "10", "enter")
	see("T-2 Sign-up API")
	send("S", "y")
	see("#1 started: Sign-up works end to end")
	send("v")
	see("[Board]")
	// Corrections: T-1 gets a better title and more hours; T-2 is split.
	send("e", "ctrl+u")
	send("Sign-up form layout", "enter", "backspace", "8", "enter", "enter")
	see("T-1 Sign-up form layout: 8h estimated")
	send("j", "s", "ctrl+u")
	send("Sign-up API tests", "enter", "enter")
	see("split T-2")

	// bob signs in over SSH with the key the lead pasted, and proposes a story.
	if m, err := st.Member("bob"); err != nil || len(m.Keys) != 1 {
		t.Fatalf("bob %+v %v", m, err)
	}
	bob := ts.openTerm(t, ts.keys["bob"])
	bob.waitFor(t, 0, "you: bob (member)", wait)
	mb := bob.mark()
	bob.typeKeys(t, "2")
	bob.waitFor(t, mb, "[2 Backlog]", wait)
	mb = bob.mark()
	bob.typeKeys(t, "n")
	bob.waitFor(t, mb, "New proposal", wait)
	bob.typeKeys(t, "Export the backlog as CSV\x13") // ctrl+s
	bob.waitFor(t, mb, "proposed S-3", wait)

	// The lead accepts it from its page and asks bob about it.
	send("2")
	see("S-3")
	send("G", "enter")
	see("Proposed by bob")
	send("a")
	see("accepted S-3 Export the backlog as CSV into the backlog")
	mb = bob.mark()
	send("C", "@bob can you size this?", "enter")
	see("commented on S-3 (mentions bob)")

	// bob's SSH session says so at once, and @ lists it.
	bob.waitFor(t, mb, "1 new mention (@)", wait)
	mb = bob.mark()
	bob.typeKeys(t, "@")
	bob.waitFor(t, mb, "@bob can you size this?", wait)

	// What the screens wrote.
	team, err := st.TeamView()
	if err != nil {
		t.Fatal(err)
	}
	var withKeys []string
	for _, m := range team.Members {
		if len(m.Keys) == 1 {
			withKeys = append(withKeys, m.Handle)
		}
	}
	if team.Team.Name != "Rocket" || !slices.Equal(withKeys, []string{"bob", "carol", "dan"}) || len(team.Calendar.Holidays) != 1 {
		t.Fatalf("team %+v", team)
	}
	s1, err := st.Story(1)
	if err != nil || s1.Description != "As a new user\nI sign up fast" || len(backlog.AcceptanceItems(s1.Acceptance)) != 3 {
		t.Fatalf("S-1 %q %q (%v)", s1.Description, s1.Acceptance, err)
	}
	sp, err := st.Sprint(1)
	if err != nil || sp.Status != sprint.StatusActive || len(sp.WorkingDays()) != 9 {
		t.Fatalf("sprint %+v: %d working days, want 9 (Christmas off) (%v)", sp, len(sp.WorkingDays()), err)
	}
	tasks, err := st.Tasks(1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tk := range tasks {
		got = append(got, fmt.Sprintf("%s %gh", tk.Title, tk.Estimate))
	}
	if want := []string{"Sign-up form layout 8h", "Sign-up API 5h", "Sign-up API tests 5h"}; !slices.Equal(got, want) {
		t.Fatalf("tasks %q, want %q", got, want)
	}
	if s3, err := st.Story(3); err != nil || s3.Status != backlog.StatusBacklog || s3.ProposedBy != "bob" {
		t.Fatalf("S-3 %+v (%v)", s3, err)
	}
	if !eventually(wait, func() bool {
		ms, err := st.MentionsOf("bob")
		return err == nil && len(ms.Comments) == 1 && ms.New == 0
	}) {
		ms, err := st.MentionsOf("bob")
		t.Fatalf("bob's mentions after he read them: %+v (%v)", ms, err)
	}
}
