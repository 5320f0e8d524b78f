package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"
)

func today() sprint.Date { return sprint.DateOf(fixedNow) }

func TestStandupRoundInTheStore(t *testing.T) {
	st, clk := newTestStore(t)
	must[backlog.Member](t)(st.AddMember("alice", NewMember{Handle: "cara"}))
	day := today()

	if _, _, err := st.StartStandup("bob", day, nil); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatalf("a member started the stand-up: %v", err)
	}
	if _, _, err := st.StartStandup("alice", day, []string{"gus"}); err == nil {
		t.Error("a guest was marked absent: guests do not speak")
	}
	su, resumed, err := st.StartStandup("alice", day, []string{"cara"})
	if err != nil || resumed {
		t.Fatal(err, resumed)
	}
	if len(su.Turns) != 3 || su.Present() != 2 || su.Status != sprint.StandupReady || su.Sprint != 0 {
		t.Fatalf("new round (no sprint, questions only): %+v", su)
	}
	// Starting again resumes the same round.
	if again, resumed, err := st.StartStandup("alice", day, nil); err != nil || !resumed || again.Opened != su.Opened {
		t.Fatalf("restart: %v %v", err, resumed)
	}
	su = must[sprint.Standup](t)(st.StepStandup("alice", day, RoundNext, ""))
	first, _ := su.Speaker()
	clk.Advance(time.Minute)
	// Another session saw someone else speaking: nothing changes.
	if _, err := st.StepStandup("alice", day, RoundNext, "nobody"); err == nil || !strings.Contains(err.Error(), first.Member+" is speaking now") {
		t.Errorf("stale next: %v", err)
	}
	su = must[sprint.Standup](t)(st.StepStandup("alice", day, RoundNext, first.Member))
	for _, tt := range su.Turns {
		if tt.Member == first.Member && (tt.Spoke != time.Minute || tt.State != sprint.TurnSpoke) {
			t.Errorf("first speaker's turn %+v", tt)
		}
	}
	su = must[sprint.Standup](t)(st.AddLatecomer("alice", day, "cara"))
	if last := su.Turns[len(su.Turns)-1]; last.Member != "cara" || !last.Late {
		t.Errorf("latecomer %+v", su.Turns)
	}
	if _, err := st.AddLatecomer("alice", day, "gus"); err == nil {
		t.Error("a guest joined as a speaker")
	}
	if _, err := st.StepStandup("bob", day, RoundSkip, ""); !errors.Is(err, backlog.ErrForbidden) {
		t.Errorf("bob drove the round: %v", err)
	}
	su = must[sprint.Standup](t)(st.StepStandup("alice", day, RoundEnd, ""))
	if su.Status != sprint.StandupEnded {
		t.Fatal(su.Status)
	}
	if _, _, err := st.StartStandup("alice", day, nil); !errors.Is(err, sprint.ErrRoundEnded) {
		t.Errorf("start after the end: %v", err)
	}
	kept, found, err := st.Standup(day)
	if err != nil || !found || kept.Status != sprint.StandupEnded {
		t.Errorf("kept: %v %v %v", found, err, kept.Status)
	}
	days := must[[]sprint.Date](t)(st.StandupDays())
	if len(days) != 1 || days[0] != day {
		t.Errorf("days %v", days)
	}
}

func TestStandupLeftOpenOvernightIsClosed(t *testing.T) {
	st, clk := newTestStore(t)
	must[sprint.Standup](t)(func() (sprint.Standup, error) { s, _, err := st.StartStandup("alice", today(), nil); return s, err }())
	must[sprint.Standup](t)(st.StepStandup("alice", today(), RoundNext, ""))
	clk.Advance(20 * time.Hour)
	next := today().AddDays(1)
	su, resumed, err := st.StartStandup("alice", next, nil)
	if err != nil || resumed || su.Date != next {
		t.Fatal(err, resumed)
	}
	old, _, _ := st.Standup(today())
	if old.Status != sprint.StandupEnded || !old.ClosedLate || old.Turns[0].Spoke != old.Timebox() {
		t.Errorf("old round: %v %v %+v", old.Status, old.ClosedLate, old.Turns[0])
	}
}

