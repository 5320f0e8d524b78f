package serve

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on a command line sent over SSH (or the local socket). Nothing a
// person types comes near them; they keep a hostile caller's cost linear and
// small.
const (
	MaxCommandBytes = 16 << 10 // the whole command line
	MaxArgs         = 256      // arguments after splitting
	maxLogArgs      = 300      // characters of a command line the log keeps
)

// SplitCommand splits a command line the way a POSIX shell splits words, in
// one pass: blanks separate arguments; 'single quotes' keep everything
// literally; "double quotes" keep everything except \" \\ \$ \` (and a
// backslash-newline, which disappears); outside quotes a backslash keeps the
// next character. Empty quotes (single or double) are an empty argument. The
// server runs no shell, so unquoted ; | & < > ` $ ( ) are refused instead of
// being taken literally or silently meaning something else, and so is a line
// with an unclosed quote, a control character, invalid UTF-8, or more than
// MaxCommandBytes or MaxArgs.
func SplitCommand(line string) ([]string, error) {
	if len(line) > MaxCommandBytes {
		return nil, fmt.Errorf("the command is %d bytes long; at most %d are taken", len(line), MaxCommandBytes)
	}
	if !utf8.ValidString(line) {
		return nil, errors.New("the command is not UTF-8 text")
	}
	var (
		args  []string
		cur   strings.Builder
		inArg bool // an argument has started (even an empty quoted one)
	)
	flush := func() error {
		if inArg {
			if len(args) == MaxArgs {
				return fmt.Errorf("the command has more than %d arguments", MaxArgs)
			}
			args = append(args, cur.String())
			cur.Reset()
			inArg = false
		}
		return nil
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if err := flush(); err != nil {
				return nil, err
			}
		case c == '\'':
			inArg = true
			end := strings.IndexByte(line[i+1:], '\'')
			if end < 0 {
				return nil, errors.New("a ' quote is not closed")
			}
			if err := checkControl(line[i+1 : i+1+end]); err != nil {
				return nil, err
			}
			cur.WriteString(line[i+1 : i+1+end])
			i += end + 1
		case c == '"':
			inArg = true
			closed := false
			for i++; i < len(line); i++ {
				d := line[i]
				if d == '"' {
					closed = true
					break
				}
				if d == '\\' && i+1 < len(line) {
					switch n := line[i+1]; n {
					case '"', '\\', '$', '`':
						cur.WriteByte(n)
						i++
						continue
					case '\n':
						i++
						continue
					}
				}
				if d < 0x20 && d != '\n' && d != '\t' || d == 0x7f {
					return nil, errControl
				}
				cur.WriteByte(d)
			}
			if !closed {
				return nil, errors.New(`a " quote is not closed`)
			}
		case c == '\\':
			if i+1 == len(line) {
				return nil, errors.New(`the command ends with a \`)
			}
			i++
			if line[i] == '\n' {
				continue // a line continuation
			}
			if line[i] < 0x20 || line[i] == 0x7f {
				return nil, errControl
			}
			inArg = true
			cur.WriteByte(line[i])
		case strings.IndexByte(";|&<>`$()", c) >= 0:
			return nil, fmt.Errorf("%q has a special meaning to a shell, and the server runs none: quote it ('%c') if you mean the character", c, c)
		case c < 0x20 || c == 0x7f:
			return nil, errControl
		default:
			inArg = true
			cur.WriteByte(c)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return args, nil
}

var errControl = errors.New("the command holds a control character; type text, or quote a newline or tab")

// checkControl refuses control characters other than newline and tab.
func checkControl(s string) error {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return errControl
		}
	}
	return nil
}

// LogArgs is a command line as the server log writes it: each argument
// quoted with Go escapes (so no control byte, escape sequence or newline
// reaches the log, and an argument's bounds are visible), the whole cut to
// maxLogArgs characters.
func LogArgs(args []string) string {
	var b strings.Builder
	for i, a := range args {
		if b.Len() > maxLogArgs {
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		if a != "" && isPlain(a) && !strings.ContainsAny(a, "\"'\\") {
			b.WriteString(a)
		} else {
			b.WriteString(strconv.QuoteToASCII(a))
		}
	}
	return LogText(b.String())
}

// isPlain says whether s is printable ASCII without a space.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// LogText makes text a client chose (a user name, a command line) safe for
// one log line: control and non-ASCII bytes escaped, at most maxLogArgs
// characters (then "…").
func LogText(s string) string {
	q := strconv.QuoteToASCII(s)
	q = q[1 : len(q)-1] // keep the escapes, drop the quotes
	if isPlainText(s) {
		q = s
	}
	if len(q) > maxLogArgs {
		q = q[:maxLogArgs] + "…"
	}
	return q
}

// isPlainText says whether s is printable ASCII (spaces allowed).
func isPlainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}
