package ui

// The stand-up's forms: answers, a blocker for the parking lot, latecomers
// and the team's settings, and what saving each one writes.

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

func (s *standupScreen) openAnswers(member string) {
	if member != s.c.Actor && !s.role.CanLead() {
		member = s.c.Actor
	}
	tr := s.c.Tr
	n := s.noteOf(member)
	title := tr.Tf("standup.answers.title", "Who", member, "Day", s.data.notesDay.String())
	if s.mode == modeSummary {
		// Today's round is over: these are for the next stand-up.
		n, title = sprint.Note{}, tr.Tf("standup.answers.title_next", "Who", member)
	}
	a := n.Answers()
	q := tr.StandupQuestions(s.data.settings)
	var specs []fieldSpec
	for i := range 3 {
		specs = append(specs, fieldSpec{Label: tr.T(answerLabels[i]), Value: a[i], Hint: q[i], CharLimit: store.MaxAnswer})
	}
	s.form, s.formKind, s.formFor = newForm(s.c.Timers, title, specs...), "answers", member
}

// blockerTasks are the task picker's choices: no task, then the active
// sprint's tasks, as "T-4 title". A failed read leaves only
// "no task": the blocker can still be parked.
func (s *standupScreen) blockerTasks() []string {
	out := []string{s.c.Tr.T("standup.block.no_task")}
	sp, ok, err := s.c.Store.ActiveSprint()
	if err != nil || !ok {
		return out
	}
	tasks, err := s.c.Store.Tasks(sp.ID)
	if err != nil {
		return out
	}
	for _, t := range tasks {
		out = append(out, t.Ref()+" "+common.Truncate(common.Line(t.Title), 30))
	}
	return out
}

func (s *standupScreen) openBlocker(raisedBy string) {
	if !s.role.CanLead() {
		raisedBy = s.c.Actor
	}
	tr := s.c.Tr
	nobody := tr.T("standup.block.nobody")
	helpers := []string{nobody}
	for _, m := range s.data.members {
		if m.Role.CanWrite() {
			helpers = append(helpers, m.Handle)
		}
	}
	text := ""
	if n := s.noteOf(raisedBy); n.Blocker != "" {
		text = common.Line(n.Blocker)
	}
	no := tr.T("standup.no")
	s.form = newForm(s.c.Timers, tr.Tf("standup.block.title", "Who", raisedBy),
		fieldSpec{Label: tr.T("standup.block.blocker"), Value: text, Placeholder: tr.T("standup.block.placeholder"), Hint: tr.T("standup.block.hint")},
		fieldSpec{Label: tr.T("standup.block.task"), Value: tr.T("standup.block.no_task"), Choices: s.blockerTasks(), Hint: tr.T("standup.block.task_hint")},
		fieldSpec{Label: tr.T("standup.block.flag"), Value: no, Choices: []string{no, tr.T("standup.yes")}, Hint: tr.T("standup.block.flag_hint")},
		fieldSpec{Label: tr.T("standup.block.helps"), Value: nobody, Choices: helpers, Hint: tr.T("standup.choose")},
	)
	s.formKind, s.formFor = "block", raisedBy
}

func (s *standupScreen) openLate() tea.Cmd {
	in := map[string]bool{}
	for _, t := range s.data.round.Turns {
		if t.State != sprint.TurnAbsent && t.State != sprint.TurnLeft {
			in[t.Member] = true
		}
	}
	var who []string
	for _, m := range s.data.members {
		if m.Role.CanWrite() && !in[m.Handle] {
			who = append(who, m.Handle)
		}
	}
	if len(who) == 0 {
		return func() tea.Msg {
			return writeResultMsg{Tag: "standup.info", Err: errors.New(s.c.Tr.T("standup.late.everyone_in"))}
		}
	}
	s.form = newForm(s.c.Timers, s.c.Tr.T("standup.late.title"),
		fieldSpec{Label: s.c.Tr.T("standup.late.who"), Value: who[0], Choices: who, Hint: s.c.Tr.T("standup.late.hint")})
	s.formKind = "late"
	return nil
}

// openSettings edits the team's stand-up settings; they apply from the next round.
func (s *standupScreen) openSettings() {
	tr := s.c.Tr
	set := s.data.settings.WithDefaults()
	q := tr.StandupQuestions(s.data.settings)
	tb := "0"
	if set.Timebox > 0 {
		tb = shortDuration(set.Timebox)
	}
	off, on := tr.T("standup.settings.off"), tr.T("standup.settings.on")
	bell := off
	if set.Bell {
		bell = on
	}
	rotate, random := tr.T("standup.settings.rotate"), tr.T("standup.settings.random")
	order := rotate
	if set.Order == sprint.OrderRandom {
		order = random
	}
	s.form = newForm(s.c.Timers, tr.T("standup.settings.title"),
		fieldSpec{Label: tr.T("standup.settings.budget"), Value: shortDuration(set.Budget), Hint: tr.T("standup.settings.budget_hint"), CharLimit: 10},
		fieldSpec{Label: tr.T("standup.settings.timebox"), Value: tb, Hint: tr.T("standup.settings.timebox_hint"), CharLimit: 10},
		fieldSpec{Label: tr.T("standup.settings.order"), Value: order, Choices: []string{rotate, random}, Hint: tr.T("standup.settings.order_hint")},
		fieldSpec{Label: tr.T("standup.settings.bell"), Value: bell, Choices: []string{off, on}, Hint: tr.T("standup.settings.bell_hint")},
		fieldSpec{Label: tr.Tf("standup.settings.question", "N", 1), Value: q[0], CharLimit: sprint.MaxQuestion},
		fieldSpec{Label: tr.Tf("standup.settings.question", "N", 2), Value: q[1], CharLimit: sprint.MaxQuestion},
		fieldSpec{Label: tr.Tf("standup.settings.question", "N", 3), Value: q[2], CharLimit: sprint.MaxQuestion},
	)
	s.formKind = "settings"
}

