package cli

import (
	"io"
	"strings"

	"huddle/ui/common"
)

// writeTable prints rows as columns two spaces apart, aligned by display
// width (a CJK character takes two cells, an emoji two), which text/tabwriter
// counts as one. The last column is not padded.
func writeTable(w io.Writer, rows [][]string) error {
	widths := columnWidths(rows)
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i == len(r)-1 {
				b.WriteString(c)
				break
			}
			b.WriteString(c)
			b.WriteString(strings.Repeat(" ", widths[i]-common.Width(c)+2))
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeTableRight prints rows like text/tabwriter with AlignRight: every
// column but the last is right-aligned in its width plus two, by display
// width; the last is printed as it is.
func writeTableRight(w io.Writer, rows [][]string) error {
	widths := columnWidths(rows)
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-common.Width(c)+2))
			}
			b.WriteString(c)
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// padTo fills s with spaces to w display cells, like %-*s counts runes; a
// longer s is kept whole.
func padTo(s string, w int) string {
	if n := w - common.Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// columnWidths is the display width of each column's widest cell.
func columnWidths(rows [][]string) []int {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], common.Width(c))
		}
	}
	return widths
}
