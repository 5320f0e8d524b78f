package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/i18n"
)

// standupCommands returns the commands of this area (standup).
func standupCommands(env *cliEnv) []*cobra.Command {
	cmd := &cobra.Command{
		Use:   "standup",
		Short: env.tr.T("cmd.standup.short"),
		Long:  env.tr.T("cmd.standup.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newStandupNoteCmd(env), newStandupShowCmd(env), newStandupExportCmd(env), newStandupListCmd(env),
		newStandupStartCmd(env), newStandupAbsentCmd(env), newStandupLateCmd(env), newStandupMoveCmd(env),
		newStandupBlockCmd(env), newStandupResolveCmd(env), newStandupSettingsCmd(env))
	for _, op := range []store.RoundOp{store.RoundNext, store.RoundPrevious, store.RoundSkip, store.RoundPause, store.RoundResume, store.RoundEnd} {
		cmd.AddCommand(newStandupStepCmd(env, op))
	}
	return []*cobra.Command{cmd}
}

// dayFlag reads --date, else today on the store's clock.
func dayFlag(st *store.Store, s string) (sprint.Date, error) {
	if strings.TrimSpace(s) == "" {
		return sprint.DateOf(st.Now()), nil
	}
	return sprint.ParseDate(strings.TrimSpace(s))
}

func newStandupNoteCmd(env *cliEnv) *cobra.Command {
	var yesterday, today, blocker, date, member string
	cmd := &cobra.Command{
		Use:   "note [--yesterday TEXT] [--today TEXT] [--blocker TEXT]",
		Short: env.tr.T("cmd.standup.note.short"),
		Long:  env.tr.T("cmd.standup.note.long"),
		Example: `  huddle standup note --yesterday "Finished T-12" --today "Start T-14" --blocker ""
  huddle standup note --blocker "Waiting on the API key" --date 2026-11-27`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var in store.NoteInput
			if cmd.Flags().Changed("yesterday") {
				in.Yesterday = &yesterday
			}
			if cmd.Flags().Changed("today") {
				in.Today = &today
			}
			if cmd.Flags().Changed("blocker") {
				in.Blocker = &blocker
			}
			if in.Yesterday == nil && in.Today == nil && in.Blocker == nil {
				return fmt.Errorf("nothing to write: give --yesterday, --today or --blocker")
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				var day sprint.Date // none given: the store files them for the next stand-up
				if date != "" {
					var err error
					if day, err = dayFlag(st, date); err != nil {
						return err
					}
				}
				n, err := st.SaveNoteFor(env.actor(), member, day, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.standup.saved_stand_up_notes")+"\n", n.Member, n.Date)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&yesterday, "yesterday", "", env.tr.T("cmd.standup.note.flag_yesterday"))
	cmd.Flags().StringVar(&today, "today", "", env.tr.T("cmd.standup.note.flag_today"))
	cmd.Flags().StringVar(&blocker, "blocker", "", env.tr.T("cmd.standup.note.flag_blocker"))
	cmd.Flags().StringVar(&date, "date", "", env.tr.T("cmd.standup.note.flag_date"))
	cmd.Flags().StringVar(&member, "for", "", env.tr.T("cmd.standup.note.flag_for"))
	return cmd
}

// standupJSON is the stable shape of `standup show --json`.
type standupJSON struct {
	Date      string        `json:"date"`
	Questions []string      `json:"questions"`
	Notes     []sprint.Note `json:"notes"`
	Round     *roundJSON    `json:"round"`
	Summary   *summaryJSON  `json:"summary,omitempty"`
	Parking   []blockerJSON `json:"parking"`
	// NotesFor is the stand-up the notes are for, when not Date (written ahead).
	NotesFor string `json:"notes_for,omitempty"`
	// Carried are open blockers parked at earlier stand-ups.
	Carried []blockerJSON `json:"carried"`
	// Since is, while a round runs, what each member changed since the last one.
	Since map[string][]string `json:"since,omitempty"`
}

type roundJSON struct {
	Status         string     `json:"status"`
	Sprint         int        `json:"sprint,omitempty"`
	BudgetSeconds  int        `json:"budget_seconds"`
	TimeboxSeconds int        `json:"timebox_seconds"`
	Speaker        string     `json:"speaker,omitempty"`
	RemainingSecs  int        `json:"remaining_seconds,omitempty"`
	ElapsedSeconds int        `json:"elapsed_seconds"`
	Opened         time.Time  `json:"opened"`
	Started        *time.Time `json:"started,omitempty"`
	Ended          *time.Time `json:"ended,omitempty"`
	ClosedLate     bool       `json:"closed_late,omitempty"`
	Turns          []turnJSON `json:"turns"`
}

type turnJSON struct {
	Member         string `json:"member"`
	State          string `json:"state"`
	Late           bool   `json:"late,omitempty"`
	SpokeSeconds   int    `json:"spoke_seconds"`
	OverrunSeconds int    `json:"overrun_seconds,omitempty"`
}

type summaryJSON struct {
	Spoke        int `json:"spoke"`
	Skipped      int `json:"skipped"`
	Absent       int `json:"absent"`
	Left         int `json:"left"`
	TotalSeconds int `json:"total_seconds"`
}

type blockerJSON struct {
	ID         int    `json:"id"`
	Text       string `json:"text"`
	RaisedBy   string `json:"raised_by"`
	Task       string `json:"task,omitempty"`
	Helper     string `json:"helper,omitempty"`
	Resolved   bool   `json:"resolved"`
	ResolvedBy string `json:"resolved_by,omitempty"`
	Flagged    bool   `json:"flagged,omitempty"` // parking it flagged the task blocked
	Day        string `json:"day,omitempty"`     // carried: the stand-up it was parked at
}

func secs(d time.Duration) int { return int(d / time.Second) }

// standupDay is everything printed about one day's stand-up.
type standupDay struct {
	day      sprint.Date
	now      time.Time
	set      sprint.StandupSettings
	notesDay sprint.Date // the stand-up the notes are for
	notes    []sprint.Note
	round    sprint.Standup
	held     bool
	carried  []sprint.CarriedBlocker
	since    map[string]sprint.Activity // while a round runs: what each member changed since the last one
}

// loadStandupDay reads the store's stand-up read model for a day (default today).
func loadStandupDay(st *store.Store, date string) (standupDay, error) {
	var d standupDay
	var view sprint.Date
	if date != "" {
		var err error
		if view, err = dayFlag(st, date); err != nil {
			return d, err
		}
	}
	v, err := st.StandupDay(view)
	if err != nil {
		return d, err
	}
	return standupDay{day: v.Day, now: st.Now(), set: v.Settings, notesDay: v.NotesDay, notes: v.Notes,
		round: v.Round, held: v.Held, carried: v.Carried, since: v.Since.Activity}, nil
}

func (d standupDay) json() standupJSON {
	out := standupJSON{Date: d.day.String(), Questions: d.set.Questions, Notes: d.notes, Parking: []blockerJSON{}, Carried: []blockerJSON{}}
	if out.Notes == nil {
		out.Notes = []sprint.Note{}
	}
	if d.notesDay != d.day {
		out.NotesFor = d.notesDay.String()
	}
	for m, a := range d.since {
		if out.Since == nil {
			out.Since = map[string][]string{}
		}
		out.Since[m] = a.Lines()
	}
	for _, c := range d.carried {
		bj := blockerJSONOf(c.Blocker)
		bj.Day = c.Day.String()
		out.Carried = append(out.Carried, bj)
	}
	if !d.held {
		return out
	}
	su := d.round
	r := &roundJSON{Status: string(su.Status), Sprint: su.Sprint, BudgetSeconds: secs(su.Budget), TimeboxSeconds: secs(su.Timebox()),
		ElapsedSeconds: secs(su.Elapsed(d.now)), Opened: su.Opened, ClosedLate: su.ClosedLate, Turns: []turnJSON{}}
	if sp, ok := su.Speaker(); ok {
		r.Speaker, r.RemainingSecs = sp.Member, secs(su.Remaining(d.now))
	}
	if !su.Started.IsZero() {
		r.Started = &su.Started
	}
	if !su.Ended.IsZero() {
		r.Ended = &su.Ended
	}
	for _, t := range su.Turns {
		spoke := t.Spoke
		if t.State == sprint.TurnSpeaking {
			spoke += su.SpeakerElapsed(d.now)
		}
		r.Turns = append(r.Turns, turnJSON{t.Member, string(t.State), t.Late, secs(spoke), secs(t.Overrun)})
	}
	out.Round = r
	if su.Status == sprint.StandupEnded {
		s := su.Summarize(d.now)
		out.Summary = &summaryJSON{s.Spoke, s.Skipped, s.Absent, s.Left, secs(s.Total)}
	}
	for _, b := range su.Parking {
		out.Parking = append(out.Parking, blockerJSONOf(b))
	}
	return out
}

func blockerJSONOf(b sprint.Blocker) blockerJSON {
	bj := blockerJSON{ID: b.ID, Text: b.Text, RaisedBy: b.RaisedBy, Helper: b.Helper, Resolved: !b.Open(), ResolvedBy: b.ResolvedBy, Flagged: b.Flagged}
	if b.Task != 0 {
		bj.Task = sprint.TaskRef(b.Task)
	}
	return bj
}

func turnLabel(tr i18n.Tr, t sprint.Turn) string {
	switch t.State {
	case sprint.TurnSpoke:
		return tr.T("cli.standup.turn_spoke")
	case sprint.TurnSpeaking:
		return tr.T("cli.standup.turn_speaking")
	case sprint.TurnSkipped:
		return tr.T("cli.standup.turn_skipped")
	case sprint.TurnAbsent:
		return tr.T("cli.standup.turn_absent")
	case sprint.TurnLeft:
		return tr.T("cli.standup.turn_left")
	}
	return tr.T("cli.standup.turn_waiting")
}

func newStandupShowCmd(env *cliEnv) *cobra.Command {
	var date string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show [--date DATE] [--json]",
		Short: env.tr.T("cmd.standup.show.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				d, err := loadStandupDay(st, date)
				if err != nil {
					return err
				}
				if asJSON {
					return printJSON(env, d.json())
				}
				printStandup(env.tr, env.out, d)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&date, "date", "", env.tr.T("cmd.common.flag_date"))
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

func printStandup(tr i18n.Tr, w io.Writer, d standupDay) {
	fmt.Fprintf(w, tr.T("cli.standup.stand_up")+"\n", d.day)
	if d.held {
		su := d.round
		status := tr.StandupStatus(su.Status)
		if su.ClosedLate {
			status += tr.T("cli.standup.closed_late")
		}
		fmt.Fprintf(w, tr.T("cli.standup.round_of_budget_per")+"\n", status, sprint.FormatClock(su.Elapsed(d.now)), sprint.FormatClock(su.Budget), sprint.FormatClock(su.Timebox()))
		if sp, ok := su.Speaker(); ok {
			fmt.Fprintf(w, tr.T("cli.standup.speaking_left")+"\n", sp.Member, sprint.FormatClock(su.Remaining(d.now)))
		}
		rows := [][]string{{"#", tr.T("cli.head.member"), tr.T("cli.head.state"), tr.T("cli.head.spoke"), tr.T("cli.head.overrun")}}
		for i, t := range su.Turns {
			spoke := t.Spoke
			if t.State == sprint.TurnSpeaking {
				spoke += su.SpeakerElapsed(d.now)
			}
			late := ""
			if t.Late {
				late = tr.T("cli.standup.late")
			}
			over := ""
			if t.Overrun > 0 {
				over = "+" + sprint.FormatClock(t.Overrun)
			}
			state := turnLabel(tr, t)
			if t.State == sprint.TurnWaiting && su.Status == sprint.StandupEnded {
				state = tr.T("cli.standup.not_reached")
			}
			rows = append(rows, []string{fmt.Sprint(i + 1), t.Member + late, state, sprint.FormatClock(spoke), over})
		}
		_ = writeTable(w, rows)
	} else {
		fmt.Fprintln(w, tr.T("cli.standup.round_not_held"))
	}
	fmt.Fprintln(w)
	if d.notesDay != d.day {
		fmt.Fprintf(w, tr.T("cli.standup.answers_written_ahead_for")+"\n", d.notesDay)
	}
	if len(d.notes) == 0 {
		fmt.Fprintln(w, tr.T("cli.standup.no_answers_written_for"))
	}
	for _, n := range d.notes {
		fmt.Fprintf(w, "%s\n", n.Member)
		for i, a := range n.Answers() {
			if a == "" {
				a = "-"
			}
			fmt.Fprintf(w, "  %s %s\n", tr.StandupQuestion(d.set.Questions[i]), strings.ReplaceAll(a, "\n", "\n    "))
		}
	}
	if d.held && len(d.round.Parking) > 0 {
		fmt.Fprintln(w, "\n"+tr.T("cli.standup.parking_lot"))
		for _, b := range d.round.Parking {
			fmt.Fprintf(w, "  %d. %s\n", b.ID, blockerLine(tr, b))
		}
	}
	if len(d.since) > 0 {
		fmt.Fprintln(w, "\n"+tr.T("cli.standup.since_last_stand_up"))
		var members []string
		for m := range d.since {
			members = append(members, m)
		}
		sort.Strings(members)
		for _, m := range members {
			fmt.Fprintf(w, "  %s: %s\n", m, strings.Join(d.since[m].Lines(), " · "))
		}
	}
	if len(d.carried) > 0 {
		fmt.Fprintln(w, "\n"+tr.T("cli.standup.still_open_from_earlier"))
		for _, c := range d.carried {
			fmt.Fprintf(w, "  %s %d. %s\n", c.Day, c.ID, blockerLine(tr, c.Blocker))
		}
	}
}

// blockerLine is a parked blocker: "text (raised by bob, T-4, ann helps)".
func blockerLine(tr i18n.Tr, b sprint.Blocker) string {
	parts := []string{tr.Tf("cli.blocker.raised_by", "Who", b.RaisedBy)}
	if b.Task != 0 {
		parts = append(parts, sprint.TaskRef(b.Task))
	}
	if b.Helper != "" {
		parts = append(parts, tr.Tf("cli.blocker.helps", "Who", b.Helper))
	}
	s := tr.Tf("cli.blocker.line", "Text", b.Text, "About", strings.Join(parts, tr.T("cli.word.sep")))
	if !b.Open() {
		s += tr.Tf("cli.blocker.resolved_by", "Who", b.ResolvedBy)
	}
	return s
}

func newStandupExportCmd(env *cliEnv) *cobra.Command {
	var date string
	cmd := &cobra.Command{
		Use:   "export [--date DATE]",
		Short: env.tr.T("cmd.standup.export.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				d, err := loadStandupDay(st, date)
				if err != nil {
					return err
				}
				fmt.Fprint(env.out, standupMarkdown(env.tr, d))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&date, "date", "", env.tr.T("cmd.common.flag_date"))
	return cmd
}

// mdEscape keeps typed text from breaking the Markdown around it.
func mdEscape(s string) string {
	r := strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "#", "\\#", "|", "\\|", "[", "\\[", "]", "\\]", "<", "&lt;")
	return strings.ReplaceAll(r.Replace(s), "\n", " ")
}

func standupMarkdown(tr i18n.Tr, d standupDay) string {
	var b strings.Builder
	fmt.Fprintf(&b, tr.T("report.standup.stand_up")+"\n"+"\n", d.day)
	if d.held {
		su := d.round
		sum := su.Summarize(d.now)
		fmt.Fprintf(&b, tr.T("report.standup.of_spoke"), sprint.FormatClock(sum.Total), sprint.FormatClock(su.Budget), sum.Spoke)
		if sum.Skipped > 0 {
			fmt.Fprintf(&b, tr.T("report.standup.skipped"), sum.Skipped)
		}
		var absent []string
		for _, t := range su.Turns {
			if t.State == sprint.TurnAbsent {
				absent = append(absent, t.Member)
			}
		}
		if len(absent) > 0 {
			fmt.Fprintf(&b, tr.T("report.standup.absent"), strings.Join(absent, ", "))
		}
		if su.Status != sprint.StandupEnded {
			fmt.Fprintf(&b, " · %s", tr.StandupStatus(su.Status))
		}
		b.WriteString("\n\n")
	}
	if len(d.notes) == 0 {
		b.WriteString(tr.T("report.standup.no_answers") + "\n")
	}
	for _, n := range d.notes {
		fmt.Fprintf(&b, "**%s**\n", mdEscape(n.Member))
		for i, a := range n.Answers() {
			if a == "" {
				a = "—"
			}
			fmt.Fprintf(&b, "- %s %s\n", mdEscape(tr.StandupQuestion(d.set.Questions[i])), mdEscape(a))
		}
		b.WriteString("\n")
	}
	if d.held && len(d.round.Parking) > 0 {
		b.WriteString(tr.T("report.standup.parking_lot") + "\n\n")
		for _, p := range d.round.Parking {
			box := "[ ]"
			if !p.Open() {
				box = "[x]"
			}
			fmt.Fprintf(&b, "- %s %s\n", box, mdEscape(blockerLine(tr, p)))
		}
	}
	if len(d.carried) > 0 {
		b.WriteString("\n" + tr.T("report.standup.still_open") + "\n\n")
		for _, c := range d.carried {
			fmt.Fprintf(&b, tr.T("report.standup.parked")+"\n", mdEscape(blockerLine(tr, c.Blocker)), c.Day)
		}
	}
	return b.String()
}

func newStandupListCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: env.tr.T("cmd.standup.list.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				rounds, err := st.StandupRounds()
				if err != nil {
					return err
				}
				if len(rounds) == 0 {
					fmt.Fprintln(env.out, env.tr.T("cli.standup.no_stand_up_rounds"))
				}
				for i := len(rounds) - 1; i >= 0; i-- {
					su := rounds[i]
					sum := su.Summarize(st.Now())
					fmt.Fprintf(env.out, env.tr.T("cli.standup.took_spoke_absent")+"\n", su.Date, padTo(env.tr.StandupStatus(su.Status), 8), padTo(sprint.FormatDuration(sum.Total), 8),
						sum.Spoke, sum.Absent, env.tr.Tn("cli.n.open_blocker", sum.OpenBlockers))
				}
				return nil
			})
		},
	}
}

// roundLine says where the round is after a step.
func roundLine(tr i18n.Tr, su sprint.Standup, now time.Time) string {
	if sp, ok := su.Speaker(); ok {
		s := fmt.Sprintf(tr.T("cli.standup.has_the_word_left"), sp.Member, sprint.FormatClock(su.Remaining(now)))
		if su.Status == sprint.StandupPaused {
			s += ", paused"
		}
		return s
	}
	switch su.Status {
	case sprint.StandupReady:
		return fmt.Sprintf(tr.T("cli.standup.roll_call_of_present"), su.Present(), len(su.Turns), sprint.FormatClock(su.Timebox()))
	case sprint.StandupEnded:
		sum := su.Summarize(now)
		return fmt.Sprintf(tr.T("cli.standup.the_stand_up_ended"), sprint.FormatClock(sum.Total), sum.Spoke, sum.Skipped, sum.Absent, sum.OpenBlockers)
	}
	return string(su.Status)
}

func newStandupStartCmd(env *cliEnv) *cobra.Command {
	var absent []string
	cmd := &cobra.Command{
		Use:     "start [--absent NAME]...",
		Short:   env.tr.T("cmd.standup.start.short"),
		Example: `  huddle standup start --absent carol`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				for i := range absent {
					absent[i] = backlog.NormalizeHandle(absent[i])
				}
				su, resumed, err := st.StartStandup(env.actor(), sprint.DateOf(st.Now()), absent)
				if err != nil {
					return err
				}
				verb := env.tr.T("cli.standup.opened")
				if resumed {
					verb = env.tr.T("cli.standup.resumed")
				}
				fmt.Fprintf(env.out, env.tr.T("cli.standup.the_stand_up")+"\n", verb, su.Date, roundLine(env.tr, su, st.Now()))
				return nil
			})
		},
	}
	cmd.Flags().StringSliceVar(&absent, "absent", nil, env.tr.T("cmd.standup.start.flag_absent"))
	return cmd
}

