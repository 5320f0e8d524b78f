package ui

import (
	"strings"
	"testing"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
)

// trickyText spells keys: moves, closes, deletes, answers, quits; with
// spaces and CJK.
const trickyText = "Set up the end of day report: esc d y q j home 新用户 jj"

// oneRead is how Bubble Tea v1 delivers text that arrives in one read (fast
// typing over SSH, tmux send-keys -l, a paste without bracketed paste): each
// run of printable runes is ONE KeyRunes message, each space a KeySpace (the
// parser in bubbletea's key.go, detectOneMsg).
func oneRead(text string) []tea.Msg {
	var out []tea.Msg
	var run []rune
	flush := func() {
		if len(run) > 0 {
			out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: run})
			run = nil
		}
	}
	for _, r := range text {
		if r == ' ' {
			flush()
			out = append(out, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
			continue
		}
		run = append(run, r)
	}
	flush()
	return out
}

// oneByOne is the same text typed one key per read.
func oneByOne(text string) []tea.Msg {
	var out []tea.Msg
	for _, r := range text {
		if unicode.IsSpace(r) {
			out = append(out, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
			continue
		}
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

// pasted is the text as one bracketed paste.
func pasted(text string) []tea.Msg {
	return []tea.Msg{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text), Paste: true}}
}

func feed(t *testing.T, m *Model, msgs []tea.Msg) {
	t.Helper()
	for _, msg := range msgs {
		send(t, m, msg)
	}
}

// focusedText is the text of the field that has the keyboard, if one has,
// and how many characters it takes.
func focusedText(m *Model) (text string, limit int, ok bool) {
	var f *form
	switch s := m.screens[m.active].(type) {
	case *backlogScreen:
		if s.filter.Focused() {
			return s.filter.Value(), maxFilter, true
		}
		if s.mode == modeForm {
			f = s.form.f
		}
	case *visionScreen:
		f = s.form
	case *boardScreen:
		f = s.form
	case *standupScreen:
		f = s.form
	case *retroScreen:
		f = s.form
	}
	if f == nil || !f.Typing() {
		return "", 0, false
	}
	return f.Value(f.focus), f.fields[f.focus].input.CharLimit, true
}

// Every form and the filter take the same text the same way however it
// arrives: one key per read, one read (the opening key in the same read), or
// a bracketed paste; words that spell keys stay text, and nothing is written.
func TestEveryFormTakesTextHoweverItArrives(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, actor string
		setup       []string // keys typed one by one first
		opener      string   // the key that opens the text field
	}{
		{"backlog story", "alice", []string{"2"}, "n"},
		{"backlog filter", "bob", []string{"2"}, "/"},
		{"backlog edit", "alice", []string{"2"}, "e"},
		{"vision objective", "alice", []string{"1"}, "n"},
		{"board block", "bob", []string{"3"}, "b"},
		{"board hours", "alice", []string{"3"}, "r"},
		{"new sprint", "alice", []string{"3"}, "n"},
		{"plan task", "alice", []string{"3", "v", "v"}, "t"},
		{"stand-up answers", "bob", []string{"4"}, "e"},
		{"retro card", "carol", []string{"5"}, "n"},
		{"review feedback", "alice", []string{"5", "r"}, "f"},
	}
	st := demoStore(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			type way struct {
				name string
				msgs []tea.Msg
			}
			ways := []way{
				{"one by one", append(oneByOne(c.opener), oneByOne(trickyText)...)},
				{"one read", oneRead(c.opener + trickyText)},
				{"paste", append(oneByOne(c.opener), pasted(trickyText)...)},
			}
			var views []string
			var before, initial string
			var limit int
			for _, w := range ways {
				m := newModel(t, st, c.actor, 100, 30)
				press(t, m, c.setup...)
				if before == "" {
					before = must[string](t)(storeDigest(st))
				}
				if views == nil { // typed one by one: the opener is alone
					feed(t, m, w.msgs[:1])
					initial, limit, _ = focusedText(m)
					w.msgs = w.msgs[1:]
				}
				feed(t, m, w.msgs)
				got, _, ok := focusedText(m)
				if !ok {
					t.Fatalf("%s: no text field has the keyboard after the text:\n%s", w.name, m.View())
				}
				want := []rune(initial + trickyText)
				want = want[:min(len(want), limit)]
				if got != string(want) {
					t.Fatalf("%s: the field holds %q, want %q", w.name, got, string(want))
				}
				views = append(views, m.View())
			}
			if after := must[string](t)(storeDigest(st)); after != before {
				t.Fatalf("typing text changed the store:\n%s\nthen\n%s", before, after)
			}
			for i := 1; i < len(views); i++ {
				if views[i] != views[0] {
					t.Errorf("%s draws otherwise than %s:\n%s\n---\n%s", ways[i].name, ways[0].name, views[i], views[0])
				}
			}
		})
	}
}

// storeDigest sums up what typing must never change: the backlog, the
// sprint's tasks, the cards and the stand-up notes.
func storeDigest(st *store.Store) (string, error) {
	var b strings.Builder
	stories, err := st.Stories(0)
	if err != nil {
		return "", err
	}
	for _, s := range stories {
		b.WriteString(s.Ref() + " " + s.Title + "\n")
	}
	tasks, err := st.Tasks(2)
	if err != nil {
		return "", err
	}
	for _, t := range tasks {
		b.WriteString(t.Ref() + " " + string(t.Status) + " " + t.Blocked + "\n")
	}
	v, err := st.RetroView(2, "alice")
	if err != nil {
		return "", err
	}
	b.WriteString(string(v.Board.Phase) + "\n")
	for _, c := range v.Cards {
		b.WriteString(c.Text + "\n")
	}
	return b.String(), nil
}

