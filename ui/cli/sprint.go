package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"

	"github.com/spf13/cobra"
)

// sprintCommands returns the commands of this area (sprint, task).
func sprintCommands(env *cliEnv) []*cobra.Command {
	return []*cobra.Command{newSprintCmd(env), newTaskCmd(env)}
}

// sprintChoice says which sprint a command means when none is named.
type sprintChoice int

const (
	planningFirst sprintChoice = iota // the newest sprint being planned, else the active one
	activeOnly                        // the active sprint
	shownFirst                        // the active one, else the newest planned, else the newest closed
	reviewed                          // sprint.PickForReview (review, retro, report)
)

// resolveSprint reads a sprint named like "#3" or "3", or picks one by choice.
func resolveSprint(st *store.Store, arg string, choice sprintChoice) (sprint.Sprint, error) {
	if arg != "" {
		id, err := sprint.ParseSprintRef(arg)
		if err != nil {
			return sprint.Sprint{}, err
		}
		return st.Sprint(id)
	}
	all, err := st.Sprints()
	if err != nil {
		return sprint.Sprint{}, err
	}
	prefer := map[sprintChoice][]sprint.Status{
		planningFirst: {sprint.StatusPlanning, sprint.StatusActive},
		activeOnly:    {sprint.StatusActive},
		shownFirst:    {sprint.StatusActive, sprint.StatusPlanning, sprint.StatusClosed},
		reviewed:      {sprint.StatusActive, sprint.StatusClosed, sprint.StatusPlanning}, // sprint.PickForReview
	}[choice]
	if sp, ok := sprint.Pick(all, prefer...); ok {
		return sp, nil
	}
	switch choice {
	case activeOnly:
		return sprint.Sprint{}, store.ErrNoActiveSprint
	case planningFirst:
		return sprint.Sprint{}, errors.New("no sprint is being planned; create one with `huddle sprint new --goal TEXT --start DATE --weeks 2`")
	case reviewed:
		return sprint.Sprint{}, errors.New("no sprint has started yet; say which with --sprint N")
	}
	return sprint.Sprint{}, errors.New("there is no sprint yet; create one with `huddle sprint new --goal TEXT --start DATE --weeks 2`")
}

// parseHours reads an hours argument.
func parseHours(s string) (float64, error) { return sprint.ParseHours(s) }

// boardView reads a sprint named like "#3" (or the one shown first: active,
// else planned, else closed) as store.BoardView, in one read.
func boardView(st *store.Store, arg string) (store.BoardView, error) {
	want := 0
	if arg != "" {
		id, err := sprint.ParseSprintRef(arg)
		if err != nil {
			return store.BoardView{}, err
		}
		want = id
	}
	v, err := st.BoardView(want, sprint.DateOf(st.Now()), 0)
	switch {
	case err != nil:
		return v, err
	case want != 0 && (!v.Found || v.Sprint.ID != want):
		return v, fmt.Errorf("sprint %s: %w", sprint.SprintRef(want), store.ErrNotFound)
	case !v.Found:
		return v, errors.New("there is no sprint yet; create one with `huddle sprint new --goal TEXT --start DATE --weeks 2`")
	}
	return v, nil
}

func optionalArg(args []string) string {
	if len(args) > 0 {
		return args[0]
	}
	return ""
}

func newSprintCmd(env *cliEnv) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sprint",
		Short: env.tr.T("cmd.sprint.short"),
		Long:  env.tr.T("cmd.sprint.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newSprintNewCmd(env), newSprintEditCmd(env), newSprintAddCmd(env, true), newSprintAddCmd(env, false), newSprintDeleteCmd(env),
		newSprintCapacityCmd(env), newSprintStartCmd(env), newSprintCloseCmd(env),
		newSprintShowCmd(env), newSprintBurndownCmd(env), newSprintVelocityCmd(env))
	return cmd
}

