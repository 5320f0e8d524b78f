package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
)

// retroStore is a team (alice lead, bob and carol members, dave guest) with
// an active sprint #1 and nothing on its retro board yet.
func retroStore(t testing.TB) *store.Store {
	t.Helper()
	st, clk := openPlanStore(t)
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "bob"}))
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "carol"}))
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "dave", Role: backlog.RoleGuest}))
	s1 := must[backlog.Story](t)(st.AddStory("alice", store.StoryInput{Title: "Sign-up form", Points: 5}))
	s2 := must[backlog.Story](t)(st.AddStory("alice", store.StoryInput{Title: "新用户引导流程", Points: 3}))
	sp := pastSprint(t, st, clk, store.NewSprint{Goal: "New users can sign up", Start: sprint.NewDate(2026, 3, 2), End: sprint.NewDate(2026, 3, 13)})
	check(t, st.AddStoryToSprint("alice", sp.ID, s1.ID))
	check(t, st.AddStoryToSprint("alice", sp.ID, s2.ID))
	must[sprint.Task](t)(st.AddTask("alice", s1.ID, "Form layout", 6))
	tk := must[sprint.Task](t)(st.AddTask("alice", s2.ID, "文案", 4))
	check(t, st.StartSprint("alice", sp.ID))
	must[sprint.Task](t)(st.SetTaskStatus("alice", tk.ID, sprint.TaskDone))
	return st
}

func TestRetroMeetingByKeys(t *testing.T) {
	t.Parallel()
	st := retroStore(t)
	alice := newModel(t, st, "alice", 100, 30)
	bob := newModel(t, st, "bob", 100, 30)
	press(t, alice, "5")
	press(t, bob, "5")
	if !strings.Contains(alice.View(), "No retro cards for #1 yet") {
		t.Fatalf("empty board:\n%s", alice.View())
	}
	// Alice writes a card in the second column.
	press(t, alice, "n", "Standups ran long", "tab", "right", "enter")
	cards := must[[]retro.Card](t)(st.Cards(1))
	if len(cards) != 1 || cards[0].Column != 1 || cards[0].Author != "alice" {
		t.Fatalf("cards %+v", cards)
	}
	// An empty card is refused in the form, which stays open.
	press(t, bob, "n", "enter", "enter")
	if v := bob.View(); !strings.Contains(v, "a card needs some text") || !strings.Contains(v, "New card") {
		t.Fatalf("empty card:\n%s", v)
	}
	press(t, bob, "shift+tab", "Pairing was great", "enter", "enter")
	send(t, alice, alice.screens[screenRetro].Load()())
	if v := alice.View(); !strings.Contains(v, "Standups ran long") || strings.Contains(v, "Pairing was great") || !strings.Contains(v, "+ 1 by others (hidden)") {
		t.Fatalf("write phase for alice:\n%s", v)
	}
	// bob cannot move the phase; alice reveals after a confirmation.
	press(t, bob, ">")
	if !strings.Contains(bob.View(), "only a lead") {
		t.Fatalf("bob moved the phase:\n%s", bob.View())
	}
	press(t, alice, ">")
	if !strings.Contains(alice.View(), "Reveal every card to everyone? (y/n)") {
		t.Fatalf("no confirmation:\n%s", alice.View())
	}
	press(t, alice, "y")
	if v := alice.View(); !strings.Contains(v, "[reveal]") || !strings.Contains(v, "Pairing was great") || !strings.Contains(v, "bob") {
		t.Fatalf("revealed:\n%s", v)
	}
	press(t, alice, ">", ">") // group, vote
	send(t, bob, bob.screens[screenRetro].Load()())
	if !strings.Contains(bob.View(), "You have 3 of 3 votes left") {
		t.Fatalf("vote phase for bob:\n%s", bob.View())
	}
	// bob's selected card is his own, in the first column.
	press(t, bob, "v", "v", "v")
	if v := bob.View(); !strings.Contains(v, "at most 2 votes on one card") || !strings.Contains(v, "You have 1 of 3 votes left") || !strings.Contains(v, "2 votes · 2 mine") {
		t.Fatalf("votes:\n%s", v)
	}
	press(t, bob, "u")
	if !strings.Contains(bob.View(), "You have 2 of 3 votes left") {
		t.Fatalf("unvote:\n%s", bob.View())
	}
	press(t, bob, "l", "v", "v", "h", "v")
	if !strings.Contains(bob.View(), "no votes left") {
		t.Fatalf("budget:\n%s", bob.View())
	}
	// Going back after votes is refused and says why.
	press(t, alice, "<")
	if !strings.Contains(alice.View(), "votes are cast") {
		t.Fatalf("went back:\n%s", alice.View())
	}
	press(t, alice, ">")
	if v := alice.View(); !strings.Contains(v, "[discuss]") || !strings.Contains(v, "Cards by votes") {
		t.Fatalf("discuss:\n%s", v)
	}
	press(t, alice, "t", "backspace", "backspace", "5", "enter")
	if !strings.Contains(alice.View(), "Timer 5:00 left") {
		t.Fatalf("timer:\n%s", alice.View())
	}
	press(t, alice, ">")
	for i, text := range []string{"Timebox stand-ups", "Pair on risky tasks", "Write a runbook"} {
		press(t, alice, "a", text, "enter")
		if i == 0 {
			press(t, alice, "right", "right", "enter", "#2", "enter") // the owner is picked: nobody yet, alice, bob
		} else {
			press(t, alice, "enter", "enter")
		}
	}
	v := alice.View()
	if !strings.Contains(v, "Actions agreed (3)") || !strings.Contains(v, "3 actions: a retro should agree one or two") || !strings.Contains(v, "bob · due #2 · open") {
		t.Fatalf("actions:\n%s", v)
	}
	// The first action agreed leads the backlog.
	top := must[[]backlog.Story](t)(st.Stories(1))
	if top[0].Title != "Timebox stand-ups" || top[0].Labels[0] != retro.ActionLabel {
		t.Fatalf("backlog top %+v", top)
	}
	// A guest sees the board and gets no write keys.
	dave := newModel(t, st, "dave", 100, 30)
	press(t, dave, "5", "?")
	if v := dave.View(); strings.Contains(v, "new card") || strings.Contains(v, "next phase") || !strings.Contains(v, "review/retro") {
		t.Fatalf("guest:\n%s", v)
	}
	press(t, dave, "esc")
	if v := dave.View(); !strings.Contains(v, "Pairing was great") {
		t.Fatalf("guest:\n%s", v)
	}
}

