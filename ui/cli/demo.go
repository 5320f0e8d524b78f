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
		Short: "Create a realistic demo team and open it",
		Long: `Demo writes a new file (--db, default demo.db) holding a realistic team: five
members, a vision, two quarterly objectives with key results, forty stories, a
closed sprint with its history and retro, an active sprint on its sixth working
day, stand-up notes and past stand-up rounds. Everything is dated relative to now
(or HUDDLE_NOW).

On a terminal it then opens the UI on that file as the team's lead (or --as);
when stdout is not a terminal it prints what it wrote and exits. It refuses to
overwrite an existing file unless given --force.`,
		Args: cobra.NoArgs,
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
				return fmt.Errorf("%s already exists; pass --force to replace it, or --db another file", path)
			}
			if err != nil {
				return err
			}
			if !env.terminal {
				fmt.Fprintln(env.out, sum.String())
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
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing file")
	cmd.Flags().StringVar(&lang, "lang", "en", "the team's language: en, or zh for a team that writes (and reads huddle) in Chinese")
	return cmd
}
