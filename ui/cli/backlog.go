package cli

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/i18n"

	"github.com/spf13/cobra"
)

// backlogCommands returns the commands of this area (vision, okr, story).
func backlogCommands(env *cliEnv) []*cobra.Command {
	return []*cobra.Command{newVisionCmd(env), newOKRCmd(env), newStoryCmd(env)}
}

// group is a command that only holds subcommands.
func group(use, short string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(subs...)
	return cmd
}

// ---- vision ----

func newVisionCmd(env *cliEnv) *cobra.Command {
	set := &cobra.Command{
		Use:     "set TEXT",
		Short:   env.tr.T("cmd.vision.set.short"),
		Example: `  huddle vision set "Every team keeps its sprint loop in one place."`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			text := strings.Join(args, " ")
			if strings.TrimSpace(text) == "" {
				return errors.New("the vision is empty; write one or two sentences")
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				if err := st.SetVision(env.actor(), text); err != nil {
					return err
				}
				fmt.Fprintln(env.out, env.tr.T("cli.backlog.vision_set"))
				return nil
			})
		},
	}
	show := &cobra.Command{
		Use:   "show",
		Short: env.tr.T("cmd.vision.show.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				t, err := st.Team()
				if err != nil {
					return err
				}
				if t.Vision == "" {
					fmt.Fprintln(env.out, env.tr.T("cli.backlog.no_vision_yet_the"))
					return nil
				}
				fmt.Fprintln(env.out, t.Vision)
				return nil
			})
		},
	}
	return group("vision", env.tr.T("cmd.vision.short"), set, show)
}

// ---- okr ----

// quarterFlag reads --quarter, defaulting to the quarter of the store's today.
func quarterFlag(st *store.Store, q string) (backlog.Quarter, error) {
	if q == "" {
		return backlog.QuarterOf(st.Now()), nil
	}
	return backlog.ParseQuarter(q)
}

func newOKRCmd(env *cliEnv) *cobra.Command {
	var quarter string
	add := &cobra.Command{
		Use:     "add TITLE",
		Short:   env.tr.T("cmd.okr.add.short"),
		Example: `  huddle okr add "Make new users successful in their first week" --quarter 2026-Q4`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				q, err := quarterFlag(st, quarter)
				if err != nil {
					return err
				}
				o, err := st.AddObjective(env.actor(), q, strings.Join(args, " "))
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.backlog.added")+"\n", backlog.ObjectiveRef(o.ID), o.Title, o.Quarter)
				return nil
			})
		},
	}
	add.Flags().StringVar(&quarter, "quarter", "", env.tr.T("cmd.common.flag_quarter"))

	rm := &cobra.Command{
		Use:   "rm OBJECTIVE",
		Short: env.tr.T("cmd.okr.rm.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseObjectiveRef(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				if err := st.RemoveObjective(env.actor(), id); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.backlog.removed")+"\n", backlog.ObjectiveRef(id))
				return nil
			})
		},
	}
	edit := &cobra.Command{
		Use:   "edit OBJECTIVE TITLE",
		Short: env.tr.T("cmd.okr.edit.short"),
		Args:  cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseObjectiveRef(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				o, err := st.EditObjective(env.actor(), id, strings.Join(args[1:], " "))
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.backlog.is_now")+"\n", backlog.ObjectiveRef(o.ID), o.Title)
				return nil
			})
		},
	}
	return group("okr", env.tr.T("cmd.okr.short"),
		add, newOKRListCmd(env), edit, rm, newKRCmd(env))
}

// krJSON and objectiveJSON are the stable shapes of `okr list --json`.
type krJSON struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Unit        string  `json:"unit"`
	Baseline    float64 `json:"baseline"`
	Target      float64 `json:"target"`
	Current     float64 `json:"current"`
	Progress    float64 `json:"progress"` // 0..1
	Stories     int     `json:"stories"`
	Points      int     `json:"points"`
	DonePoints  int     `json:"done_points"`
	Unestimated int     `json:"unestimated"`
}

type objectiveJSON struct {
	ID         string   `json:"id"`
	Quarter    string   `json:"quarter"`
	Title      string   `json:"title"`
	Progress   float64  `json:"progress"`
	KeyResults []krJSON `json:"key_results"`
}

