package i18n_test

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
	"huddle/store/demo"
	"huddle/ui/i18n"
)

// demoEvents is every event of the demo team's file (in lang's content),
// after the extra operations of more.
func demoEvents(t testing.TB, lang string, more func(st *store.Store, later func(time.Duration))) []store.Event {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	now := time.Date(2026, 3, 11, 15, 0, 0, 0, time.UTC)
	if _, err := demo.CreateIn(path, now, false, lang); err != nil {
		t.Fatal(err)
	}
	clock := now
	st, err := store.Open(path, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if more != nil {
		more(st, func(d time.Duration) { clock = clock.Add(d) })
	}
	events, err := st.Events(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return events
}

// TestEveryEventReadsInChinese runs the real store through the demo team and
// the operations the demo does not do, and reads every event's sentence as a
// Chinese and an English reader would.
func TestEveryEventReadsInChinese(t *testing.T) {
	zh, en := i18n.For(i18n.ZH), i18n.For(i18n.EN)
	seen := map[string]bool{}
	events := demoEvents(t, "en", moreEvents(t, seen))
	for _, e := range events {
		if got := en.Event(e.Text); got != e.Text {
			t.Errorf("English reader: %q became %q", e.Text, got)
		}
		id, out := zh.EventID(e.Text)
		if id == "" {
			t.Errorf("no ev.* format matches %s event %q", e.Kind, e.Text)
			continue
		}
		seen[id] = true
		if out == e.Text {
			t.Errorf("%s: %q reads %q in Chinese", id, e.Text, out)
		}
	}
	var missed []string
	for _, id := range eventIDs() {
		if !seen[id] {
			missed = append(missed, id)
		}
	}
	sort.Strings(missed)
	if len(missed) > 0 {
		t.Errorf("%d events wrote %d of the catalog's %d sentences; never written: %s", len(events), len(seen), len(eventIDs()), strings.Join(missed, " "))
	}
	if testing.Verbose() {
		for _, e := range events {
			t.Logf("%s\n\t%s", e.Text, i18n.For(i18n.ZH).Event(e.Text))
		}
	}
}

func eventIDs() []string { return i18n.EventIDs() }

// moreEvents does what the demo does not, so that every sentence is written
// once: poker, retro board changes, the calendar, undo, imports, ...
func moreEvents(t *testing.T, seen map[string]bool) func(st *store.Store, later func(time.Duration)) {
	return func(st *store.Store, later func(time.Duration)) {
		must := func(what string, err error) {
			t.Helper()
			if err != nil {
				t.Errorf("%s: %v", what, err)
			}
		}
		lead := "maya"
		sp, ok, err := st.ActiveSprint()
		if err != nil || !ok {
			t.Fatalf("no active sprint: %v", err)
		}
		today := sprint.DateOf(st.Now())
		// Presence is published, not stored.
		ctx, cancel := context.WithCancel(context.Background())
		live := st.Subscribe(ctx)
		st.Join("lucas")()
		for range 2 {
			e := <-live
			id, out := i18n.For(i18n.ZH).EventID(e.Text)
			if id == "" || out == e.Text {
				t.Errorf("presence %q reads %q", e.Text, out)
			}
			seen[id] = true
		}
		cancel()

		// The backlog.
		s1, err := st.AddStory(lead, store.StoryInput{Title: "Export, to CSV", Points: 3, Acceptance: "- a file\n- a header"})
		must("add story", err)
		_, err = st.EditStory(lead, s1.ID, store.StoryInput{Title: "Export to CSV", Points: 3, Acceptance: "- a file\n- a header"})
		must("edit story", err)
		must("move story", st.MoveStory(lead, s1.ID, store.Position{Top: true}))
		_, err = st.CheckAcceptance(lead, s1.ID, 1, true)
		must("tick", err)
		_, err = st.CheckAcceptance(lead, s1.ID, 1, false)
		must("untick", err)
		_, err = st.AddStoryComment("lucas", s1.ID, "looks good")
		must("comment", err)
		_, err = st.ApplyValuePerPointOrder(lead)
		must("order", err)
		_, _, err = st.ImportStories(lead, []store.StoryInput{{Title: "Imported one"}, {Title: "Imported two"}}, false)
		must("import", err)
		must("delete story", st.DeleteStory(lead, s1.ID))
		_, err = st.Undo(lead)
		must("undo delete", err)

		// Proposals.
		p1, err := st.AddStory("lucas", store.StoryInput{Title: "Proposal one"})
		must("propose", err)
		p2, err := st.AddStory("lucas", store.StoryInput{Title: "Proposal two"})
		must("propose", err)
		_, err = st.AcceptStory(lead, p1.ID)
		must("accept", err)
		_, err = st.DeclineStory(lead, p2.ID, "out of scope")
		must("decline", err)

		// Tasks.
		stories, err := st.SprintStories(sp.ID)
		must("sprint stories", err)
		story := stories[0].ID
		tk, err := st.AddTask(lead, story, "Write the exporter", 6)
		must("add task", err)
		_, err = st.ClaimTask(lead, tk.ID, "wei")
		must("assign", err)
		_, err = st.UnclaimTask(lead, tk.ID)
		must("unclaim", err)
		_, err = st.SetTaskStatus("lucas", tk.ID, sprint.TaskDoing)
		must("move and take", err)
		title, hours := "Write the CSV exporter", 8.0
		_, err = st.EditTask("lucas", tk.ID, store.TaskEdit{Title: &title, Hours: &hours})
		must("edit task", err)
		_, _, err = st.SplitTask("lucas", tk.ID, 3, "Tests for the exporter")
		must("split", err)
		_, err = st.BlockTask("lucas", tk.ID, "waiting on the API")
		must("block", err)
		_, err = st.UnblockTask("lucas", tk.ID)
		must("unblock", err)
		_, err = st.SetRemaining("lucas", tk.ID, 4)
		must("remaining", err)
		_, err = st.Undo("lucas")
		must("undo remaining", err)
		_, err = st.DeleteTask(lead, tk.ID)
		must("delete task", err)
		_, err = st.RestoreTask(lead, tk.ID)
		must("restore task", err)
		must("capacity", st.SetCapacity(lead, sp.ID, "wei", 30))

		// The stand-up.
		_, err = st.SetStandupSettings(lead, sprint.StandupSettings{})
		must("standup settings", err)
		yes := "worked on the exporter"
		_, err = st.SaveNoteFor(lead, "tomas", today, store.NoteInput{Yesterday: &yes})
		must("note for", err)
		_, _, err = st.StartStandup(lead, today, nil)
		must("start standup", err)
		_, err = st.SetStandupAbsent(lead, today, "tomas", true)
		must("absent", err)
		_, err = st.SetStandupAbsent(lead, today, "tomas", false)
		must("present", err)
		_, err = st.MoveSpeaker(lead, today, "wei", 0)
		must("move speaker", err)
		for _, op := range []store.RoundOp{store.RoundNext, store.RoundPause, store.RoundResume, store.RoundSkip} {
			_, err = st.StepStandup(lead, today, op, "")
			must("step "+string(op), err)
		}
		b, err := st.ParkBlocker(lead, today, store.ParkInput{Text: "staging is down"})
		must("park", err)
		_, err = st.ResolveBlocker(lead, today, b.ID, false)
		must("resolve", err)

		// The calendar and the team.
		next := today.AddDays(7)
		_, err = st.AddHoliday(lead, next, "")
		must("holiday", err)
		must("unholiday", st.RemoveHoliday(lead, next))
		_, err = st.AddHoliday(lead, next, "Founders' day")
		must("named holiday", err)
		_, err = st.SetDaysOff(lead, "wei", next.AddDays(1), next.AddDays(2), false)
		must("days off", err)
		_, err = st.SetDaysOff(lead, "wei", next.AddDays(1), next.AddDays(2), true)
		must("back at work", err)
		must("team name", st.SetTeamName(lead, "Payments"))

		// OKRs.
		objs, err := st.Objectives(backlog.QuarterOf(st.Now()))
		must("objectives", err)
		if len(objs) > 0 && len(objs[0].KeyResults) > 0 {
			kr := objs[0].KeyResults[0]
			_, err = st.EditObjective(lead, objs[0].Objective.ID, objs[0].Objective.Title+"!")
			must("rename objective", err)
			_, err = st.EditKeyResult(lead, kr)
			must("edit kr", err)
			must("remove kr", st.RemoveKeyResult(lead, kr.ID))
			must("remove objective", st.RemoveObjective(lead, objs[0].Objective.ID))
		}

		// Planning poker.
		est := []int{}
		for _, s := range []string{"Poker one", "Poker two"} {
			x, err := st.AddStory(lead, store.StoryInput{Title: s})
			must("poker story", err)
			est = append(est, x.ID)
		}
		_, err = st.PokerStart(lead, store.PokerStartInput{Stories: est})
		must("poker start", err)
		_, err = st.PokerVote(lead, est[0], "5")
		must("vote", err)
		_, err = st.PokerVote(lead, est[0], "8")
		must("revote own", err)
		_, err = st.PokerReveal(lead, est[0])
		must("reveal", err)
		_, err = st.PokerRevote(lead, est[0])
		must("revote", err)
		_, err = st.PokerAccept(lead, est[0], 5)
		must("poker accept", err)
		_, err = st.PokerNext(lead)
		must("poker next", err)
		_, err = st.PokerEnd(lead)
		must("poker end", err)

		// Review and retro.
		f1, err := st.AddFeedback(lead, sp.ID, "Exports are slow", "")
		must("feedback", err)
		f2, err := st.AddFeedback(lead, sp.ID, "Love the new flow", "Ana from support")
		must("feedback from", err)
		_, _, err = st.FeedbackToStory(lead, f1.ID, true)
		must("feedback to story", err)
		_, err = st.AttachFeedback(lead, f2.ID, story)
		must("attach feedback", err)
		act, err := st.AddRetroAction(lead, sp.ID, store.ActionInput{Text: "Pair on risky tasks", Owner: "wei"})
		must("retro action", err)
		_, err = st.CreateRetroBoard(lead, sp.ID, store.BoardSettings{})
		must("retro board", err)
		c1, err := st.AddCard("lucas", sp.ID, 0, "pairing helped")
		must("card", err)
		c2, err := st.AddCard("wei", sp.ID, 0, "pairing was great")
		must("card", err)
		c3, err := st.AddCard("wei", sp.ID, 1, "too many meetings")
		must("card", err)
		_, err = st.EditCard("wei", c3.ID, 1, "too many long meetings")
		must("edit card", err)
		must("delete card", st.DeleteCard("wei", c3.ID))
		_, err = st.RestoreCard("wei", c3.ID)
		must("restore card", err)
		_, err = st.SetRetroPhase(lead, sp.ID, retro.PhaseGroup)
		must("phase", err)
		_, err = st.MergeCard(lead, c2.ID, c1.ID)
		must("group", err)
		_, err = st.UngroupCard(lead, c2.ID)
		must("ungroup", err)
		_, err = st.SetRetroPhase(lead, sp.ID, retro.PhaseVote)
		must("phase", err)
		_, err = st.Vote("lucas", c1.ID)
		must("vote", err)
		_, err = st.Unvote("lucas", c1.ID)
		must("unvote", err)
		_, err = st.SetRetroTimer(lead, sp.ID, 5)
		must("timer", err)

		// A planned sprint, with an anonymous retro board.
		plan, err := st.CreateSprint(lead, store.NewSprint{Name: "Next", Start: today.AddDays(14), End: today.AddDays(27)})
		must("plan sprint", err)
		bs, err := st.AddStory(lead, store.StoryInput{Title: "With a task", Points: 2})
		must("story with task", err)
		must("take story", st.AddStoryToSprint(lead, plan.ID, bs.ID))
		_, err = st.AddTask(lead, bs.ID, "a planned task", 2)
		must("planned task", err)
		must("put story back", st.RemoveStoryFromSprint(lead, plan.ID, bs.ID))
		must("take story again", st.AddStoryToSprint(lead, plan.ID, bs.ID))
		_, err = st.ReviewActionsAndStories(lead, plan.ID, map[int]retro.ActionStatus{act.ID: retro.ActionDone}, true)
		must("review action", err)
		_, err = st.EditSprint(lead, plan.ID, store.NewSprint{Name: "Next", Goal: "Ship exports", Start: plan.Start, End: plan.End})
		must("edit sprint", err)
		_, err = st.CreateRetroBoard(lead, plan.ID, store.BoardSettings{Anonymous: true, Template: retro.TemplateStartStop})
		must("anonymous board", err)
		a1, err := st.AddCard("lucas", plan.ID, 0, "quiet card")
		must("anonymous card", err)
		_, err = st.SetRetroPhase(lead, plan.ID, retro.PhaseVote)
		must("anonymous phase", err)
		_, err = st.Vote("lucas", a1.ID)
		must("anonymous vote", err)
		_, err = st.Unvote("lucas", a1.ID)
		must("anonymous unvote", err)
		_, err = st.DeleteSprint(lead, plan.ID)
		must("delete sprint", err)

		// The team.
		_, err = st.RemoveMemberKey(lead, "priya", "SHA256:n6s1ZfJeQRR8RLI9SnBRiOhnvJ9hKb50ZbP1bHkIA2c")
		must("revoke key", err)
		must("remove member", st.RemoveMember(lead, "tomas"))

		// A stand-up left open closes when the next day's opens.
		later(24 * time.Hour)
		_, _, err = st.StartStandup(lead, today.AddDays(1), []string{"wei"})
		must("next stand-up", err)
		_, err = st.AddLatecomer(lead, today.AddDays(1), "wei")
		must("latecomer", err)
	}
}

// BenchmarkEventPage translates a page of history: the demo team's last 50
// events (every kind of sentence the demo writes), as a Chinese reader's
// task or story page does on each draw. One op is the whole page; ns/line is
// reported too.
func BenchmarkEventPage(b *testing.B) {
	events := demoEvents(b, "en", nil)
	page := events[len(events)-50:]
	zh := i18n.For(i18n.ZH)
	zh.Event(page[0].Text) // the formats compile once per process, not per page
	b.ResetTimer()
	for range b.N {
		for _, e := range page {
			_ = zh.Event(e.Text)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(page)), "ns/line")
}
