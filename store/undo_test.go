package store

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
)

// undoOK undoes actor's last change and checks which change it took back.
func undoOK(t *testing.T, st *Store, actor string, want EventKind) UndoResult {
	t.Helper()
	res, err := st.Undo(actor)
	if err != nil {
		t.Fatalf("undo by %s: %v", actor, err)
	}
	if res.Undone.Kind != want || res.By.Fields[fieldUndoes] == "" || res.By.Actor != actor {
		t.Fatalf("undo by %s took back %+v with %+v, want a %s", actor, res.Undone, res.By, want)
	}
	return res
}

// undoRefused checks that actor's undo fails, saying want, and changes nothing.
func undoRefused(t *testing.T, st *Store, actor, want string) {
	t.Helper()
	before := must[[]Event](t)(st.Events(0, 0))
	_, err := st.Undo(actor)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("undo by %s: %v, want an error saying %q", actor, err, want)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Fatalf("undo refusal is not one line: %q", err)
	}
	if after := must[[]Event](t)(st.Events(0, 0)); len(after) != len(before) {
		t.Fatalf("a refused undo wrote %d events", len(after)-len(before))
	}
}

func storyOrder(t *testing.T, st *Store) string {
	t.Helper()
	var refs []string
	for _, s := range must[[]backlog.Story](t)(st.Stories(0)) {
		refs = append(refs, s.Ref())
	}
	return strings.Join(refs, " ")
}

func TestUndoStoryChangesWalkBackAndKeepTheLog(t *testing.T) {
	st, clk := newTestStore(t)
	s1 := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "Login", Points: 3, Value: 40, Labels: []string{"auth"}}))
	s2 := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "Signup", Points: 5}))
	s3 := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "Reset password", Points: 2}))
	clk.Advance(time.Minute)
	must[backlog.Story](t)(st.EditStory("alice", s1.ID, StoryInput{Title: "Log in with SSO", Description: "SAML", Points: 8, Value: 70}))
	if err := st.MoveStory("alice", s3.ID, Position{Top: true}); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteStory("alice", s2.ID); err != nil {
		t.Fatal(err)
	}
	if got := storyOrder(t, st); got != "S-3 S-1" {
		t.Fatalf("order %s", got)
	}
	logBefore := must[[]Event](t)(st.Events(0, 0))

	// 1: the delete. S-2 is back where it was.
	res := undoOK(t, st, "alice", EventStoryDeleted)
	if res.By.Kind != EventStoryRestored || res.Message() != "undone: alice deleted S-2 Signup" {
		t.Fatalf("undo %+v, message %q", res.By, res.Message())
	}
	if got := storyOrder(t, st); got != "S-3 S-1 S-2" {
		t.Fatalf("after undoing the delete: %s", got)
	}
	// Nothing in the log was rewritten: the old events are as they were, one more follows.
	logAfter := must[[]Event](t)(st.Events(0, 0))
	if len(logAfter) != len(logBefore)+1 || !reflect.DeepEqual(logAfter[:len(logBefore)], logBefore) {
		t.Fatalf("the log changed under undo")
	}
	if undone := logAfter[len(logAfter)-1].Fields[fieldUndoes]; undone != "" && logBefore[len(logBefore)-1].Seq != mustUint(t, undone) {
		t.Fatalf("the undo event references %s, not the delete", undone)
	}

	// 2: the move (the undone delete is skipped).
	undoOK(t, st, "alice", EventStoryMoved)
	if got := storyOrder(t, st); got != "S-1 S-2 S-3" {
		t.Fatalf("after undoing the move: %s", got)
	}
	// 3: the edit: every field as it was.
	undoOK(t, st, "alice", EventStoryEdited)
	got := must[backlog.Story](t)(st.Story(s1.ID))
	if got.Title != "Login" || got.Description != "" || got.Points != 3 || got.Value != 40 || strings.Join(got.Labels, ",") != "auth" {
		t.Fatalf("after undoing the edit: %+v", got)
	}
	// 4: the add of S-3: deleted again, restorable by id.
	undoOK(t, st, "alice", EventStoryAdded)
	if got := storyOrder(t, st); got != "S-1 S-2" {
		t.Fatalf("after undoing the add: %s", got)
	}
	// The story's history shows every step, undo included.
	hist := must[[]Event](t)(st.StoryHistory(s3.ID))
	if last := hist[len(hist)-1]; last.Kind != EventStoryDeleted || last.Fields[fieldUndoes] == "" {
		t.Fatalf("S-3's history ends with %+v", last)
	}
	// Undo walks on past S-2's and S-1's adds: the next is the add of S-2.
	undoOK(t, st, "alice", EventStoryAdded)
	if got := storyOrder(t, st); got != "S-1" {
		t.Fatalf("after undoing the second add: %s", got)
	}
}

