package i18n

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Errors are made in English by the rules that refuse something (backlog,
// sprint, retro, store), which do not know who will read them. The catalog
// lists each such message under an id "err.NAME" whose English text is the
// exact format the code writes it with ("%d points is not on the scale ..."),
// and whose Chinese text uses the same verbs (an explicit index such as %[2]s
// may reorder them). Err finds the format an error was written with, takes the
// values back out, and writes them into the reader's format. The catalog test
// fails when an English format no longer appears in the code.

// errFormat is one error message of the catalog, compiled for matching.
type errFormat struct {
	id      string
	re      *regexp.Regexp
	literal int // characters of fixed text: the more, the more specific
	nested  []bool
	// need is the format's longest run of fixed text: a message without it
	// cannot match, and strings.Contains says so faster than the regexp.
	need string
}

// verb matches one fmt verb: %%, or % [flags] [width] [.prec] [arg index] verb.
var verbRE = regexp.MustCompile(`%(?:%|(\[\d+\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z]))`)

func (c *catalog) compileErrs() []errFormat {
	var out []errFormat
	for id := range c.ids[EN] {
		if !strings.HasPrefix(id, "err.") {
			continue
		}
		if f, ok := compileErr(id, c.plain[EN][id]); ok {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].literal != out[j].literal {
			return out[i].literal > out[j].literal
		}
		return out[i].id < out[j].id
	})
	return out
}

func compileErr(id, format string) (errFormat, bool) {
	var re strings.Builder
	re.WriteString("^")
	f := errFormat{id: id}
	last := 0
	for _, m := range verbRE.FindAllStringSubmatchIndex(format, -1) {
		lit := format[last:m[0]]
		re.WriteString(regexp.QuoteMeta(lit))
		f.literal += len(lit)
		if len(lit) > len(f.need) {
			f.need = lit
		}
		last = m[1]
		if format[m[0]:m[1]] == "%%" {
			re.WriteString("%")
			f.literal++
			continue
		}
		switch format[m[4]:m[5]] {
		case "d":
			re.WriteString(`(-?\d+)`)
			f.nested = append(f.nested, false)
		case "g", "f", "e":
			re.WriteString(`(-?[0-9.]+(?:e[-+]?\d+)?)`)
			f.nested = append(f.nested, false)
		case "q": // a quoted string, or a quoted rune ('x')
			re.WriteString(`("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)+')`)
			f.nested = append(f.nested, false)
		default: // s, v, w: any text, perhaps itself a message
			re.WriteString(`(.+?)`)
			f.nested = append(f.nested, true)
		}
	}
	lit := format[last:]
	re.WriteString(regexp.QuoteMeta(lit))
	f.literal += len(lit)
	if len(lit) > len(f.need) {
		f.need = lit
	}
	re.WriteString("$")
	rx, err := regexp.Compile(re.String())
	if err != nil {
		return f, false
	}
	f.re = rx
	return f, true
}

// Err is err's message in the reader's language (nil: "").
func (t Tr) Err(err error) string {
	if err == nil {
		return ""
	}
	return t.Message(err.Error())
}

// Message translates one error message written in English by the code.
func (t Tr) Message(msg string) string {
	if t.Lang() == EN || loaded().loadErr != nil {
		return msg
	}
	return t.message(msg, 0)
}

func (t Tr) message(msg string, depth int) string {
	if depth > 4 || msg == "" {
		return msg
	}
	c := loaded()
	for _, f := range c.errs() {
		if !strings.Contains(msg, f.need) {
			continue
		}
		m := f.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		to, ok := c.plain[t.Lang()][f.id]
		if !ok {
			return msg // not translated: English as written
		}
		args := make([]any, len(m)-1)
		for i, v := range m[1:] {
			if f.nested[i] {
				v = t.message(v, depth+1)
			}
			args[i] = v
		}
		return fmt.Sprintf(asStrings(to), args...)
	}
	// "context: cause" written by a wrap the catalog does not list.
	if i := strings.Index(msg, ": "); i > 0 {
		return t.message(msg[:i], depth+1) + ": " + t.message(msg[i+2:], depth+1)
	}
	return msg
}

// asStrings turns every verb of a translated format into %s (keeping an
// explicit index), since the values taken back out are already text.
func asStrings(format string) string {
	return verbRE.ReplaceAllStringFunc(format, func(v string) string {
		if v == "%%" {
			return v
		}
		if i := strings.Index(v, "["); i >= 0 {
			j := strings.Index(v, "]")
			if n, err := strconv.Atoi(v[i+1 : j]); err == nil {
				return "%[" + strconv.Itoa(n) + "]s"
			}
		}
		return "%s"
	})
}
