package cli

import (
	"fmt"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"

	"github.com/spf13/cobra"
)

func newTaskCmd(env *cliEnv) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "task",
		Short: env.tr.T("cmd.task.short"),
		Long:  env.tr.T("cmd.task.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newTaskAddCmd(env), newTaskClaimCmd(env), newTaskUnclaimCmd(env), newTaskStatusCmd(env),
		newTaskRemainingCmd(env), newTaskBlockCmd(env), newTaskUnblockCmd(env), newTaskListCmd(env),
		newTaskRmCmd(env), newTaskRestoreCmd(env), // undo.go
		newTaskEditCmd(env), newTaskSplitCmd(env), // taskedit.go
		newTaskCommentCmd(env)) // comment.go
	return cmd
}

func newTaskAddCmd(env *cliEnv) *cobra.Command {
	var hours string
	cmd := &cobra.Command{
		Use:     "add STORY TITLE --hours H",
		Short:   env.tr.T("cmd.task.add.short"),
		Example: `  huddle task add S-12 "Login form validation" --hours 6`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			story, err := backlog.ParseStoryRef(args[0])
			if err != nil {
				return err
			}
			if hours == "" {
				return fmt.Errorf("estimate the task with --hours H")
			}
			h, err := parseHours(hours)
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				t, err := st.AddTask(env.actor(), story, args[1], h)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.task.added_to")+"\n", t.Ref(), t.Title, common.Shown(t.Estimate), backlog.StoryRef(story))
				if t.NeedsSplit() {
					fmt.Fprintf(env.out, env.tr.T("cli.task.hint_is_more_than")+"\n", common.Shown(t.Estimate), sprint.SplitHint, t.Ref())
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&hours, "hours", "", env.tr.T("cmd.task.add.flag_hours"))
	return cmd
}

// taskOp is a command that changes one task and prints the result.
func taskOp(env *cliEnv, use, short string, nargs int, op func(st *store.Store, id int, args []string) (sprint.Task, error), done func(t sprint.Task) string) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ExactArgs(nargs),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := sprint.ParseTaskRef(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				t, err := op(st, id, args[1:])
				if err != nil {
					return err
				}
				fmt.Fprintln(env.out, done(t))
				return nil
			})
		},
	}
}

func newTaskClaimCmd(env *cliEnv) *cobra.Command {
	var owner string
	cmd := taskOp(env, "claim ID [--for MEMBER]", env.tr.T("cmd.task.claim.short"), 1,
		func(st *store.Store, id int, _ []string) (sprint.Task, error) {
			return st.ClaimTask(env.actor(), id, owner)
		},
		func(t sprint.Task) string { return fmt.Sprintf(env.tr.T("cli.task.is"), t.Ref(), t.Title, t.Owner) })
	cmd.Flags().StringVar(&owner, "for", "", env.tr.T("cmd.task.claim.flag_for"))
	return cmd
}

func newTaskUnclaimCmd(env *cliEnv) *cobra.Command {
	return taskOp(env, "unclaim ID", env.tr.T("cmd.task.unclaim.short"), 1,
		func(st *store.Store, id int, _ []string) (sprint.Task, error) { return st.UnclaimTask(env.actor(), id) },
		func(t sprint.Task) string { return fmt.Sprintf(env.tr.T("cli.task.is_unclaimed"), t.Ref(), t.Title) })
}

func newTaskStatusCmd(env *cliEnv) *cobra.Command {
	return taskOp(env, "status ID todo|doing|done", env.tr.T("cmd.task.status.short"), 2,
		func(st *store.Store, id int, args []string) (sprint.Task, error) {
			s, err := sprint.ParseTaskStatus(args[0])
			if err != nil {
				return sprint.Task{}, err
			}
			return st.SetTaskStatus(env.actor(), id, s)
		},
		func(t sprint.Task) string {
			return fmt.Sprintf(env.tr.T("cli.task.is_left"), t.Ref(), t.Title, env.tr.TaskStatus(t.Status), common.Shown(t.Remaining))
		})
}

func newTaskRemainingCmd(env *cliEnv) *cobra.Command {
	return taskOp(env, "remaining ID HOURS", env.tr.T("cmd.task.remaining.short"), 2,
		func(st *store.Store, id int, args []string) (sprint.Task, error) {
			h, err := parseHours(args[0])
			if err != nil {
				return sprint.Task{}, err
			}
			return st.SetRemaining(env.actor(), id, h)
		},
		func(t sprint.Task) string {
			return fmt.Sprintf(env.tr.T("cli.task.has_left"), t.Ref(), t.Title, common.Shown(t.Remaining))
		})
}

func newTaskBlockCmd(env *cliEnv) *cobra.Command {
	return taskOp(env, "block ID REASON", env.tr.T("cmd.task.block.short"), 2,
		func(st *store.Store, id int, args []string) (sprint.Task, error) {
			return st.BlockTask(env.actor(), id, args[0])
		},
		func(t sprint.Task) string {
			return fmt.Sprintf(env.tr.T("cli.task.is_blocked"), t.Ref(), t.Title, t.Blocked)
		})
}

func newTaskUnblockCmd(env *cliEnv) *cobra.Command {
	return taskOp(env, "unblock ID", env.tr.T("cmd.task.unblock.short"), 1,
		func(st *store.Store, id int, _ []string) (sprint.Task, error) { return st.UnblockTask(env.actor(), id) },
		func(t sprint.Task) string {
			return fmt.Sprintf(env.tr.T("cli.task.is_no_longer_blocked"), t.Ref(), t.Title)
		})
}

func newTaskListCmd(env *cliEnv) *cobra.Command {
	var mine, asJSON bool
	var which string
	cmd := &cobra.Command{
		Use:   "list [--mine] [--json] [--sprint N]",
		Short: env.tr.T("cmd.task.list.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				sp, err := resolveSprint(st, which, shownFirst)
				if err != nil {
					return err
				}
				all, err := st.Tasks(sp.ID)
				if err != nil {
					return err
				}
				tasks := []sprint.Task{}
				me := env.actor()
				for _, t := range all {
					if !mine || t.Owner == me {
						tasks = append(tasks, t)
					}
				}
				if asJSON {
					return printJSON(env, tasks)
				}
				if len(tasks) == 0 {
					if mine {
						fmt.Fprintf(env.out, env.tr.T("cli.task.no_tasks_of_yours")+"\n", sp.Ref())
					} else {
						fmt.Fprintf(env.out, env.tr.T("cli.task.no_tasks_in_add")+"\n", sp.Ref())
					}
					return nil
				}
				// Pad by display width, so CJK titles line up.
				titleW := 0
				for _, t := range tasks {
					titleW = max(titleW, common.Width(t.Title))
				}
				for _, t := range tasks {
					fmt.Fprintf(env.out, "%-6s %-5s %s  %s\n", t.Ref(), backlog.StoryRef(t.Story), common.Pad(t.Title, titleW), taskState(env.tr, t))
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&mine, "mine", false, env.tr.T("cmd.task.list.flag_mine"))
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	cmd.Flags().StringVar(&which, "sprint", "", env.tr.T("cmd.task.list.flag_sprint"))
	return cmd
}