func TestRetroEditDeleteAndGroupByKeys(t *testing.T) {
	t.Parallel()
	st := retroStore(t)
	must[retro.Card](t)(st.AddCard("bob", 1, 0, "Shared card"))
	must[retro.Card](t)(st.AddCard("alice", 1, 0, "Mine to edit"))
	must[retro.Card](t)(st.AddCard("alice", 1, 0, "Mine to delete"))
	alice := newModel(t, st, "alice", 100, 30)
	press(t, alice, "5", "e") // bob's card is hidden while writing: alice's first card is selected
	if !strings.Contains(alice.View(), "Edit card 2") {
		t.Fatalf("edit form:\n%s", alice.View())
	}
	press(t, alice, " now", "enter", "enter")
	if c := must[[]retro.Card](t)(st.Cards(1)); c[1].Text != "Mine to edit now" {
		t.Fatalf("edited %+v", c[1])
	}
	press(t, alice, "j", "d", "y")
	if c := must[[]retro.Card](t)(st.Cards(1)); len(c) != 2 {
		t.Fatalf("deleted? %+v", c)
	}
	press(t, alice, ">", "y", ">") // reveal, group
	press(t, alice, "g", "k", "k", "m")
	if !strings.Contains(alice.View(), "Grouping card 1") {
		t.Fatalf("mark:\n%s", alice.View())
	}
	press(t, alice, "j", "m")
	v := alice.View()
	if !strings.Contains(v, "+ Shared card") || !strings.Contains(v, "grouped card 1 under card 2") {
		t.Fatalf("grouped:\n%s", v)
	}
	press(t, alice, "x") // take it out again
	v = alice.View()
	if strings.Contains(v, "+ Shared card") || !strings.Contains(v, "card 1 stands on its own again") {
		t.Fatalf("ungrouped:\n%s", v)
	}
	if c := must[[]retro.Card](t)(st.Cards(1)); c[0].Merged != 0 {
		t.Fatalf("card 1 still grouped: %+v", c[0])
	}
}

