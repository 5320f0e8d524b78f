package cli

import (
	"errors"
	"fmt"

	"huddle/store"
	"huddle/store/demo"

	"github.com/spf13/cobra"
)

func newDemoCmd(env *cliEnv) *cobra.Command {
	var force bool
	var lang string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: env.tr.T("cmd.demo.short"),
		Long:  env.tr.T("cmd.demo.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path := env.dbFlag
			if path == "" {
				path = "demo.db"
			}
			clock, err := env.clock()
			if err != nil {
				return err
			}
			sum, err := demo.CreateIn(path, clock(), force, lang)
			if errors.Is(err, demo.ErrExists) {
				return fmt.Errorf(env.tr.T("cli.demo.exists"), path)
			}
			if err != nil {
				return err
			}
			if !env.terminal {
				printDemoSummary(env, sum)
				return nil
			}
			st, err := store.Open(path, store.Options{Now: clock})
			if err != nil {
				return err
			}
			defer st.Close()
			actor := sum.Lead
			if env.asFlag != "" {
				actor = env.actor()
			}
			return runUI(env, st, actor)
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, env.tr.T("cmd.demo.flag_force"))
	cmd.Flags().StringVar(&lang, "lang", "en", env.tr.T("cmd.demo.flag_lang"))
	return cmd
}

// printDemoSummary says what the demo file holds (demo.Summary.String in
// English), in the reader's language.
func printDemoSummary(env *cliEnv, s demo.Summary) {
	tr, w := env.tr, env.out
	fmt.Fprintln(w, tr.Tf("cli.demo.wrote", "Path", s.Path, "Team", fmt.Sprintf("%q", s.Team), "Members", s.Members, "Lead", s.Lead))
	fmt.Fprintln(w, tr.Tf("cli.demo.vision", "Objectives", s.Objectives, "KRs", s.KeyResults, "Quarter", s.Quarter))
	fmt.Fprintln(w, tr.Tf("cli.demo.stories", "Stories", s.Stories, "Listed", s.Listed, "Unestimated", s.Unestimated, "Actions", s.Actions))
	fmt.Fprintln(w, tr.Tn("cli.demo.sprints", s.Returned, "Sprints", s.Sprints, "Tasks", s.Tasks, "Closed", s.Closed, "Velocity", s.Velocity))
	fmt.Fprintln(w, tr.Tf("cli.demo.active", "Active", s.Active, "Day", s.Day, "Days", s.Days, "Todo", s.Todo, "Doing", s.Doing, "Done", s.Done, "Blocked", s.Blocked))
	fmt.Fprintln(w, tr.Tf("cli.demo.goal", "Goal", s.Goal))
	fmt.Fprintln(w, tr.Tf("cli.demo.log", "Notes", s.Notes, "Rounds", s.Rounds, "Cards", s.Cards, "Events", s.Events))
}