func TestStandupSpeakerRemovedMidRound(t *testing.T) {
	st, clk := newTestStore(t)
	if _, _, err := st.StartStandup("alice", today(), nil); err != nil {
		t.Fatal(err)
	}
	// Make bob speak first.
	must[sprint.Standup](t)(st.MoveSpeaker("alice", today(), "bob", 0))
	su := must[sprint.Standup](t)(st.StepStandup("alice", today(), RoundNext, ""))
	if sp, _ := su.Speaker(); sp.Member != "bob" {
		t.Fatalf("speaker %q", sp.Member)
	}
	clk.Advance(30 * time.Second)
	if err := st.RemoveMember("alice", "bob"); err != nil {
		t.Fatal(err)
	}
	su = must[sprint.Standup](t)(st.StepStandup("alice", today(), RoundPause, ""))
	if su.Turns[0].State != sprint.TurnLeft {
		t.Errorf("bob's turn %+v", su.Turns[0])
	}
	if sp, _ := su.Speaker(); sp.Member != "alice" {
		t.Errorf("speaker after bob left: %q", sp.Member)
	}
}

func TestParkingLotBlocksTaskInOneStep(t *testing.T) {
	st, _ := newTestStore(t)
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "g", Start: today(), End: today().AddDays(9)}))
	s1 := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "story", Points: 3}))
	if err := st.AddStoryToSprint("alice", sp.ID, s1.ID); err != nil {
		t.Fatal(err)
	}
	task := must[sprint.Task](t)(st.AddTask("alice", s1.ID, "a task", 4))
	if err := st.StartSprint("alice", sp.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ParkBlocker("bob", today(), ParkInput{Text: "x"}); err == nil {
		t.Error("parked without a round")
	}
	if _, _, err := st.StartStandup("alice", today(), nil); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []ParkInput{{Text: "  \x1b[31m "}, {Text: "x", Task: 999, BlockTask: true}, {Text: "x", Helper: "nobody"}, {Text: "x", BlockTask: true}} {
		if _, err := st.ParkBlocker("bob", today(), bad); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
	if _, err := st.ParkBlocker("bob", today(), ParkInput{Text: "x", RaisedBy: "alice"}); err == nil {
		t.Error("bob raised a blocker for alice")
	}
	if _, err := st.ParkBlocker("gus", today(), ParkInput{Text: "x"}); !errors.Is(err, backlog.ErrForbidden) {
		t.Errorf("guest parked: %v", err)
	}
	b := must[sprint.Blocker](t)(st.ParkBlocker("bob", today(), ParkInput{Text: "waiting on the API key", Task: task.ID, Helper: "alice", BlockTask: true}))
	if b.ID != 1 || b.RaisedBy != "bob" || b.Helper != "alice" {
		t.Errorf("blocker %+v", b)
	}
	if got := must[sprint.Task](t)(st.Task(task.ID)); got.Blocked != "waiting on the API key" {
		t.Errorf("task not flagged: %q", got.Blocked)
	}
	if _, err := st.ResolveBlocker("bob", today(), 7, false); err == nil {
		t.Error("resolved an unknown blocker")
	}
	r := must[sprint.Blocker](t)(st.ResolveBlocker("alice", today(), 1, false))
	if r.Open() || r.ResolvedBy != "alice" {
		t.Errorf("resolved %+v", r)
	}
	if _, err := st.ResolveBlocker("alice", today(), 1, false); err == nil {
		t.Error("resolved twice")
	}
}

func TestSinceLastStandupFromTheLog(t *testing.T) {
	st, clk := newTestStore(t)
	yesterday := today().AddDays(-1)
	clk.Advance(-24 * time.Hour) // planned yesterday, to start yesterday
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "g", Start: yesterday, End: today().AddDays(9)}))
	clk.Advance(24 * time.Hour)
	s1 := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "story", Points: 3}))
	if err := st.AddStoryToSprint("alice", sp.ID, s1.ID); err != nil {
		t.Fatal(err)
	}
	t1 := must[sprint.Task](t)(st.AddTask("alice", s1.ID, "one", 6))
	t2 := must[sprint.Task](t)(st.AddTask("alice", s1.ID, "two", 4))
	if err := st.StartSprint("alice", sp.ID); err != nil {
		t.Fatal(err)
	}
	must[sprint.Task](t)(st.ClaimTask("bob", t1.ID, ""))
	// The window starts at the previous round; work after it counts.
	since := st.Now()
	clk.Advance(time.Minute)
	must[sprint.Task](t)(st.ClaimTask("bob", t2.ID, ""))
	must[sprint.Task](t)(st.SetTaskStatus("alice", t1.ID, sprint.TaskDoing)) // the lead moves bob's task
	must[sprint.Task](t)(st.SetRemaining("bob", t1.ID, 2))
	must[sprint.Task](t)(st.SetTaskStatus("bob", t2.ID, sprint.TaskDone))
	must[sprint.Task](t)(st.BlockTask("bob", t1.ID, "needs review"))
	got, err := st.SinceLastStandup(today())
	if err != nil {
		t.Fatal(err)
	}
	if got.Since != yesterday.Time() {
		t.Errorf("no round before: the window starts a day back, got %v", got.Since)
	}
	bob := got.Activity["bob"]
	if len(bob.Claimed) != 2 || len(bob.Moved) != 1 || len(bob.Finished) != 1 || bob.Burned != 8 || len(bob.Blockers) != 1 {
		t.Errorf("bob %+v", bob)
	}
	if _, ok := got.Activity["alice"]; ok {
		t.Errorf("alice moved bob's task; it is bob's work: %+v", got.Activity["alice"])
	}
	_ = since
}

