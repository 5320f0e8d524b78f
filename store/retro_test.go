package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
)

// retroSnapshot is the whole file's export, to assert that a retroRefused write changed nothing.
func retroSnapshot(t *testing.T, st *Store) string {
	t.Helper()
	var buf bytes.Buffer
	if err := st.ExportJSON(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func retroRefused(t *testing.T, st *Store, want string, op func() error) {
	t.Helper()
	before := retroSnapshot(t, st)
	err := op()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want an error with %q", err, want)
	}
	if retroSnapshot(t, st) != before {
		t.Fatalf("retroRefused write (%v) changed the file", err)
	}
}

func TestRetroBoardCardsAndPhases(t *testing.T) {
	st, _ := newTestStore(t)
	sp, _ := sprintWithTasks(t, st)
	b := must[retro.Board](t)(st.CreateRetroBoard("alice", sp.ID, BoardSettings{Template: "start-stop"}))
	if b.Template != retro.TemplateStartStop || b.VoteBudget != 3 || b.MaxPerCard != 2 || b.Phase != retro.PhaseWrite {
		t.Fatalf("board %+v", b)
	}
	retroRefused(t, st, "lead", func() error { _, err := st.CreateRetroBoard("bob", sp.ID, BoardSettings{}); return err })
	retroRefused(t, st, "unknown retro template", func() error { _, err := st.CreateRetroBoard("alice", sp.ID, BoardSettings{Template: "x"}); return err })
	retroRefused(t, st, "vote budget", func() error {
		_, err := st.CreateRetroBoard("alice", sp.ID, BoardSettings{VoteBudget: 50})
		return err
	})
	c1 := must[retro.Card](t)(st.AddCard("bob", sp.ID, 0, "Pairing helped"))
	must[retro.Card](t)(st.AddCard("alice", sp.ID, 2, "Keep demos short"))
	retroRefused(t, st, "already has", func() error { _, err := st.CreateRetroBoard("alice", sp.ID, BoardSettings{}); return err })
	retroRefused(t, st, "needs some text", func() error { _, err := st.AddCard("bob", sp.ID, 0, " \x1b[31m \n"); return err })
	retroRefused(t, st, "column 4 does not exist", func() error { _, err := st.AddCard("bob", sp.ID, 3, "x"); return err })
	retroRefused(t, st, "guest", func() error { _, err := st.AddCard("gus", sp.ID, 0, "x"); return err })
	retroRefused(t, st, "not yours", func() error { _, err := st.EditCard("alice", c1.ID, -1, "mine now"); return err })
	retroRefused(t, st, "not yours", func() error { return st.DeleteCard("alice", c1.ID) })
	retroRefused(t, st, "needs some text", func() error { _, err := st.EditCard("bob", c1.ID, -1, ""); return err })
	retroRefused(t, st, "not found", func() error { _, err := st.EditCard("bob", 99, -1, "x"); return err })
	e := must[retro.Card](t)(st.EditCard("bob", c1.ID, 1, "Pairing helped a lot"))
	if e.Text != "Pairing helped a lot" || e.Column != 1 || e.Author != "bob" {
		t.Fatalf("edited %+v", e)
	}

	// Write phase: bob sees his card and only that alice wrote one.
	_, views, err := st.VisibleCards(sp.ID, "bob")
	if err != nil {
		t.Fatal(err)
	}
	if len(views) != 2 || views[0].Hidden || !views[1].Hidden || views[1].Text != "" {
		t.Fatalf("write-phase views %+v", views)
	}

	retroRefused(t, st, "grouped in the group phase", func() error { _, err := st.MergeCard("alice", c1.ID, 2); return err })
	retroRefused(t, st, "only in the vote phase", func() error { _, err := st.Vote("bob", c1.ID); return err })
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseGroup))
	c3 := must[retro.Card](t)(st.AddCard("bob", sp.ID, 1, "Pair more"))
	retroRefused(t, st, "lead", func() error { _, err := st.MergeCard("bob", c3.ID, c1.ID); return err })
	must[retro.Card](t)(st.MergeCard("alice", c3.ID, c1.ID))
	retroRefused(t, st, "already grouped", func() error { _, err := st.MergeCard("alice", c3.ID, c1.ID); return err })
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseVote))
	retroRefused(t, st, "before the vote", func() error { _, err := st.AddCard("bob", sp.ID, 0, "late"); return err })
	retroRefused(t, st, "vote on that one", func() error { _, err := st.Vote("bob", c3.ID); return err })
	// Going back is fine until the first vote.
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseGroup))
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseVote))
	must[retro.Card](t)(st.Vote("bob", c1.ID))
	retroRefused(t, st, "votes are cast", func() error { _, err := st.SetRetroPhase("alice", sp.ID, retro.PhaseReveal); return err })
	retroRefused(t, st, "not yours", func() error { _, err := st.EditCard("alice", c1.ID, -1, "x"); return err })
	retroRefused(t, st, "cards are written before", func() error { _, err := st.EditCard("bob", c1.ID, -1, "x"); return err })
	must[retro.Card](t)(st.Unvote("bob", c1.ID))
	retroRefused(t, st, "no vote on card", func() error { _, err := st.Unvote("bob", c1.ID); return err })
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseDiscuss))
	retroRefused(t, st, "only in the vote phase", func() error { _, err := st.Vote("bob", c1.ID); return err })
	retroRefused(t, st, "timer runs", func() error { _, err := st.SetRetroTimer("alice", sp.ID, 500); return err })
	b = must[retro.Board](t)(st.SetRetroTimer("alice", sp.ID, 10))
	if left, ok := b.TimerLeft(fixedNow.Add(time.Minute)); !ok || left != 9*time.Minute {
		t.Errorf("timer %v %v", left, ok)
	}
	_, views, _ = st.VisibleCards(sp.ID, "alice")
	if len(views) != 2 || len(views[0].Grouped) != 1 || views[0].Grouped[0] != "Pair more" {
		t.Fatalf("grouped views %+v", views)
	}
}