// shortDuration writes 15m0s as 15m and 2m30s as 2m30s.
func shortDuration(d time.Duration) string {
	out := d.String()
	if strings.HasSuffix(out, "m0s") {
		out = strings.TrimSuffix(out, "0s")
	}
	if strings.HasSuffix(out, "h0m") {
		out = strings.TrimSuffix(out, "0m")
	}
	return out
}

// parseMinutes reads "15m", "90s", "1h" or a bare number of minutes.
func parseMinutes(tr *i18n.Tr, s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return 0, nil
	}
	var n float64
	if _, err := fmt.Sscanf(s, "%g", &n); err == nil && fmt.Sprint(n) == s {
		return time.Duration(n * float64(time.Minute)).Round(time.Second), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, errors.New(tr.Tf("standup.settings.bad_time", "Text", strconv.Quote(s)))
	}
	return d, nil
}

func (s *standupScreen) submitForm() tea.Cmd {
	f, d, tr := s.form, s.data, s.c.Tr
	switch s.formKind {
	case "settings":
		budget, err := parseMinutes(tr, f.Value(0))
		if err == nil && budget == 0 {
			err = errors.New(tr.T("standup.settings.no_budget"))
		}
		if err != nil {
			f.SetError(err)
			return nil
		}
		timebox, err := parseMinutes(tr, f.Value(1))
		if err != nil {
			f.SetError(err)
			return nil
		}
		order := sprint.OrderRotate
		if f.Value(2) == tr.T("standup.settings.random") {
			order = sprint.OrderRandom
		}
		// A question left as huddle words it stays the default (stored in
		// English), so it keeps following each reader's language.
		questions := []string{f.Value(4), f.Value(5), f.Value(6)}
		shown := tr.StandupQuestions(sprint.StandupSettings{})
		for i := range questions {
			if questions[i] == shown[i] {
				questions[i] = sprint.DefaultQuestions[i]
			}
		}
		set := sprint.StandupSettings{Budget: budget, Timebox: timebox, Order: order, Bell: f.Value(3) == tr.T("standup.settings.on"),
			Questions: questions}
		if err := set.Validate(); err != nil {
			f.SetError(err)
			return nil
		}
		return s.write("settings", func(st *store.Store, actor string) (string, error) {
			if _, err := st.SetStandupSettings(actor, set); err != nil {
				return "", err
			}
			return tr.T("standup.done.settings"), nil
		})
	case "answers":
		y, t, b := f.Value(0), f.Value(1), f.Value(2)
		member := s.formFor
		day := d.day
		if (s.mode == modeNotes || s.mode == modeSummary) && d.day == d.today {
			day = sprint.Date{} // ahead of the next stand-up: the store picks its day
		}
		return s.write("answers", func(st *store.Store, actor string) (string, error) {
			n, err := st.SaveNoteFor(actor, member, day, store.NoteInput{Yesterday: &y, Today: &t, Blocker: &b})
			if err != nil {
				return "", err
			}
			return tr.Tf("standup.done.answers", "Who", member, "Day", longDay(tr, n.Date)), nil
		})
	case "block":
		in := store.ParkInput{Text: f.Value(0), RaisedBy: s.formFor, BlockTask: f.Value(2) == tr.T("standup.yes")}
		if ref := f.Value(1); ref != tr.T("standup.block.no_task") {
			id, err := sprint.ParseTaskRef(strings.Fields(ref)[0])
			if err != nil {
				f.SetError(err)
				return nil
			}
			in.Task = id
		}
		if h := f.Value(3); h != tr.T("standup.block.nobody") {
			in.Helper = h
		}
		return s.write("block", func(st *store.Store, actor string) (string, error) {
			b, err := st.ParkBlocker(actor, d.day, in)
			if err != nil {
				return "", err
			}
			msg := tr.Tf("standup.done.parked", "N", b.ID)
			if in.BlockTask {
				msg += tr.Tf("standup.done.flagged", "Task", sprint.TaskRef(in.Task))
			}
			return msg, nil
		})
	case "late":
		who := f.Value(0)
		return s.write("late", func(st *store.Store, actor string) (string, error) {
			if _, err := st.AddLatecomer(actor, d.day, who); err != nil {
				return "", err
			}
			return tr.Tf("standup.done.late", "Who", who), nil
		})
	}
	s.form = nil
	return nil
}
