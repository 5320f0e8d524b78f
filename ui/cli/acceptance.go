package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"huddle/backlog"
	"huddle/store"

	"github.com/spf13/cobra"
)

// checkItemJSON is one acceptance criterion in `story show --json`.
type checkItemJSON struct {
	N       int    `json:"n"`
	Text    string `json:"text"`
	Checked bool   `json:"checked"`
}

// toChecklistJSON is a story's acceptance criteria as a checklist.
func toChecklistJSON(s backlog.Story) []checkItemJSON {
	out := []checkItemJSON{}
	for i, item := range backlog.AcceptanceItems(s.Acceptance) {
		out = append(out, checkItemJSON{N: i + 1, Text: item, Checked: s.IsChecked(i + 1)})
	}
	return out
}

// printChecklist writes a story's acceptance criteria one a line, ticked or
// not: "  [x] 2. text".
func printChecklist(w io.Writer, s backlog.Story, indent string) {
	for i, item := range backlog.AcceptanceItems(s.Acceptance) {
		box := "[ ]"
		if s.IsChecked(i + 1) {
			box = "[x]"
		}
		fmt.Fprintf(w, "%s%s %d. %s\n", indent, box, i+1, item)
	}
}

func newStoryCheckCmd(env *cliEnv) *cobra.Command {
	var uncheck bool
	cmd := &cobra.Command{
		Use:   "check STORY N [--uncheck]",
		Short: env.tr.T("cmd.story.check.short"),
		Long:  env.tr.T("cmd.story.check.long"),
		Example: `  huddle story check S-12 2
  huddle story check S-12 2 --uncheck`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := backlog.ParseStoryRef(args[0])
			if err != nil {
				return err
			}
			n, err := strconv.Atoi(args[1])
			if err != nil || n < 1 {
				return fmt.Errorf("%q is not a criterion number (1 is the first line of the acceptance criteria)", args[1])
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := st.CheckAcceptance(env.actor(), id, n, !uncheck)
				if err != nil {
					return err
				}
				ticked, all := s.CheckedCount()
				line := env.tr.T("cli.story.check.ticked")
				if uncheck {
					line = env.tr.T("cli.story.check.unticked")
				}
				fmt.Fprintf(env.out, line+"\n", n, s.Ref(), backlog.AcceptanceItems(s.Acceptance)[n-1], ticked, all)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&uncheck, "uncheck", false, env.tr.T("cmd.story.check.flag_uncheck"))
	return cmd
}

// textLines is multi-line text for a plain-text line that starts with a
// label: the lines after the first are indented to line up under it.
func textLines(s, indent string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = mdText(l)
	}
	return strings.Join(lines, "\n"+indent)
}

// mdLines is multi-line text in Markdown: each line's spaces collapsed, the
// lines kept apart by hard breaks.
func mdLines(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = mdText(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "  \n")
}

// mdChecklist writes a story's acceptance criteria as a Markdown task list
// under its bullet.
func mdChecklist(w io.Writer, s backlog.Story) {
	for i, item := range backlog.AcceptanceItems(s.Acceptance) {
		box := " "
		if s.IsChecked(i + 1) {
			box = "x"
		}
		fmt.Fprintf(w, "  - [%s] %s\n", box, mdText(item))
	}
}
