package cli

// The remote surface: what a caller who is not the file's own opener (a
// command over SSH, or another huddle on this machine through the running
// huddle's socket) may run.
//
// It is an allowlist. The remote command tree is built from the local one by
// keeping only the commands named in remoteCommands; everything else does not
// exist there, so a command added to the local tree is local-only until
// someone declares it here (TestEveryCommandIsDeclaredOrRefusedRemotely keeps
// it so). The remote root has no --db, --as or --listen: a remote command runs
// on the server's open file as the member the server says the caller is.
//
// A remote command never opens, creates or reads a path on the server: its
// input is the caller's stdin ("-") and its output the caller's stdout. Every
// file a command touches goes through env.openInput and env.writeOutput, which
// refuse paths for a remote caller.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"huddle/ui/i18n"

	"github.com/spf13/cobra"
)

// remoteCommands lists the command paths (without "huddle") a remote caller
// may run. A group is kept when one of its commands is. Not here, on purpose:
// demo, check, backup and serve (they work on the server's own files), and the
// TUI itself (an SSH session with a terminal gets the app instead).
func remoteCommands() []string {
	return []string{
		"version",
		"undo",   // the caller's own last change only
		"theme",  // the caller's own setting; HUDDLE_THEME is read from their client, not here
		"export", // to the caller's stdout; --out refused
		"import", // CSV from the caller's stdin (import -); a JSON team makes a new file, so local only
		"member add", "member key", "member list", "member remove",
		"member edit", "member off", // the lead's; act on the open file only
		"team show", "team rename", "team holiday add", "team holiday list", "team holiday rm",
		"vision set", "vision show",
		"okr add", "okr edit", "okr list", "okr rm",
		"okr kr add", "okr kr edit", "okr kr rm", "okr kr set",
		"story add", "story edit", "story list", "story move", "story restore", "story rm", "story show", "story check",
		"story comment", "story accept", "story decline", "task comment", // text from args or the caller's stdin
		"sprint add", "sprint burndown", "sprint capacity", "sprint close", "sprint delete", "sprint edit",
		"sprint new", "sprint remove", "sprint show", "sprint start", "sprint velocity",
		"task add", "task block", "task claim", "task edit", "task list", "task remaining", "task restore", "task rm",
		"task split", "task status", "task unblock", "task unclaim",
		"standup absent", "standup block", "standup end", "standup export", "standup late",
		"standup list", "standup move", "standup next", "standup note", "standup pause",
		"standup previous", "standup resolve", "standup resume", "standup settings",
		"standup show", "standup skip", "standup start",
		"retro action add", "retro action list", "retro action mark",
		"retro card add", "retro card delete", "retro card edit", "retro card restore", "retro card ungroup",
		"retro export", "retro group", "retro list", "retro phase", "retro setup",
		"retro timer", "retro unvote", "retro vote",
		"review show", "review feedback add", "review feedback attach",
		"review feedback list", "review feedback story",
		"poker accept", "poker end", "poker next", "poker reveal", "poker revote", "poker show", "poker start", "poker vote",
	}
}

// remoteHelp is how a remote command's help differs from the local one: the
// flags that only make sense on the server's machine are hidden (and refused
// when given), and the usage and examples say what works from elsewhere.
type remoteHelp struct {
	hide                []string
	use, long, examples string
}

func remoteHelps(tr i18n.Tr) map[string]remoteHelp {
	return map[string]remoteHelp{
		"export": {hide: []string{"out"}, use: "export --format json|md [--sprint N]",
			long:     tr.T("cmd.remote.export.long"),
			examples: "  ssh -p 2222 HOST export --format json > team.json\n  ssh -p 2222 HOST export --format md --sprint 3 > sprint-3.md"},
		"import": {use: "import - < FILE.csv",
			long:     tr.T("cmd.remote.import.long"),
			examples: "  ssh -p 2222 HOST import - --dry-run < stories.csv\n  ssh -p 2222 HOST import - < stories.csv"},
		"member add": {examples: "  ssh -p 2222 HOST member add alice --name \"Alice Chen\" --key \"ssh-ed25519 AAAA... alice@laptop\"\n" +
			"  ssh -p 2222 HOST member add bob --key-file - < bob.pub"},
		"member key": {examples: "  ssh -p 2222 HOST member key alice --key-file - < alice.pub"},
	}
}

// commandPath is a command's path without the root's name ("story add").
func commandPath(c *cobra.Command) string {
	p := c.CommandPath()
	if i := strings.IndexByte(p, ' '); i >= 0 {
		return p[i+1:]
	}
	return ""
}

