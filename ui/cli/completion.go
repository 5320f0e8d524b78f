package cli

// Shell conventions: completion scripts for bash, zsh and fish whose
// arguments complete from the file (story, task and sprint ids, member
// handles), --version, and a man page made from the command tree. All of it
// is local only: the remote tree keeps none of these (remote.go).

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/serve"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// idKind is what an argument or flag names, for completion.
type idKind int

const (
	kindStory idKind = iota + 1
	kindTask
	kindSprint
	kindMember
)

// completedArgs says what each positional argument of a command names; the
// last kind repeats for commands that take many (sprint add S-1 S-2...).
func completedArgs() map[string][]idKind {
	story, task, spr, mem := kindStory, kindTask, kindSprint, kindMember
	return map[string][]idKind{
		"story edit": {story}, "story move": {story}, "story rm": {story}, "story show": {story},
		"task add":   {story},
		"task claim": {task}, "task unclaim": {task}, "task status": {task}, "task remaining": {task},
		"task block": {task}, "task unblock": {task},
		"sprint start": {spr}, "sprint close": {spr}, "sprint show": {spr}, "sprint burndown": {spr},
		"sprint edit": {spr}, "sprint delete": {spr},
		"sprint add": {story}, "sprint remove": {story},
		"sprint capacity": {mem},
		"member key":      {mem}, "member remove": {mem},
		"standup absent": {mem}, "standup late": {mem}, "standup move": {mem},
		"retro feedback attach": {0, story},
	}
}

// variadic commands repeat their last kind.
var variadicCompletion = map[string]bool{"sprint add": true, "sprint remove": true}

// completedFlags says what a flag of that name names, wherever it appears.
func completedFlags() map[string]idKind {
	return map[string]idKind{
		"for": kindMember, "owner": kindMember, "helper": kindMember, "by": kindMember, "absent": kindMember,
		"before": kindStory, "after": kindStory,
		"task":   kindTask,
		"sprint": kindSprint,
	}
}

