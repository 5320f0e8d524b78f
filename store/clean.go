package store

import (
	"strings"
	"unicode/utf8"
)

// Limits on text people type, in characters (runes).
const (
	MaxTitle = 200   // titles, names, one-line fields
	MaxText  = 10000 // descriptions, notes and other long text
)

// CleanTitle makes one-line text safe to store and show: it removes terminal
// escape sequences, control characters and bidi overrides, turns line breaks and
// tabs into spaces, collapses runs of spaces, and caps the length at MaxTitle.
func CleanTitle(s string) string {
	s = stripUnsafe(s)
	s = strings.Join(strings.Fields(s), " ")
	return capRunes(s, MaxTitle)
}

// CleanText is CleanTitle for multi-line text: newlines and tabs are kept, trailing
// spaces on lines and blank edges are trimmed, and the length is capped at MaxText.
func CleanText(s string) string {
	s = stripUnsafe(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	s = strings.Trim(strings.Join(lines, "\n"), "\n ")
	return capRunes(s, MaxText)
}

func capRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n]))
}

// stripUnsafe removes everything a terminal would interpret rather than print:
// ESC-introduced sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte escapes),
// their 8-bit C1 forms, other C0 and C1 controls except newline and tab, DEL,
// and the bidi override and isolate characters used to disguise text. Invalid
// UTF-8 is dropped. CR and CRLF become a newline.
func stripUnsafe(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	r := decodeLoose(s)
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case c == 0x1b: // ESC
			i = skipEscape(r, i)
		case c == 0x9b: // 8-bit CSI
			i = skipCSI(r, i+1)
		case c == 0x9d || c == 0x90 || c == 0x98 || c == 0x9e || c == 0x9f: // 8-bit OSC, DCS, SOS, PM, APC
			i = skipString(r, i+1)
		case c == '\r':
			b.WriteByte('\n')
			if i+1 < len(r) && r[i+1] == '\n' {
				i++
			}
		case c == '\n' || c == '\t':
			b.WriteRune(c)
		case c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f):
			// other C0, DEL and C1 controls
		case isBidiControl(c):
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// decodeLoose decodes UTF-8, reading a stray byte 0x80-0x9F as the C1 control it
// would be to an 8-bit terminal (so "\x9b31m" is seen as CSI 31 m) and dropping
// other invalid bytes.
func decodeLoose(s string) []rune {
	out := make([]rune, 0, len(s))
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			if s[i] >= 0x80 && s[i] <= 0x9f {
				out = append(out, rune(s[i]))
			}
			i++
			continue
		}
		out = append(out, c)
		i += size
	}
	return out
}

func isBidiControl(c rune) bool {
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c
}

// skipEscape returns the index of the last rune of the escape sequence starting at r[i] == ESC.
func skipEscape(r []rune, i int) int {
	if i+1 >= len(r) {
		return i
	}
	switch r[i+1] {
	case '[':
		return skipCSI(r, i+2)
	case ']', 'P', 'X', '^', '_':
		return skipString(r, i+2)
	}
	// nF sequences: intermediate bytes 0x20-0x2F, then one final byte.
	j := i + 1
	for j < len(r) && r[j] >= 0x20 && r[j] <= 0x2f {
		j++
	}
	if j < len(r) && r[j] >= 0x30 && r[j] <= 0x7e {
		return j
	}
	return j - 1
}

// skipCSI skips parameter and intermediate bytes up to and including the final byte.
func skipCSI(r []rune, j int) int {
	for ; j < len(r); j++ {
		if r[j] >= 0x40 && r[j] <= 0x7e {
			return j
		}
		if r[j] < 0x20 || r[j] > 0x7e {
			// Not a CSI byte: the sequence is malformed; end it before this rune.
			return j - 1
		}
	}
	return len(r) - 1
}

// skipString skips an OSC/DCS/SOS/PM/APC payload up to its terminator: BEL, ESC \
// or the 8-bit ST. An unterminated string runs to the end of the text, as a
// terminal would swallow it.
func skipString(r []rune, j int) int {
	for ; j < len(r); j++ {
		switch r[j] {
		case 0x07, 0x9c:
			return j
		case 0x1b:
			if j+1 < len(r) && r[j+1] == '\\' {
				return j + 1
			}
			return j - 1 // a new escape interrupts the string; read it next
		}
	}
	return len(r) - 1
}

// MaxGoal is the longest sprint goal, in characters.
const MaxGoal = 1000

// CleanGoal is CleanText for a sprint goal: a sentence or a few lines, whose
// line breaks are kept, capped at MaxGoal.
func CleanGoal(s string) string { return capRunes(CleanText(s), MaxGoal) }
