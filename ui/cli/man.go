package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"huddle/ui/i18n"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The man pages are written here, from the command tree, rather than with
// cobra/doc: that package pulls in a Markdown renderer and a YAML encoder
// whose package initialisers cost every huddle process ~1.6 ms at start
// (the init budget test in inittime_test.go), for a page nobody renders often.

// manPage writes cmd's page in roff (man(7)), section 1, in tr's language
// (headings too: man-db knows a Chinese page's NAME by "名称"); with all, a
// COMMANDS section lists every runnable command below it (huddle's one page).
func manPage(w io.Writer, cmd *cobra.Command, source string, date time.Time, all bool, tr i18n.Tr) error {
	name := strings.ReplaceAll(cmd.CommandPath(), " ", "-")
	var b strings.Builder
	fmt.Fprintf(&b, ".TH %q \"1\" %q %q %q\n", strings.ToUpper(name), tr.Month(date), source, tr.T("cli.man.manual"))
	b.WriteString(".nh\n.ad l\n")
	b.WriteString(".SH " + tr.T("cli.man.heading_name") + "\n")
	fmt.Fprintf(&b, "%s \\- %s\n", roff(name), roff(cmd.Short))
	b.WriteString(".SH " + tr.T("cli.man.heading_synopsis") + "\n")
	fmt.Fprintf(&b, "\\fB%s\\fP\n", roff(cmd.UseLine()))
	if long := cmd.Long; long != "" || cmd.Short != "" {
		if long == "" {
			long = cmd.Short
		}
		b.WriteString(".SH " + tr.T("cli.man.heading_description") + "\n")
		writeParagraphs(&b, long)
	}
	if all {
		b.WriteString(".SH " + tr.T("cli.man.heading_commands") + "\n")
		var walk func(c *cobra.Command)
		walk = func(c *cobra.Command) {
			for _, sub := range c.Commands() {
				if !sub.IsAvailableCommand() {
					continue
				}
				if sub.Runnable() {
					fmt.Fprintf(&b, ".TP\n\\fB%s\\fP\n%s\n", roff(sub.UseLine()), roffLines(sub.Short))
				}
				walk(sub)
			}
		}
		walk(cmd)
	}
	if flags := cmd.NonInheritedFlags(); flags.HasAvailableFlags() {
		b.WriteString(".SH " + tr.T("cli.man.heading_options") + "\n")
		writeFlags(&b, flags, tr)
	}
	if flags := cmd.InheritedFlags(); flags.HasAvailableFlags() {
		b.WriteString(".SH " + tr.T("cli.man.heading_inherited_options") + "\n")
		writeFlags(&b, flags, tr)
	}
	if cmd.Example != "" {
		b.WriteString(".SH " + tr.T("cli.man.heading_example") + "\n.nf\n")
		b.WriteString(roffLines(cmd.Example))
		b.WriteString("\n.fi\n")
	}
	var see []string
	if p := cmd.Parent(); p != nil {
		see = append(see, strings.ReplaceAll(p.CommandPath(), " ", "-"))
	}
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() {
			see = append(see, strings.ReplaceAll(sub.CommandPath(), " ", "-"))
		}
	}
	if len(see) > 0 {
		b.WriteString(".SH " + tr.T("cli.man.heading_see_also") + "\n")
		for i, s := range see {
			sep := ","
			if i == len(see)-1 {
				sep = ""
			}
			fmt.Fprintf(&b, "\\fB%s\\fP(1)%s\n", roff(s), sep)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// manTree writes one page per available command below root into dir.
func manTree(root *cobra.Command, dir, source string, date time.Time, tr i18n.Tr) (int, error) {
	n := 0
	var walk func(c *cobra.Command) error
	walk = func(c *cobra.Command) error {
		if c != root && !c.IsAvailableCommand() {
			return nil
		}
		path := filepath.Join(dir, strings.ReplaceAll(c.CommandPath(), " ", "-")+".1")
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		err = manPage(f, c, source, date, false, tr)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		n++
		for _, sub := range c.Commands() {
			if err := walk(sub); err != nil {
				return err
			}
		}
		return nil
	}
	return n, walk(root)
}

func writeFlags(b *strings.Builder, flags *pflag.FlagSet, tr i18n.Tr) {
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		b.WriteString(".TP\n")
		arg, usage := pflag.UnquoteUsage(f)
		spec := "--" + f.Name
		if f.Shorthand != "" {
			spec = "-" + f.Shorthand + ", " + spec
		}
		if arg != "" {
			spec += " " + arg
		}
		fmt.Fprintf(b, "\\fB%s\\fP\n", roff(spec))
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" && f.DefValue != "0" {
			usage += tr.Tf("cli.man.default", "Value", f.DefValue)
		}
		b.WriteString(roffLines(usage) + "\n")
	})
}

// writeParagraphs writes text whose paragraphs are separated by blank lines;
// indented lines keep their layout.
func writeParagraphs(b *strings.Builder, text string) {
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			b.WriteString(".PP\n")
		}
		if strings.HasPrefix(para, " ") || strings.Contains(para, "\n ") {
			b.WriteString(".nf\n" + roffLines(para) + "\n.fi\n")
			continue
		}
		b.WriteString(roffLines(joinWrapped(para)) + "\n")
	}
}

// joinWrapped joins the lines of a filled paragraph where a line break
// falls between two Chinese characters: roff fills a newline as a space,
// which is right between words (and between Chinese and ASCII) and wrong
// inside Chinese text.
func joinWrapped(para string) string {
	lines := strings.Split(para, "\n")
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(lines[i-1])
			next, _ := utf8.DecodeRuneInString(l)
			if !wideScript(prev) || !wideScript(next) {
				b.WriteByte('\n')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// wideScript reports a rune of the CJK blocks (from U+2E80: radicals, CJK
// punctuation, kana, Han, Hangul, full-width forms), written without spaces.
func wideScript(r rune) bool { return r >= 0x2E80 && r != utf8.RuneError }

// roff escapes text for one roff line: backslashes and hyphens.
func roff(s string) string {
	return strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
}

// roffLines escapes text of several lines; a line starting with . or ' would
// be read as a request, so it is guarded.
func roffLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = roff(l)
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			l = `\&` + l
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}
