package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"huddle/backlog"

	bolt "go.etcd.io/bbolt"
)

// pokerTeam is a store with alice (lead), bob, gus (a guest member) and
// members v01..vN, and two unestimated stories.
func pokerTeam(t *testing.T, n int) (*Store, *testClock, []string, []backlog.Story) {
	t.Helper()
	st, clk := newTestStore(t)
	vs := voters(t, st, n)
	var list []backlog.Story
	for i := 1; i <= 2; i++ {
		list = append(list, must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: fmt.Sprintf("story %d", i), Points: backlog.Unestimated, Value: 10})))
	}
	return st, clk, vs, list
}

// pokerReadable is every path a person could read a round through, as text:
// the round screen's read model for several viewers, the rounds, the story's
// history, the event log, and the JSON export.
func pokerReadable(t *testing.T, st *Store, story int, viewers []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	add := func(name string, v any) {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = string(data)
	}
	for _, v := range append([]string{""}, viewers...) {
		view := must[PokerView](t)(st.Poker(v))
		view.Mine = "" // a voter's own card, to them alone (checked on its own)
		add("Poker("+v+")", view)
	}
	add("PokerRounds", must[[]backlog.PokerRound](t)(st.PokerRounds(0)))
	add("StoryHistory", must[[]Event](t)(st.StoryHistory(story)))
	add("Events", must[[]Event](t)(st.Events(0, 0)))
	add("RecentEvents", must[[]Event](t)(st.RecentEvents(1000)))
	var buf bytes.Buffer
	if err := st.ExportJSON(&buf); err != nil {
		t.Fatal(err)
	}
	out["ExportJSON"] = buf.String()
	return out
}

// Nothing anyone can read before the reveal depends on the cards: the same
// round voted with other cards reads byte for byte the same through every
// path (only a voter's own card shows, to that voter alone). After the reveal
// the cards do show, so the comparison can tell.
func TestPokerVotesAreNeverReadableBeforeReveal(t *testing.T) {
	run := func(cards []string) (before, after map[string]string, mine string) {
		st, _, vs, list := pokerTeam(t, 3)
		leave := []func(){st.Join("alice"), st.Join("bob")}
		for _, h := range vs {
			leave = append(leave, st.Join(h))
		}
		defer func() {
			for _, l := range leave {
				l()
			}
		}()
		must[backlog.PokerSession](t)(st.PokerStart("alice", PokerStartInput{Stories: []int{list[0].ID}}))
		// An async vote on the next story, too.
		must[backlog.PokerRound](t)(st.PokerVote("bob", list[1].ID, cards[0]))
		voted := append([]string{"bob"}, vs...)
		for i, h := range voted {
			r := must[backlog.PokerRound](t)(st.PokerVote(h, 0, cards[i]))
			if r.IsRevealed() {
				t.Fatalf("revealed after %d of 5 votes", i+1)
			}
		}
		before = pokerReadable(t, st, list[0].ID, []string{"alice", "v01", "gus"})
		mine = must[PokerView](t)(st.Poker("bob")).Mine
		must[backlog.PokerRound](t)(st.PokerReveal("alice", 0))
		after = pokerReadable(t, st, list[0].ID, []string{"alice"})
		return before, after, mine
	}
	b1, a1, mine1 := run([]string{"1", "2", "3", "5"})
	b2, a2, mine2 := run([]string{"100", "40", "?", "coffee"})
	if len(b1) < 8 {
		t.Fatalf("only %d read paths", len(b1))
	}
	for path, v := range b1 {
		if b2[path] != v {
			t.Errorf("before the reveal, %s depends on the cards:\n%s\n%s", path, v, b2[path])
		}
	}
	if mine1 != "1" || mine2 != "100" {
		t.Errorf("bob's own card reads %q and %q, want 1 and 100", mine1, mine2)
	}
	for _, path := range []string{"Poker(alice)", "PokerRounds", "StoryHistory", "ExportJSON"} {
		if a1[path] == a2[path] {
			t.Errorf("after the reveal, %s does not show the cards", path)
		}
	}
	if !strings.Contains(a1["Poker(alice)"], `"v03":"5"`) {
		t.Errorf("the revealed round lacks v03's card: %s", a1["Poker(alice)"])
	}
}

