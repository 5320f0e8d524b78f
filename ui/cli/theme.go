package cli

import (
	"fmt"
	"strings"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/common"

	"github.com/spf13/cobra"
)

func newThemeCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "theme [default|high-contrast|mono]",
		Short: "Show or choose your colour theme",
		Long: `Theme shows your colour theme, or chooses it: it is kept with you in the team's
file, so it follows you to every screen, over SSH too.

  default        reads well on dark and light terminals (it follows the
                 background your terminal reports)
  high-contrast  text in full black or white, the strongest colours, no greys
  mono           no colour: bold, underline and reverse only

HUDDLE_THEME in your environment wins over the setting for that screen (over
SSH when your client sends it: SendEnv HUDDLE_THEME), and NO_COLOR wins over
both.`,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: backlog.ThemeNames(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return env.withStore(readOnly, func(st *store.Store) error {
					me, err := st.Member(env.actor())
					if err != nil {
						return err
					}
					setting := me.Theme
					if setting == "" {
						setting = string(common.ThemeDefault)
					}
					fmt.Fprintf(env.out, "your theme: %s (themes: %s)\n", setting, strings.Join(backlog.ThemeNames(), ", "))
					if !env.isRemote() {
						if t, err := common.ChooseTheme(env.getenv, me.Theme); err != nil {
							fmt.Fprintf(env.out, "but %v\n", err)
						} else if string(t) != setting {
							fmt.Fprintf(env.out, "this terminal draws %s (NO_COLOR or HUDDLE_THEME)\n", t)
						}
					}
					return nil
				})
			}
			name := strings.ToLower(strings.TrimSpace(args[0]))
			if err := backlog.ValidateTheme(name); err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				m, err := st.UpdateMember(env.actor(), env.actor(), store.MemberChange{Theme: &name})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, "%s draws in the %s theme from now on\n", m.Handle, name)
				return nil
			})
		},
	}
}
