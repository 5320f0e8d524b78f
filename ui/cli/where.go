package cli

// Where the file lives: --db, else $HUDDLE_DB, else ./huddle.db when it
// exists (a team that keeps its file beside its code), else huddle.db in the
// user's data folder ($XDG_DATA_HOME/huddle, by default ~/.local/share/huddle),
// so that opening huddle from two folders opens one team, not two.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// localDB is the file name looked for in the current folder.
const localDB = "huddle.db"

// resolveDB says which file this invocation uses and why.
func (e *cliEnv) resolveDB() (path, why string) {
	if e.dbFlag != "" {
		return e.dbFlag, e.tr.T("cli.where.given_db")
	}
	if p := e.getenv("HUDDLE_DB"); p != "" {
		return p, e.tr.T("cli.where.from_env")
	}
	if fileExists(localDB) {
		return localDB, e.tr.T("cli.where.local")
	}
	if dir, from := e.dataDir(); dir != "" {
		return filepath.Join(dir, "huddle", localDB), e.tr.Tf("cli.where.data_folder", "From", from)
	}
	return localDB, e.tr.T("cli.where.no_home")
}

// dataDir is the user's data folder: $XDG_DATA_HOME, else ~/.local/share.
// Relative values are ignored, as the XDG base directory spec says.
func (e *cliEnv) dataDir() (dir, from string) {
	if d := e.getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return d, "$XDG_DATA_HOME"
	}
	if h := e.getenv("HOME"); filepath.IsAbs(h) {
		return filepath.Join(h, ".local", "share"), "~/.local/share"
	}
	return "", ""
}

// makeDataDir creates the data folder when the default file is about to be
// made there (only that folder: a --db in a missing folder stays an error).
func (e *cliEnv) makeDataDir(path string) error {
	if e.dbFlag != "" || e.getenv("HUDDLE_DB") != "" || path == localDB {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("cannot make the data folder for %s: %v", path, err)
	}
	return nil
}

// shortPath writes a path under $HOME as ~/...
func (e *cliEnv) shortPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if h := e.getenv("HOME"); filepath.IsAbs(h) && strings.HasPrefix(p, h+string(filepath.Separator)) {
		return "~" + p[len(h):]
	}
	return p
}

func newWhereCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "where",
		Short: env.tr.T("cmd.where.short"),
		Long:  env.tr.T("cmd.where.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, why := env.resolveDB()
			abs, err := filepath.Abs(path)
			if err != nil {
				abs = path
			}
			state := env.tr.T("cli.where.exists")
			if !fileExists(path) {
				state = env.tr.T("cli.where.missing")
			}
			fmt.Fprintf(env.out, env.tr.T("cli.where.line")+"\n", abs, why, state)
			return nil
		},
	}
}
