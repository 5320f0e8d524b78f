package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

func newImportCmd(env *cliEnv) *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import FILE.csv|FILE.json",
		Short: "Import stories from CSV, or a whole team from a JSON export",
		Long: `Import reads FILE by its extension:

  .csv   stories, with a header row (into the current file)
  .json  a whole team written by ` + "`huddle export --format json`" + ` (into a new file)`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch ext := strings.ToLower(filepath.Ext(args[0])); ext {
			case ".csv":
				return importCSV(env, args[0], dryRun)
			case ".json":
				return importJSON(env, args[0], dryRun)
			default:
				return fmt.Errorf("%s: import reads .csv or .json files, not %q", args[0], ext)
			}
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "check the file and print the report; write nothing")
	return cmd
}