func TestRetroAnonymousBoardShowsNoAuthors(t *testing.T) {
	t.Parallel()
	st := retroStore(t)
	must[retro.Board](t)(st.CreateRetroBoard("alice", 1, store.BoardSettings{Anonymous: true, Template: retro.TemplateMadSadGlad}))
	must[retro.Card](t)(st.AddCard("carol", 1, 2, "Glad about the pairing"))
	must[retro.Card](t)(st.AddCard("bob", 1, 0, "Mad about flaky CI"))
	for _, phase := range []retro.Phase{retro.PhaseWrite, retro.PhaseReveal, retro.PhaseGroup, retro.PhaseVote, retro.PhaseDiscuss, retro.PhaseDone} {
		must[retro.Board](t)(st.SetRetroPhase("alice", 1, phase))
		for _, who := range []string{"alice", "bob", "carol", "dave"} {
			m := newModel(t, st, who, 120, 40)
			press(t, m, "5")
			body := strings.SplitN(m.View(), "\n", 2)[1] // the header names the session's own member
			for _, author := range []string{"carol", "bob", "yours"} {
				if strings.Contains(body, author) {
					t.Fatalf("%s phase, %s's screen shows %q:\n%s", phase, who, author, body)
				}
			}
			press(t, m, "?") // the full help neither
			if full := strings.SplitN(m.View(), "\n", 2)[1]; strings.Contains(full, "carol") || strings.Contains(full, "yours") {
				t.Fatalf("%s phase, %s's full help names an author:\n%s", phase, who, full)
			}
			if phase != retro.PhaseWrite && !strings.Contains(body, "Glad about the pairing") {
				t.Fatalf("%s phase: the cards are not shown:\n%s", phase, body)
			}
		}
	}
}

func TestReviewFeedbackByKeys(t *testing.T) {
	t.Parallel()
	st := retroStore(t)
	m := newModel(t, st, "alice", 100, 30)
	press(t, m, "5", "r")
	v := m.View()
	for _, want := range []string{"Review of #1", "Goal: New users can sign up", "Done: 1 story, 3 points", "Not done: 1 story, 5 points", "Hours left now: 6h of 10h estimated", "No feedback yet"} {
		if !strings.Contains(v, want) {
			t.Fatalf("review lacks %q:\n%s", want, v)
		}
	}
	press(t, m, "f", "Finance wants a CSV export", "enter", "Dana", "enter")
	press(t, m, "f", "Make the button bigger", "enter", "enter")
	press(t, m, "k", "s", "right", "enter") // F1 to the bottom
	press(t, m, "j", "a", "S-99", "enter")
	if !strings.Contains(m.View(), "S-99 not found") && !strings.Contains(m.View(), "not found") {
		t.Fatalf("bad story ref:\n%s", m.View())
	}
	for range 4 {
		press(t, m, "backspace")
	}
	press(t, m, "S-1", "enter")
	v = m.View()
	if !strings.Contains(v, "Dana → new story S-3") || !strings.Contains(v, "→ on S-1") {
		t.Fatalf("feedback:\n%s", v)
	}
	all := must[[]backlog.Story](t)(st.Stories(0))
	if all[len(all)-1].Title != "Finance wants a CSV export" {
		t.Fatalf("feedback story not at the bottom: %+v", all[len(all)-1])
	}
}

func TestRetroEarlierActionsAnswered(t *testing.T) {
	t.Parallel()
	st := retroStore(t)
	must[retro.Action](t)(st.AddAction("alice", 1, "Timebox stand-ups", "bob"))
	must[store.CloseResult](t)(st.CloseSprint("alice", 1))
	must[sprint.Sprint](t)(st.CreateSprint("alice", store.NewSprint{Goal: "Next", Start: sprint.NewDate(2026, 3, 16), End: sprint.NewDate(2026, 3, 27)}))
	m := newModel(t, st, "alice", 100, 30)
	press(t, m, "5", "]") // sprint #2 is being planned; its retro asks about #1's actions
	if !strings.Contains(m.View(), "1 action from earlier retros to answer") {
		t.Fatalf("no nudge:\n%s", m.View())
	}
	press(t, m, "o", "right", "right", "enter") // carried
	a := must[[]retro.Action](t)(st.Actions(1))
	if a[0].Status != retro.ActionCarried || a[0].Reviewed != 2 {
		t.Fatalf("action %+v", a[0])
	}
	if v := m.View(); strings.Contains(v, "to answer") || !strings.Contains(v, "Timebox stand-ups · bob · due #3 · carried") {
		t.Fatalf("after:\n%s", v)
	}
}