// newRemoteRootCmd builds the command tree a remote caller gets: the declared
// commands of the local tree under a root without --db, --as or --listen.
func newRemoteRootCmd(env *cliEnv) *cobra.Command {
	local := newRootCmd(env)
	allowed := map[string]bool{}
	for _, p := range remoteCommands() {
		allowed[p] = true
	}
	root := &cobra.Command{
		Use:           "huddle",
		Short:         env.tr.T("cmd.remote.short"),
		Long:          env.tr.T("cmd.remote.long"),
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE:          func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		for _, f := range []string{"db", "as", "listen"} {
			if strings.Contains(err.Error(), "unknown flag: --"+f) {
				return fmt.Errorf("--%s does not work here: commands run on the server's open file as the member your key (or --as, on its machine) says you are", f)
			}
		}
		return err
	})
	var keep func(c *cobra.Command) bool
	keep = func(c *cobra.Command) bool {
		path := commandPath(c)
		if !c.HasSubCommands() {
			return allowed[path]
		}
		kept := false
		for _, sub := range c.Commands() {
			if keep(sub) {
				kept = true
			} else {
				c.RemoveCommand(sub)
			}
		}
		return kept || allowed[path]
	}
	for _, c := range local.Commands() {
		if !keep(c) {
			continue
		}
		local.RemoveCommand(c)
		root.AddCommand(c)
	}
	for path, h := range remoteHelps(env.tr) {
		c, _, err := root.Find(strings.Fields(path))
		if err != nil || c == root {
			continue
		}
		for _, f := range h.hide {
			_ = c.Flags().MarkHidden(f)
		}
		if h.use != "" {
			c.Use = h.use
		}
		if h.long != "" {
			c.Long = h.long
		}
		if h.examples != "" {
			c.Example = h.examples
		}
	}
	localizeHelp(root, env.tr)
	return root
}

// runRemote runs args on the remote tree. A command that exists only in the
// local tree is refused with one line.
func runRemote(args []string, env *cliEnv) int {
	root := newRemoteRootCmd(env)
	if len(args) > 0 && strings.HasPrefix(args[0], "__") {
		// cobra's hidden shell-completion commands are not on the allowlist either.
		fmt.Fprintf(env.errOut, env.tr.T("cli.remote.huddle_unknown_command_see")+"\n", args[0])
		return 1
	}
	if c, _, err := root.Find(args); (err != nil || c == root) && !onlyFlags(args) {
		local := newRootCmd(env)
		if lc, _, lerr := local.Find(args); lerr == nil && lc != local {
			if rc, _, _ := root.Find(strings.Fields(commandPath(lc))); rc == root {
				fmt.Fprintf(env.errOut, env.tr.T("cli.remote.huddle_huddle_works_only")+"\n", commandPath(lc))
				return 1
			}
		}
	}
	root.SetArgs(args)
	root.SetIn(env.inReader())
	root.SetOut(env.out)
	root.SetErr(env.errOut)
	return finish(root.Execute(), env)
}

// onlyFlags says whether args name no command (e.g. just --help).
func onlyFlags(args []string) bool {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return false
		}
	}
	return true
}

// inReader is the caller's standard input (empty when there is none).
func (e *cliEnv) inReader() io.Reader {
	if e.in == nil {
		return strings.NewReader("")
	}
	return e.in
}

// errRemotePath is the one answer to a remote caller who names a file.
func errRemotePath(flag, example string) error {
	return fmt.Errorf("%s names a file on the server, which commands from elsewhere never open; use - for your standard input (%s)", flag, example)
}

// openInput opens what a command reads: "-" is the caller's standard input;
// any other name is a local file, refused for a remote caller. At most limit
// bytes are read; more is an error.
func (e *cliEnv) openInput(name, flag, example string, limit int64) ([]byte, error) {
	var r io.Reader
	switch {
	case name == "-":
		r = e.inReader()
		name = "standard input"
	case e.isRemote():
		return nil, errRemotePath(flag, example)
	default:
		f, err := os.Open(name)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("cannot read %s: %v", name, err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %s; split it", name, byteSize(limit))
	}
	return data, nil
}

// writeOutput writes data to name ("" or "-": the caller's stdout). A remote
// caller cannot name a file.
func (e *cliEnv) writeOutput(name string, data []byte) error {
	return e.streamOutput(name, func(w io.Writer) error { _, err := w.Write(data); return err })
}

func byteSize(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

// isRemote says whether the command came from elsewhere (SSH or the socket).
func (e *cliEnv) isRemote() bool { return e.remote.store != nil }