// addCompletion turns on cobra's completion command (bash, zsh, fish,
// powershell) and hangs the file-reading completions on the tree.
func addCompletion(root *cobra.Command, env *cliEnv) {
	root.CompletionOptions.DisableDefaultCmd = false
	root.CompletionOptions.HiddenDefaultCmd = false
	args, flags := completedArgs(), completedFlags()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		path := commandPath(c)
		if kinds, ok := args[path]; ok {
			c.ValidArgsFunction = argCompleter(env, kinds, variadicCompletion[path])
		}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if k, ok := flags[f.Name]; ok {
				_ = c.RegisterFlagCompletionFunc(f.Name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
					return env.completeIDs(k), cobra.ShellCompDirectiveNoFileComp
				})
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func argCompleter(env *cliEnv, kinds []idKind, variadic bool) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		i := len(args)
		if i >= len(kinds) {
			if !variadic {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			i = len(kinds) - 1
		}
		if kinds[i] == 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return env.completeIDs(kinds[i]), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeIDs lists the ids of one kind in the file, each with a short
// description ("T-16\tEnd-to-end test for the resume flow"). The shell
// filters them by what was typed. It never creates the file, and a file held
// by a running huddle is asked through that huddle's socket (or gives no
// suggestions) rather than a wait.
func (e *cliEnv) completeIDs(k idKind) []string {
	path := e.dbPath()
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	st, err := store.Open(path, store.Options{ReadOnly: true, LockTimeout: 200 * time.Millisecond})
	if errors.Is(err, store.ErrLocked) {
		return e.completeViaSocket(k)
	}
	if err != nil {
		return nil
	}
	defer st.Close()
	var out []string
	add := func(id, desc string) { out = append(out, id+"\t"+oneLine(desc)) }
	switch k {
	case kindStory:
		stories, _ := st.Stories(0)
		for _, s := range stories {
			add(s.Ref(), s.Title)
		}
	case kindSprint:
		sprints, _ := st.Sprints()
		for _, s := range sprints {
			add(strconv.Itoa(s.ID), fmt.Sprintf("%s %s (%s)", s.Ref(), s.Name, s.Status))
		}
	case kindTask:
		sprints, _ := st.Sprints()
		for _, s := range sprints {
			if s.Status == sprint.StatusClosed {
				continue
			}
			tasks, _ := st.Tasks(s.ID)
			for _, t := range tasks {
				add(sprint.TaskRef(t.ID), t.Title)
			}
		}
	case kindMember:
		members, _ := st.Members()
		for _, m := range members {
			add(m.Handle, m.DisplayName())
		}
	}
	return out
}

// completeViaSocket asks the huddle that holds the file, through its local
// socket, for the ids of one kind (its list commands' JSON): completion goes
// on working while the team's board is open. Sprints have no such list over
// the socket and complete to nothing there.
func (e *cliEnv) completeViaSocket(k idKind) []string {
	var line []string
	switch k {
	case kindStory:
		line = []string{"story", "list", "--json"}
	case kindTask:
		line = []string{"task", "list", "--json"}
	case kindMember:
		line = []string{"member", "list", "--json"}
	default:
		return nil
	}
	conn, err := serve.DialSocket(e.dbPath())
	if err != nil {
		return nil
	}
	defer conn.Close()
	var out strings.Builder
	if code, err := conn.Run(e.actor(), line, strings.NewReader(""), &out, io.Discard); err != nil || code != 0 {
		return nil
	}
	var rows []struct {
		ID     json.RawMessage `json:"id"`
		Title  string          `json:"title"`
		Handle string          `json:"handle"`
		Name   string          `json:"name"`
	}
	if json.Unmarshal([]byte(out.String()), &rows) != nil {
		return nil
	}
	var ids []string
	for _, r := range rows {
		switch k {
		case kindStory:
			var ref string
			if json.Unmarshal(r.ID, &ref) == nil {
				ids = append(ids, ref+"\t"+oneLine(r.Title))
			}
		case kindTask:
			var id int
			if json.Unmarshal(r.ID, &id) == nil {
				ids = append(ids, sprint.TaskRef(id)+"\t"+oneLine(r.Title))
			}
		case kindMember:
			ids = append(ids, r.Handle+"\t"+oneLine(backlog.Member{Handle: r.Handle, Name: r.Name}.DisplayName()))
		}
	}
	return ids
}

// newManCmd writes huddle's man pages, made from the command tree, in the
// reader's language (see manPage).
func newManCmd(root *cobra.Command, env *cliEnv) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "man [--dir DIR]",
		Short: env.tr.T("cmd.man.short"),
		Long:  env.tr.T("cmd.man.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			source, date := "huddle "+version, time.Now()
			if dir == "" {
				// One page: the root's, with every command listed under COMMANDS.
				return manPage(cmd.OutOrStdout(), root, source, date, true, env.tr)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			n, err := manTree(root, dir, source, date, env.tr)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), env.tr.T("cli.completion.wrote_man_pages_to")+"\n", n, dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", env.tr.T("cmd.man.flag_dir"))
	return cmd
}

// setVersion makes `huddle --version` print what `huddle version` prints.
func setVersion(root *cobra.Command, env *cliEnv) {
	root.Version = version
	root.SetVersionTemplate(versionLine(env) + "\n")
}

// versionLine is huddle's release and the file format it writes: "huddle
// 0.1.0 (file schema 6)", in the reader's language after the release.
func versionLine(env *cliEnv) string {
	return "huddle " + version + env.tr.Tf("cli.version.schema", "Schema", store.SchemaVersion())
}

// conventions adds the local-only shell conventions to the local tree.
func conventions(root *cobra.Command, env *cliEnv) {
	setVersion(root, env)
	root.AddCommand(newManCmd(root, env))
	addCompletion(root, env)
}