func TestGoldenRetroStates(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		st := retroStore(t)
		must[retro.Card](t)(st.AddCard("bob", 1, 0, "结对编程效果很好，问题发现得早"))
		must[retro.Card](t)(st.AddCard("carol", 1, 1, "Stand-ups ran over fifteen minutes three times this sprint"))
		must[retro.Card](t)(st.AddCard("alice", 1, 1, "Too much work in progress"))
		must[retro.Card](t)(st.AddCard("bob", 1, 2, "Split tasks over a day"))
		must[retro.Board](t)(st.SetRetroPhase("alice", 1, retro.PhaseVote))
		must[retro.Card](t)(st.Vote("carol", 1))
		must[retro.Card](t)(st.Vote("carol", 2))
		must[retro.Card](t)(st.Vote("bob", 2))
		must[retro.Feedback](t)(st.AddFeedback("alice", 1, "财务部希望能导出 CSV", "Dana (finance)"))
		for _, tc := range []struct {
			name string
			keys []string
		}{
			{"retro_vote", []string{"5", "v"}},
			{"retro_new_card_refused", []string{"5", "n"}}, // cards are closed at the vote: n says so, no form
			{"review", []string{"5", "r"}},
			{"retro_help", []string{"5", "?"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				m := newModel(t, st, "bob", w, h)
				press(t, m, tc.keys...)
				view := m.View()
				// The vote's status line times out after five seconds; the golden keeps it.
				assertGolden(t, fmt.Sprintf("%s_%dx%d", tc.name, w, h), view, w, h)
			})
		}
	}
}

// TestFlowWholeRetro runs a retrospective in a real program: the lead writes
// a card while a member's card arrives from another session (hidden), reveals,
// votes, and agrees an action that lands at the top of the backlog.
func TestFlowWholeRetro(t *testing.T) {
	t.Parallel()
	st := retroStore(t)
	tm := teatest.NewTestModel(t, New(t.Context(), st, "alice", asciiRenderer()), teatest.WithInitialTermSize(100, 30))
	key := func(s string) {
		switch s {
		case "enter":
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		case "right":
			tm.Send(tea.KeyMsg{Type: tea.KeyRight})
		default:
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)})
		}
	}
	waitFor(t, tm, "Sign-up form")
	key("5")
	waitFor(t, tm, "No retro cards for #1 yet")
	key("n")
	waitFor(t, tm, "New card on the #1 retro")
	key("Demos went well")
	key("enter")
	key("enter")
	waitFor(t, tm, "Demos went well", "yours")
	// Another session writes a card: it arrives live, hidden.
	if _, err := st.AddCard("bob", 1, 1, "Flaky CI cost us a day"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "+ 1 by others (hidden)")
	key(">")
	waitFor(t, tm, "Reveal every card")
	key("y")
	waitFor(t, tm, "[reveal]", "Flaky CI cost us a day")
	key(">")
	waitFor(t, tm, "[group]")
	key(">")
	waitFor(t, tm, "You have 3 of 3 votes left")
	key("l")
	key("v")
	waitFor(t, tm, "You have 2 of 3 votes left")
	key(">")
	waitFor(t, tm, "[discuss]")
	key(">")
	waitFor(t, tm, "[actions]")
	key("a")
	waitFor(t, tm, "New action from the #1 retro")
	key("Retry flaky tests once in CI")
	key("enter")
	key("right") // the owner is picked, not typed: nobody yet, alice, bob
	key("right")
	key("enter")
	key("enter")
	waitFor(t, tm, "Actions agreed (1)", "bob · open")
	key(">")
	waitFor(t, tm, "[done]")
	key("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))

	b := must[retro.Board](t)(st.RetroBoard(1))
	cards := must[[]retro.Card](t)(st.Cards(1))
	top := must[[]backlog.Story](t)(st.Stories(1))
	if b.Phase != retro.PhaseDone || len(cards) != 2 || cards[1].Votes["alice"] != 1 || top[0].Title != "Retry flaky tests once in CI" {
		t.Fatalf("board %+v cards %+v top %+v", b, cards, top)
	}
}
