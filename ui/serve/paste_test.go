package serve

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
)

// pastedTitle spells keys the screens use (moves, closes, deletes, answers,
// quits), with spaces and CJK: as text it must stay text.
const pastedTitle = "Set up the end of day report: esc d y q j home 新用户 jj"

// A title pasted over a real SSH pty, in one write without bracketed paste
// (what tmux send-keys -l or a fast paste into a terminal without it sends),
// and again as a bracketed paste, makes a story with exactly that title; no
// other story and no task changes.
func TestPastedTitleOverSSHIsText(t *testing.T) {
	t.Parallel()
	ts := startServer(t, 0, nil)
	storiesBefore, err := ts.st.Stories(0)
	if err != nil {
		t.Fatal(err)
	}
	tasksBefore, err := ts.st.Tasks(2)
	if err != nil {
		t.Fatal(err)
	}
	tm := ts.openTerm(t, ts.keys["maya"])
	tm.landed(t)
	var mark int
	for i, wrap := range []func(string) string{
		func(s string) string { return s },                             // one write: a burst of runes and spaces
		func(s string) string { return "\x1b[200~" + s + "\x1b[201~" }, // bracketed paste
	} {
		title := fmt.Sprintf("%s %d", pastedTitle, i+1)
		mark = tm.mark()
		tm.typeKeys(t, "2")
		if i == 0 {
			// The Backlog takes keys once it has loaded; on a busy machine
			// an n typed at once would find it still loading.
			tm.waitFor(t, mark, "stories ·", wait)
		}
		tm.typeKeys(t, "n")
		tm.waitFor(t, mark, "what the user gets, in a line", wait) // an empty story form (only changed lines are redrawn)
		tm.typeKeys(t, wrap(title))
		tm.typeKeys(t, "\x13") // ctrl+s saves
		ok := eventually(wait, func() bool {
			all, err := ts.st.Stories(0)
			return err == nil && slices.ContainsFunc(all, func(s backlog.Story) bool { return s.Title == title })
		})
		if !ok {
			all, _ := ts.st.Stories(0)
			var titles []string
			for _, s := range all {
				titles = append(titles, s.Title)
			}
			t.Fatalf("no story titled %q; the backlog: %q\nthe screen:\n%s", title, titles, tm.text(mark))
		}
		// The store has it before the screen hears back: wait for the form
		// to close, or the next keys would be typed into it.
		tm.waitFor(t, mark, "added S-", wait)
	}
	storiesAfter, err := ts.st.Stories(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(storiesAfter) != len(storiesBefore)+2 {
		t.Fatalf("%d stories, want %d", len(storiesAfter), len(storiesBefore)+2)
	}
	for _, b := range storiesBefore {
		i := slices.IndexFunc(storiesAfter, func(a backlog.Story) bool { return a.ID == b.ID })
		if i < 0 || storiesAfter[i].Title != b.Title || storiesAfter[i].Status != b.Status || storiesAfter[i].Rank != b.Rank {
			t.Fatalf("%s changed or went: %+v", b.Ref(), b)
		}
	}
	for _, s := range storiesAfter {
		if strings.HasPrefix(s.Title, pastedTitle) && (len(s.Labels) > 0 || s.Description != "" || s.Acceptance != "") {
			t.Fatalf("the paste leaked into other fields: %+v", s)
		}
	}
	tasksAfter, err := ts.st.Tasks(2)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(tasksBefore, tasksAfter, func(a, b sprint.Task) bool {
		return a.ID == b.ID && a.Status == b.Status && a.Owner == b.Owner && a.Blocked == b.Blocked
	}) {
		t.Fatal("the paste changed the sprint's tasks")
	}
}
