package ui

import (
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/store"
)

// pokerRound is the demo team with alice, bob and carol connected and a
// session on a story with its text, its KR and a two-minute discussion timer.
func pokerRound(t *testing.T) (*store.Store, backlog.Story) {
	t.Helper()
	st := demoStore(t)
	for _, h := range []string{"alice", "bob", "carol", "dave"} {
		t.Cleanup(st.Join(h))
	}
	s := must[backlog.Story](t)(st.AddStory("alice", store.StoryInput{Title: "Sign in with a passkey", Points: backlog.Unestimated, Value: 60, KeyResult: 1,
		Description: "As a returning user I sign in with my phone's passkey instead of a password, so that signing in takes one touch.",
		Acceptance:  "Works on iOS and Android; falls back to the password; the passkey can be removed in settings."}))
	must[backlog.PokerSession](t)(st.PokerStart("alice", store.PokerStartInput{Stories: []int{s.ID}, Timer: 2 * time.Minute}))
	return st, s
}

func loadPoker(t *testing.T, m *Model) {
	t.Helper()
	run(t, m, m.poker.Load())
}

// The round before and after the reveal, at 80x24 and 120x40: who has voted
// and never a card before; the cards, the spread and the timer after.
func TestGoldenPokerRound(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		st, s := pokerRound(t)
		must[backlog.PokerRound](t)(st.PokerVote("bob", s.ID, "13"))
		must[backlog.PokerRound](t)(st.PokerVote("carol", s.ID, "3"))
		m := newModel(t, st, "alice", w, h)
		loadPoker(t, m)
		before := m.View()
		assertGolden(t, sizeName("poker_voting", w, h), before, w, h)
		if !strings.Contains(before, "2 of 3 voted") || strings.Contains(before, "bob 13") {
			t.Errorf("before the reveal:\n%s", before)
		}
		must[backlog.PokerRound](t)(st.PokerVote("alice", s.ID, "5"))
		loadPoker(t, m)
		after := m.View()
		assertGolden(t, sizeName("poker_revealed", w, h), after, w, h)
		if !strings.Contains(after, "bob 13, carol 3 — explain") || !strings.Contains(after, "Discussion 2:00 left") {
			t.Errorf("after the reveal:\n%s", after)
		}
	}
}

// The round by keys: P on the backlog starts a session for the lead; every
// connected screen shows it; cards are voted with a key; the reveal comes
// with the last present vote; the lead accepts with A and the story's
// points change on every screen; esc hides the round until the next story.
func TestPokerByKeys(t *testing.T) {
	st := demoStore(t)
	for _, h := range []string{"alice", "bob", "carol"} {
		t.Cleanup(st.Join(h))
	}
	lead := newModel(t, st, "alice", 100, 30)
	bob := newModel(t, st, "bob", 100, 30)
	guest := newModel(t, st, "dave", 100, 30)
	press(t, bob, "2", "P") // a member cannot start a session: told so, in one line
	if v := bob.View(); !strings.Contains(v, "only a lead can run planning poker") || !strings.Contains(v, "No estimation session yet") {
		t.Fatalf("a member pressing P:\n%s", v)
	}
	press(t, bob, "esc")
	press(t, lead, "2", "P")
	for _, m := range []*Model{lead, bob, guest} {
		loadPoker(t, m)
		if !m.poker.Visible() || !strings.Contains(m.View(), "0 of 3 voted") {
			t.Fatalf("%s does not see the round:\n%s", m.c.Actor, m.View())
		}
	}
	story := lead.poker.view.Story.ID
	if v := guest.View(); !strings.Contains(v, "guests do not vote") || strings.Contains(v, "a:0") {
		t.Errorf("the guest is offered cards:\n%s", v)
	}
	press(t, guest, "e")
	press(t, bob, "g") // 13
	press(t, lead, "3")
	for _, m := range []*Model{lead, bob} {
		loadPoker(t, m)
	}
	if v := lead.View(); !strings.Contains(v, "2 of 3 voted") || !strings.Contains(v, "waiting for carol") || strings.Contains(v, "bob 13") {
		t.Fatalf("the lead's round after two votes:\n%s", v)
	}
	if v := bob.View(); !strings.Contains(v, "Your card:  13") {
		t.Errorf("bob does not see his own card:\n%s", v)
	}
	must[backlog.PokerRound](t)(st.PokerVote("carol", 0, "5"))
	for _, m := range []*Model{lead, bob} {
		loadPoker(t, m)
	}
	if v := bob.View(); !strings.Contains(v, "bob 13, alice 3 — explain") {
		t.Fatalf("not revealed on the last vote:\n%s", v)
	}
	press(t, lead, "+", "A") // suggested 5 (the median of 3, 5, 13), one step up: 8
	loadPoker(t, bob)
	if got := must[backlog.Story](t)(st.Story(story)); got.Points != 8 {
		t.Fatalf("accepted %d points", got.Points)
	}
	if v := bob.View(); !strings.Contains(v, "Accepted: 8 points") {
		t.Errorf("bob does not see the accepted value:\n%s", v)
	}
	press(t, bob, "esc")
	if bob.poker.Visible() {
		t.Fatal("esc did not hide the round")
	}
	press(t, bob, "q") // the round is hidden: q quits, but asks first while it runs
	if v := bob.View(); !strings.Contains(v, "Planning poker is running (it goes on without you). Quit anyway?") {
		t.Fatalf("q during planning poker:\n%s", v)
	}
	press(t, bob, "n")
	press(t, lead, "N")
	loadPoker(t, bob)
	if !bob.poker.Visible() {
		t.Fatal("the next story did not come back on bob's screen")
	}
}

// The session's end: the summary on the screens that had the round up.
func TestGoldenPokerSummary(t *testing.T) {
	st, s := pokerRound(t)
	m := newModel(t, st, "bob", 80, 24)
	loadPoker(t, m)
	must[backlog.PokerRound](t)(st.PokerVote("bob", s.ID, "5"))
	must[backlog.PokerRound](t)(st.PokerVote("carol", s.ID, "5"))
	must[backlog.PokerRound](t)(st.PokerVote("alice", s.ID, "5"))
	must[backlog.PokerRound](t)(st.PokerAccept("alice", 0, 5))
	must[backlog.PokerSession](t)(st.PokerEnd("alice"))
	loadPoker(t, m)
	v := m.View()
	assertGolden(t, "poker_summary_80x24", v, 80, 24)
	if !strings.Contains(v, "1 story estimated · 5 points added") || !strings.Contains(v, "agreed on 1 of 1") {
		t.Errorf("summary:\n%s", v)
	}
}