func TestVoteBudgetHoldsUnderConcurrentVotes(t *testing.T) {
	st, _ := newTestStore(t)
	sp, _ := sprintWithTasks(t, st)
	var ids []int
	for i := range 4 {
		ids = append(ids, must[retro.Card](t)(st.AddCard("bob", sp.ID, 0, fmt.Sprintf("card %d", i))).ID)
	}
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseVote))
	var wg sync.WaitGroup
	var mu sync.Mutex
	accepted := map[string]int{}
	for _, voter := range []string{"alice", "bob"} {
		for i := range 12 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := st.Vote(voter, ids[i%2]); err == nil {
					mu.Lock()
					accepted[voter]++
					mu.Unlock()
				}
			}()
		}
	}
	wg.Wait()
	cards := must[[]retro.Card](t)(st.Cards(sp.ID))
	for _, voter := range []string{"alice", "bob"} {
		used := 0
		for _, c := range cards {
			if c.Votes[voter] > 2 {
				t.Errorf("%s has %d dots on card %d", voter, c.Votes[voter], c.ID)
			}
			used += c.Votes[voter]
		}
		// Two cards at most 2 each: 4 > budget 3, so exactly 3 win.
		if used != 3 || accepted[voter] != 3 {
			t.Errorf("%s used %d dots, %d votes accepted; want 3", voter, used, accepted[voter])
		}
	}
	retroRefused(t, st, "no votes left", func() error { _, err := st.Vote("bob", ids[3]); return err })
}