func newOKRListCmd(env *cliEnv) *cobra.Command {
	var quarter string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: env.tr.T("cmd.okr.list.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				q, err := quarterFlag(st, quarter)
				if err != nil {
					return err
				}
				objs, err := st.Objectives(q)
				if err != nil {
					return err
				}
				work, err := st.KRWork()
				if err != nil {
					return err
				}
				out := make([]objectiveJSON, 0, len(objs))
				for _, o := range objs {
					oj := objectiveJSON{ID: backlog.ObjectiveRef(o.ID), Quarter: string(o.Quarter), Title: o.Title, Progress: o.Progress(), KeyResults: []krJSON{}}
					for _, kr := range o.KeyResults {
						w := work[kr.ID]
						oj.KeyResults = append(oj.KeyResults, krJSON{backlog.KRRef(kr.ID), kr.Name, kr.Unit, kr.Baseline, kr.Target, kr.Current,
							kr.Progress(), w.Stories, w.Points, w.DonePoints, w.Unestimated})
					}
					out = append(out, oj)
				}
				if asJSON {
					return printJSON(env, out)
				}
				if len(out) == 0 {
					fmt.Fprintf(env.out, env.tr.T("cli.backlog.no_objectives_for_the")+"\n", q)
					return nil
				}
				for _, o := range out {
					fmt.Fprintf(env.out, "%s  %s  %.0f%%\n", o.ID, o.Title, o.Progress*100)
					for _, k := range o.KeyResults {
						fmt.Fprintf(env.out, env.tr.T("cli.backlog.now_of_done")+"\n",
							k.ID, k.Name, k.Baseline, k.Target, k.Unit, k.Current, k.Progress*100, env.tr.Tn("cli.n.story", k.Stories), k.DonePoints, env.tr.Tn("cli.n.point", k.Points))
					}
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&quarter, "quarter", "", env.tr.T("cmd.common.flag_quarter"))
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

func newKRCmd(env *cliEnv) *cobra.Command {
	var unit string
	var baseline, target, current float64
	add := &cobra.Command{
		Use:     "add OBJECTIVE NAME --baseline N --target N [--unit U]",
		Short:   env.tr.T("cmd.okr.kr.add.short"),
		Example: `  huddle okr kr add O-1 "Share of new users active within 7 days" --unit % --baseline 30 --target 50`,
		Args:    cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			oid, err := backlog.ParseObjectiveRef(args[0])
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("baseline") || !cmd.Flags().Changed("target") {
				return errors.New("a key result needs --baseline and --target")
			}
			if !cmd.Flags().Changed("current") {
				current = baseline
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				kr, err := st.AddKeyResult(env.actor(), backlog.KeyResult{ObjectiveID: oid, Name: strings.Join(args[1:], " "), Unit: unit,
					Baseline: baseline, Target: target, Current: current})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.backlog.added_to")+"\n", backlog.KRRef(kr.ID), kr.Name, backlog.ObjectiveRef(oid))
				return nil
			})
		},
	}
	add.Flags().StringVar(&unit, "unit", "", env.tr.T("cmd.okr.kr.add.flag_unit"))
	add.Flags().Float64Var(&baseline, "baseline", 0, env.tr.T("cmd.okr.kr.add.flag_baseline"))
	add.Flags().Float64Var(&target, "target", 0, env.tr.T("cmd.okr.kr.add.flag_target"))
	add.Flags().Float64Var(&current, "current", 0, env.tr.T("cmd.okr.kr.add.flag_current"))

	set := &cobra.Command{
		Use:     "set KR VALUE",
		Short:   env.tr.T("cmd.okr.kr.set.short"),
		Example: `  huddle okr kr set KR-2 41.5`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseKRRef(args[0])
			if err != nil {
				return err
			}
			v, err := parseNumber(args[1])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				kr, err := st.SetKeyResultCurrent(env.actor(), id, v)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.backlog.now")+"\n", backlog.KRRef(kr.ID), kr.Name, kr.Current, kr.Unit, kr.Progress()*100)
				return nil
			})
		},
	}
	rm := &cobra.Command{
		Use:   "rm KR",
		Short: env.tr.T("cmd.okr.kr.rm.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseKRRef(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				if err := st.RemoveKeyResult(env.actor(), id); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.backlog.removed")+"\n", backlog.KRRef(id))
				return nil
			})
		},
	}
	var eName, eUnit string
	var eBase, eTarget, eCurrent float64
	edit := &cobra.Command{
		Use:     "edit KR [--name N] [--unit U] [--baseline N] [--target N] [--current N]",
		Short:   env.tr.T("cmd.okr.kr.edit.short"),
		Example: `  huddle okr kr edit KR-2 --target 45`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseKRRef(args[0])
			if err != nil {
				return err
			}
			if cmd.Flags().NFlag() == 0 {
				return errors.New("say what to change: --name, --unit, --baseline, --target or --current")
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				kr, err := st.KeyResult(id)
				if err != nil {
					return err
				}
				ch := cmd.Flags().Changed
				if ch("name") {
					kr.Name = eName
				}
				if ch("unit") {
					kr.Unit = eUnit
				}
				if ch("baseline") {
					kr.Baseline = eBase
				}
				if ch("target") {
					kr.Target = eTarget
				}
				if ch("current") {
					kr.Current = eCurrent
				}
				kr, err = st.EditKeyResult(env.actor(), kr)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.backlog.now_2")+"\n", backlog.KRRef(kr.ID), kr.Name, kr.Baseline, kr.Target, kr.Unit, kr.Current, kr.Progress()*100)
				return nil
			})
		},
	}
	edit.Flags().StringVar(&eName, "name", "", env.tr.T("cmd.okr.kr.edit.flag_name"))
	edit.Flags().StringVar(&eUnit, "unit", "", env.tr.T("cmd.okr.kr.edit.flag_unit"))
	edit.Flags().Float64Var(&eBase, "baseline", 0, env.tr.T("cmd.okr.kr.edit.flag_baseline"))
	edit.Flags().Float64Var(&eTarget, "target", 0, env.tr.T("cmd.okr.kr.edit.flag_target"))
	edit.Flags().Float64Var(&eCurrent, "current", 0, env.tr.T("cmd.okr.kr.edit.flag_current"))
	return group("kr", env.tr.T("cmd.okr.kr.short"), add, edit, set, rm)
}