// The round reveals on the last vote of the people present; someone who
// leaves is not waited for.
func TestPokerRevealsWhenEveryonePresentVoted(t *testing.T) {
	st, _, vs, list := pokerTeam(t, 2)
	leaveAlice, leaveBob, leaveV1 := st.Join("alice"), st.Join("bob"), st.Join(vs[0])
	defer leaveAlice()
	defer leaveBob()
	st.Join("guest:ab12")() // a guest's visit changes nothing
	must[backlog.PokerSession](t)(st.PokerStart("alice", PokerStartInput{}))
	view := must[PokerView](t)(st.Poker("alice"))
	if view.Story == nil || view.Story.ID != list[0].ID || view.Voters != 3 || len(view.Waiting) != 3 {
		t.Fatalf("the session starts on %v waiting for %v of %d", view.Story, view.Waiting, view.Voters)
	}
	must[backlog.PokerRound](t)(st.PokerVote("alice", 0, "3"))
	if r := must[backlog.PokerRound](t)(st.PokerVote("bob", 0, "8")); r.IsRevealed() {
		t.Fatal("revealed while v01 is present and has not voted")
	}
	leaveV1()
	view = must[PokerView](t)(st.Poker("alice"))
	if view.Round == nil || !view.Round.IsRevealed() || view.Spread == nil {
		t.Fatalf("v01 left and the round did not reveal: %+v", view.Round)
	}
	if got := view.Spread.Explanation; got != "bob 8, alice 3 — explain" {
		t.Errorf("explanation %q", got)
	}
}

// A guest (a guest member or a guest session) cannot vote, and nothing is written.
func TestPokerGuestsCannotVote(t *testing.T) {
	st, _, _, list := pokerTeam(t, 1)
	must[backlog.PokerSession](t)(st.PokerStart("alice", PokerStartInput{}))
	for _, g := range []string{"gus", "guest:1a2b3c4d"} {
		_, err := st.PokerVote(g, list[0].ID, "5")
		if !errors.Is(err, backlog.ErrForbidden) {
			t.Errorf("%s voted: %v", g, err)
		}
	}
	if r := must[PokerView](t)(st.Poker("alice")).Round; len(r.Voters) != 0 {
		t.Errorf("voters after guests tried: %v", r.Voters)
	}
	if _, err := st.PokerReveal("bob", 0); !errors.Is(err, backlog.ErrForbidden) {
		t.Errorf("a member revealed: %v", err)
	}
}

// Twenty people vote at once while the lead accepts: every vote either
// landed before the decision (and is in the record) or was refused after
// it; no card is left hidden and none is lost.
func TestPokerRacingVotesAndAcceptAreDecidedInTheWrite(t *testing.T) {
	for attempt := 0; attempt < 3; attempt++ {
		st, _, vs, list := pokerTeam(t, 20)
		must[backlog.PokerSession](t)(st.PokerStart("alice", PokerStartInput{Stories: []int{list[0].ID}}))
		var wg sync.WaitGroup
		var mu sync.Mutex
		landed := map[string]bool{}
		start := make(chan struct{})
		for _, h := range vs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, err := st.PokerVote(h, list[0].ID, "5")
				switch {
				case err == nil:
					mu.Lock()
					landed[h] = true
					mu.Unlock()
				case !errors.Is(err, backlog.ErrRoundRevealed):
					t.Errorf("%s: %v", h, err)
				}
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if _, err := st.PokerAccept("alice", list[0].ID, 5); err != nil {
				t.Error(err)
			}
		}()
		close(start)
		wg.Wait()
		rounds := must[[]backlog.PokerRound](t)(st.PokerRounds(list[0].ID))
		if len(rounds) != 1 || rounds[0].Outcome != backlog.OutcomeAccepted {
			t.Fatalf("rounds %+v", rounds)
		}
		if len(rounds[0].Votes) != len(landed) || len(rounds[0].Voters) != len(landed) {
			t.Fatalf("%d votes landed, the record holds %d cards of %d voters", len(landed), len(rounds[0].Votes), len(rounds[0].Voters))
		}
		for h := range landed {
			if rounds[0].Votes[h] != "5" {
				t.Fatalf("%s's landed vote is not in the record", h)
			}
		}
		if n := hiddenVotes(t, st); n != 0 {
			t.Fatalf("%d cards left hidden after the decision", n)
		}
		if s := must[backlog.Story](t)(st.Story(list[0].ID)); s.Points != 5 {
			t.Fatalf("story points %d", s.Points)
		}
	}
}

