package cli

// cobra's own words in the reader's language: the usage and help layout
// ("Usage:", "Available Commands:", "Flags:" ...), the -h/--help and
// --version flags, and the help and completion commands. Command texts come
// from the catalog where each command is made (env.tr).

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"

	"huddle/ui/i18n"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// localizeHelp makes root's help speak tr's language, for root and every
// command under it. It runs on a finished tree (the remote tree too).
func localizeHelp(root *cobra.Command, tr i18n.Tr) {
	root.SetUsageFunc(func(c *cobra.Command) error {
		localizeBuiltins(c.Root(), tr)
		return writeUsage(c.OutOrStderr(), c, tr)
	})
	root.SetHelpFunc(func(c *cobra.Command, _ []string) {
		localizeBuiltins(c.Root(), tr)
		writeHelp(c.OutOrStdout(), c)
	})
}

// writeHelp is cobra's help layout (defaultHelpFunc): the long text, else the
// short one, then the usage.
func writeHelp(w io.Writer, c *cobra.Command) {
	text := c.Long
	if text == "" {
		text = c.Short
	}
	if text = strings.TrimRightFunc(text, unicode.IsSpace); text != "" {
		fmt.Fprintf(w, "%s\n\n", text)
	}
	if c.Runnable() || c.HasSubCommands() {
		fmt.Fprint(w, c.UsageString())
	}
}

// localizeBuiltins translates the help and completion commands, which cobra
// adds to the root only when it executes (the completion command's scripts
// go to the output the root has then).
func localizeBuiltins(root *cobra.Command, tr i18n.Tr) {
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short = tr.T("cli.help.help_short")
			c.Long = tr.Tf("cli.help.help_long", "Root", root.DisplayName())
		case "completion":
			localizeCompletion(c, root.Name(), tr)
		}
	}
}

// localizeCompletion rewrites the texts of cobra's completion command.
func localizeCompletion(c *cobra.Command, name string, tr i18n.Tr) {
	c.Short = tr.T("cli.help.completion_short")
	c.Long = tr.Tf("cli.help.completion_long", "Root", name)
	for _, sh := range c.Commands() {
		sh.Short = tr.Tf("cli.help.completion_shell", "Shell", sh.Name())
		switch sh.Name() {
		case "bash":
			sh.Long = tr.Tf("cli.help.completion_bash", "Root", name)
		case "zsh":
			sh.Long = tr.Tf("cli.help.completion_zsh", "Root", name)
		case "fish":
			sh.Long = tr.Tf("cli.help.completion_fish", "Root", name)
		case "powershell":
			sh.Long = tr.Tf("cli.help.completion_powershell", "Root", name)
		}
		if f := sh.Flags().Lookup("no-descriptions"); f != nil {
			f.Usage = tr.T("cli.help.no_descriptions")
		}
	}
}

// writeUsage is cobra's usage layout (defaultUsageFunc) with its words from
// the catalog; the English is cobra's, byte for byte.
func writeUsage(w io.Writer, c *cobra.Command, tr i18n.Tr) error {
	// cobra adds -h and --version to the command it runs, just before it
	// parses the flags (so a man page made from the tree lists neither).
	if f := c.Flags().Lookup("help"); f != nil {
		f.Usage = tr.Tf("cli.help.flag_help", "Name", c.DisplayName())
	}
	if f := c.Flags().Lookup("version"); f != nil && c.Version != "" {
		f.Usage = tr.Tf("cli.help.flag_version", "Name", c.DisplayName())
	}
	var b strings.Builder
	b.WriteString(tr.T("cli.help.usage"))
	if c.Runnable() {
		fmt.Fprintf(&b, "\n  %s", c.UseLine())
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n  %s [command]", c.CommandPath())
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(&b, "\n\n%s\n  %s", tr.T("cli.help.aliases"), c.NameAndAliases())
	}
	if c.HasExample() {
		fmt.Fprintf(&b, "\n\n%s\n%s", tr.T("cli.help.examples"), c.Example)
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\n" + tr.T("cli.help.commands"))
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(&b, "\n  %-*s %s", sub.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(&b, "\n\n%s\n%s", tr.T("cli.help.flags"), flagUsages(c.LocalFlags(), tr))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(&b, "\n\n%s\n%s", tr.T("cli.help.global_flags"), flagUsages(c.InheritedFlags(), tr))
	}
	if c.HasHelpSubCommands() {
		b.WriteString("\n\n" + tr.T("cli.help.topics"))
		for _, sub := range c.Commands() {
			if sub.IsAdditionalHelpTopicCommand() {
				fmt.Fprintf(&b, "\n  %-*s %s", sub.CommandPathPadding(), sub.CommandPath(), sub.Short)
			}
		}
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\n" + tr.Tf("cli.help.more", "Command", c.CommandPath()))
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// flagDefault is the " (default X)" pflag writes at the end of a usage line.
var flagDefault = regexp.MustCompile(`(?m) \(default (.*)\)$`)

// flagUsages is pflag's flag list with its "(default ...)" in tr's language.
func flagUsages(fs *pflag.FlagSet, tr i18n.Tr) string {
	s := strings.TrimRightFunc(fs.FlagUsages(), unicode.IsSpace)
	return flagDefault.ReplaceAllStringFunc(s, func(m string) string {
		v := flagDefault.FindStringSubmatch(m)[1]
		return tr.Tf("cli.help.default", "Value", v)
	})
}

// cobraErrors are the formats cobra and pflag write a command line's
// mistakes with (unknown command or flag, wrong number of arguments). They
// cannot be asked for another language, so the catalog lists each under
// err.cli.cobra_* with this exact English text, and finish translates the
// line like any other error (i18n.Tr.Message). TestCobraErrorsAreTranslated
// makes each one happen, so a cobra that words them differently fails it.
func cobraErrors() []string {
	return []string{
		"unknown command %q for %q",
		"unknown flag: --%s",
		"flag needs an argument: --%s",
		"invalid argument %q for %q flag: %v",
		"requires at least %d arg(s), only received %d",
		"accepts at most %d arg(s), received %d",
		"accepts %d arg(s), received %d",
		"accepts between %d and %d arg(s), received %d",
	}
}