func TestAnonymousBoardKeepsAuthorsOutOfEventsAndExport(t *testing.T) {
	st, _ := newTestStore(t)
	sp, _ := sprintWithTasks(t, st)
	must[retro.Board](t)(st.CreateRetroBoard("alice", sp.ID, BoardSettings{Anonymous: true, Template: "4ls"}))
	c := must[retro.Card](t)(st.AddCard("bob", sp.ID, 3, "Longed for quiet mornings"))
	must[retro.Card](t)(st.EditCard("bob", c.ID, -1, "Longed for quieter mornings"))
	// bob can still change his own card: the store knows, nobody is shown.
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseReveal))
	for _, viewer := range []string{"", "alice", "bob", "gus"} {
		_, views, err := st.VisibleCards(sp.ID, viewer)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range views {
			if v.Author != "" {
				t.Errorf("%q sees author %q", viewer, v.Author)
			}
		}
	}
	evs := must[[]Event](t)(st.SprintEvents(sp.ID))
	for _, e := range evs {
		if anonEvent(e.Kind) && (e.Actor != "" || strings.Contains(e.Text, "bob")) {
			t.Errorf("card event names its author: %+v", e)
		}
	}
	var f exportFile
	if err := json.Unmarshal([]byte(retroSnapshot(t, st)), &f); err != nil {
		t.Fatal(err)
	}
	for _, b := range f.Buckets {
		for _, r := range b.Records {
			switch b.Name {
			case "retro_cards":
				var c retro.Card
				json.Unmarshal(r.Value, &c)
				if c.Author != "" {
					t.Errorf("export card author %q", c.Author)
				}
			case "events":
				var e Event
				json.Unmarshal(r.Value, &e)
				if anonEvent(e.Kind) && e.Actor != "" {
					t.Errorf("export event actor %q", e.Actor)
				}
			}
		}
	}
	rep := must[SprintReport](t)(st.Report(sp.ID))
	for _, v := range rep.Cards {
		if v.Author != "" {
			t.Errorf("report author %q", v.Author)
		}
	}
}

func TestActionsCarryOverToTheNextRetro(t *testing.T) {
	st, _ := newTestStore(t)
	sp1, _ := sprintWithTasks(t, st)
	a1 := must[retro.Action](t)(st.AddRetroAction("alice", sp1.ID, ActionInput{Text: "Timebox stand-ups", Owner: "bob", Due: sp1.ID + 1}))
	a2 := must[retro.Action](t)(st.AddAction("alice", sp1.ID, "Write the runbook", ""))
	retroRefused(t, st, "lead", func() error { _, err := st.AddAction("bob", sp1.ID, "x", ""); return err })
	retroRefused(t, st, "needs some text", func() error { _, err := st.AddAction("alice", sp1.ID, "  ", ""); return err })
	retroRefused(t, st, "not a member", func() error { _, err := st.AddAction("alice", sp1.ID, "x", "nobody"); return err })
	retroRefused(t, st, "earlier sprint", func() error {
		_, err := st.AddRetroAction("alice", sp1.ID+1, ActionInput{Text: "x", Due: sp1.ID})
		if errors.Is(err, ErrNotFound) {
			return errors.New("earlier sprint") // sprint 2 does not exist yet: also retroRefused
		}
		return err
	})
	// The first agreed leads: the backlog reads in the order the retro agreed them.
	top := must[[]backlog.Story](t)(st.Stories(2))
	if top[0].ID != a1.Story || top[1].ID != a2.Story || top[0].Labels[0] != retro.ActionLabel {
		t.Fatalf("actions are not at the top of the backlog: %+v", top)
	}
	must[CloseResult](t)(st.CloseSprint("alice", sp1.ID))
	start := sp1.End.AddDays(1)
	sp2 := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "Next", Start: start, End: start.AddDays(13)}))
	pending, answered := retroMust2(t)(st.ActionsToReview(sp2.ID))
	if len(pending) != 2 || len(answered) != 0 {
		t.Fatalf("retro 2 opens with %+v / %+v", pending, answered)
	}
	retroRefused(t, st, "reviewed at the retro of sprint #2", func() error { _, err := st.ReviewAction("alice", sp1.ID, a1.ID, retro.ActionDone); return err })
	retroRefused(t, st, "lead", func() error { _, err := st.ReviewAction("bob", sp2.ID, a1.ID, retro.ActionDone); return err })
	retroRefused(t, st, "unknown action status", func() error { _, err := st.ReviewAction("alice", sp2.ID, a1.ID, "meh"); return err })
	must[retro.Action](t)(st.ReviewAction("alice", sp2.ID, a1.ID, retro.ActionCarried))
	must[retro.Action](t)(st.ReviewAction("alice", sp2.ID, a2.ID, retro.ActionDone))
	retroRefused(t, st, "already done", func() error { _, err := st.ReviewAction("alice", sp2.ID, a2.ID, retro.ActionDropped); return err })
	pending, answered = retroMust2(t)(st.ActionsToReview(sp2.ID))
	if len(pending) != 0 || len(answered) != 2 {
		t.Fatalf("after answers %+v / %+v", pending, answered)
	}
	// The carried one is asked about again at the retro after.
	sp3 := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "Later", Start: start.AddDays(14), End: start.AddDays(27)}))
	pending, _ = retroMust2(t)(st.ActionsToReview(sp3.ID))
	if len(pending) != 1 || pending[0].ID != a1.ID || pending[0].Status != retro.ActionCarried || pending[0].Due != sp2.ID+1 {
		t.Fatalf("retro 3 opens with %+v", pending)
	}
}