func mustUint(t *testing.T, s string) uint64 {
	t.Helper()
	var n uint64
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + uint64(r-'0')
	}
	return n
}

func TestRestoreStoryByID(t *testing.T) {
	st, _ := newTestStore(t)
	a := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "A"}))
	must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "B"}))
	if err := st.DeleteStory("alice", a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RestoreStory("bob", a.ID); err == nil || !strings.Contains(err.Error(), "lead") {
		t.Fatalf("a member restored a story: %v", err)
	}
	back := must[backlog.Story](t)(st.RestoreStory("alice", a.ID))
	if back.Status != backlog.StatusBacklog || storyOrder(t, st) != "S-1 S-2" {
		t.Fatalf("restored %+v, order %s", back, storyOrder(t, st))
	}
	if _, err := st.RestoreStory("alice", a.ID); err == nil || !strings.Contains(err.Error(), "S-1 is not deleted") {
		t.Fatalf("restored twice: %v", err)
	}
	if _, err := st.RestoreStory("alice", 99); !errors.Is(err, ErrNotFound) {
		t.Fatalf("restore of S-99: %v", err)
	}
	// A restore is a change like any other: undo deletes the story again.
	undoOK(t, st, "alice", EventStoryRestored)
	if got := storyOrder(t, st); got != "S-2" {
		t.Fatalf("after undoing the restore: %s", got)
	}
	if problems := must[[]string](t)(st.Check()); len(problems) != 0 {
		t.Fatalf("check: %v", problems)
	}
}

func TestUndoTaskChanges(t *testing.T) {
	st, clk := newTestStore(t)
	sp, tasks := sprintWithTasks(t, st)
	t1, t2 := tasks[0].ID, tasks[1].ID
	clk.Advance(time.Hour)
	must[sprint.Task](t)(st.ClaimTask("bob", t1, ""))
	must[sprint.Task](t)(st.SetTaskStatus("bob", t1, sprint.TaskDoing))
	must[sprint.Task](t)(st.SetRemaining("bob", t1, 2))
	must[sprint.Task](t)(st.BlockTask("bob", t1, "waiting for the API key"))
	must[sprint.Task](t)(st.UnblockTask("bob", t1))
	must[sprint.Task](t)(st.SetTaskStatus("bob", t2, sprint.TaskDone)) // nobody had it: bob took it
	today := sprint.DateOf(clk.Now())
	remaining := func() float64 {
		days := must[sprint.Burndown](t)(st.Burndown(sp.ID, today)).Days
		return days[len(days)-1].RemainingHours
	}
	if h := remaining(); h != 2 {
		t.Fatalf("burndown before undo: %gh left", h)
	}

	steps := []struct {
		kind EventKind
		want func(a, b sprint.Task) bool
	}{
		{EventTaskStatus, func(a, b sprint.Task) bool { return b.Status == sprint.TaskTodo && b.Owner == "" && b.Remaining == 10 }},
		{EventTaskUnblocked, func(a, b sprint.Task) bool { return a.Blocked == "waiting for the API key" }},
		{EventTaskBlocked, func(a, b sprint.Task) bool { return a.Blocked == "" }},
		{EventTaskRemaining, func(a, b sprint.Task) bool { return a.Remaining == 6 && a.Status == sprint.TaskDoing }},
		{EventTaskStatus, func(a, b sprint.Task) bool { return a.Status == sprint.TaskTodo && a.Owner == "bob" }},
		{EventTaskClaimed, func(a, b sprint.Task) bool { return a.Owner == "" }},
	}
	for i, step := range steps {
		undoOK(t, st, "bob", step.kind)
		a, b := must[sprint.Task](t)(st.Task(t1)), must[sprint.Task](t)(st.Task(t2))
		if !step.want(a, b) {
			t.Fatalf("after undo %d (%s): %+v %+v", i+1, step.kind, a, b)
		}
	}
	// The burndown reads the compensating events like any other.
	if h := remaining(); h != 16 {
		t.Fatalf("burndown after undo: %gh left, want 16", h)
	}
	// bob's change before these was adding T-2: undo deletes it, out of the
	// scope; restored by id, it is back in the board and the scope.
	scope := func() float64 {
		days := must[sprint.Burndown](t)(st.Burndown(sp.ID, today)).Days
		return days[len(days)-1].ScopeHours
	}
	undoOK(t, st, "bob", EventTaskAdded)
	if _, err := st.Task(t2); !errors.Is(err, ErrNotFound) {
		t.Fatalf("T-2 after undoing its add: %v", err)
	}
	if h, s := remaining(), scope(); h != 6 || s != 6 {
		t.Fatalf("burndown after deleting T-2: %gh left of %gh", h, s)
	}
	if _, err := st.RestoreTask("gus", t2); err == nil || !strings.Contains(err.Error(), "guest") {
		t.Fatalf("a guest restored a task: %v", err)
	}
	back := must[sprint.Task](t)(st.RestoreTask("bob", t2))
	if back.Title != "API" || back.Remaining != 10 || len(must[[]sprint.Task](t)(st.Tasks(sp.ID))) != 2 {
		t.Fatalf("restored %+v", back)
	}
	if h, s := remaining(), scope(); h != 16 || s != 16 {
		t.Fatalf("burndown after restoring T-2: %gh left of %gh", h, s)
	}
	if _, err := st.RestoreTask("bob", t2); err == nil || !strings.Contains(err.Error(), "T-2 is not deleted") {
		t.Fatalf("restored twice: %v", err)
	}

	// Unclaim, then undo: the task is bob's again.
	must[sprint.Task](t)(st.ClaimTask("bob", t2, ""))
	must[sprint.Task](t)(st.UnclaimTask("bob", t2))
	undoOK(t, st, "bob", EventTaskUnclaimed)
	if o := must[sprint.Task](t)(st.Task(t2)).Owner; o != "bob" {
		t.Fatalf("owner after undoing the unclaim: %q", o)
	}
}

