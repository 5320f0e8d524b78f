package cli

// Undo and restore: `huddle undo` takes back the caller's own last change;
// `story restore`, `task restore` and `retro card restore` bring a deleted
// one back by id (`task rm` deletes a task).
// The rules (what undoes what, and when it may not) are the store's.

import (
	"fmt"

	"github.com/spf13/cobra"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

func newUndoCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:     "undo",
		Short:   env.tr.T("cmd.undo.short"),
		Long:    env.tr.Tf("cmd.undo.long", "Kinds", store.UndoKinds),
		Example: "  huddle undo\n  huddle story restore S-8\n  huddle task restore T-3\n  huddle retro card restore 12",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				res, err := st.Undo(env.actor())
				if err != nil {
					return err
				}
				fmt.Fprintln(env.out, env.tr.Tf("page.undone", "What", env.tr.Event(res.Undone.Text)))
				return nil
			})
		},
	}
}

func newStoryRestoreCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "restore STORY",
		Short: env.tr.T("cmd.story.restore.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseStoryRef(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := st.RestoreStory(env.actor(), id)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.undo.restored")+"\n", s.Ref(), s.Title)
				return nil
			})
		},
	}
}

func newRetroCardRestoreCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "restore CARD",
		Short: env.tr.T("cmd.retro.card.restore.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := retroParseID(args[0], "card")
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				if _, err := st.RestoreCard(env.actor(), id); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.undo.restored_card")+"\n", id)
				return nil
			})
		},
	}
}

// taskCmd is a command on one task: fn does the write and says what happened.
func taskCmd(env *cliEnv, use, short string, fn func(st *store.Store, id int) (sprint.Task, error), done string) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := sprint.ParseTaskRef(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				t, err := fn(st, id)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.undo.task_line")+"\n", done, t.Ref(), t.Title)
				return nil
			})
		},
	}
}

func newTaskRmCmd(env *cliEnv) *cobra.Command {
	return taskCmd(env, "rm TASK", env.tr.T("cmd.task.rm.short"),
		func(st *store.Store, id int) (sprint.Task, error) { return st.DeleteTask(env.actor(), id) }, env.tr.T("cli.undo.deleted"))
}

func newTaskRestoreCmd(env *cliEnv) *cobra.Command {
	return taskCmd(env, "restore TASK", env.tr.T("cmd.task.restore.short"),
		func(st *store.Store, id int) (sprint.Task, error) { return st.RestoreTask(env.actor(), id) }, env.tr.T("cli.undo.restored_word"))
}