func newSprintNewCmd(env *cliEnv) *cobra.Command {
	var goal, start, end, name string
	var weeks int
	cmd := &cobra.Command{
		Use:     "new --goal TEXT --start DATE (--weeks N | --end DATE) [--name NAME]",
		Short:   env.tr.T("cmd.sprint.new.short"),
		Long:    env.tr.T("cmd.sprint.new.long"),
		Example: `  huddle sprint new --goal "New users reach their first board in 10 minutes" --start 2026-11-30 --weeks 2`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if start == "" {
				return errors.New("give the first day with --start 2026-11-30")
			}
			from, err := sprint.ParseDate(start)
			if err != nil {
				return err
			}
			var to sprint.Date
			switch {
			case end != "" && cmd.Flags().Changed("weeks"):
				return errors.New("give either --weeks or --end, not both")
			case end != "":
				if to, err = sprint.ParseDate(end); err != nil {
					return err
				}
			default:
				if to, err = sprint.EndAfterWeeks(from, weeks); err != nil {
					return err
				}
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				sp, err := st.CreateSprint(env.actor(), store.NewSprint{Name: name, Goal: goal, Start: from, End: to})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.sprint.planned_to_working_days")+"\n", sp.Ref(), sp.Name, sp.Start, sp.End, len(sp.WorkingDays()), common.Shown(sp.TotalCapacity()))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&goal, "goal", "", env.tr.T("cmd.sprint.new.flag_goal"))
	cmd.Flags().StringVar(&start, "start", "", env.tr.T("cmd.sprint.new.flag_start"))
	cmd.Flags().StringVar(&end, "end", "", env.tr.T("cmd.sprint.new.flag_end"))
	cmd.Flags().IntVar(&weeks, "weeks", 2, env.tr.T("cmd.sprint.new.flag_weeks"))
	cmd.Flags().StringVar(&name, "name", "", env.tr.T("cmd.sprint.new.flag_name"))
	return cmd
}

func newSprintAddCmd(env *cliEnv, add bool) *cobra.Command {
	var which string
	use, short := "add STORY...", env.tr.T("cmd.sprint.add.short")
	if !add {
		use, short = "remove STORY...", env.tr.T("cmd.sprint.remove.short")
	}
	cmd := &cobra.Command{
		Use:     use,
		Short:   short,
		Example: "  huddle sprint " + strings.Fields(use)[0] + " S-12 S-14",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var ids []int
			for _, a := range args {
				id, err := backlog.ParseStoryRef(a)
				if err != nil {
					return err
				}
				ids = append(ids, id)
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				sp, err := resolveSprint(st, which, planningFirst)
				if err != nil {
					return err
				}
				// All or nothing: one write for every story named.
				if add {
					if err := st.AddStoriesToSprint(env.actor(), sp.ID, ids); err != nil {
						return err
					}
					for _, id := range ids {
						fmt.Fprintf(env.out, env.tr.T("cli.sprint.is_in")+"\n", backlog.StoryRef(id), sp.Ref())
					}
					return nil
				}
				back, err := st.RemoveStoriesFromSprint(env.actor(), sp.ID, ids)
				if err != nil {
					return err
				}
				where := env.tr.T("cli.sprint.back_where_it_was")
				if sp.PutBackOnTop() {
					where = env.tr.T("cli.sprint.back_on_top")
				}
				for _, b := range back {
					fmt.Fprintf(env.out, env.tr.T("cli.sprint.is")+"\n", b.Ref(), where)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&which, "sprint", "", env.tr.T("cmd.common.flag_sprint_2"))
	return cmd
}

func newSprintCapacityCmd(env *cliEnv) *cobra.Command {
	var which string
	cmd := &cobra.Command{
		Use:     "capacity MEMBER HOURS",
		Short:   env.tr.T("cmd.sprint.capacity.short"),
		Example: "  huddle sprint capacity bob 42",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			h, err := parseHours(args[1])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				sp, err := resolveSprint(st, which, planningFirst)
				if err != nil {
					return err
				}
				if err := st.SetCapacity(env.actor(), sp.ID, args[0], h); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.sprint.has_in")+"\n", args[0], common.Shown(h), sp.Ref())
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&which, "sprint", "", env.tr.T("cmd.common.flag_sprint_2"))
	return cmd
}

func newSprintStartCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "start [SPRINT]",
		Short: env.tr.T("cmd.sprint.start.short"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				sp, err := resolveSprint(st, optionalArg(args), planningFirst)
				if err != nil {
					return err
				}
				if err := st.StartSprint(env.actor(), sp.ID); err != nil {
					return err
				}
				sp, err = st.Sprint(sp.ID)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.sprint.started_committed")+"\n", sp.Ref(), sp.Goal, common.Shown(sp.BaselineHours), env.tr.Tn("cli.n.point", sp.BaselinePoints))
				return nil
			})
		},
	}
}

func newSprintCloseCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "close [SPRINT]",
		Short: env.tr.T("cmd.sprint.close.short"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				sp, err := resolveSprint(st, optionalArg(args), activeOnly)
				if err != nil {
					return err
				}
				res, err := st.CloseSprint(env.actor(), sp.ID)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.sprint.closed_done_velocity")+"\n", sp.Ref(), env.tr.Tn("cli.n.point", res.Velocity))
				for _, s := range res.Done {
					fmt.Fprintf(env.out, env.tr.T("cli.sprint.done")+"\n", s.Ref(), s.Title)
				}
				for _, s := range res.Returned {
					fmt.Fprintf(env.out, env.tr.T("cli.sprint.not_done_back_on")+"\n", s.Ref(), s.Title)
				}
				return nil
			})
		},
	}
}

// sprintJSON is the stable shape of `sprint show --json`.
type sprintJSON struct {
	sprint.Sprint
	Day             int             `json:"day"`
	Days            int             `json:"days"`
	When            string          `json:"when"` // "day 6 of 10", "ended Mar 13, not closed" (as the screen says)
	Stories         []backlog.Story `json:"stories"`
	Tasks           []sprint.Task   `json:"tasks"`
	CapacityHours   float64         `json:"capacity_hours"`
	CommittedHours  float64         `json:"committed_hours"`
	CommittedPoints int             `json:"committed_points"`
	VelocityAverage float64         `json:"velocity_average"`
	VelocitySprints int             `json:"velocity_sprints"`
	OverCommitted   bool            `json:"over_committed"`
}