func newStandupStepCmd(env *cliEnv, op store.RoundOp) *cobra.Command {
	short := map[store.RoundOp]string{
		store.RoundNext:     env.tr.T("cmd.standup.next.short"),
		store.RoundPrevious: env.tr.T("cmd.standup.previous.short"),
		store.RoundSkip:     env.tr.T("cmd.standup.skip.short"),
		store.RoundPause:    env.tr.T("cmd.standup.pause.short"),
		store.RoundResume:   env.tr.T("cmd.standup.resume.short"),
		store.RoundEnd:      env.tr.T("cmd.standup.end.short"),
	}[op]
	return &cobra.Command{
		Use:   string(op),
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				su, err := st.StepStandup(env.actor(), sprint.DateOf(st.Now()), op, "")
				if err != nil {
					return err
				}
				fmt.Fprintln(env.out, roundLine(env.tr, su, st.Now()))
				return nil
			})
		},
	}
}

func newStandupAbsentCmd(env *cliEnv) *cobra.Command {
	var present bool
	cmd := &cobra.Command{
		Use:   "absent MEMBER [--present]",
		Short: env.tr.T("cmd.standup.absent.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				su, err := st.SetStandupAbsent(env.actor(), sprint.DateOf(st.Now()), args[0], !present)
				if err != nil {
					return err
				}
				fmt.Fprintln(env.out, roundLine(env.tr, su, st.Now()))
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&present, "present", false, env.tr.T("cmd.standup.absent.flag_present"))
	return cmd
}

func newStandupLateCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "late MEMBER",
		Short: env.tr.T("cmd.standup.late.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				su, err := st.AddLatecomer(env.actor(), sprint.DateOf(st.Now()), args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.standup.speaks_last_place")+"\n", backlog.NormalizeHandle(args[0]), len(su.Turns))
				return nil
			})
		},
	}
}

func newStandupMoveCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "move MEMBER PLACE",
		Short: env.tr.T("cmd.standup.move.short"),
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			var place int
			if _, err := fmt.Sscanf(args[1], "%d", &place); err != nil || place < 1 || place > 1000 || fmt.Sprint(place) != strings.TrimSpace(args[1]) {
				return fmt.Errorf("%q is not a place in the order (1 is first)", args[1])
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				su, err := st.MoveSpeaker(env.actor(), sprint.DateOf(st.Now()), args[0], place-1)
				if err != nil {
					return err
				}
				var order []string
				for _, t := range su.Turns {
					order = append(order, t.Member)
				}
				fmt.Fprintf(env.out, env.tr.T("cli.standup.order")+"\n", strings.Join(order, ", "))
				return nil
			})
		},
	}
}

func newStandupBlockCmd(env *cliEnv) *cobra.Command {
	var task, helper, by, date string
	var flag bool
	cmd := &cobra.Command{
		Use:   "block TEXT [--task T-4 [--flag]] [--helper NAME]",
		Short: env.tr.T("cmd.standup.block.short"),
		Example: `  huddle standup block "Waiting on the API key" --task T-4 --flag --helper alice
  huddle standup block "Staging is down" --by bob`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := store.ParkInput{Text: args[0], Helper: helper, RaisedBy: by, BlockTask: flag}
			if task != "" {
				id, err := sprint.ParseTaskRef(task)
				if err != nil {
					return err
				}
				in.Task = id
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				day, err := dayFlag(st, date)
				if err != nil {
					return err
				}
				b, err := st.ParkBlocker(env.actor(), day, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.standup.parked_blocker")+"\n", b.ID, blockerLine(env.tr, b))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&task, "task", "", env.tr.T("cmd.standup.block.flag_task"))
	cmd.Flags().BoolVar(&flag, "flag", false, env.tr.T("cmd.standup.block.flag_flag"))
	cmd.Flags().StringVar(&helper, "helper", "", env.tr.T("cmd.standup.block.flag_helper"))
	cmd.Flags().StringVar(&by, "by", "", env.tr.T("cmd.standup.block.flag_by"))
	cmd.Flags().StringVar(&date, "date", "", env.tr.T("cmd.common.flag_date_2"))
	return cmd
}

func newStandupResolveCmd(env *cliEnv) *cobra.Command {
	var date string
	var unblock bool
	cmd := &cobra.Command{
		Use:   "resolve ID [--date DATE] [--unblock]",
		Short: env.tr.T("cmd.standup.resolve.short"),
		Long:  env.tr.T("cmd.standup.resolve.long"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var id int
			if _, err := fmt.Sscanf(args[0], "%d", &id); err != nil || id <= 0 || fmt.Sprint(id) != strings.TrimSpace(args[0]) {
				return fmt.Errorf("%q is not a blocker number (see huddle standup show)", args[0])
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				day, err := dayFlag(st, date)
				if err != nil {
					return err
				}
				if date == "" {
					// Today's blocker of that number, else the one carried from earlier.
					v, err := st.StandupDay(sprint.Date{})
					if err != nil {
						return err
					}
					if day, err = sprint.ParkedDay(v.Round, v.Held, v.Day, v.Carried, id); err != nil {
						return err
					}
				}
				b, err := st.ResolveBlocker(env.actor(), day, id, unblock)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.standup.resolved_blocker")+"\n", b.ID, b.Text)
				if t, still, err := st.StillBlocks(b); err == nil && still {
					fmt.Fprintf(env.out, env.tr.T("cli.standup.is_still_flagged_blocked")+"\n", t.Ref(), t.Ref())
				} else if unblock && b.Flagged {
					fmt.Fprintf(env.out, env.tr.T("cli.standup.unblocked")+"\n", sprint.TaskRef(b.Task))
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&date, "date", "", env.tr.T("cmd.common.flag_date_2"))
	cmd.Flags().BoolVar(&unblock, "unblock", false, env.tr.T("cmd.standup.resolve.flag_unblock"))
	return cmd
}

func newStandupSettingsCmd(env *cliEnv) *cobra.Command {
	var budget, timebox time.Duration
	var order string
	var bell bool
	var questions []string
	cmd := &cobra.Command{
		Use:   "settings [--budget 15m] [--timebox 2m] [--order rotate|random] [--bell] [--question TEXT]x3",
		Short: env.tr.T("cmd.standup.settings.short"),
		Example: `  huddle standup settings
  huddle standup settings --budget 10m --timebox 0 --order random --bell
  huddle standup settings --question "Done?" --question "Next?" --question "Stuck?"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			changing := cmd.Flags().NFlag() > 0
			mode := readOnly
			if changing {
				mode = readWrite
			}
			return env.withStore(mode, func(st *store.Store) error {
				set, err := st.StandupSettings()
				if err != nil {
					return err
				}
				if changing {
					f := cmd.Flags()
					if f.Changed("budget") {
						set.Budget = budget
					}
					if f.Changed("timebox") {
						set.Timebox = timebox
					}
					if f.Changed("order") {
						if set.Order, err = sprint.ParseOrder(order); err != nil {
							return err
						}
					}
					if f.Changed("bell") {
						set.Bell = bell
					}
					if f.Changed("question") {
						if len(questions) != 3 {
							return fmt.Errorf("give exactly three --question flags, not %d", len(questions))
						}
						set.Questions = questions
					}
					if set, err = st.SetStandupSettings(env.actor(), set); err != nil {
						return err
					}
				}
				tb := env.tr.T("cli.standup.budget_split")
				if set.Timebox > 0 {
					tb = set.Timebox.String()
				}
				fmt.Fprintf(env.out, env.tr.T("cli.standup.budget_timebox_order_bell")+"\n", set.Budget, tb, set.Order, set.Bell)
				for i, q := range set.Questions {
					fmt.Fprintf(env.out, env.tr.T("cli.standup.question")+"\n", i+1, env.tr.StandupQuestion(q))
				}
				return nil
			})
		},
	}
	cmd.Flags().DurationVar(&budget, "budget", 0, env.tr.T("cmd.standup.settings.flag_budget"))
	cmd.Flags().DurationVar(&timebox, "timebox", 0, env.tr.T("cmd.standup.settings.flag_timebox"))
	cmd.Flags().StringVar(&order, "order", "", env.tr.T("cmd.standup.settings.flag_order"))
	cmd.Flags().BoolVar(&bell, "bell", false, env.tr.T("cmd.standup.settings.flag_bell"))
	cmd.Flags().StringArrayVar(&questions, "question", nil, env.tr.T("cmd.standup.settings.flag_question"))
	return cmd
}
