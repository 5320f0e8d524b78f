package ui

import (
	"strings"

	"huddle/ui/common"
	"huddle/ui/i18n"
)

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

// emptyState wraps the explanation an empty screen shows: what the screen will
// hold and what to do first. Commands written between backticks stand out.
func emptyState(st *common.Styles, text string, w int) []string {
	lines := common.Wrap(text, w-2, 0)
	inCode := false
	for i, l := range lines {
		var b strings.Builder
		parts := strings.Split(l, "`")
		for j, p := range parts {
			if j > 0 {
				b.WriteString("`")
				inCode = !inCode
			}
			if p == "" {
				continue
			}
			if inCode {
				b.WriteString(st.Command.Render(p))
			} else {
				b.WriteString(st.Empty.Render(p))
			}
		}
		lines[i] = "  " + b.String()
	}
	return lines
}

// errorLines shows a failed store read in place of a screen's content.
func errorLines(st *common.Styles, what string, err error, w int) []string {
	return errorLinesIn(&i18n.Tr{}, st, what, err, w)
}

// errorLinesIn is errorLines in tr's language (what already is).
func errorLinesIn(tr *i18n.Tr, st *common.Styles, what string, err error, w int) []string {
	var out []string
	for _, l := range common.Wrap(tr.Tf("page.could_not_read", "What", what, "Err", tr.Err(err)), w-2, 4) {
		out = append(out, "  "+st.Error.Render(l))
	}
	return out
}
