// Package cli is huddle's command line: the command tree (one file per noun),
// its output formats, and what a caller over SSH may run.
//
// This file is the composition root: it reads flags and the environment, opens
// the store and hands it to the UI or to a command.
package cli

import (
	"errors"
	"fmt"
	"huddle/ui/i18n"
	"io"
	"os"
	"strings"
	"time"

	"huddle/store"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// version is the huddle release; the file format version is store.SchemaVersion.
const version = "0.1.0"

// Main runs huddle with the process's arguments, streams and environment and
// returns its exit status.
func Main() int {
	env := newEnv(os.Stdout, os.Stderr, os.Getenv)
	env.in = os.Stdin
	return run(os.Args[1:], env)
}

// run executes one huddle invocation and returns its exit status. It builds a
// fresh command tree each time, so nothing is shared between invocations (the
// SSH server will run commands for many people in one process).
func run(args []string, env *cliEnv) int {
	if env.isRemote() {
		return runRemote(args, env)
	}
	root := newRootCmd(env)
	root.SetArgs(args)
	root.SetIn(env.inReader())
	root.SetOut(env.out)
	root.SetErr(env.errOut)
	return finish(root.Execute(), env)
}

// finish turns a command's error into its exit status, printing it as one line.
func finish(err error, env *cliEnv) int {
	if err != nil {
		var ex exitError
		if errors.As(err, &ex) {
			return ex.code
		}
		if errors.Is(err, store.ErrReadOnly) && env.toldReadOnly {
			return 1 // the line at open said why already
		}
		fmt.Fprintln(env.errOut, "huddle:", env.tr.Message(oneLine(env.explain(err).Error())))
		return 1
	}
	return 0
}

// exitError ends a command with a status after it has printed its own message.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// cliEnv is what one invocation runs with: its output streams, environment and
// the flags shared by every command.
type cliEnv struct {
	in          io.Reader // standard input ("-"); nil reads as empty
	out, errOut io.Writer
	getenv      func(string) string
	terminal    bool // stdout is a terminal, so the TUI may run

	dbFlag     string
	asFlag     string
	listenFlag string // huddle --listen: the TUI and the SSH server in one process

	remote // set when the command came from elsewhere: SSH or the local socket (remote.go)

	toldReadOnly bool // openStore said why the file is open read-only

	// tr writes what this invocation prints in its reader's language: the
	// environment's (HUDDLE_LANG, the locale) until the store says who is
	// acting and they chose one (useLang). JSON never changes with it.
	tr i18n.Tr
}

func newEnv(out, errOut io.Writer, getenv func(string) string) *cliEnv {
	lang, _ := i18n.Choose(getenv, "") // a bad HUDDLE_LANG means the locale's language
	return &cliEnv{out: out, errOut: errOut, getenv: getenv, terminal: isTerminal(out), tr: i18n.For(lang)}
}

// useLang switches the invocation to the language the acting member chose.
func (e *cliEnv) useLang(memberLang string) {
	if memberLang == "" {
		return
	}
	lang, _ := i18n.Choose(e.getenv, memberLang)
	e.tr = i18n.For(lang)
}

// isTerminal is a real isatty test: /dev/null and other character devices
// are not terminals (a script's `huddle demo >/dev/null` must not open a TTY).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// dbPath is the file this invocation uses (where.go says which and why).
func (e *cliEnv) dbPath() string {
	p, _ := e.resolveDB()
	return p
}

// actor is who is acting: --as, else $USER.
func (e *cliEnv) actor() string {
	if e.remote.actor != "" {
		return e.remote.actor
	}
	if e.asFlag != "" {
		return strings.ToLower(strings.TrimSpace(e.asFlag))
	}
	if u := e.getenv("USER"); u != "" {
		return strings.ToLower(u)
	}
	return "me"
}

// clock returns the time source: HUDDLE_NOW (RFC 3339) pins it, for demos and tests.
func (e *cliEnv) clock() (func() time.Time, error) {
	v := e.getenv("HUDDLE_NOW")
	if v == "" {
		return time.Now, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, fmt.Errorf("HUDDLE_NOW=%q is not an RFC 3339 time (write it like 2026-11-26T09:30:00Z)", v)
	}
	return func() time.Time { return t }, nil
}

func newRootCmd(env *cliEnv) *cobra.Command {
	root := &cobra.Command{
		Use:           "huddle",
		Short:         env.tr.T("cmd.root.short"),
		Long:          env.tr.T("cmd.root.long"),
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE:          func(cmd *cobra.Command, _ []string) error { return runTUI(cmd, env) },
	}
	root.PersistentFlags().StringVar(&env.dbFlag, "db", "", env.tr.T("cmd.root.flag_db"))
	root.PersistentFlags().StringVar(&env.asFlag, "as", "", env.tr.T("cmd.root.flag_as"))
	root.Flags().StringVar(&env.listenFlag, "listen", "", env.tr.T("cmd.root.flag_listen"))
	// A command on a file another huddle holds runs through that huddle (socket.go).
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error { return env.viaSocket(cmd, args) }
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(
		newDemoCmd(env),
		newCheckCmd(env),
		newBackupCmd(env),
		newVersionCmd(env),
		newMemberCmd(env),
		newTeamCmd(env), // team.go
		newImportCmd(env),
		newServeCmd(env),
		newUndoCmd(env), // undo.go
		newWhereCmd(env),
		newThemeCmd(env),
		newKeysCmd(env),
	)
	// Each area of the product adds its commands from its own file.
	root.AddCommand(backlogCommands(env)...) // backlog.go: vision, okr, story
	root.AddCommand(sprintCommands(env)...)  // sprint.go: sprint, task
	root.AddCommand(standupCommands(env)...) // standup.go: standup
	root.AddCommand(retroCommands(env)...)   // retro.go: retro, export
	root.AddCommand(newPokerCmd(env))        // poker.go: planning poker
	conventions(root, env)                   // completion.go: completion, man, --version
	localizeHelp(root, env.tr)               // help.go: cobra's own words
	return root
}