func TestStandupSettingsAndNotesForOthers(t *testing.T) {
	st, _ := newTestStore(t)
	if _, err := st.SetStandupSettings("bob", sprint.StandupSettings{}); !errors.Is(err, backlog.ErrForbidden) {
		t.Errorf("bob changed settings: %v", err)
	}
	if _, err := st.SetStandupSettings("alice", sprint.StandupSettings{Budget: time.Second}); err == nil {
		t.Error("one-second budget accepted")
	}
	set := must[sprint.StandupSettings](t)(st.SetStandupSettings("alice", sprint.StandupSettings{Questions: []string{"Done?", "Next?", "Stuck?\x07"}, Budget: 10 * time.Minute, Order: sprint.OrderRandom, Bell: true}))
	got := must[sprint.StandupSettings](t)(st.StandupSettings())
	if got.Questions[2] != "Stuck?" || got.Budget != 10*time.Minute || !got.Bell || set.Order != sprint.OrderRandom {
		t.Errorf("settings %+v", got)
	}
	y := "shipped"
	if _, err := st.SaveNoteFor("bob", "alice", today(), NoteInput{Yesterday: &y}); !errors.Is(err, backlog.ErrForbidden) {
		t.Errorf("bob wrote alice's answers: %v", err)
	}
	n := must[sprint.Note](t)(st.SaveNoteFor("alice", "bob", today(), NoteInput{Yesterday: &y}))
	if n.Member != "bob" || n.Yesterday != "shipped" {
		t.Errorf("note %+v", n)
	}
	huge := strings.Repeat("x", MaxAnswer+1)
	if _, err := st.SaveNote("bob", today(), NoteInput{Today: &huge}); err == nil {
		t.Error("a huge answer was accepted")
	}
	notes := must[[]sprint.Note](t)(st.Notes(today()))
	if len(notes) != 1 || notes[0].Today != "" {
		t.Errorf("the failed save changed something: %+v", notes)
	}
}
