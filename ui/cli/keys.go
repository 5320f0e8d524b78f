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
		Short: "Check your key file and list every action it may remap",
		Long: `Keys checks your key file ($XDG_CONFIG_HOME/huddle/keys.toml, by default
~/.config/huddle/keys.toml) as the UI does when it starts, and lists every
action with its default keys. The file has one table per screen:

  [board]
  claim = "enter"
  mine = ["F", "ctrl+f"]

  [global]
  quit = "Q"

An unknown action, or a key another action of the same screen (or a global
one) already uses, is refused with one line each. The footer and ? show your
keys. huddle serve reads the file of whoever runs the server, for every
session; a caller's own file is never read over SSH.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := env.keyConfig()
			if err != nil {
				return err
			}
			path := env.keyConfigPath()
			switch {
			case path == "":
				fmt.Fprintln(env.out, "no key file: neither $XDG_CONFIG_HOME nor $HOME is set")
			case cfg == nil:
				fmt.Fprintf(env.out, "%s does not exist; the default keys apply\n", path)
			default:
				fmt.Fprintf(env.out, "%s is fine\n", path)
			}
			fmt.Fprintln(env.out, "\nactions and their default keys:")
			for _, a := range ui.KeyActions() {
				fmt.Fprintln(env.out, "  "+a)
			}
			return nil
		},
	}
}