// Twenty racing voters, all present: the round reveals exactly once, on the
// last vote, with every card.
func TestPokerRacingVotesRevealOnce(t *testing.T) {
	st, _, vs, list := pokerTeam(t, 20)
	for _, h := range vs {
		defer st.Join(h)()
	}
	must[backlog.PokerSession](t)(st.PokerStart("alice", PokerStartInput{Stories: []int{list[0].ID}}))
	var wg sync.WaitGroup
	for i, h := range vs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := st.PokerVote(h, 0, backlog.DeckFibonacci.Cards()[i%10]); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	reveals := 0
	for _, e := range must[[]Event](t)(st.StoryHistory(list[0].ID)) {
		if e.Kind == EventPokerRevealed {
			reveals++
		}
	}
	r := must[PokerView](t)(st.Poker("")).Round
	if reveals != 1 || !r.IsRevealed() || len(r.Votes) != 20 {
		t.Fatalf("%d reveals, revealed %v, %d cards", reveals, r.IsRevealed(), len(r.Votes))
	}
}

func hiddenVotes(t *testing.T, st *Store) int {
	t.Helper()
	n := 0
	if err := st.db.View(func(tx *bolt.Tx) error { n = tx.Bucket(bucketPokerVotes).Stats().KeyN; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// A whole session: async votes before it, a re-vote, accept, next, end; the
// record and the summary.
func TestPokerSessionRecordAndSummary(t *testing.T) {
	st, clk, _, list := pokerTeam(t, 1)
	if _, err := st.PokerStart("bob", PokerStartInput{}); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatalf("a member started a session: %v", err)
	}
	// Async: bob votes on story 2 before the meeting.
	must[backlog.PokerRound](t)(st.PokerVote("bob", list[1].ID, "8"))
	must[backlog.PokerSession](t)(st.PokerStart("alice", PokerStartInput{Timer: 2 * time.Minute}))
	if _, err := st.PokerStart("alice", PokerStartInput{}); err == nil {
		t.Fatal("a second session started")
	}
	must[backlog.PokerRound](t)(st.PokerVote("alice", 0, "3"))
	must[backlog.PokerRound](t)(st.PokerVote("bob", 0, "13"))
	clk.Advance(time.Minute)
	must[backlog.PokerRound](t)(st.PokerReveal("alice", 0))
	if _, err := st.PokerVote("v01", 0, "5"); !errors.Is(err, backlog.ErrRoundRevealed) {
		t.Fatalf("a vote after the reveal: %v", err)
	}
	v := must[PokerView](t)(st.Poker("alice"))
	if left, ok := v.Session.DiscussionLeft(v.Round.Revealed, clk.Now().Add(30*time.Second)); !ok || left != 90*time.Second {
		t.Fatalf("discussion timer %v %v", left, ok)
	}
	r2 := must[backlog.PokerRound](t)(st.PokerRevote("alice", 0))
	if r2.Attempt != 2 || r2.IsRevealed() {
		t.Fatalf("re-vote round %+v", r2)
	}
	must[backlog.PokerRound](t)(st.PokerVote("alice", 0, "5"))
	must[backlog.PokerRound](t)(st.PokerVote("bob", 0, "5"))
	clk.Advance(time.Minute)
	must[backlog.PokerRound](t)(st.PokerAccept("alice", 0, 5))
	sess := must[backlog.PokerSession](t)(st.PokerNext("alice"))
	if sess.Story() != list[1].ID {
		t.Fatalf("next is %d", sess.Story())
	}
	// bob's async vote is on the table, still hidden.
	v = must[PokerView](t)(st.Poker("alice"))
	if !v.Round.HasVoted("bob") || v.Round.IsRevealed() || v.Mine != "" {
		t.Fatalf("the async round on the table: %+v (alice sees %q)", v.Round, v.Mine)
	}
	must[backlog.PokerRound](t)(st.PokerVote("alice", 0, "8"))
	must[backlog.PokerRound](t)(st.PokerAccept("alice", 0, 8))
	sess = must[backlog.PokerSession](t)(st.PokerEnd("alice"))
	if sess.Running() {
		t.Fatal("still running after end")
	}
	v = must[PokerView](t)(st.Poker("alice"))
	sum := v.Summary
	if sum.Stories != 2 || sum.Points != 13 || sum.Rounds != 3 || sum.FirstAgreed != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if s := must[backlog.Story](t)(st.Story(list[0].ID)); s.Points != 5 {
		t.Fatalf("points %d", s.Points)
	}
	var kinds []string
	for _, e := range must[[]Event](t)(st.StoryHistory(list[0].ID)) {
		kinds = append(kinds, string(e.Kind))
	}
	for _, want := range []EventKind{EventPokerVote, EventPokerRevealed, EventPokerRevote, EventStoryEdited} {
		if !slices.Contains(kinds, string(want)) {
			t.Errorf("the story's history %v lacks %s", kinds, want)
		}
	}
	if _, err := st.PokerNext("alice"); err == nil {
		t.Fatal("next after the end")
	}
}

// Migration 4 makes the poker buckets in a file from before them.
func TestMigration4MakesThePokerBuckets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huddle.db")
	st, err := Open(path, Options{Create: true, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Bootstrap("alice", "Rocket"); err != nil {
		t.Fatal(err)
	}
	must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "a", Points: backlog.Unestimated, Value: 10}))
	if err := st.db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketPoker, bucketPokerVotes} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(3))
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open before migration 4: %v", err)
	}
	if v, err := ro.Poker("alice"); err != nil || v.Session.ID != 0 {
		t.Fatalf("poker read before the buckets: %+v %v", v, err)
	}
	ro.Close()
	st, err = Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	must[backlog.PokerSession](t)(st.PokerStart("alice", PokerStartInput{}))
	must[backlog.PokerRound](t)(st.PokerVote("alice", 0, "2"))
	if n := hiddenVotes(t, st); n != 1 {
		t.Fatalf("%d hidden votes", n)
	}
	if problems, err := st.Check(); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