func retroMust2(t *testing.T) func(a, b []retro.Action, err error) ([]retro.Action, []retro.Action) {
	return func(a, b []retro.Action, err error) ([]retro.Action, []retro.Action) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a, b
	}
}

func TestReviewFeedbackAndSummary(t *testing.T) {
	st, clk := newTestStore(t)
	sp, tasks := sprintWithTasks(t, st)
	retroRefused(t, st, "feedback needs some text", func() error { _, err := st.AddFeedback("bob", sp.ID, "", "Ops"); return err })
	retroRefused(t, st, "guest", func() error { _, err := st.AddFeedback("gus", sp.ID, "x", ""); return err })
	f1 := must[retro.Feedback](t)(st.AddFeedback("bob", sp.ID, "Export to CSV please\nfor finance", "Dana (finance)"))
	f2 := must[retro.Feedback](t)(st.AddFeedback("alice", sp.ID, "Login is slow", ""))
	retroRefused(t, st, "lead", func() error { _, _, err := st.FeedbackToStory("bob", f1.ID, true); return err })
	_, story, err := st.FeedbackToStory("alice", f1.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if story.Title != "Export to CSV please" || !strings.Contains(story.Description, "Dana (finance)") {
		t.Fatalf("story %+v", story)
	}
	list := must[[]backlog.Story](t)(st.Stories(0))
	if list[len(list)-1].ID != story.ID {
		t.Error("feedback story not at the bottom")
	}
	retroRefused(t, st, "already on", func() error { _, _, err := st.FeedbackToStory("alice", f1.ID, true); return err })
	retroRefused(t, st, "not found", func() error { _, err := st.AttachFeedback("alice", f2.ID, 999); return err })
	must[retro.Feedback](t)(st.AttachFeedback("alice", f2.ID, story.ID))
	clk.Advance(24 * time.Hour)
	must[sprint.Task](t)(st.SetTaskStatus("bob", tasks[0].ID, sprint.TaskDone))
	must[CloseResult](t)(st.CloseSprint("alice", sp.ID))
	r := must[ReviewSummary](t)(st.Review(sp.ID))
	if len(r.Done) != 0 || len(r.NotDone) != 1 || r.NotDonePoints != 5 || r.RemainingHours != 10 || r.TotalHours != 16 || len(r.Feedback) != 2 {
		t.Fatalf("review %+v", r)
	}
	rep := must[SprintReport](t)(st.Report(sp.ID))
	// The report's chart is the sprint's burndown, ending the day it closed.
	if bd := rep.Burndown; bd.WorkingDays != 10 || len(bd.Days) != 2 || bd.Days[0].RemainingHours != 16 || bd.Days[1].RemainingHours != 10 {
		t.Fatalf("burndown %+v", bd)
	}
}

// BenchmarkVote measures one dot vote on a board of 60 cards (a big retro):
// the budget check reads every card of the sprint inside the write.
func BenchmarkVote(b *testing.B) {
	st, _ := newTestStore(b)
	start := sprint.DateOf(fixedNow)
	sp := must[sprint.Sprint](b)(st.CreateSprint("alice", NewSprint{Goal: "x", Start: start, End: start.AddDays(13)}))
	var ids []int
	for i := range 60 {
		ids = append(ids, must[retro.Card](b)(st.AddCard("bob", sp.ID, i%3, fmt.Sprintf("card %d", i))).ID)
	}
	must[retro.Board](b)(st.SetRetroPhase("alice", sp.ID, retro.PhaseVote))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// vote then take it back, so the budget never runs out
		if _, err := st.Vote("bob", ids[i%60]); err != nil {
			b.Fatal(err)
		}
		if _, err := st.Unvote("bob", ids[i%60]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportBig exports a file of 10,000 stories and 50,000 events.
func BenchmarkExportBig(b *testing.B) {
	path := bigFixture(b, 10000, 50000)
	st, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := st.ExportJSON(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1e6, "MB")
}
