package cli

import (
	"fmt"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"

	"github.com/spf13/cobra"
)

// Task corrections: task edit and task split.

func newTaskEditCmd(env *cliEnv) *cobra.Command {
	var title, hours, story string
	cmd := taskOp(env, "edit ID [--title T] [--hours H] [--story S-N]",
		env.tr.T("cmd.task.edit.short"), 1,
		func(st *store.Store, id int, _ []string) (sprint.Task, error) {
			var e store.TaskEdit
			if title != "" {
				e.Title = &title
			}
			if hours != "" {
				h, err := parseHours(hours)
				if err != nil {
					return sprint.Task{}, err
				}
				e.Hours = &h
			}
			if story != "" {
				s, err := backlog.ParseStoryRef(story)
				if err != nil {
					return sprint.Task{}, err
				}
				e.Story = &s
			}
			return st.EditTask(env.actor(), id, e)
		},
		func(t sprint.Task) string {
			return fmt.Sprintf(env.tr.T("cli.taskedit.h_estimated_left"), t.Ref(), t.Title, backlog.StoryRef(t.Story), common.Shown(t.Estimate), common.Shown(t.Remaining))
		})
	cmd.Example = "  huddle task edit T-3 --title \"Login form\" --hours 8"
	cmd.Flags().StringVar(&title, "title", "", env.tr.T("cmd.task.edit.flag_title"))
	cmd.Flags().StringVar(&hours, "hours", "", env.tr.T("cmd.task.edit.flag_hours"))
	cmd.Flags().StringVar(&story, "story", "", env.tr.T("cmd.task.edit.flag_story"))
	return cmd
}

func newTaskSplitCmd(env *cliEnv) *cobra.Command {
	var hours, title string
	cmd := &cobra.Command{
		Use:     "split ID --hours H [--title T]",
		Short:   env.tr.T("cmd.task.split.short"),
		Example: "  huddle task split T-3 --hours 8 --title \"Login form tests\"",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := sprint.ParseTaskRef(args[0])
			if err != nil {
				return err
			}
			if hours == "" {
				return fmt.Errorf("say how many hours the new task takes with --hours H")
			}
			h, err := parseHours(hours)
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				keep, part, err := st.SplitTask(env.actor(), id, h, title)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.taskedit.split_keeps_takes")+"\n", keep.Ref(), keep.Ref(), keep.Title, common.Shown(keep.Remaining), part.Ref(), part.Title, common.Shown(part.Remaining))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&hours, "hours", "", env.tr.T("cmd.task.split.flag_hours"))
	cmd.Flags().StringVar(&title, "title", "", env.tr.T("cmd.task.split.flag_title"))
	return cmd
}
