package common

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
)

// Ellipsis ends text that was cut to fit.
const Ellipsis = "…"

// Line makes text one line: every run of spaces, tabs and newlines becomes one space.
func Line(s string) string { return strings.Join(strings.Fields(s), " ") }

// Width is the display width of s in terminal cells (CJK and emoji count two;
// escape sequences count nothing).
func Width(s string) int {
	// Most text on screen is ASCII, styled with SGR sequences, with a few
	// symbols (· … ─ █ ←) or CJK: count those without grapheme segmentation,
	// and hand anything else to ansi.StringWidth.
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			n++
			i++
			continue
		case c == 0x1b:
			if j := csiEnd(s, i); j > 0 {
				i = j
				continue
			}
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			// A symbol alone in its grapheme cluster: what follows it
			// (ASCII, an escape, another such symbol) cannot join it.
			if w := simpleWidth(r); w > 0 {
				if j := i + size; j == len(s) || s[j] < 0x80 || simpleWidth(nextRune(s[j:])) > 0 {
					n += w
					i = j
					continue
				}
			}
		}
		return ansi.StringWidth(s)
	}
	return n
}

// csiEnd is the index just past the CSI sequence (ESC [ params final) that
// starts at i, or 0 when none does.
func csiEnd(s string, i int) int {
	if i+1 >= len(s) || s[i+1] != '[' {
		return 0
	}
	j := i + 2
	for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f { // parameters
		j++
	}
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f { // intermediates
		j++
	}
	if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
		return j + 1
	}
	return 0
}

func nextRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// simpleWidth is the width of r when r is one of the symbols or CJK
// characters that never join a grapheme cluster with what precedes them and
// whose width ansi.StringWidth agrees with (TestWidthFastPathAgreesWithAnsi
// checks every one of them), else 0.
func simpleWidth(r rune) int {
	switch {
	case r >= 0xa0 && r <= 0x2ff && r != 0xad, // Latin-1 and Latin letters, not the soft hyphen
		r >= 0x2010 && r <= 0x2027, // dashes, quotes, bullet, ellipsis
		r >= 0x2030 && r <= 0x205e,
		r >= 0x2190 && r <= 0x21ff, // arrows
		r >= 0x2500 && r <= 0x25fc: // box drawing, blocks, shapes
		return 1
	case r >= 0x3000 && r <= 0x3029, r >= 0x3030 && r <= 0x303e, // CJK punctuation
		r >= 0x3041 && r <= 0x3096, r >= 0x309b && r <= 0x30ff, // kana
		r >= 0x3400 && r <= 0x4dbf, r >= 0x4e00 && r <= 0x9fff, // CJK ideographs
		r >= 0xac00 && r <= 0xd7a3, // Hangul syllables
		r >= 0xff01 && r <= 0xff60: // full-width forms
		return 2
	}
	return 0
}

// Truncate cuts s to at most w cells, ending with "…" when it had to cut. It
// measures display width, so wide CJK text never overflows; styled text keeps
// its escape sequences.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	// No character is wider than its UTF-8 bytes (and escapes are zero wide),
	// so a string of at most w bytes always fits.
	if len(s) <= w || Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, Ellipsis)
}

// Pad truncates s to w cells and fills it with spaces to exactly w cells.
func Pad(s string, w int) string {
	s, n := fitted(s, w)
	if n < w {
		return s + blanks(w-n)
	}
	return s
}

// fitted is Truncate(s, w) and its width, measuring s once when it fits.
func fitted(s string, w int) (string, int) {
	if w <= 0 {
		return "", 0
	}
	if n := Width(s); n <= w {
		return s, n
	}
	s = ansi.Truncate(s, w, Ellipsis)
	return s, Width(s)
}

// spaces is where blanks cuts its runs of spaces from.
const spaces = "                                                                                                                                "

// blanks is n spaces (none when n <= 0), without allocating for short runs.
func blanks(n int) string {
	switch {
	case n <= 0:
		return ""
	case n <= len(spaces):
		return spaces[:n]
	}
	return strings.Repeat(" ", n)
}

// PadLeft is Pad aligned right.
func PadLeft(s string, w int) string {
	s = Truncate(s, w)
	if n := w - Width(s); n > 0 {
		s = strings.Repeat(" ", n) + s
	}
	return s
}

// Spread puts left and right on one line of exactly w cells with spaces between,
// cutting left first when both do not fit.
func Spread(left, right string, w int) string {
	rw := Width(right)
	if rw+1 > w {
		return Pad(left, w)
	}
	left = Truncate(left, w-rw-1)
	return left + strings.Repeat(" ", w-Width(left)-rw) + right
}

// Wrap word-wraps plain text to w cells and keeps at most maxLines lines; when
// text is left over the last kept line ends with "…". maxLines <= 0 keeps every
// line. Lines break at spaces and between wide (CJK) characters, never inside
// a word like "T-40" unless the word is wider than a line.
func Wrap(s string, w, maxLines int) []string {
	if w <= 0 {
		return nil
	}
	var lines []string
	for _, para := range strings.Split(strings.TrimSpace(s), "\n") {
		if para = Line(para); para != "" {
			lines = append(lines, wrapLine(para, w)...)
		}
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		last := lines[maxLines-1]
		if ansi.StringWidth(last)+1 > w {
			last = ansi.Truncate(last, w-1, "")
		}
		lines[maxLines-1] = last + Ellipsis
	}
	return lines
}

// closingPunct are the wide punctuation marks that may not begin a line.
const closingPunct = "，。、；：？！）」』】〉》”’…"

// wrapToken is a piece of text that stays on one line: a word, or one wide character.
type wrapToken struct {
	text  string
	width int
	space bool // a space separates it from the token before
}

