package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/i18n"

	"github.com/spf13/cobra"
)

// commentJSON is one comment in `story show --json`.
type commentJSON struct {
	ID       int      `json:"id"`
	Task     *string  `json:"task"` // "T-3", or null on the story itself
	Author   string   `json:"author"`
	At       string   `json:"at"`
	Text     string   `json:"text"`
	Mentions []string `json:"mentions"`
}

func toCommentJSON(c backlog.Comment) commentJSON {
	j := commentJSON{ID: c.ID, Author: c.Author, At: c.At.UTC().Format(time.RFC3339), Text: c.Text, Mentions: c.Mentions}
	if c.Task != 0 {
		r := sprint.TaskRef(c.Task)
		j.Task = &r
	}
	if j.Mentions == nil {
		j.Mentions = []string{}
	}
	return j
}

// commentText is the text of a comment: the arguments joined, or with "-"
// the caller's stdin (over SSH, their own).
func commentText(env *cliEnv, args []string) (string, error) {
	if len(args) == 1 && args[0] == "-" {
		b, err := io.ReadAll(io.LimitReader(env.in, 64<<10))
		if err != nil {
			return "", err
		}
		return string(b), nil
	}
	return strings.Join(args, " "), nil
}

func newStoryCommentCmd(env *cliEnv) *cobra.Command {
	return commentCmd(env, "comment STORY TEXT|-", env.tr.T("cmd.story.comment.short"),
		`  huddle story comment S-12 "@wei can you check the copy?"
  echo "long remark" | huddle story comment S-12 -`,
		backlog.ParseStoryRef, backlog.StoryRef, (*store.Store).AddStoryComment)
}

func newTaskCommentCmd(env *cliEnv) *cobra.Command {
	return commentCmd(env, "comment TASK TEXT|-", env.tr.T("cmd.task.comment.short"),
		`  huddle task comment T-3 "blocked on @priya's review"`,
		sprint.ParseTaskRef, sprint.TaskRef, (*store.Store).AddTaskComment)
}

// commentCmd is story comment and task comment: the thing's ID, then the text.
func commentCmd(env *cliEnv, use, short, example string, parse func(string) (int, error), ref func(int) string,
	add func(*store.Store, string, int, string) (backlog.Comment, error)) *cobra.Command {
	return &cobra.Command{
		Use: use, Short: short, Example: example,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parse(args[0])
			if err != nil {
				return err
			}
			text, err := commentText(env, args[1:])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				c, err := add(st, env.actor(), id, text)
				if err != nil {
					return err
				}
				printCommented(env, ref(id), c)
				return nil
			})
		},
	}
}

func printCommented(env *cliEnv, ref string, c backlog.Comment) {
	fmt.Fprintf(env.out, env.tr.T("cli.comment.commented_on"), ref)
	if len(c.Mentions) > 0 {
		fmt.Fprintf(env.out, env.tr.T("cli.comment.mentions"), strings.Join(c.Mentions, ", "))
	}
	fmt.Fprintln(env.out)
}

func newStoryAcceptCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "accept STORY",
		Short: env.tr.T("cmd.story.accept.short"),
		Long:  env.tr.T("cmd.story.accept.long"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseStoryRef(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := st.AcceptStory(env.actor(), id)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.comment.accepted_proposed_by")+"\n", s.Ref(), s.Title, s.ProposedBy)
				return nil
			})
		},
	}
}

func newStoryDeclineCmd(env *cliEnv) *cobra.Command {
	var reason string
	cmd := &cobra.Command{
		Use:   "decline STORY --reason R",
		Short: env.tr.T("cmd.story.decline.short"),
		Long:  env.tr.T("cmd.story.decline.long"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseStoryRef(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := st.DeclineStory(env.actor(), id, reason)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.comment.declined")+"\n", s.Ref(), s.Title, s.Declined)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", env.tr.T("cmd.story.decline.flag_reason"))
	return cmd
}

// storyAndTaskComments are a story's comments and its tasks', oldest first.
func storyAndTaskComments(st *store.Store, story int) ([]backlog.Comment, error) {
	return st.StoryThread(story)
}

// printProposal says who proposed a story and, declined, why.
func printProposal(tr i18n.Tr, w io.Writer, s backlog.Story) {
	if s.ProposedBy == "" {
		return
	}
	fmt.Fprintf(w, "\n"+tr.T("cli.comment.proposed_by"), s.ProposedBy)
	if s.Status == backlog.StatusDeclined {
		fmt.Fprintf(w, tr.T("cli.comment.declined_2"), s.Declined)
	}
	fmt.Fprintln(w)
}

func printComments(tr i18n.Tr, w io.Writer, cs []backlog.Comment) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintln(w, "\n"+tr.T("cli.comment.comments"))
	for _, c := range cs {
		on := ""
		if c.Task != 0 {
			on = " on " + sprint.TaskRef(c.Task)
		}
		fmt.Fprintf(w, "  %s  %s%s\n", c.At.UTC().Format("2006-01-02 15:04"), c.Author, on)
		for _, line := range strings.Split(c.Text, "\n") {
			fmt.Fprintf(w, "    %s\n", line)
		}
	}
}