// parseNumber reads a finite number.
func parseNumber(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil || math.IsNaN(f) || math.Abs(f) > 1e15 {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}

// ---- story ----

func newStoryCmd(env *cliEnv) *cobra.Command {
	return group("story", env.tr.T("cmd.story.short"),
		newStoryAddCmd(env), newStoryEditCmd(env), newStoryMoveCmd(env), newStoryRmCmd(env), newStoryRestoreCmd(env), newStoryListCmd(env), newStoryShowCmd(env),
		newStoryCommentCmd(env), newStoryAcceptCmd(env), newStoryDeclineCmd(env), // comment.go
		newStoryCheckCmd(env)) // acceptance.go
}

// storyFlags are the fields add and edit share.
type storyFlags struct {
	title, description, acceptance, points, value, kr string
	labels                                            []string
}

func (f *storyFlags) register(tr i18n.Tr, cmd *cobra.Command, withTitle bool) {
	if withTitle {
		cmd.Flags().StringVar(&f.title, "title", "", tr.T("cmd.story.edit.flag_title"))
	}
	cmd.Flags().StringVar(&f.description, "description", "", tr.T("cmd.common.flag_description"))
	cmd.Flags().StringVar(&f.acceptance, "acceptance", "", tr.T("cmd.common.flag_acceptance"))
	cmd.Flags().StringVar(&f.points, "points", "?", tr.T("cmd.common.flag_points"))
	cmd.Flags().StringVar(&f.value, "value", "", tr.T("cmd.common.flag_value"))
	cmd.Flags().StringVar(&f.kr, "kr", "", tr.T("cmd.common.flag_kr"))
	cmd.Flags().StringArrayVar(&f.labels, "label", nil, tr.T("cmd.common.flag_label"))
}

// apply copies the flags that were given onto in.
func (f *storyFlags) apply(cmd *cobra.Command, in *store.StoryInput) error {
	ch := cmd.Flags().Changed
	if ch("title") {
		in.Title = f.title
	}
	if ch("description") {
		in.Description = f.description
	}
	if ch("acceptance") {
		in.Acceptance = f.acceptance
	}
	if ch("points") {
		p, err := backlog.ParsePoints(f.points)
		if err != nil {
			return err
		}
		in.Points = p
	}
	if ch("value") {
		v, err := backlog.ParseValue(f.value)
		if err != nil {
			return err
		}
		if v == 0 {
			return errors.New("value must be 1-100")
		}
		in.Value = v
	}
	if ch("kr") {
		switch strings.ToLower(strings.TrimSpace(f.kr)) {
		case "", "none", "0", "-":
			in.KeyResult = 0
		default:
			id, err := backlog.ParseKRRef(f.kr)
			if err != nil {
				return err
			}
			in.KeyResult = id
		}
	}
	if ch("label") {
		in.Labels = f.labels
	}
	return nil
}

func storyInputOf(s backlog.Story) store.StoryInput {
	return store.StoryInput{Title: s.Title, Description: s.Description, Acceptance: s.Acceptance, Points: s.Points,
		Value: s.Value, KeyResult: s.KeyResult, Labels: s.Labels}
}

func newStoryAddCmd(env *cliEnv) *cobra.Command {
	var f storyFlags
	cmd := &cobra.Command{
		Use:   "add TITLE",
		Short: env.tr.T("cmd.story.add.short"),
		Example: `  huddle story add "Onboarding checklist" --points 5 --value 80 --kr KR-1 --label onboarding --label ux
  huddle story add "Export as Markdown" --points ? --label export`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := store.StoryInput{Points: backlog.Unestimated}
			if err := f.apply(cmd, &in); err != nil {
				return err
			}
			in.Title = strings.Join(args, " ")
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := st.AddStory(env.actor(), in)
				if err != nil {
					return err
				}
				if s.Status == backlog.StatusProposed {
					fmt.Fprintf(env.out, env.tr.T("cli.backlog.proposed_the_lead_accepts")+"\n", s.Ref(), s.Title)
					return nil
				}
				fmt.Fprintf(env.out, env.tr.T("cli.backlog.added_2")+"\n", s.Ref(), s.Title)
				return nil
			})
		},
	}
	f.register(env.tr, cmd, false)
	return cmd
}

