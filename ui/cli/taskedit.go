package cli

import (
	"fmt"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"

	"github.com/spf13/cobra"
)

// Task corrections: task edit and task split.

func newTaskEditCmd(env *cliEnv) *cobra.Command {
	var title, hours, story string
	cmd := taskOp(env, "edit ID [--title T] [--hours H] [--story S-N]",
		"Correct a task: its title, its estimate (the hours left move by as much) or its story", 1,
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
			return fmt.Sprintf("%s %s (%s): %gh estimated, %gh left", t.Ref(), t.Title, backlog.StoryRef(t.Story), t.Estimate, t.Remaining)
		})
	cmd.Example = "  huddle task edit T-3 --title \"Login form\" --hours 8"
	cmd.Flags().StringVar(&title, "title", "", "the new title")
	cmd.Flags().StringVar(&hours, "hours", "", "the new estimate in hours")
	cmd.Flags().StringVar(&story, "story", "", "move it to this story of the same sprint")
	return cmd
}

func newTaskSplitCmd(env *cliEnv) *cobra.Command {
	var hours, title string
	cmd := &cobra.Command{
		Use:     "split ID --hours H [--title T]",
		Short:   "Split a task in two: a new task takes H of its hours left",
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
				fmt.Fprintf(env.out, "split %s: %s %s keeps %gh, %s %s takes %gh\n", keep.Ref(), keep.Ref(), keep.Title, keep.Remaining, part.Ref(), part.Title, part.Remaining)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&hours, "hours", "", "hours the new task takes from this one's hours left")
	cmd.Flags().StringVar(&title, "title", "", "the new task's title (default: the title with \"(part 2)\")")
	return cmd
}