func TestUndoRefusedWhenSomeoneElseChangedItSince(t *testing.T) {
	st, clk := newTestStore(t)
	_, tasks := sprintWithTasks(t, st)
	t1 := tasks[0].ID
	must[sprint.Task](t)(st.ClaimTask("bob", t1, ""))
	must[sprint.Task](t)(st.SetRemaining("bob", t1, 4))
	clk.Advance(10 * time.Minute)
	must[sprint.Task](t)(st.SetRemaining("alice", t1, 3)) // the lead updates bob's task
	undoRefused(t, st, "bob", `cannot undo "bob set T-1 to 4h left": alice changed T-1 since (alice set T-1 to 3h left, Nov 26 09:40)`)
	if h := must[sprint.Task](t)(st.Task(t1)).Remaining; h != 3 {
		t.Fatalf("a refused undo changed the hours: %g", h)
	}
	// Once alice takes her change back herself, it no longer stands in bob's way.
	undoOK(t, st, "alice", EventTaskRemaining)
	undoOK(t, st, "bob", EventTaskRemaining)
	if h := must[sprint.Task](t)(st.Task(t1)).Remaining; h != 6 {
		t.Fatalf("hours after both undos: %g", h)
	}
	must[sprint.Task](t)(st.SetRemaining("bob", t1, 4))
	must[sprint.Task](t)(st.SetRemaining("alice", t1, 3))
	// A change by someone else to another task is no reason to refuse.
	must[sprint.Task](t)(st.ClaimTask("bob", tasks[1].ID, ""))
	must[sprint.Task](t)(st.SetRemaining("alice", t1, 2))
	undoOK(t, st, "bob", EventTaskClaimed)
	// Retro cards: alice groups bob's card under hers; bob cannot undo his edit.
	sp := must[sprint.Sprint](t)(st.Sprint(tasks[0].Sprint))
	mine := must[retro.Card](t)(st.AddCard("bob", sp.ID, 0, "Pairing"))
	hers := must[retro.Card](t)(st.AddCard("alice", sp.ID, 0, "Pair more"))
	must[retro.Card](t)(st.EditCard("bob", mine.ID, -1, "Pairing helped"))
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseGroup))
	must[retro.Card](t)(st.MergeCard("alice", mine.ID, hers.ID))
	undoRefused(t, st, "bob", "alice changed retro card 1 since (alice grouped card 1 under card 2")
}