func newStoryEditCmd(env *cliEnv) *cobra.Command {
	var f storyFlags
	cmd := &cobra.Command{
		Use:     "edit STORY [--title T] [--points N] [--value N] [--kr KR] [--label L]...",
		Short:   env.tr.T("cmd.story.edit.short"),
		Example: `  huddle story edit S-12 --points 8 --kr none`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseStoryRef(args[0])
			if err != nil {
				return err
			}
			if cmd.Flags().NFlag() == 0 {
				return errors.New("say what to change: --title, --points, --value, --kr, --label, --description or --acceptance")
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				cur, err := st.Story(id)
				if err != nil {
					return err
				}
				in := storyInputOf(cur)
				if err := f.apply(cmd, &in); err != nil {
					return err
				}
				s, err := st.EditStory(env.actor(), id, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.backlog.edited")+"\n", s.Ref(), s.Title)
				return nil
			})
		},
	}
	f.register(env.tr, cmd, true)
	return cmd
}

func newStoryMoveCmd(env *cliEnv) *cobra.Command {
	var top, bottom, up, down bool
	var before, after string
	cmd := &cobra.Command{
		Use:   "move STORY --top|--bottom|--up|--down|--before STORY|--after STORY",
		Short: env.tr.T("cmd.story.move.short"),
		Example: `  huddle story move S-12 --top
  huddle story move S-12 --after S-3`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseStoryRef(args[0])
			if err != nil {
				return err
			}
			var pos store.Position
			n := 0
			for _, b := range []bool{top, bottom, up, down, before != "", after != ""} {
				if b {
					n++
				}
			}
			if n != 1 {
				return errors.New("say where to move it with exactly one of --top, --bottom, --up, --down, --before STORY, --after STORY")
			}
			pos.Top, pos.Bottom, pos.Up, pos.Down = top, bottom, up, down
			if before != "" {
				if pos.Before, err = backlog.ParseStoryRef(before); err != nil {
					return err
				}
			}
			if after != "" {
				if pos.After, err = backlog.ParseStoryRef(after); err != nil {
					return err
				}
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				if err := st.MoveStory(env.actor(), id, pos); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.backlog.moved")+"\n", backlog.StoryRef(id))
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&top, "top", false, env.tr.T("cmd.story.move.flag_top"))
	cmd.Flags().BoolVar(&bottom, "bottom", false, env.tr.T("cmd.story.move.flag_bottom"))
	cmd.Flags().BoolVar(&up, "up", false, env.tr.T("cmd.story.move.flag_up"))
	cmd.Flags().BoolVar(&down, "down", false, env.tr.T("cmd.story.move.flag_down"))
	cmd.Flags().StringVar(&before, "before", "", env.tr.T("cmd.story.move.flag_before"))
	cmd.Flags().StringVar(&after, "after", "", env.tr.T("cmd.story.move.flag_after"))
	return cmd
}

func newStoryRmCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "rm STORY",
		Short: env.tr.T("cmd.story.rm.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseStoryRef(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				if err := st.DeleteStory(env.actor(), id); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.backlog.removed")+"\n", backlog.StoryRef(id))
				return nil
			})
		},
	}
}