// A story typed in one read is saved with exactly that title, and nothing
// else changes.
func TestNewStoryTypedInOneRead(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	before := must[[]backlog.Story](t)(st.Stories(0))
	m := newModel(t, st, "alice", 80, 24)
	press(t, m, "2")
	feed(t, m, oneRead("n"+trickyText))
	press(t, m, "ctrl+s")
	after := must[[]backlog.Story](t)(st.Stories(0))
	if len(after) != len(before)+1 {
		t.Fatalf("%d stories, want %d", len(after), len(before)+1)
	}
	var made backlog.Story
	for _, s := range after {
		if s.Title == trickyText {
			made = s
		}
	}
	if made.ID == 0 {
		t.Fatalf("no story titled %q", trickyText)
	}
	if len(made.Labels) != 0 || made.Description != "" {
		t.Fatalf("text leaked into other fields: %+v", made)
	}
}

// Outside text fields a burst is the same keys one by one: jj moves two rows.
func TestListsTakeABurstAsSingleKeys(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	for _, c := range []struct {
		name  string
		setup []string
		keys  string
		sel   func(m *Model) int
	}{
		{"backlog", []string{"2"}, "jjjkj", func(m *Model) int { s, _ := m.screens[screenBacklog].(*backlogScreen).Selected(); return s.ID }},
		{"board", []string{"3"}, "ljjhj", func(m *Model) int { return m.screens[screenSprint].(*boardScreen).selID }},
		{"vision", []string{"1"}, "jjj", func(m *Model) int { return m.screens[screenVision].(*visionScreen).sel }},
	} {
		a, b := newModel(t, st, "alice", 100, 30), newModel(t, st, "alice", 100, 30)
		press(t, a, c.setup...)
		press(t, b, c.setup...)
		start := c.sel(a)
		feed(t, a, oneRead(c.keys))
		feed(t, b, oneByOne(c.keys))
		if c.sel(a) != c.sel(b) || c.sel(a) == start {
			t.Errorf("%s: %q in one read selects %d, one by one %d (from %d)", c.name, c.keys, c.sel(a), c.sel(b), start)
		}
	}
}

// A question that appears in the middle of a read is not answered by the
// rest of it: d then y in one read asks and deletes nothing.
func TestAQuestionSurvivesABurst(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	m := newModel(t, st, "alice", 100, 30)
	press(t, m, "2")
	before := len(must[[]backlog.Story](t)(st.Stories(0)))
	feed(t, m, oneRead("dy"))
	if n := len(must[[]backlog.Story](t)(st.Stories(0))); n != before {
		t.Fatalf("dy in one read deleted a story (%d -> %d)", before, n)
	}
	if !strings.Contains(m.View(), "Delete S-") {
		t.Fatalf("no question on screen:\n%s", m.View())
	}
	// A paste never answers either.
	feed(t, m, pasted("y"))
	if n := len(must[[]backlog.Story](t)(st.Stories(0))); n != before {
		t.Fatal("a pasted y answered the question")
	}
	press(t, m, "y")
	if n := len(must[[]backlog.Story](t)(st.Stories(0))); n != before-1 {
		t.Fatalf("y typed alone did not delete (%d -> %d)", before, n)
	}
	// On the board: b on a blocked task asks; "by" in one read keeps the block.
	press(t, m, "3", "j") // T-? in To do: the blocked badge is the second task
	bs := m.screens[screenSprint].(*boardScreen)
	task, _ := bs.selected()
	if task.Blocked == "" {
		t.Fatalf("the selected task %s is not blocked", task.Ref())
	}
	feed(t, m, oneRead("by"))
	if got := must[sprint.Task](t)(st.Task(task.ID)); got.Blocked == "" {
		t.Fatal("by in one read unblocked the task")
	}
	// A paste outside a text field is not keys.
	press(t, m, "esc")
	feed(t, m, pasted("dy"))
	if n := len(must[[]backlog.Story](t)(st.Stories(0))); n != before-1 || bs.Capturing() {
		t.Fatal("a paste outside a field acted as keys")
	}
}

// The capacity form shows, and saves, the hours of the member chosen.
func TestCapacityFollowsTheMemberChosen(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	sp := must[sprint.Sprint](t)(st.Sprint(2))
	m := newModel(t, st, "alice", 100, 30)
	press(t, m, "3", "v", "v", "C")
	bs := m.screens[screenSprint].(*boardScreen)
	f := bs.form
	if f == nil {
		t.Fatalf("no capacity form:\n%s", m.View())
	}
	f.fields[1].input.SetValue("") // the focus is on Hours: go to Member
	press(t, m, "shift+tab")
	first := f.Value(0)
	press(t, m, "right")
	second := f.Value(0)
	if first == second {
		t.Fatal("right did not choose another member")
	}
	if got, want := f.Value(1), common.Num(sp.Capacity[second]); got != want {
		t.Fatalf("Hours shows %q for %s, want %q", got, second, want)
	}
	press(t, m, "tab", "backspace", "backspace", "backspace", "backspace", "backspace")
	feed(t, m, oneRead("12"))
	press(t, m, "enter")
	sp = must[sprint.Sprint](t)(st.Sprint(2))
	if sp.Capacity[second] != 12 {
		t.Fatalf("%s has %gh, want 12", second, sp.Capacity[second])
	}
}

// A status said on one screen does not follow to the next.
func TestStatusStaysOnItsScreen(t *testing.T) {
	t.Parallel()
	m := newModel(t, demoStore(t), "bob", 100, 30)
	press(t, m, "2", "t") // bob may not reorder stories: a one-line reason
	if m.status == "" {
		t.Fatal("no reason shown")
	}
	press(t, m, "3")
	if m.status != "" {
		t.Fatalf("the backlog's status followed to the board: %q", m.status)
	}
}
