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
		Use:       "theme [default|high-contrast|mono]",
		Short:     env.tr.T("cmd.theme.short"),
		Long:      env.tr.T("cmd.theme.long"),
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
					fmt.Fprintf(env.out, env.tr.T("cli.theme.your_theme_themes")+"\n", setting, strings.Join(backlog.ThemeNames(), ", "))
					if !env.isRemote() {
						if t, err := common.ChooseTheme(env.getenv, me.Theme); err != nil {
							fmt.Fprintf(env.out, env.tr.T("cli.theme.but")+"\n", env.tr.Err(err))
						} else if string(t) != setting {
							fmt.Fprintf(env.out, env.tr.T("cli.theme.this_terminal_draws_no")+"\n", t)
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
				fmt.Fprintf(env.out, env.tr.T("cli.theme.draws_in_the_theme")+"\n", m.Handle, name)
				return nil
			})
		},
	}
}