// storyJSON is the stable shape of a story in `story list --json` and `story show --json`.
type storyJSON struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Acceptance  string   `json:"acceptance"`
	Points      *int     `json:"points"` // null when unestimated
	Value       int      `json:"value"`
	Labels      []string `json:"labels"`
	Status      string   `json:"status"`
	KR          *string  `json:"kr"` // "KR-3" or null
	Sprint      *int     `json:"sprint"`
	Rank        string   `json:"rank"`
	ProposedBy  *string  `json:"proposed_by"` // the member who proposed it, or null
	Declined    *string  `json:"declined_reason"`
	Created     string   `json:"created"`
	Updated     string   `json:"updated"`
}

func toStoryJSON(s backlog.Story) storyJSON {
	j := storyJSON{ID: s.Ref(), Title: s.Title, Description: s.Description, Acceptance: s.Acceptance, Value: s.Value,
		Labels: s.Labels, Status: string(s.Status), Rank: s.Rank,
		Created: s.Created.UTC().Format(time.RFC3339), Updated: s.Updated.UTC().Format(time.RFC3339)}
	if j.Labels == nil {
		j.Labels = []string{}
	}
	if s.Estimated() {
		p := s.Points
		j.Points = &p
	}
	if s.KeyResult != 0 {
		k := backlog.KRRef(s.KeyResult)
		j.KR = &k
	}
	if s.Sprint != 0 {
		sp := s.Sprint
		j.Sprint = &sp
	}
	if s.ProposedBy != "" {
		p := s.ProposedBy
		j.ProposedBy = &p
	}
	if s.Declined != "" {
		d := s.Declined
		j.Declined = &d
	}
	return j
}

func pointsText(s backlog.Story) string {
	if !s.Estimated() {
		return "?"
	}
	return strconv.Itoa(s.Points)
}

