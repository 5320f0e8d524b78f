package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"huddle/store"
	"huddle/ui"
	"huddle/ui/serve"

	"github.com/spf13/cobra"
)

// openMode says how a command uses the file.
type openMode int

const (
	readOnly  openMode = iota // never writes; the file must exist
	readWrite                 // the file must exist
	create                    // made if missing; the first person becomes lead
)

// openStore opens the file for a command. With create, a new file's first
// person becomes its lead.
func (e *cliEnv) openStore(mode openMode) (*store.Store, error) {
	if e.remote.store != nil {
		return e.remote.store.Shared(), nil // the server's open file; Close leaves it open
	}
	now, err := e.clock()
	if err != nil {
		return nil, err
	}
	path := e.dbPath()
	if mode == create {
		if err := e.makeDataDir(path); err != nil {
			return nil, err
		}
	}
	st, err := store.Open(path, store.Options{Create: mode == create, ReadOnly: mode == readOnly, Now: now})
	if err != nil {
		if errors.Is(err, store.ErrLocked) {
			if hint := serverHint(path); hint != "" {
				return nil, fmt.Errorf("%s is in use by a huddle server; connect to it with `%s` (commands too: `%s member list`)", path, hint, hint)
			}
			if c, err := serve.DialSocket(path); err == nil {
				c.Close()
				return nil, fmt.Errorf("%s is open in another huddle on this machine; commands run through it (huddle --as NAME story list), and to share its screen, open it with --listen and connect with ssh", path)
			}
			return nil, fmt.Errorf("%s is in use by another huddle; connect to that huddle (or close it) and try again", path)
		}
		return nil, err
	}
	// A damaged file, or one this process may not write, is open read-only: say so once.
	if why := st.ReadOnlyReason(); why != "" && (st.Damaged() || mode != readOnly) {
		fmt.Fprintf(e.errOut, "huddle: %s\n", e.tr.Message(why))
		e.toldReadOnly = true
	}
	if mode == create {
		if _, err := st.Bootstrap(e.actor(), "My team"); err != nil {
			st.Close()
			return nil, err
		}
	}
	if me, err := st.Member(e.actor()); err == nil {
		e.useLang(me.Lang)
	}
	return st, nil
}

func runTUI(cmd *cobra.Command, env *cliEnv) error {
	if !env.terminal {
		return errors.New("the huddle UI needs a terminal; run a command instead (see `huddle --help`)")
	}
	st, err := env.openStore(create)
	if err != nil {
		return err
	}
	defer st.Close()
	if env.listenFlag != "" {
		return runUIAndServe(cmd, env, st)
	}
	defer env.listenSocket(st, nil)()
	return runUI(env, st, env.actor())
}

// runUI runs the TUI until the person quits or the process is told to stop.
func runUI(env *cliEnv, st *store.Store, actor string) error {
	if _, err := st.Member(actor); err != nil {
		return fmt.Errorf("%s is not a member of this team; open it as a member with --as NAME (see `huddle member list`)", actor)
	}
	// SIGHUP too: a closed terminal ends the app cleanly (its socket removed).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	opts, err := env.uiOptions(st)
	if err != nil {
		return err
	}
	return ui.Run(ctx, st, actor, opts...)
}

func newCheckCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: env.tr.T("cmd.check.short"),
		Long:  env.tr.T("cmd.check.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			err := env.withStore(readOnly, func(st *store.Store) error {
				problems, err := st.Check()
				if err != nil {
					return err
				}
				if len(problems) > 0 {
					for _, p := range problems {
						fmt.Fprintf(env.errOut, "huddle: %s: %s\n", st.Path(), env.tr.Message(p))
					}
					return exitError{1}
				}
				all, listed, err := st.StoryTotals()
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.store.ok_schema_in_the")+"\n", st.Path(), store.SchemaVersion(), env.tr.Tn("cli.n.story", all), listed)
				return nil
			})
			if errors.Is(err, store.ErrCorrupt) && env.remote.store == nil {
				// Too damaged to open: list what is wrong from the file itself.
				if problems, cerr := store.CheckFile(env.dbPath()); cerr == nil && len(problems) > 1 {
					fmt.Fprintf(env.errOut, "huddle: %v\n", env.tr.Err(err))
					for _, p := range problems {
						fmt.Fprintf(env.errOut, "huddle: %s: %s\n", env.dbPath(), env.tr.Message(p))
					}
					return exitError{1}
				}
			}
			return err
		},
	}
}

func newBackupCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: env.tr.T("cmd.backup.short"),
		Long:  env.tr.T("cmd.backup.long"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				n, err := st.BackupFile(args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.export_stream.wrote_bytes")+"\n", args[0], n)
				return nil
			})
		},
	}
}

func newVersionCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: env.tr.T("cmd.version.short"),
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintln(env.out, versionLine(env))
		},
	}
}

// withStore opens the file, runs fn and closes it.
func (e *cliEnv) withStore(mode openMode, fn func(st *store.Store) error) error {
	st, err := e.openStore(mode)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

// printJSON writes v as indented JSON, the shape every --json flag prints.
func printJSON(env *cliEnv, v any) error {
	enc := json.NewEncoder(env.out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
