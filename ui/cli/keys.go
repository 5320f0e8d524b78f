package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"huddle/ui"

	"github.com/spf13/cobra"
)

// keyConfigPath is the person's key file: $XDG_CONFIG_HOME/huddle/keys.toml,
// else ~/.config/huddle/keys.toml ("" when neither is known).
func (e *cliEnv) keyConfigPath() string {
	if d := e.getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "huddle", "keys.toml")
	}
	if h := e.getenv("HOME"); filepath.IsAbs(h) {
		return filepath.Join(h, ".config", "huddle", "keys.toml")
	}
	return ""
}

// keyConfig reads and checks the key file. Its problems are printed one line
// each and the command ends with status 1.
func (e *cliEnv) keyConfig() (*ui.KeyConfig, error) {
	path := e.keyConfigPath()
	if path == "" {
		return nil, nil
	}
	cfg, err := ui.LoadKeyConfig(path)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintln(e.errOut, "huddle:", line)
		}
		return nil, exitError{1}
	}
	return cfg, nil
}

func newKeysCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "keys",
		Short: env.tr.T("cmd.keys.short"),
		Long:  env.tr.T("cmd.keys.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := env.keyConfig()
			if err != nil {
				return err
			}
			path := env.keyConfigPath()
			switch {
			case path == "":
				fmt.Fprintln(env.out, env.tr.T("cli.keys.no_key_file_neither"))
			case cfg == nil:
				fmt.Fprintf(env.out, env.tr.T("cli.keys.does_not_exist_the")+"\n", path)
			default:
				fmt.Fprintf(env.out, env.tr.T("cli.keys.is_fine")+"\n", path)
			}
			fmt.Fprintln(env.out, "\n"+env.tr.T("cli.keys.actions_and_their_default"))
			for _, a := range ui.KeyActions() {
				fmt.Fprintln(env.out, "  "+a)
			}
			return nil
		},
	}
}