func TestUndoRetroCardsVotesAndPhases(t *testing.T) {
	st, _ := newTestStore(t)
	sp, _ := sprintWithTasks(t, st)
	c := must[retro.Card](t)(st.AddCard("bob", sp.ID, 0, "Pairing"))
	must[retro.Card](t)(st.EditCard("bob", c.ID, 1, "Pairing helped"))
	if err := st.DeleteCard("bob", c.ID); err != nil {
		t.Fatal(err)
	}
	card := func() (retro.Card, bool) {
		for _, x := range must[[]retro.Card](t)(st.Cards(sp.ID)) {
			if x.ID == c.ID {
				return x, true
			}
		}
		return retro.Card{}, false
	}
	undoOK(t, st, "bob", EventRetroCardDeleted)
	if got, ok := card(); !ok || got.Text != "Pairing helped" || got.Column != 1 || got.Author != "bob" {
		t.Fatalf("after undoing the delete: %+v %v", got, ok)
	}
	undoOK(t, st, "bob", EventRetroCardEdited)
	if got, _ := card(); got.Text != "Pairing" || got.Column != 0 {
		t.Fatalf("after undoing the edit: %+v", got)
	}
	undoOK(t, st, "bob", EventRetroCardAdded)
	if _, ok := card(); ok {
		t.Fatal("the card is still there after undoing its add")
	}
	// Restored by id, by its author only.
	if _, err := st.RestoreCard("alice", c.ID); err == nil || !strings.Contains(err.Error(), "not yours") {
		t.Fatalf("alice restored bob's card: %v", err)
	}
	must[retro.Card](t)(st.RestoreCard("bob", c.ID))
	if got, ok := card(); !ok || got.Text != "Pairing" {
		t.Fatalf("after restore: %+v %v", got, ok)
	}
	if _, err := st.RestoreCard("bob", c.ID); err == nil || !strings.Contains(err.Error(), "is not deleted") {
		t.Fatalf("restored twice: %v", err)
	}

	// Phases and votes.
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseReveal))
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseGroup))
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseVote))
	must[retro.Card](t)(st.Vote("bob", c.ID))
	must[retro.Card](t)(st.Vote("alice", c.ID))
	undoOK(t, st, "alice", EventRetroVote) // bob's vote on the same card is no reason to refuse
	undoOK(t, st, "bob", EventRetroVote)
	if got, _ := card(); got.TotalVotes() != 0 {
		t.Fatalf("votes after undo: %+v", got.Votes)
	}
	undoOK(t, st, "alice", EventRetroPhase)
	undoOK(t, st, "alice", EventRetroPhase)
	if b := must[retro.Board](t)(st.RetroBoard(sp.ID)); b.Phase != retro.PhaseReveal {
		t.Fatalf("phase after two undos: %s", b.Phase)
	}
	undoRefused(t, st, "alice", "the cards were revealed to everyone; they cannot be hidden again")
}

func TestUndoRefusals(t *testing.T) {
	st, _ := newTestStore(t)
	undoRefused(t, st, "bob", "nothing to undo")
	undoRefused(t, st, "gus", "guest")
	sp, _ := sprintWithTasks(t, st)
	undoRefused(t, st, "alice", "a started sprint cannot be taken back")

	// Cards on an anonymous board: their events name nobody, so undo passes them by.
	must[retro.Board](t)(st.CreateRetroBoard("alice", sp.ID, BoardSettings{Anonymous: true}))
	c := must[retro.Card](t)(st.AddCard("bob", sp.ID, 0, "Quiet"))
	if res := undoOK(t, st, "bob", EventTaskAdded); res.Undone.Task != 2 {
		t.Fatalf("bob's undo took back %+v", res.Undone)
	}
	if err := st.DeleteCard("bob", c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RestoreCard("bob", c.ID); err == nil || !strings.Contains(err.Error(), "anonymous") {
		t.Fatalf("restore of an anonymous card: %v", err)
	}

	// An event written before huddle kept before-values is not undoable.
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "Old"}))
	if err := st.write("alice", leadOnly, "test", func(w *wtx) error {
		return w.emit(Event{Kind: EventStoryMoved, Story: s.ID, Fields: map[string]string{"rank": "x"}, Text: "alice moved S-2"})
	}); err != nil {
		t.Fatal(err)
	}
	undoRefused(t, st, "alice", `cannot undo "alice moved S-2": it was recorded before huddle kept what a change replaced`)

	// A card edit from before huddle kept the text it replaced (a file with no undo bucket).
	st3, _ := newTestStore(t)
	sp3, _ := sprintWithTasks(t, st3)
	c3 := must[retro.Card](t)(st3.AddCard("bob", sp3.ID, 0, "Old"))
	if err := st3.write("bob", writer, "test", func(w *wtx) error {
		if w.tx.Bucket(bucketUndo) != nil {
			t.Fatal("the file already has an undo bucket")
		}
		return w.emit(Event{Kind: EventRetroCardEdited, Sprint: sp3.ID, Fields: map[string]string{"card": fmt.Sprint(c3.ID)}, Text: "a retro card was edited"})
	}); err != nil {
		t.Fatal(err)
	}
	undoRefused(t, st3, "bob", `cannot undo "a retro card was edited": what the card said before was not kept`)

	// A change a rule now forbids: bob's card went past the vote (the lead
	// moved the board; not a change to the card), so it cannot be taken away.
	st2, _ := newTestStore(t)
	sp2, _ := sprintWithTasks(t, st2)
	must[retro.Card](t)(st2.AddCard("bob", sp2.ID, 0, "Demo earlier"))
	must[retro.Board](t)(st2.SetRetroPhase("alice", sp2.ID, retro.PhaseVote))
	undoRefused(t, st2, "bob", `cannot undo "a retro card was added": the retro is in its vote phase; cards are written before the vote`)
}

