package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/i18n"

	"github.com/spf13/cobra"
)

// retroCommands returns the commands of this area (retro, review, export).
func retroCommands(env *cliEnv) []*cobra.Command {
	return []*cobra.Command{newRetroCmd(env), newReviewCmd(env), newExportCmd(env)}
}

func retroGroupCmd(use, short string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{Use: use, Short: short, Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() }}
	cmd.AddCommand(subs...)
	return cmd
}

// retroParseID reads "3", "#3" or a prefixed ID like "C-3".
func retroParseID(s, what string) (int, error) {
	t := strings.TrimSpace(s)
	if i := strings.IndexByte(t, '-'); i > 0 && i <= 2 {
		t = t[i+1:]
	}
	n, err := strconv.Atoi(strings.TrimPrefix(t, "#"))
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a %s number", s, what)
	}
	return n, nil
}

// retroParseColumn reads a column by number (1-based) or by the start of its name.
func retroParseColumn(b retro.Board, s string) (int, error) {
	cols := b.Template.Columns()
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
		if n < 1 || n > len(cols) {
			return 0, fmt.Errorf("column %d does not exist: the %s board has %d (%s)", n, b.Template, len(cols), strings.Join(cols, ", "))
		}
		return n - 1, nil
	}
	want := strings.ToLower(strings.TrimSpace(s))
	if want != "" {
		for _, match := range []func(string, string) bool{strings.HasPrefix, strings.Contains} {
			for i, c := range cols {
				if match(strings.ToLower(c), want) {
					return i, nil
				}
			}
		}
	}
	return 0, fmt.Errorf("no column %q on the %s board: use 1-%d or %s", s, b.Template, len(cols), strings.Join(cols, ", "))
}

func retroJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func newRetroCmd(env *cliEnv) *cobra.Command {
	return retroGroupCmd("retro", env.tr.T("cmd.retro.short"),
		newRetroSetupCmd(env),
		retroGroupCmd("card", env.tr.T("cmd.retro.card.short"),
			newRetroCardAddCmd(env), newRetroCardEditCmd(env), newRetroCardDeleteCmd(env), newRetroCardRestoreCmd(env),
			newRetroCardUngroupCmd(env)),
		newRetroListCmd(env),
		newRetroPhaseCmd(env),
		newRetroVoteCmd(env, true), newRetroVoteCmd(env, false),
		newRetroGroupCmd(env),
		newRetroTimerCmd(env),
		retroGroupCmd("action", env.tr.T("cmd.retro.action.short"),
			newRetroActionAddCmd(env), newRetroActionListCmd(env), newRetroActionMarkCmd(env)),
		newRetroExportCmd(env),
	)
}

func newRetroSetupCmd(env *cliEnv) *cobra.Command {
	var sp, template string
	var anon bool
	var budget, maxPer int
	cmd := &cobra.Command{
		Use:   "setup [--sprint N] [--template T] [--anonymous]",
		Short: env.tr.T("cmd.retro.setup.short"),
		Long:  env.tr.T("cmd.retro.setup.long"),
		Example: `  huddle retro setup --template mad-sad-glad --anonymous
  huddle retro setup --sprint 4 --votes 5 --max-per-card 3`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := resolveSprint(st, sp, reviewed)
				if err != nil {
					return err
				}
				b, err := st.CreateRetroBoard(env.actor(), s.ID, store.BoardSettings{Template: retro.Template(template), Anonymous: anon, VoteBudget: budget, MaxPerCard: maxPer})
				if err != nil {
					return err
				}
				a := ""
				if b.Anonymous {
					a = env.tr.T("report.report_md.anonymous")
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.the_retro_board_is")+"\n", s.Ref(), b.Template, strings.Join(env.tr.RetroColumns(b.Template), " / "), a, b.VoteBudget, b.MaxPerCard)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.common.flag_sprint"))
	cmd.Flags().StringVar(&template, "template", "", env.tr.T("cmd.retro.setup.flag_template"))
	cmd.Flags().BoolVar(&anon, "anonymous", false, env.tr.T("cmd.retro.setup.flag_anonymous"))
	cmd.Flags().IntVar(&budget, "votes", 0, env.tr.T("cmd.retro.setup.flag_votes"))
	cmd.Flags().IntVar(&maxPer, "max-per-card", 0, env.tr.T("cmd.retro.setup.flag_max_per_card"))
	return cmd
}