func newSprintShowCmd(env *cliEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show [SPRINT] [--json]",
		Short: env.tr.T("cmd.sprint.show.short"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				v, err := boardView(st, optionalArg(args))
				if err != nil {
					return err
				}
				sp, p := v.Sprint, v.Plan
				day, days := sp.DayOf(sprint.DateOf(st.Now()))
				out := sprintJSON{Sprint: p.Sprint, Day: day, Days: days, When: p.Sprint.When(sprint.DateOf(st.Now())), Stories: p.Stories, Tasks: p.Tasks,
					CapacityHours: p.Sprint.TotalCapacity(), CommittedHours: p.CommittedHours, CommittedPoints: p.CommittedPts,
					VelocityAverage: p.Velocity, VelocitySprints: p.VelocityOf, OverCommitted: p.OverCommitted}
				if out.Stories == nil {
					out.Stories = []backlog.Story{}
				}
				if out.Tasks == nil {
					out.Tasks = []sprint.Task{}
				}
				if asJSON {
					return printJSON(env, out)
				}
				printSprint(env, out, env.tr.SprintWhen(p.Sprint, sprint.DateOf(st.Now())))
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

// printSprint writes s for a person; when is s.When in their language.
func printSprint(env *cliEnv, s sprintJSON, when string) {
	w := env.out
	fmt.Fprintf(w, env.tr.T("cli.sprint.to"), s.Ref(), s.Name, env.tr.SprintStatus(s.Status), s.Start, s.End)
	if s.Status == sprint.StatusActive {
		fmt.Fprintf(w, env.tr.T("cli.sprint.when"), when)
	}
	fmt.Fprintln(w)
	goal := s.Goal
	if goal == "" {
		goal = env.tr.T("cli.sprint.no_goal")
	}
	fmt.Fprintf(w, env.tr.T("cli.sprint.goal")+"\n", textLines(goal, "      "))
	if cal := s.NotesLine(); cal != "" {
		fmt.Fprintf(w, env.tr.T("cli.sprint.not_working_working_days")+"\n", cal, s.Days)
	}
	fmt.Fprintf(w, env.tr.T("cli.sprint.capacity_committed"), common.Shown(s.CapacityHours), common.Shown(s.CommittedHours))
	if s.CommittedHours > s.CapacityHours {
		fmt.Fprint(w, env.tr.T("cli.sprint.over_capacity"))
	}
	fmt.Fprintf(w, env.tr.T("cli.sprint.points"), env.tr.Tn("cli.n.point", s.CommittedPoints))
	if s.VelocitySprints > 0 {
		fmt.Fprintf(w, env.tr.T("cli.sprint.against_velocity_of_last"), s.VelocityAverage, s.VelocitySprints)
		if s.OverCommitted {
			fmt.Fprint(w, env.tr.T("cli.sprint.over_committed"))
		}
	}
	fmt.Fprintln(w)
	for _, st := range s.Stories {
		pts := "?"
		if st.Estimated() {
			pts = strconv.Itoa(st.Points)
		}
		fmt.Fprintf(w, env.tr.T("cli.sprint.pts")+"\n", st.Ref(), pts, st.Title)
		for _, t := range s.Tasks {
			if t.Story == st.ID {
				fmt.Fprintf(w, env.tr.T("cli.sprint.task_line")+"\n", t.Ref(), t.Title, taskState(env.tr, t))
			}
		}
	}
	if len(s.Stories) == 0 {
		fmt.Fprintln(w, env.tr.T("cli.sprint.no_stories_yet_pull"))
	}
}

// taskState is "doing, bob, 4h left, blocked".
func taskState(tr i18n.Tr, t sprint.Task) string {
	parts := []string{taskColumn(tr, t.Status)}
	if t.Owner != "" {
		parts = append(parts, t.Owner)
	}
	if t.Status != sprint.TaskDone {
		parts = append(parts, fmt.Sprintf(tr.T("cli.sprint.h_left"), common.Shown(t.Remaining)))
	}
	if t.Blocked != "" && t.Status != sprint.TaskDone {
		parts = append(parts, tr.Tf("cli.sprint.blocked", "Why", t.Blocked))
	}
	if t.CarriedTo != 0 {
		parts = append(parts, tr.Tf("cli.sprint.carried_to", "Task", sprint.TaskRef(t.CarriedTo)))
	}
	return strings.Join(parts, tr.T("cli.word.sep"))
}

// burndownDayJSON is one entry of `sprint burndown --json`.
type burndownDayJSON struct {
	Date            sprint.Date `json:"date"`
	RemainingHours  float64     `json:"remaining_hours"`
	IdealHours      float64     `json:"ideal_hours"`
	ScopeHours      float64     `json:"scope_hours"`
	RemainingPoints int         `json:"remaining_points"`
	ScopePoints     int         `json:"scope_points"`
}

// burndownJSON is the stable shape of `sprint burndown --json`.
type burndownJSON struct {
	Sprint         int               `json:"sprint"`
	Start          sprint.Date       `json:"start"`
	End            sprint.Date       `json:"end"`
	BaselineHours  float64           `json:"baseline_hours"`
	BaselinePoints int               `json:"baseline_points"`
	Days           []burndownDayJSON `json:"days"`
}

func newSprintBurndownCmd(env *cliEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "burndown [SPRINT] [--json]",
		Short: env.tr.T("cmd.sprint.burndown.short"),
		Long:  env.tr.T("cmd.sprint.burndown.long"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				v, err := boardView(st, optionalArg(args))
				if err != nil {
					return err
				}
				sp, b := v.Sprint, v.Burndown
				out := burndownJSON{Sprint: sp.ID, Start: b.Start, End: b.End, BaselineHours: b.BaselineHours, BaselinePoints: b.BaselinePoints, Days: []burndownDayJSON{}}
				for _, d := range b.Days {
					out.Days = append(out.Days, burndownDayJSON{d.Date, d.RemainingHours, d.IdealHours, d.ScopeHours, d.RemainingPoints, d.ScopePoints})
				}
				if asJSON {
					return printJSON(env, out)
				}
				fmt.Fprintf(env.out, env.tr.T("cli.sprint.to_baseline")+"\n", sp.Ref(), sp.Name, b.Start, b.End, common.Shown(b.BaselineHours))
				if len(b.Days) == 0 {
					fmt.Fprintln(env.out, env.tr.T("cli.sprint.no_working_day_has"))
					return nil
				}
				tr := env.tr
				rows := [][]string{{tr.T("cli.head.day"), tr.T("cli.head.date"), tr.T("cli.head.left"), tr.T("cli.head.ideal"), tr.T("cli.head.scope"), ""}}
				for _, d := range b.Days {
					change := ""
					if d.ScopeChange != 0 {
						change = fmt.Sprintf(env.tr.T("cli.sprint.scope"), d.ScopeChange)
					}
					rows = append(rows, []string{fmt.Sprint(d.Day), d.Date.String(), common.Hours(d.RemainingHours), common.Hours(d.IdealHours), common.Hours(d.ScopeHours), change})
				}
				return writeTableRight(env.out, rows)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

func newSprintVelocityCmd(env *cliEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "velocity [--json]",
		Short: env.tr.T("cmd.sprint.velocity.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				v, err := st.Velocity()
				if err != nil {
					return err
				}
				if asJSON {
					if v == nil {
						v = []sprint.SprintVelocity{}
					}
					return json.NewEncoder(env.out).Encode(v)
				}
				if len(v) == 0 {
					fmt.Fprintln(env.out, env.tr.T("cli.sprint.no_sprint_has_closed"))
					return nil
				}
				rows := [][]string{{env.tr.T("cli.head.sprint"), env.tr.T("cli.head.committed"), env.tr.T("cli.head.completed")}}
				for _, s := range v {
					rows = append(rows, []string{sprint.SprintRef(s.Sprint) + " " + s.Name, fmt.Sprint(s.Committed), fmt.Sprint(s.Completed)})
				}
				return writeTable(env.out, rows)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

func newSprintEditCmd(env *cliEnv) *cobra.Command {
	var goal, start, end, name string
	cmd := &cobra.Command{
		Use:     "edit [SPRINT] [--goal TEXT] [--name NAME] [--start DATE --end DATE]",
		Short:   env.tr.T("cmd.sprint.edit.short"),
		Example: `  huddle sprint edit --goal "New users reach their first board in 10 minutes"`,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (start == "") != (end == "") {
				return errors.New("give both --start and --end to move a sprint")
			}
			var in store.NewSprint
			var err error
			if start != "" {
				if in.Start, err = sprint.ParseDate(start); err != nil {
					return err
				}
				if in.End, err = sprint.ParseDate(end); err != nil {
					return err
				}
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				sp, err := resolveSprint(st, optionalArg(args), planningFirst)
				if err != nil {
					return err
				}
				in.Name, in.Goal = name, sp.Goal
				if cmd.Flags().Changed("goal") {
					in.Goal = goal
				}
				sp, err = st.EditSprint(env.actor(), sp.ID, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.sprint.to_goal")+"\n", sp.Ref(), sp.Name, sp.Start, sp.End, sp.Goal)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&goal, "goal", "", env.tr.T("cmd.sprint.edit.flag_goal"))
	cmd.Flags().StringVar(&name, "name", "", env.tr.T("cmd.sprint.edit.flag_name"))
	cmd.Flags().StringVar(&start, "start", "", env.tr.T("cmd.sprint.edit.flag_start"))
	cmd.Flags().StringVar(&end, "end", "", env.tr.T("cmd.sprint.edit.flag_end"))
	return cmd
}

func newSprintDeleteCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:     "delete SPRINT",
		Aliases: []string{"rm"},
		Short:   env.tr.T("cmd.sprint.delete.short"),
		Example: "  huddle sprint delete #3",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := sprint.ParseSprintRef(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				back, err := st.DeleteSprint(env.actor(), id)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.sprint.deleted_back_in_the")+"\n", sprint.SprintRef(id), env.tr.Tn("cli.n.story", len(back)))
				return nil
			})
		},
	}
}
