package i18n

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Errors and the history's sentences are made in English by code that does
// not know who will read them: the rules that refuse something (backlog,
// sprint, retro, store) and the store's event log (store.Event.Text). The
// catalog lists each such message under an id whose English text is the exact
// format the code writes it with: "err.NAME" for errors ("%d points is not on
// the scale ..."), "ev.NAME" for events ("%s moved %s to %s"). Its Chinese
// text uses the same verbs (an explicit index such as %[2]s may reorder them).
// Err and Event find the format a message was written with, take the values
// back out, and write them into the reader's format; matching rather than
// re-rendering also translates what was written before. The catalog test
// fails when an English format no longer appears in the code, or an event
// format of the code has no entry.
//
// The values of an error that are text (%s, %v, %w) may themselves be error
// messages, and are translated in turn. The values of an event are people's
// content (a title, a name, a reason) and stay as written, except where the
// Chinese format writes a value with %v: that value is huddle's own text: a
// word such as a status ("Done"), a phase or a role (the "ev.word." entries,
// then the word.*, role.* and poker.deck.* words), or for %q an event sentence of its own
// (an undo quotes what it undid). A match whose %v word is not huddle's word
// is no match, so one English format may serve two entries.

// msgFormat is one error or event format of the catalog, compiled for matching.
type msgFormat struct {
	id      string
	re      *regexp.Regexp
	literal int // characters of fixed text: the more, the more specific
	slots   []slot
	to      map[Lang]string // the format in each language, every verb a %s (asStrings)
	words   int             // slots that must be huddle's own text
	nests   bool            // a slot quotes a sentence of its own (an undo)
	// prefix, suffix and parts are the format's fixed text: a message that
	// does not start and end with them and hold the parts in order cannot
	// match, and strings says so faster than the regexp.
	prefix, suffix string
	parts          []string
}

// mayMatch reports whether msg has f's fixed text where f has it.
func (f *msgFormat) mayMatch(msg string) bool {
	if !strings.HasPrefix(msg, f.prefix) || !strings.HasSuffix(msg, f.suffix) {
		return false
	}
	for _, p := range f.parts {
		i := strings.Index(msg, p)
		if i < 0 {
			return false
		}
		msg = msg[i+len(p):]
	}
	return true
}

// slot is what one value of a format is, and so how it is translated.
type slot uint8

const (
	slotAsIs  slot = iota // a number, or people's content: as written
	slotError             // an error message of its own (errors only)
	slotWord              // huddle's word or words ("Done", "3 stories")
	slotEvent             // a quoted event sentence (%q)
)

// formatSets are the compiled formats, each most specific first.
type formatSets struct {
	errs, events, words []msgFormat
	// wordIDs are the ids of the plain words (word.*, role.*, poker.deck.*)
	// by English text.
	wordIDs map[string]string
}

// verb matches one fmt verb: %%, or % [flags] [width] [.prec] [arg index] verb.
var verbRE = regexp.MustCompile(`%(?:%|(\[\d+\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z]))`)

func (c *catalog) compileFormats() *formatSets {
	fs := &formatSets{wordIDs: map[string]string{}}
	for _, m := range messages(EN) {
		id := m.id
		var set *[]msgFormat
		switch {
		case strings.HasPrefix(id, "err."):
			set = &fs.errs
		case strings.HasPrefix(id, "ev.word."):
			set = &fs.words
		case strings.HasPrefix(id, "ev."):
			set = &fs.events
		case strings.HasPrefix(id, "word.") || strings.HasPrefix(id, "role.") || strings.HasPrefix(id, "poker.deck."):
			if had, dup := fs.wordIDs[m.other]; !dup || id < had {
				fs.wordIDs[m.other] = id
			}
			continue
		default:
			continue
		}
		zh, _ := text(ZH, id)
		if f, ok := compileFormat(id, m.other, zh); ok {
			f.to = map[Lang]string{}
			for _, l := range Langs() {
				if s, ok := text(l, f.id); ok {
					f.to[l] = asStrings(s)
				}
			}
			*set = append(*set, f)
		}
	}
	for _, set := range [][]msgFormat{fs.errs, fs.events, fs.words} {
		sort.Slice(set, func(i, j int) bool {
			a, b := set[i], set[j]
			if a.nests != b.nests {
				return a.nests // the sentence it quotes matches formats of its own
			}
			if a.literal != b.literal {
				return a.literal > b.literal
			}
			if a.words != b.words {
				return a.words > b.words // the pickier of two equal formats first
			}
			return a.id < b.id
		})
	}
	return fs
}