// pokerHistory is a team with n stories, each with a round already voted,
// and a session running on the last one.
func pokerHistory(b *testing.B, n int) (*Store, int) {
	b.Helper()
	st, _ := newTestStore(b)
	ins := make([]StoryInput, n)
	for i := range ins {
		ins[i] = StoryInput{Title: fmt.Sprintf("story %d", i+1), Points: backlog.Unestimated, Value: 10}
	}
	list, _, err := st.ImportStories("alice", ins, false)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range list {
		if _, err := st.PokerVote("bob", s.ID, "3"); err != nil {
			b.Fatal(err)
		}
	}
	last := list[len(list)-1].ID
	if _, err := st.PokerStart("alice", PokerStartInput{Stories: []int{last}}); err != nil {
		b.Fatal(err)
	}
	return st, last
}

// BenchmarkPokerVote times one vote (a write transaction: the session, the
// story's rounds, the hidden card) with 1,000 other stories' rounds stored.
func BenchmarkPokerVote(b *testing.B) {
	st, _ := pokerHistory(b, 1000)
	cards := []string{"3", "5"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.PokerVote("alice", 0, cards[i%2]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPokerView times the round screen's read (store.Poker: one read
// transaction) with 1,000 other stories' rounds stored; every connected
// screen does this once per change while a session runs. All its reads are
// at one commit: what every viewer sees alike is read by the first and
// shared, so this is what each further screen pays (the first screen of a
// commit reads it all, as every screen did before: ~16 µs here).
func BenchmarkPokerView(b *testing.B) {
	st, _ := pokerHistory(b, 1000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if v, err := st.Poker("alice"); err != nil || v.Round == nil {
			b.Fatal(err)
		}
	}
}

// An export with poker rounds imports into a file whose export is the same
// (no hidden card in either); a round whose card is not in its deck, or
// whose voter is not on the team, is refused.
func TestPokerRoundsExportAndImport(t *testing.T) {
	st, _, _, list := pokerTeam(t, 1)
	must[backlog.PokerSession](t)(st.PokerStart("alice", PokerStartInput{Stories: []int{list[0].ID, list[1].ID}}))
	must[backlog.PokerRound](t)(st.PokerVote("bob", 0, "8"))
	must[backlog.PokerRound](t)(st.PokerVote("alice", 0, "5"))
	must[backlog.PokerRound](t)(st.PokerAccept("alice", 0, 5))
	must[backlog.PokerSession](t)(st.PokerNext("alice"))
	must[backlog.PokerRound](t)(st.PokerVote("bob", 0, "13")) // hidden: not in the export
	var buf bytes.Buffer
	if err := st.ExportJSON(&buf); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := ImportJSON(bytes.NewReader(buf.Bytes()), filepath.Join(dir, "copy.db")); err != nil {
		t.Fatal(err)
	}
	cp, err := Open(filepath.Join(dir, "copy.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := cp.ExportJSON(&again); err != nil {
		t.Fatal(err)
	}
	cp.Close()
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Fatal("the imported file exports differently")
	}
	for i, bad := range []struct{ from, to string }{{`"bob":"8"`, `"bob":"7"`}, {`"voters":["alice","bob"]`, `"voters":["alice","zed"]`}, {`"lead":"alice"`, `"lead":"zed"`}} {
		data := strings.Replace(buf.String(), strings.ReplaceAll(bad.from, `"`, `\"`), strings.ReplaceAll(bad.to, `"`, `\"`), 1)
		if data == buf.String() {
			data = strings.Replace(buf.String(), bad.from, bad.to, 1)
		}
		if data == buf.String() {
			t.Fatalf("case %d: %s is not in the export", i, bad.from)
		}
		_, err := ImportJSON(strings.NewReader(data), filepath.Join(dir, fmt.Sprintf("bad%d.db", i)))
		if err == nil || !strings.Contains(err.Error(), "poker") {
			t.Errorf("case %d (%s) imported: %v", i, bad.to, err)
		}
	}
}

// A story labelled re-estimate is on the default list; accepting a value
// takes the label off.
func TestPokerReestimateLabel(t *testing.T) {
	st, _, _, list := pokerTeam(t, 0)
	must[backlog.Story](t)(st.EditStory("alice", list[0].ID, StoryInput{Title: "story 1", Points: 1, Value: 10}))
	must[backlog.Story](t)(st.EditStory("alice", list[1].ID, StoryInput{Title: "story 2", Points: 3, Value: 10, Labels: []string{"ux", backlog.LabelReestimate}}))
	sess := must[backlog.PokerSession](t)(st.PokerStart("alice", PokerStartInput{}))
	if len(sess.Stories) != 1 || sess.Story() != list[1].ID {
		t.Fatalf("the default list is %v", sess.Stories)
	}
	must[backlog.PokerRound](t)(st.PokerVote("bob", 0, "8"))
	must[backlog.PokerRound](t)(st.PokerAccept("alice", 0, 8))
	if s := must[backlog.Story](t)(st.Story(list[1].ID)); s.Points != 8 || strings.Join(s.Labels, ",") != "ux" {
		t.Fatalf("after the accept: %d points, labels %v", s.Points, s.Labels)
	}
	if _, err := st.PokerStart("alice", PokerStartInput{}); err == nil {
		t.Fatal("a second session started while one runs")
	}
	must[backlog.PokerSession](t)(st.PokerEnd("alice"))
	if _, err := st.PokerStart("alice", PokerStartInput{}); err == nil || !strings.Contains(err.Error(), "nothing to estimate") {
		t.Fatalf("a session with nothing to estimate: %v", err)
	}
}
