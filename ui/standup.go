package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/ui/common"
)

// standupKeys are the keys of the Stand-up screen.
type standupKeys struct {
	moveKeys
}

func newStandupKeys() standupKeys { return standupKeys{moveKeys: newMoveKeys("scroll")} }

func (k standupKeys) ShortHelp() []key.Binding {
	return []key.Binding{combined("↑↓", "scroll", k.Up, k.Down)}
}

func (k standupKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.moveKeys.all()} }

// standupMsg carries one day's stand-up notes and the team.
type standupMsg struct {
	gen     int
	today   sprint.Date
	day     sprint.Date // the day the notes are for; zero when nobody wrote any
	notes   []sprint.Note
	members []backlog.Member
	err     error
}

// standupScreen shows what each member wrote for today's stand-up, or for the
// latest day anyone wrote.
type standupScreen struct {
	c    common.Common
	keys standupKeys

	gen    int
	loaded bool
	data   standupMsg
	body   scroller
}

func newStandupScreen(c common.Common) *standupScreen {
	return &standupScreen{c: c, keys: newStandupKeys(), body: newScroller(c.Styles)}
}

func (s *standupScreen) Title() string     { return "Stand-up" }
func (s *standupScreen) Keys() help.KeyMap { return s.keys }
func (s *standupScreen) Capturing() bool   { return false }
func (s *standupScreen) SetCommon(c common.Common) {
	s.c = c
	s.layout()
}

func (s *standupScreen) Load() tea.Cmd {
	s.gen++
	gen, st, now := s.gen, s.c.Store, s.c.Now
	return func() tea.Msg {
		msg := standupMsg{gen: gen, today: sprint.DateOf(now())}
		if msg.members, msg.err = st.Members(); msg.err != nil {
			return msg
		}
		if msg.notes, msg.err = st.Notes(msg.today); msg.err != nil {
			return msg
		}
		if len(msg.notes) > 0 {
			msg.day = msg.today
			return msg
		}
		day, ok, err := st.LatestNotesDay(msg.today)
		if err != nil || !ok {
			msg.err = err
			return msg
		}
		msg.day = day
		msg.notes, msg.err = st.Notes(day)
		return msg
	}
}

func (s *standupScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case standupMsg:
		if msg.gen != s.gen {
			return nil
		}
		s.loaded, s.data = true, msg
		s.layout()
	case tea.KeyMsg:
		s.body.Handle(s.keys.moveKeys, msg)
	}
	return nil
}

func (s *standupScreen) head() []string {
	st, w, d := s.c.Styles, s.c.Width, s.data
	if d.err != nil || d.day.IsZero() {
		return []string{st.Title.Render("Stand-up"), ""}
	}
	when := d.day.Time().Format("Mon Jan 2")
	if d.day == d.today {
		when += " (today)"
	} else {
		when += st.Subtle.Render(fmt.Sprintf(" · latest notes; nobody wrote for today (%s) yet", d.today.Time().Format("Mon Jan 2")))
	}
	speakers := 0
	for _, m := range d.members {
		if m.Role.CanWrite() {
			speakers++
		}
	}
	right := st.Subtle.Render(fmt.Sprintf("%d of %d wrote notes", len(d.notes), speakers))
	return []string{common.Spread(st.Title.Render("Stand-up · ")+when, right, w), ""}
}

func (s *standupScreen) layout() {
	if !s.loaded || s.c.Width == 0 {
		return
	}
	s.body.SetSize(s.c.Width, s.c.Height-len(s.head()))
	s.body.SetLines(s.noteLines())
}

func (s *standupScreen) noteLines() []string {
	st, w, d := s.c.Styles, s.c.Width, s.data
	if d.err != nil {
		return errorLines(st, "the stand-up notes", d.err, w)
	}
	if d.day.IsZero() {
		return emptyState(st, "No stand-up notes yet. Before the daily stand-up each member answers three questions: what did I do since the last stand-up toward the sprint goal, what will I do today, what blocks me. Writing them with `huddle standup note` will come, and so will the timed round on this screen.", w)
	}
	byMember := map[string]sprint.Note{}
	for _, n := range d.notes {
		byMember[n.Member] = n
	}
	// The team in its usual order, then notes of people who have since left.
	type person struct {
		handle, who string
	}
	var people []person
	known := map[string]bool{}
	for _, m := range d.members {
		known[m.Handle] = true
		if _, wrote := byMember[m.Handle]; !wrote && !m.Role.CanWrite() {
			continue // guests read along; they do not speak
		}
		who := m.Handle + " (" + string(m.Role) + ")"
		if m.Name != "" {
			who += " · " + m.Name
		}
		people = append(people, person{m.Handle, who})
	}
	for _, n := range d.notes {
		if !known[n.Member] {
			people = append(people, person{n.Member, n.Member + " (no longer on the team)"})
		}
	}

	const labelW = 11
	textW := max(w-2-labelW, 10)
	var out []string
	for i, p := range people {
		if i > 0 {
			out = append(out, "")
		}
		n, ok := byMember[p.handle]
		if !ok || n.Empty() {
			out = append(out, common.Truncate(st.Title.Render(common.Line(p.who))+st.Subtle.Render(" · no notes for this day"), w))
			continue
		}
		out = append(out, common.Truncate(st.Title.Render(common.Line(p.who)), w))
		answer := func(label, text string, labelStyle, style func(...string) string) {
			lines := common.Wrap(text, textW, 3)
			if len(lines) == 0 {
				lines = []string{st.Subtle.Render("-")}
			}
			for j, l := range lines {
				lab := ""
				if j == 0 {
					lab = label
				}
				out = append(out, "  "+labelStyle(common.Pad(lab, labelW))+style(l))
			}
		}
		answer("Yesterday", n.Yesterday, st.Subtle.Render, st.Empty.Render)
		answer("Today", n.Today, st.Subtle.Render, st.Empty.Render)
		if n.Blocker != "" {
			answer("! Blocker", n.Blocker, st.Blocked.Render, st.Blocked.Render)
		} else {
			answer("Blocker", "none", st.Subtle.Render, st.Subtle.Render)
		}
	}
	return out
}

func (s *standupScreen) View() string {
	if !s.loaded {
		return s.c.Styles.Subtle.Render("Loading the stand-up notes…")
	}
	return common.Fit(joinLines(s.head())+"\n"+s.body.View(), s.c.Width, s.c.Height)
}