func newStoryListCmd(env *cliEnv) *cobra.Command {
	var limit int
	var asJSON bool
	var order string
	var all bool
	cmd := &cobra.Command{
		Use:   "list [--limit N] [--order rank|value] [--all] [--json]",
		Short: env.tr.T("cmd.story.list.short"),
		Long:  env.tr.T("cmd.story.list.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if limit < 0 {
				return fmt.Errorf("--limit must be 0 (all) or more, not %d", limit)
			}
			if order != "rank" && order != "value" {
				return fmt.Errorf("unknown order %q: use rank or value", order)
			}
			return env.withStore(readOnly, func(st *store.Store) error {
				stories, err := st.Stories(limit)
				if err != nil {
					return err
				}
				if order == "value" {
					stories = backlog.ValuePerPointOrder(stories)
				}
				if all {
					declined, err := st.DeclinedStories()
					if err != nil {
						return err
					}
					stories = append(stories, declined...)
				}
				if asJSON {
					out := make([]storyJSON, 0, len(stories))
					for _, s := range stories {
						out = append(out, toStoryJSON(s))
					}
					return printJSON(env, out)
				}
				if len(stories) == 0 {
					fmt.Fprintln(env.out, env.tr.T("cli.backlog.the_backlog_is_empty"))
					return nil
				}
				tr := env.tr
				rows := [][]string{{"ID", tr.T("cli.head.pts"), tr.T("cli.head.val"), "KR", tr.T("cli.head.status"), tr.T("cli.head.labels"), tr.T("cli.head.title")}}
				for _, s := range stories {
					kr := "-"
					if s.KeyResult != 0 {
						kr = backlog.KRRef(s.KeyResult)
					}
					rows = append(rows, []string{s.Ref(), pointsText(s), fmt.Sprint(s.Value), kr, tr.StoryStatus(s.Status), strings.Join(s.Labels, ","), s.Title})
				}
				return writeTable(env.out, rows)
			})
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 0, env.tr.T("cmd.story.list.flag_limit"))
	cmd.Flags().StringVar(&order, "order", "rank", env.tr.T("cmd.story.list.flag_order"))
	cmd.Flags().BoolVar(&all, "all", false, env.tr.T("cmd.story.list.flag_all"))
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

// historyJSON is one entry of a story's history in `story show --json`.
type historyJSON struct {
	At    string            `json:"at"`
	Actor string            `json:"actor"`
	Kind  string            `json:"kind"`
	Text  string            `json:"text"`
	Field map[string]string `json:"fields,omitempty"`
}

func newStoryShowCmd(env *cliEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show STORY [--json]",
		Short: env.tr.T("cmd.story.show.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseStoryRef(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readOnly, func(st *store.Store) error {
				s, err := st.Story(id)
				if err != nil {
					return err
				}
				events, err := st.StoryHistory(id)
				if err != nil {
					return err
				}
				comments, err := storyAndTaskComments(st, id)
				if err != nil {
					return err
				}
				if asJSON {
					out := struct {
						storyJSON
						Checklist []checkItemJSON `json:"checklist"`
						Comments  []commentJSON   `json:"comments"`
						History   []historyJSON   `json:"history"`
					}{storyJSON: toStoryJSON(s), Checklist: toChecklistJSON(s), Comments: []commentJSON{}, History: []historyJSON{}}
					for _, c := range comments {
						out.Comments = append(out.Comments, toCommentJSON(c))
					}
					for _, e := range events {
						out.History = append(out.History, historyJSON{e.At.UTC().Format(time.RFC3339), e.Actor, string(e.Kind), e.Text, e.Fields})
					}
					return printJSON(env, out)
				}
				w := env.out
				fmt.Fprintf(w, "%s  %s\n", s.Ref(), s.Title)
				fmt.Fprintf(w, env.tr.T("cli.backlog.points_value_status"), pointsText(s), s.Value, env.tr.StoryStatus(s.Status))
				if s.KeyResult != 0 {
					name := backlog.KRRef(s.KeyResult)
					if kr, err := st.KeyResult(s.KeyResult); err == nil {
						name += " " + kr.Name
					}
					fmt.Fprintf(w, env.tr.T("cli.backlog.serves"), name)
				}
				fmt.Fprintln(w)
				if len(s.Labels) > 0 {
					fmt.Fprintf(w, env.tr.T("cli.backlog.labels")+"\n", strings.Join(s.Labels, ", "))
				}
				if s.Description != "" {
					fmt.Fprintf(w, "\n"+env.tr.T("cli.backlog.description_head")+"\n", s.Description)
				}
				if s.Acceptance != "" {
					ticked, all := s.CheckedCount()
					fmt.Fprintf(w, "\n"+env.tr.T("cli.backlog.acceptance_ticked")+"\n", ticked, all)
					printChecklist(w, s, "")
				}
				printProposal(env.tr, w, s)
				printComments(env.tr, w, comments)
				fmt.Fprintln(w, "\n"+env.tr.T("cli.backlog.history"))
				for _, e := range events {
					fmt.Fprintf(w, "  %s  %s\n", e.At.UTC().Format("2006-01-02 15:04"), env.tr.Event(e.Text))
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}