// compileFormat compiles format, the English text of id; zh, its Chinese
// text, marks the values of an event that are huddle's own text (%v).
func compileFormat(id, format, zh string) (msgFormat, bool) {
	var re strings.Builder
	re.WriteString("^")
	f := msgFormat{id: id}
	event := strings.HasPrefix(id, "ev.")
	last := 0
	for _, m := range verbRE.FindAllStringSubmatchIndex(format, -1) {
		lit := format[last:m[0]]
		re.WriteString(regexp.QuoteMeta(lit))
		f.literal += len(lit)
		if last == 0 {
			f.prefix = lit
		}
		if lit != "" {
			f.parts = append(f.parts, lit)
		}
		last = m[1]
		if format[m[0]:m[1]] == "%%" {
			re.WriteString("%")
			f.literal++
			f.parts = append(f.parts, "%")
			continue
		}
		switch format[m[4]:m[5]] {
		case "d":
			re.WriteString(`(-?\d+)`)
			f.slots = append(f.slots, slotAsIs)
		case "g", "f", "e":
			re.WriteString(`(-?[0-9.]+(?:e[-+]?\d+)?)`)
			f.slots = append(f.slots, slotAsIs)
		case "q": // a quoted string, or a quoted rune ('x')
			re.WriteString(`("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)+')`)
			f.slots = append(f.slots, slotAsIs)
		default: // s, v, w: any text, perhaps itself a message
			if event { // an event's value may be empty (a reveal nobody voted in)
				re.WriteString(`(.*?)`)
				f.slots = append(f.slots, slotAsIs)
			} else {
				re.WriteString(`(.+?)`)
				f.slots = append(f.slots, slotError)
			}
		}
	}
	lit := format[last:]
	re.WriteString(regexp.QuoteMeta(lit))
	f.literal += len(lit)
	f.suffix = lit
	if last == 0 {
		f.prefix = lit
	}
	re.WriteString("$")
	rx, err := regexp.Compile(re.String())
	if err != nil {
		return f, false
	}
	f.re = rx
	if event {
		for _, i := range ownText(zh) {
			if i < len(f.slots) {
				f.slots[i] = slotWord
				if verbRE.FindAllString(format, -1)[verbIndex(format, i)] == "%q" {
					f.slots[i], f.nests = slotEvent, true
				}
				f.words++
			}
		}
	}
	return f, true
}

// ownText are the values (from 0) that a translated event format writes with
// %v: huddle's own text.
func ownText(zh string) []int {
	var out []int
	next := 0
	for _, m := range verbRE.FindAllStringSubmatch(zh, -1) {
		if m[0] == "%%" {
			continue
		}
		i := next
		if m[1] != "" {
			if n, err := strconv.Atoi(m[1][1 : len(m[1])-1]); err == nil {
				i = n - 1
			}
		}
		next = i + 1
		if m[2] == "v" {
			out = append(out, i)
		}
	}
	return out
}

// verbIndex is the position among format's verbs (%% included) of its
// value i.
func verbIndex(format string, i int) int {
	for j, v := range verbRE.FindAllString(format, -1) {
		if v == "%%" {
			i++
		}
		if j == i {
			return j
		}
	}
	return 0
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

// Event translates the sentence of one event (store.Event.Text) written in
// English by the store; a sentence the catalog does not know stays as written.
func (t Tr) Event(text string) string {
	if t.Lang() == EN || loaded().loadErr != nil {
		return text
	}
	s, _ := t.match(text, loaded().formats().events, 0)
	return s
}

func (t Tr) message(msg string, depth int) string {
	if depth > 4 || msg == "" {
		return msg
	}
	if s, id := t.match(msg, loaded().formats().errs, depth); id != "" {
		return s
	}
	// "context: cause" written by a wrap the catalog does not list.
	if i := strings.Index(msg, ": "); i > 0 {
		return t.message(msg[:i], depth+1) + ": " + t.message(msg[i+2:], depth+1)
	}
	return msg
}

// match writes msg in the reader's language by the first format of set that
// it matches, and names that format's id ("": none, msg as written).
func (t Tr) match(msg string, set []msgFormat, depth int) (string, string) {
	if depth > 4 {
		return msg, ""
	}
next:
	for _, f := range set {
		if !f.mayMatch(msg) {
			continue
		}
		m := f.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		to, ok := f.to[t.Lang()]
		if !ok {
			return msg, f.id // not translated: English as written
		}
		args := make([]any, len(m)-1)
		for i, v := range m[1:] {
			switch f.slots[i] {
			case slotError:
				v = t.message(v, depth+1)
			case slotWord:
				if v, ok = t.words(v, depth+1); !ok {
					continue next
				}
			case slotEvent:
				v = t.quotedEvent(v, depth+1)
			}
			args[i] = v
		}
		return fmt.Sprintf(to, args...), f.id
	}
	return msg, ""
}

// words translates huddle's own word, phrase ("3 stories") or list of them
// ("title \"x\", estimate 5h (was 3h)"); ok is false when v is none of these.
func (t Tr) words(v string, depth int) (string, bool) {
	fs := loaded().formats()
	if s, id := t.match(v, fs.words, depth); id != "" {
		return s, true
	}
	if id, ok := fs.wordIDs[v]; ok {
		return t.T(id), true
	}
	// A list: the first item that is a word, then the rest.
	for i := strings.Index(v, ", "); i >= 0; {
		if head, ok := t.words(v[:i], depth+1); ok {
			if rest, ok := t.words(v[i+2:], depth+1); ok {
				return head + t.T("history.list_sep") + rest, true
			}
		}
		j := strings.Index(v[i+2:], ", ")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return v, false
}

// quotedEvent translates a quoted event sentence, in the quotes of the
// reader's language.
func (t Tr) quotedEvent(v string, depth int) string {
	s, err := strconv.Unquote(v)
	if err != nil || !strings.HasPrefix(v, `"`) {
		return v
	}
	out, _ := t.match(s, loaded().formats().events, depth)
	return t.Tf("history.quoted", "Text", out)
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
