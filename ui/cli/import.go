package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

func newImportCmd(env *cliEnv) *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import FILE.csv|FILE.json|-",
		Short: env.tr.T("cmd.import.short"),
		Long:  env.tr.T("cmd.import.long"),
		Example: `  huddle import stories.csv --dry-run
  huddle import - < stories.csv
  ssh -p 2222 HOST import - < stories.csv
  huddle import team.json --db new.db`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch ext := strings.ToLower(filepath.Ext(args[0])); {
			case args[0] == "-", ext == ".csv":
				if env.isRemote() && args[0] != "-" {
					return errRemotePath("FILE", "ssh HOST import - < stories.csv")
				}
				return importCSV(env, args[0], dryRun)
			case ext == ".json":
				if env.isRemote() {
					return errors.New("importing a JSON team makes a new file on the server's machine; run `huddle import TEAM.json --db NEW.db` there")
				}
				return importJSON(env, args[0], dryRun)
			default:
				return fmt.Errorf("%s: import reads .csv or .json files, not %q", args[0], ext)
			}
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, env.tr.T("cmd.import.flag_dry_run"))
	return cmd
}