func newRetroCardAddCmd(env *cliEnv) *cobra.Command {
	var sp, column string
	cmd := &cobra.Command{
		Use:   "add --column C TEXT",
		Short: env.tr.T("cmd.retro.card.add.short"),
		Example: `  huddle retro card add --column 1 "Pairing on the API went well"
  huddle retro card add --column improve "Too many meetings on Tuesday"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := resolveSprint(st, sp, reviewed)
				if err != nil {
					return err
				}
				b, err := st.RetroBoard(s.ID)
				if err != nil {
					return err
				}
				col, err := retroParseColumn(b, column)
				if err != nil {
					return err
				}
				c, err := st.AddCard(env.actor(), s.ID, col, strings.Join(args, " "))
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.added_card_to_on")+"\n", c.ID, env.tr.RetroColumn(b.Template.Columns()[col]), s.Ref())
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.common.flag_sprint"))
	cmd.Flags().StringVar(&column, "column", "1", env.tr.T("cmd.retro.card.add.flag_column"))
	return cmd
}

func newRetroCardEditCmd(env *cliEnv) *cobra.Command {
	var column string
	cmd := &cobra.Command{
		Use:     "edit CARD TEXT",
		Short:   env.tr.T("cmd.retro.card.edit.short"),
		Example: `  huddle retro card edit 4 "Pairing on the API went really well"`,
		Args:    cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := retroParseID(args[0], "card")
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				col := -1
				if column != "" {
					c, err := retroFindCard(st, id)
					if err != nil {
						return err
					}
					b, err := st.RetroBoard(c.Sprint)
					if err != nil {
						return err
					}
					if col, err = retroParseColumn(b, column); err != nil {
						return err
					}
				}
				c, err := st.EditCard(env.actor(), id, col, strings.Join(args[1:], " "))
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.changed_card")+"\n", c.ID)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&column, "column", "", env.tr.T("cmd.retro.card.edit.flag_column"))
	return cmd
}

// retroFindCard looks a card up on any sprint's board.
func retroFindCard(st *store.Store, id int) (retro.Card, error) {
	all, err := st.Sprints()
	if err != nil {
		return retro.Card{}, err
	}
	for _, sp := range all {
		cards, err := st.Cards(sp.ID)
		if err != nil {
			return retro.Card{}, err
		}
		if i := slices.IndexFunc(cards, func(c retro.Card) bool { return c.ID == id }); i >= 0 {
			return cards[i], nil
		}
	}
	return retro.Card{}, fmt.Errorf("retro card %d: %w", id, store.ErrNotFound)
}

func newRetroCardDeleteCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "delete CARD",
		Short: env.tr.T("cmd.retro.card.delete.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := retroParseID(args[0], "card")
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				if err := st.DeleteCard(env.actor(), id); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.deleted_card")+"\n", id)
				return nil
			})
		},
	}
}

func newRetroCardUngroupCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:     "ungroup CARD",
		Short:   env.tr.T("cmd.retro.card.ungroup.short"),
		Example: `  huddle retro card ungroup 7`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := retroParseID(args[0], "card")
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				if _, err := st.UngroupCard(env.actor(), id); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.card_stands_on_its")+"\n", id)
				return nil
			})
		},
	}
}

// retroView is what `retro list --json` prints: the board as the actor sees it.
type retroView struct {
	Sprint    int              `json:"sprint"`
	Board     retro.Board      `json:"board"`
	Columns   []string         `json:"columns"`
	VotesLeft int              `json:"votes_left"`
	Cards     []retro.CardView `json:"cards"`
	Actions   []retro.Action   `json:"actions"`
	ToReview  []retro.Action   `json:"to_review"`
}

// loadRetroView reads the retro of sprint arg ("#3"; empty: sprint.PickForReview)
// as viewer sees it: store.RetroView, one read.
func loadRetroView(st *store.Store, arg string, viewer string) (sprint.Sprint, retroView, error) {
	want := 0
	if arg != "" {
		id, err := sprint.ParseSprintRef(arg)
		if err != nil {
			return sprint.Sprint{}, retroView{}, err
		}
		want = id
	}
	r, err := st.RetroView(want, viewer)
	switch {
	case err != nil:
		return r.Sprint, retroView{}, err
	case want != 0 && (!r.Found || r.Sprint.ID != want):
		return r.Sprint, retroView{}, fmt.Errorf("sprint %s: %w", sprint.SprintRef(want), store.ErrNotFound)
	case !r.Found:
		return r.Sprint, retroView{}, errors.New("no sprint has started yet; say which with --sprint N")
	}
	v := retroView{Sprint: r.Sprint.ID, Board: r.Board, Columns: r.Board.Template.Columns(), VotesLeft: r.VotesLeft,
		Cards: r.Cards, Actions: r.Actions, ToReview: r.Pending}
	if v.Cards == nil {
		v.Cards = []retro.CardView{}
	}
	return r.Sprint, v, nil
}

func newRetroListCmd(env *cliEnv) *cobra.Command {
	var sp string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--sprint N] [--json]",
		Short: env.tr.T("cmd.retro.list.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				s, v, err := loadRetroView(st, sp, env.actor())
				if err != nil {
					return err
				}
				if asJSON {
					return retroJSON(env.out, v)
				}
				retroPrint(env.tr, env.out, s, v)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.common.flag_sprint"))
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

func retroPrint(tr i18n.Tr, w io.Writer, s sprint.Sprint, v retroView) {
	b := v.Board
	anon := ""
	if b.Anonymous {
		anon = tr.T("report.report_md.anonymous")
	}
	fmt.Fprintf(w, tr.T("cli.retro.retro_of_phase_you")+"\n", s.Ref(), b.Template, anon, tr.RetroPhase(b.Phase), v.VotesLeft, b.VoteBudget)
	for i, col := range v.Columns {
		fmt.Fprintf(w, "\n%s\n", tr.RetroColumn(col))
		shown, hidden := 0, 0
		for _, c := range v.Cards {
			if min(max(c.Column, 0), len(v.Columns)-1) != i {
				continue
			}
			if c.Hidden {
				hidden++
				continue
			}
			shown++
			var meta []string
			if c.Mine && !b.Anonymous {
				meta = append(meta, "yours")
			} else if c.Author != "" {
				meta = append(meta, c.Author)
			}
			if n := c.TotalVotes(); n > 0 {
				meta = append(meta, tr.Tn("cli.n.vote", n))
			}
			line := fmt.Sprintf("  %3d  %s", c.ID, mdText(c.Text))
			if len(meta) > 0 {
				line += "  (" + strings.Join(meta, ", ") + ")"
			}
			fmt.Fprintln(w, line)
			for _, g := range c.Grouped {
				fmt.Fprintf(w, "         + %s\n", mdText(g))
			}
		}
		if hidden > 0 {
			fmt.Fprintf(w, tr.T("cli.retro.by_others_hidden_until")+"\n", tr.Tn("cli.n.card", hidden))
		}
		if shown == 0 && hidden == 0 {
			fmt.Fprintln(w, tr.T("cli.retro.no_cards"))
		}
	}
	if len(v.ToReview) > 0 {
		fmt.Fprint(w, "\n"+tr.T("cli.retro.earlier_actions_to_review")+"\n")
		for _, a := range v.ToReview {
			fmt.Fprintf(w, tr.T("cli.retro.a_from")+"\n", a.ID, backlog.StoryRef(a.Story), mdText(a.Text), tr.ActionStatus(a.Status), sprint.SprintRef(a.Sprint))
		}
	}
	fmt.Fprintf(w, "\n%s (%d)\n", tr.T("cli.retro.actions_agreed"), len(v.Actions))
	for _, a := range v.Actions {
		retroPrintAction(tr, w, a)
	}
	if warn := retro.ActionWarning(len(v.Actions)); warn != "" {
		fmt.Fprintf(w, tr.T("cli.retro.warning")+"\n", tr.Message(warn))
	}
}

func retroPrintAction(tr i18n.Tr, w io.Writer, a retro.Action) {
	meta := []string{tr.ActionStatus(a.Status)}
	if a.Owner != "" {
		meta = append(meta, tr.Tf("report.report_md.owner", "Who", a.Owner))
	}
	if a.Due != 0 {
		meta = append(meta, tr.Tf("report.report_md.due", "Sprint", sprint.SprintRef(a.Due)))
	}
	fmt.Fprintf(w, "  A%d  %s %s (%s)\n", a.ID, backlog.StoryRef(a.Story), mdText(a.Text), strings.Join(meta, ", "))
}

func newRetroPhaseCmd(env *cliEnv) *cobra.Command {
	var sp string
	cmd := &cobra.Command{
		Use:   "phase [next|back|PHASE]",
		Short: env.tr.T("cmd.retro.phase.short"),
		Long:  env.tr.T("cmd.retro.phase.long"),
		Example: `  huddle retro phase next
  huddle retro phase vote`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			mode := readWrite
			if len(args) == 0 {
				mode = readOnly
			}
			return env.withStore(mode, func(st *store.Store) error {
				s, err := resolveSprint(st, sp, reviewed)
				if err != nil {
					return err
				}
				b, err := st.RetroBoard(s.ID)
				if err != nil {
					return err
				}
				if len(args) == 0 {
					fmt.Fprintf(env.out, env.tr.T("cli.retro.the_retro_is_in")+"\n", s.Ref(), env.tr.RetroPhase(b.Phase))
					return nil
				}
				to := b.Phase.Next()
				switch strings.ToLower(args[0]) {
				case "next":
				case "back", "prev":
					to = b.Phase.Prev()
				default:
					if to, err = retro.ParsePhase(args[0]); err != nil {
						return err
					}
				}
				if b, err = st.SetRetroPhase(env.actor(), s.ID, to); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.the_retro_is_now")+"\n", s.Ref(), env.tr.RetroPhase(b.Phase))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.common.flag_sprint"))
	return cmd
}

func newRetroVoteCmd(env *cliEnv, up bool) *cobra.Command {
	use, short := "vote CARD", env.tr.T("cmd.retro.vote.short")
	if !up {
		use, short = "unvote CARD", env.tr.T("cmd.retro.unvote.short")
	}
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := retroParseID(args[0], "card")
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				vote := st.Vote
				if !up {
					vote = st.Unvote
				}
				c, err := vote(env.actor(), id)
				if err != nil {
					return err
				}
				left, err := st.VotesLeft(c.Sprint, env.actor())
				if err != nil {
					return err
				}
				b, err := st.RetroBoard(c.Sprint)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.card_has_you_have")+"\n", c.ID, env.tr.Tn("cli.n.vote", c.TotalVotes()), left, b.VoteBudget)
				return nil
			})
		},
	}
}

func newRetroGroupCmd(env *cliEnv) *cobra.Command {
	var into string
	cmd := &cobra.Command{
		Use:     "group CARD --into CARD",
		Short:   env.tr.T("cmd.retro.group.short"),
		Example: `  huddle retro group 7 --into 3`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			child, err := retroParseID(args[0], "card")
			if err != nil {
				return err
			}
			parent, err := retroParseID(into, "card")
			if err != nil {
				return fmt.Errorf("say which card to group it under with --into: %w", err)
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				if _, err := st.MergeCard(env.actor(), child, parent); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.grouped_card_under_card")+"\n", child, parent)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&into, "into", "", env.tr.T("cmd.retro.group.flag_into"))
	return cmd
}

func newRetroTimerCmd(env *cliEnv) *cobra.Command {
	var sp string
	cmd := &cobra.Command{
		Use:   "timer MINUTES",
		Short: env.tr.T("cmd.retro.timer.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := strconv.Atoi(args[0])
			if err != nil {
				return fmt.Errorf("%q is not a number of minutes", args[0])
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := resolveSprint(st, sp, reviewed)
				if err != nil {
					return err
				}
				if _, err := st.SetRetroTimer(env.actor(), s.ID, m); err != nil {
					return err
				}
				if m == 0 {
					fmt.Fprintf(env.out, env.tr.T("cli.retro.stopped_the_retro_timer")+"\n", s.Ref())
				} else {
					fmt.Fprintf(env.out, env.tr.T("cli.retro.the_retro_timer_runs")+"\n", s.Ref(), m)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.common.flag_sprint"))
	return cmd
}

func newRetroActionAddCmd(env *cliEnv) *cobra.Command {
	var sp, owner, due string
	cmd := &cobra.Command{
		Use:     "add TEXT [--owner H] [--due N]",
		Short:   env.tr.T("cmd.retro.action.add.short"),
		Example: `  huddle retro action add "Timebox stand-ups to 15 minutes" --owner maya --due 3`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := resolveSprint(st, sp, reviewed)
				if err != nil {
					return err
				}
				dueID := 0
				if due != "" {
					if dueID, err = sprint.ParseSprintRef(due); err != nil {
						return err
					}
				}
				a, err := st.AddRetroAction(env.actor(), s.ID, store.ActionInput{Text: strings.Join(args, " "), Owner: owner, Due: dueID})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.agreed_action_it_is")+"\n", a.ID, backlog.StoryRef(a.Story))
				actions, err := st.Actions(s.ID)
				if err == nil {
					if warn := retro.ActionWarning(len(actions)); warn != "" {
						fmt.Fprintf(env.errOut, env.tr.T("cli.retro.huddle_warning")+"\n", env.tr.Message(warn))
					}
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.retro.action.add.flag_sprint"))
	cmd.Flags().StringVar(&owner, "owner", "", env.tr.T("cmd.retro.action.add.flag_owner"))
	cmd.Flags().StringVar(&due, "due", "", env.tr.T("cmd.retro.action.add.flag_due"))
	return cmd
}

func newRetroActionListCmd(env *cliEnv) *cobra.Command {
	var sp string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--sprint N]",
		Short: env.tr.T("cmd.retro.action.list.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				s, err := resolveSprint(st, sp, reviewed)
				if err != nil {
					return err
				}
				agreed, err := st.Actions(s.ID)
				if err != nil {
					return err
				}
				pending, answered, err := st.ActionsToReview(s.ID)
				if err != nil {
					return err
				}
				if asJSON {
					return retroJSON(env.out, map[string][]retro.Action{"agreed": retroNonNil(agreed), "to_review": retroNonNil(pending), "reviewed": retroNonNil(answered)})
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.earlier_actions_to_review_2")+"\n", s.Ref(), len(pending))
				for _, a := range pending {
					retroPrintAction(env.tr, env.out, a)
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.reviewed_at_this_retro")+"\n", len(answered))
				for _, a := range answered {
					retroPrintAction(env.tr, env.out, a)
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.agreed_at_this_retro")+"\n", len(agreed))
				for _, a := range agreed {
					retroPrintAction(env.tr, env.out, a)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.common.flag_sprint"))
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

func retroNonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func newRetroActionMarkCmd(env *cliEnv) *cobra.Command {
	var sp string
	var removeStory bool
	cmd := &cobra.Command{
		Use:   "mark ACTION done|carried|dropped",
		Short: env.tr.T("cmd.retro.action.mark.short"),
		Example: `  huddle retro action mark A2 done
  huddle retro action mark 3 carried
  huddle retro action mark A4 dropped --remove-story`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := retroParseID(strings.TrimPrefix(strings.ToUpper(args[0]), "A"), "action")
			if err != nil {
				return err
			}
			status, err := retro.ParseActionStatus(args[1])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := resolveSprint(st, sp, reviewed)
				if err != nil {
					return err
				}
				out, err := st.ReviewActionsAndStories(env.actor(), s.ID, map[int]retro.ActionStatus{id: status}, removeStory)
				var later retro.ReviewedLaterError
				if errors.As(err, &later) && sp == "" {
					return fmt.Errorf("%w: the retro of %s is the one now; mark it with --sprint %d", err, s.Ref(), later.Sprint())
				}
				if err != nil {
					return err
				}
				a := out[0]
				fmt.Fprintf(env.out, env.tr.T("cli.retro.action_is")+"\n", a.ID, env.tr.ActionStatus(a.Status))
				if removeStory && retro.SettlesStory(a.Status) {
					fmt.Fprintf(env.out, env.tr.T("cli.retro.is_off_the_backlog")+"\n", backlog.StoryRef(a.Story))
				} else if retro.SettlesStory(a.Status) {
					if waiting, err := st.ActionStoriesWaiting(out); err == nil && len(waiting) > 0 {
						fmt.Fprintf(env.errOut, env.tr.T("cli.retro.huddle_note_its_story")+"\n", backlog.StoryRef(waiting[0]))
					}
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.retro.action.mark.flag_sprint"))
	cmd.Flags().BoolVar(&removeStory, "remove-story", false, env.tr.T("cmd.retro.action.mark.flag_remove_story"))
	return cmd
}

func newRetroExportCmd(env *cliEnv) *cobra.Command {
	var sp string
	cmd := &cobra.Command{
		Use:   "export [--sprint N]",
		Short: env.tr.T("cmd.retro.export.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				s, err := resolveSprint(st, sp, reviewed)
				if err != nil {
					return err
				}
				b, cards, err := st.VisibleCards(s.ID, "")
				if err != nil {
					return err
				}
				actions, err := st.Actions(s.ID)
				if err != nil {
					return err
				}
				_, reviewed, err := st.ActionsToReview(s.ID)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, "# %s %s\n\n", s.Ref(), mdText(s.Name))
				writeRetroMarkdown(env.tr, env.out, "##", b, cards, actions, reviewed)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.common.flag_sprint"))
	return cmd
}

func newReviewCmd(env *cliEnv) *cobra.Command {
	return retroGroupCmd("review", env.tr.T("cmd.review.short"),
		newReviewShowCmd(env),
		retroGroupCmd("feedback", env.tr.T("cmd.review.feedback.short"),
			newFeedbackAddCmd(env), newFeedbackListCmd(env), newFeedbackStoryCmd(env), newFeedbackAttachCmd(env)))
}

func newReviewShowCmd(env *cliEnv) *cobra.Command {
	var sp string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show [--sprint N]",
		Short: env.tr.T("cmd.review.show.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				s, err := resolveSprint(st, sp, reviewed)
				if err != nil {
					return err
				}
				r, err := st.Review(s.ID)
				if err != nil {
					return err
				}
				if asJSON {
					return retroJSON(env.out, map[string]any{"sprint": r.Sprint, "done": retroNonNil(r.Done), "not_done": retroNonNil(r.NotDone),
						"done_points": r.DonePoints, "not_done_points": r.NotDonePoints, "remaining_hours": r.RemainingHours,
						"total_hours": r.TotalHours, "feedback": retroNonNil(r.Feedback)})
				}
				w := env.out
				fmt.Fprintf(w, env.tr.T("cli.retro.review_of_goal")+"\n", s.Ref(), mdText(s.Name), env.tr.SprintStatus(s.Status), textLines(s.Goal, "      "))
				fmt.Fprintf(w, env.tr.T("cli.retro.done_points")+"\n", env.tr.Tn("cli.n.story", len(r.Done)), r.DonePoints)
				for _, st := range r.Done {
					fmt.Fprintf(w, "  %-6s %s (%s)\n", st.Ref(), mdText(st.Title), mdPoints(env.tr, st.Points))
					printChecklist(w, st, "         ")
				}
				fmt.Fprintf(w, env.tr.T("cli.retro.not_done_points")+"\n", env.tr.Tn("cli.n.story", len(r.NotDone)), r.NotDonePoints)
				for _, st := range r.NotDone {
					fmt.Fprintf(w, "  %-6s %s (%s)\n", st.Ref(), mdText(st.Title), mdPoints(env.tr, st.Points))
					printChecklist(w, st, "         ")
				}
				fmt.Fprintf(w, env.tr.T("cli.retro.hours_left_at_the")+"\n", store.ReportHours(r.RemainingHours), store.ReportHours(r.TotalHours))
				fmt.Fprintf(w, env.tr.T("cli.retro.feedback")+"\n", len(r.Feedback))
				for _, f := range r.Feedback {
					fmt.Fprintf(w, "  %s  %s\n", f.Ref(), mdFeedbackLine(env.tr, f))
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.common.flag_sprint"))
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

func newFeedbackAddCmd(env *cliEnv) *cobra.Command {
	var sp, from string
	cmd := &cobra.Command{
		Use:     "add TEXT [--from WHO]",
		Short:   env.tr.T("cmd.review.feedback.add.short"),
		Example: `  huddle review feedback add "Finance needs a CSV export" --from "Dana (finance)"`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := resolveSprint(st, sp, reviewed)
				if err != nil {
					return err
				}
				f, err := st.AddFeedback(env.actor(), s.ID, strings.Join(args, " "), from)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.recorded_feedback_at_the")+"\n", f.Ref(), s.Ref())
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.common.flag_sprint"))
	cmd.Flags().StringVar(&from, "from", "", env.tr.T("cmd.review.feedback.add.flag_from"))
	return cmd
}

func newFeedbackListCmd(env *cliEnv) *cobra.Command {
	var sp string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--sprint N]",
		Short: env.tr.T("cmd.review.feedback.list.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				s, err := resolveSprint(st, sp, reviewed)
				if err != nil {
					return err
				}
				fb, err := st.Feedback(s.ID)
				if err != nil {
					return err
				}
				if asJSON {
					return retroJSON(env.out, retroNonNil(fb))
				}
				if len(fb) == 0 {
					fmt.Fprintf(env.out, env.tr.T("cli.retro.no_feedback_recorded_at")+"\n", s.Ref())
				}
				for _, f := range fb {
					fmt.Fprintf(env.out, "%s  %s\n", f.Ref(), mdFeedbackLine(env.tr, f))
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.common.flag_sprint"))
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

func newFeedbackStoryCmd(env *cliEnv) *cobra.Command {
	var bottom bool
	cmd := &cobra.Command{
		Use:   "story FEEDBACK [--bottom]",
		Short: env.tr.T("cmd.review.feedback.story.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := retro.ParseFeedbackRef(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				_, s, err := st.FeedbackToStory(env.actor(), id, !bottom)
				if err != nil {
					return err
				}
				where := env.tr.T("cli.retro.top")
				if bottom {
					where = env.tr.T("cli.retro.bottom")
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.feedback_is_now_at")+"\n", retro.FeedbackRef(id), s.Ref(), where)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&bottom, "bottom", false, env.tr.T("cmd.review.feedback.story.flag_bottom"))
	return cmd
}

func newFeedbackAttachCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:     "attach FEEDBACK STORY",
		Short:   env.tr.T("cmd.review.feedback.attach.short"),
		Example: `  huddle review feedback attach F3 S-12`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := retro.ParseFeedbackRef(args[0])
			if err != nil {
				return err
			}
			sid, err := backlog.ParseStoryRef(args[1])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				if _, err := st.AttachFeedback(env.actor(), id, sid); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.retro.feedback_is_on")+"\n", retro.FeedbackRef(id), backlog.StoryRef(sid))
				return nil
			})
		},
	}
}

func newExportCmd(env *cliEnv) *cobra.Command {
	var format, sp, out string
	cmd := &cobra.Command{
		Use:   "export --format json|md [--sprint N] [--out FILE]",
		Short: env.tr.T("cmd.export.short"),
		Long:  env.tr.T("cmd.export.long"),
		Example: `  huddle export --format json --out team.json
  huddle export --format md --sprint 3 --out sprint-3.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := strings.ToLower(strings.TrimSpace(format))
			if f != "json" && f != "md" && f != "markdown" {
				return fmt.Errorf("unknown export format %q: use json or md", format)
			}
			if f == "json" && sp != "" {
				return errors.New("--sprint goes with --format md; the JSON export holds the whole file")
			}
			if f == "json" {
				// Streamed: a million events are never held in memory.
				return env.withStore(readOnly, func(st *store.Store) error {
					return env.streamOutput(out, st.ExportJSON)
				})
			}
			var buf bytes.Buffer
			err := env.withStore(readOnly, func(st *store.Store) error {
				s, err := resolveSprint(st, sp, reviewed)
				if err != nil {
					return err
				}
				r, err := st.Report(s.ID)
				if err != nil {
					return err
				}
				writeReportMarkdown(env.tr, &buf, r)
				return nil
			})
			if err != nil {
				return err
			}
			return env.writeOutput(out, buf.Bytes())
		},
	}
	cmd.Flags().StringVar(&format, "format", "", env.tr.T("cmd.export.flag_format"))
	cmd.Flags().StringVar(&sp, "sprint", "", env.tr.T("cmd.export.flag_sprint"))
	cmd.Flags().StringVar(&out, "out", "", env.tr.T("cmd.export.flag_out"))
	return cmd
}