// wrapTokens splits one line of plain text (single spaces) into tokens.
func wrapTokens(s string) []wrapToken {
	var out []wrapToken
	var cur wrapToken
	space := false
	end := func() {
		if cur.text != "" {
			out = append(out, cur)
		}
		cur = wrapToken{}
	}
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		c := g.Str()
		switch cw := ansi.StringWidth(c); {
		case c == " ":
			end()
			space = true
		case cw >= 2 && !space && cur.text != "" && strings.Contains(closingPunct, c):
			// A closing mark like ，or 。 never starts a line: it stays
			// with the text before it.
			cur.text += c
			cur.width += cw
		case cw >= 2 && !space && len(out) > 0 && strings.Contains(closingPunct, c):
			out[len(out)-1].text += c
			out[len(out)-1].width += cw
		case cw >= 2:
			end()
			out = append(out, wrapToken{text: c, width: cw, space: space})
			space = false
		default:
			if cur.text == "" {
				cur.space, space = space, false
			}
			cur.text += c
			cur.width += cw
		}
	}
	end()
	return out
}

// wrapLine fills lines of w cells with the tokens of s, greedily.
func wrapLine(s string, w int) []string {
	var lines []string
	var b strings.Builder
	used := 0
	flush := func() {
		if used > 0 {
			lines = append(lines, b.String())
		}
		b.Reset()
		used = 0
	}
	for _, t := range wrapTokens(s) {
		need := t.width
		if t.space && used > 0 {
			need++
		}
		if used+need > w {
			flush()
			need = t.width
		}
		if t.width > w { // a word longer than a line: cut it into line-sized pieces
			for _, piece := range strings.Split(ansi.Hardwrap(t.text, w, false), "\n") {
				flush()
				b.WriteString(piece)
				used = ansi.StringWidth(piece)
			}
			continue
		}
		if need > t.width {
			b.WriteString(" ")
		}
		b.WriteString(t.text)
		used += need
	}
	flush()
	return lines
}

// Indent prefixes every line with n spaces.
func Indent(lines []string, n int) []string {
	pre := strings.Repeat(" ", n)
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = pre + l
	}
	return out
}

// Fit makes a block exactly h lines, none wider than w cells: long lines are
// truncated, extra lines dropped, missing lines added empty. It is the last
// guard that keeps every screen inside the window.
func Fit(s string, w, h int) string {
	if h <= 0 {
		return ""
	}
	// A frame is fitted two or three times on its way out (by its screen, as
	// the body, as the frame): when it already fits, it is handed back as it
	// is, measured but not split and joined again.
	if n, ok := Fits(s, w, h); ok {
		return s + strings.Repeat("\n", h-n)
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = Truncate(l, w)
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// Fits reports whether every line of s is at most w cells wide and there are
// at most h of them, and how many lines it has (counted up to the first that
// does not fit).
func Fits(s string, w, h int) (int, bool) {
	if w <= 0 {
		return 0, false
	}
	n := 0
	for {
		line, rest, more := strings.Cut(s, "\n")
		n++
		if n > h || (len(line) > w && Width(line) > w) {
			return n, false
		}
		if !more {
			return n, true
		}
		s = rest
	}
}

// Columns lays blocks of lines side by side: column i is widths[i] cells wide,
// columns are separated by gap spaces. Every line is padded to its column.
func Columns(cols [][]string, widths []int, gap int) []string {
	rows := 0
	for _, c := range cols {
		rows = max(rows, len(c))
	}
	sep := blanks(gap)
	out := make([]string, rows)
	for r := range rows {
		var b strings.Builder
		size := 0
		for i, c := range cols {
			if r < len(c) {
				size += len(c[r])
			}
			size += widths[i] + gap + len(Ellipsis)
		}
		b.Grow(size)
		for i, c := range cols {
			if i > 0 {
				b.WriteString(sep)
			}
			cell := ""
			if r < len(c) {
				cell = c[r]
			}
			if i == len(cols)-1 {
				b.WriteString(Truncate(cell, widths[i]))
			} else {
				cell, n := fitted(cell, widths[i])
				b.WriteString(cell)
				b.WriteString(blanks(widths[i] - n))
			}
		}
		out[r] = strings.TrimRight(b.String(), " ")
	}
	return out
}

// Split divides w cells into n columns separated by gap cells; the leftover
// cells go to the first columns.
func Split(w, n, gap int) []int {
	if n <= 0 {
		return nil
	}
	avail := max(w-gap*(n-1), n)
	out := make([]int, n)
	for i := range out {
		out[i] = avail / n
		if i < avail%n {
			out[i]++
		}
	}
	return out
}

// Bar draws p (0..1) as a text progress bar w cells wide.
func (s Styles) Bar(p float64, w int) string {
	if w <= 0 {
		return ""
	}
	p = min(max(p, 0), 1)
	full := int(math.Round(p * float64(w)))
	return s.BarFull.Render(strings.Repeat("█", full)) + s.BarEmpty.Render(strings.Repeat("░", w-full))
}

// Percent writes p (0..1) as a whole percentage: "45%".
func Percent(p float64) string { return strconv.Itoa(int(math.Round(p*100))) + "%" }

// Num writes a number the way people typed it: 30, 2.5, 0.75 (at most two decimals).
func Num(f float64) string {
	return strconv.FormatFloat(Shown(f), 'f', -1, 64)
}

// Shown is f as huddle shows a number of hours or points: to two decimals
// (what a person typed or a division left may have more).
func Shown(f float64) float64 { return math.Round(f*100) / 100 }

// Hours writes a number of hours: "6h", "2.5h".
func Hours(h float64) string { return Num(h) + "h" }

// Plural writes a count with its noun: "1 story", "3 stories", "0 stories".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