// What undo keeps (deleted cards and tasks, a card's text before an edit)
// stays out of exports, and the file still checks clean.
func TestUndoBinIsNeverExported(t *testing.T) {
	st, _ := newTestStore(t)
	sp, tasks := sprintWithTasks(t, st)
	c := must[retro.Card](t)(st.AddCard("bob", sp.ID, 0, "Secret first draft"))
	must[retro.Card](t)(st.EditCard("bob", c.ID, -1, "Second draft"))
	d := must[retro.Card](t)(st.AddCard("bob", sp.ID, 0, "Deleted hidden card"))
	if err := st.DeleteCard("bob", d.ID); err != nil {
		t.Fatal(err)
	}
	must[sprint.Task](t)(st.DeleteTask("alice", tasks[0].ID))
	var out strings.Builder
	if err := st.ExportJSON(&out); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"Secret first draft", "Deleted hidden card", `"name": "undo"`} {
		if strings.Contains(out.String(), secret) {
			t.Errorf("the export shows %q", secret)
		}
	}
	if problems := must[[]string](t)(st.Check()); len(problems) != 0 {
		t.Fatalf("check: %v", problems)
	}
}

func TestUndoKeyResultValue(t *testing.T) {
	st, _ := newTestStore(t)
	o := must[backlog.Objective](t)(st.AddObjective("alice", backlog.QuarterOf(fixedNow), "Activation"))
	kr := must[backlog.KeyResult](t)(st.AddKeyResult("alice", backlog.KeyResult{ObjectiveID: o.ID, Name: "Week-1 use", Baseline: 30, Target: 50, Current: 30, Unit: "%"}))
	must[backlog.KeyResult](t)(st.SetKeyResultCurrent("alice", kr.ID, 42))
	undoOK(t, st, "alice", EventKRUpdated)
	if got := must[backlog.KeyResult](t)(st.KeyResult(kr.ID)); got.Current != 30 {
		t.Fatalf("current after undo: %g", got.Current)
	}
	// Adding a key result is not something undo takes back: it stops there.
	undoRefused(t, st, "alice", "huddle does not undo that kind of change")
}

func TestUndoStandupAnswers(t *testing.T) {
	st, _ := newTestStore(t)
	sprintWithTasks(t, st)
	text := func(s string) *string { return &s }
	day := sprint.DateOf(fixedNow)
	bobsNote := func() (sprint.Note, bool) {
		for _, n := range must[[]sprint.Note](t)(st.Notes(day)) {
			if n.Member == "bob" {
				return n, true
			}
		}
		return sprint.Note{}, false
	}
	must[sprint.Note](t)(st.SaveNote("bob", sprint.Date{}, NoteInput{Today: text("Fix login"), Blocker: text("No test phone")}))
	must[sprint.Note](t)(st.SaveNote("bob", sprint.Date{}, NoteInput{Today: text("Fix signup")}))
	undoOK(t, st, "bob", EventNoteSaved)
	if n, ok := bobsNote(); !ok || n.Today != "Fix login" || n.Blocker != "No test phone" {
		t.Fatalf("after undoing the second save: %+v %v", n, ok)
	}
	undoOK(t, st, "bob", EventNoteSaved)
	if n, ok := bobsNote(); ok {
		t.Fatalf("after undoing the first save the note is still there: %+v", n)
	}

	// The lead writes bob's answers at the round: bob's own undo is refused.
	must[sprint.Note](t)(st.SaveNote("bob", sprint.Date{}, NoteInput{Today: text("Pair with alice")}))
	must[sprint.Note](t)(st.SaveNoteFor("alice", "bob", day, NoteInput{Today: text("Pair with alice on login")}))
	undoRefused(t, st, "bob", "alice changed bob's stand-up answers for "+day.String()+" since")

	// Once that stand-up is over, what was said stays.
	undoOK(t, st, "alice", EventNoteSaved)
	if _, _, err := st.StartStandup("alice", day, nil); err != nil {
		t.Fatal(err)
	}
	must[sprint.Standup](t)(st.StepStandup("alice", day, RoundEnd, ""))
	undoRefused(t, st, "bob", "the stand-up of "+day.String()+" is over")
}
