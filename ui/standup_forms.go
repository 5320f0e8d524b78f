package ui

// The stand-up's forms: answers, a blocker for the parking lot, latecomers
// and the team's settings, and what saving each one writes.

import (
	"errors"
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
)

func (s *standupScreen) openAnswers(member string) {
	if member != s.c.Actor && !s.role.CanLead() {
		member = s.c.Actor
	}
	n := s.noteOf(member)
	title := fmt.Sprintf("%s's answers for %s", member, s.data.notesDay)
	if s.mode == modeSummary {
		// Today's round is over: these are for the next stand-up.
		n, title = sprint.Note{}, member+"'s answers for the next stand-up"
	}
	a := n.Answers()
	q := s.data.settings.WithDefaults().Questions
	var specs []fieldSpec
	for i := range 3 {
		specs = append(specs, fieldSpec{Label: answerLabels[i], Value: a[i], Hint: q[i], CharLimit: store.MaxAnswer})
	}
	s.form, s.formKind, s.formFor = newForm(s.c.Timers, title, specs...), "answers", member
}

// noTask is the blocker form's task picker choice for no task.
const noTask = "no task"

// blockerTasks are the task picker's choices: no task, then the active
// sprint's tasks, as "T-4 title". A failed read leaves only
// "no task": the blocker can still be parked.
func (s *standupScreen) blockerTasks() []string {
	out := []string{noTask}
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
	helpers := []string{"nobody yet"}
	for _, m := range s.data.members {
		if m.Role.CanWrite() {
			helpers = append(helpers, m.Handle)
		}
	}
	text := ""
	if n := s.noteOf(raisedBy); n.Blocker != "" {
		text = common.Line(n.Blocker)
	}
	s.form = newForm(s.c.Timers, "Park a blocker raised by "+raisedBy,
		fieldSpec{Label: "Blocker", Value: text, Placeholder: "what blocks the work", Hint: "parked for after the round"},
		fieldSpec{Label: "Task", Value: noTask, Choices: s.blockerTasks(), Hint: "← → the related task (optional)"},
		fieldSpec{Label: "Flag task", Value: "no", Choices: []string{"no", "yes"}, Hint: "also flag the task blocked on the board"},
		fieldSpec{Label: "Who helps", Value: "nobody yet", Choices: helpers, Hint: "← → to choose"},
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
			return writeResultMsg{Tag: "standup.info", Err: errors.New("everyone on the team is already in the round")}
		}
	}
	s.form = newForm(s.c.Timers, "Add a latecomer at the end of the order",
		fieldSpec{Label: "Who", Value: who[0], Choices: who, Hint: "← → to choose, enter to add"})
	s.formKind = "late"
	return nil
}

// openSettings edits the team's stand-up settings; they apply from the next round.
func (s *standupScreen) openSettings() {
	set := s.data.settings.WithDefaults()
	tb := "0"
	if set.Timebox > 0 {
		tb = shortDuration(set.Timebox)
	}
	bell := "off"
	if set.Bell {
		bell = "on"
	}
	s.form = newForm(s.c.Timers, "Stand-up settings (from the next round)",
		fieldSpec{Label: "Budget", Value: shortDuration(set.Budget), Hint: "the whole round: 15m, 10m30s (1m to 1h)", CharLimit: 10},
		fieldSpec{Label: "Timebox", Value: tb, Hint: "per speaker: 2m, or 0 to divide the budget among those present", CharLimit: 10},
		fieldSpec{Label: "Order", Value: string(set.Order), Choices: []string{string(sprint.OrderRotate), string(sprint.OrderRandom)}, Hint: "rotate shifts the first speaker each day"},
		fieldSpec{Label: "Bell", Value: bell, Choices: []string{"off", "on"}, Hint: "ring the terminal bell when a speaker's time runs out"},
		fieldSpec{Label: "Question 1", Value: set.Questions[0], CharLimit: sprint.MaxQuestion},
		fieldSpec{Label: "Question 2", Value: set.Questions[1], CharLimit: sprint.MaxQuestion},
		fieldSpec{Label: "Question 3", Value: set.Questions[2], CharLimit: sprint.MaxQuestion},
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
func parseMinutes(s string) (time.Duration, error) {
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
		return 0, fmt.Errorf("%q is not a length of time (write it like 15m or 2m30s)", s)
	}
	return d, nil
}

func (s *standupScreen) submitForm() tea.Cmd {
	f, d := s.form, s.data
	switch s.formKind {
	case "settings":
		budget, err := parseMinutes(f.Value(0))
		if err == nil && budget == 0 {
			err = errors.New("the round needs a budget, like 15m")
		}
		if err != nil {
			f.SetError(err)
			return nil
		}
		timebox, err := parseMinutes(f.Value(1))
		if err != nil {
			f.SetError(err)
			return nil
		}
		set := sprint.StandupSettings{Budget: budget, Timebox: timebox, Order: sprint.Order(f.Value(2)), Bell: f.Value(3) == "on",
			Questions: []string{f.Value(4), f.Value(5), f.Value(6)}}
		if err := set.Validate(); err != nil {
			f.SetError(err)
			return nil
		}
		return s.write("settings", func(st *store.Store, actor string) (string, error) {
			if _, err := st.SetStandupSettings(actor, set); err != nil {
				return "", err
			}
			return "stand-up settings saved; they apply from the next round", nil
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
			return member + "'s answers saved for the " + n.Date.Time().Format("Mon Jan 2") + " stand-up", nil
		})
	case "block":
		in := store.ParkInput{Text: f.Value(0), RaisedBy: s.formFor, BlockTask: f.Value(2) == "yes"}
		if ref := f.Value(1); ref != noTask {
			id, err := sprint.ParseTaskRef(strings.Fields(ref)[0])
			if err != nil {
				f.SetError(err)
				return nil
			}
			in.Task = id
		}
		if h := f.Value(3); h != "nobody yet" {
			in.Helper = h
		}
		return s.write("block", func(st *store.Store, actor string) (string, error) {
			b, err := st.ParkBlocker(actor, d.day, in)
			if err != nil {
				return "", err
			}
			msg := fmt.Sprintf("blocker %d parked for after the round", b.ID)
			if in.BlockTask {
				msg += "; " + sprint.TaskRef(in.Task) + " flagged blocked"
			}
			return msg, nil
		})
	case "late":
		who := f.Value(0)
		return s.write("late", func(st *store.Store, actor string) (string, error) {
			if _, err := st.AddLatecomer(actor, d.day, who); err != nil {
				return "", err
			}
			return who + " speaks last", nil
		})
	}
	s.form = nil
	return nil
}
