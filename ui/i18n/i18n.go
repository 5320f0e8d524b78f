// Package i18n is huddle's one message catalog: every text a person reads, in
// English and Simplified Chinese, and the rules that choose a person's
// language.
//
// Messages live in locales/ROOM.LANG.toml (one file per room of the code and
// language, read by nicksnyder/go-i18n), with ids such as "board.claim". Code
// asks a Tr, one person's translator, for them:
//
//	tr.T("board.title")                         // a plain message
//	tr.Tf("board.left", "Hours", "6h")           // with named values: {{.Hours}}
//	tr.Tn("board.tasks", n)                      // plural forms, n in {{.N}}
//
// A key binding's help text is an id too (key.WithHelp("c", "board.claim")):
// the footer and the ? overlay translate it when they draw (Keys).
//
// Errors keep their English text where they are made (domain rules do not know
// who reads them); Err translates one for its reader by matching the format it
// was written with, which the catalog lists under "err." (errors.en.toml).
//
// The TOML files are the source; `go generate ./ui/i18n` compiles them into
// catalog_data.go (a test fails while it is stale), which is what a huddle
// process reads: once, on first use, one copy for every SSH session.
package i18n

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Lang is a language huddle speaks.
type Lang string

const (
	EN Lang = "en" // English, the default
	ZH Lang = "zh" // Simplified Chinese
)

// Langs are the languages of the catalog, English first.
func Langs() []Lang { return []Lang{EN, ZH} }

//go:generate go test -run TestCatalogDataIsCurrent -update

// A message is found by a binary search of catalogData, a static array in
// the binary (sorted by language, then id; simple templates already split
// into pieces by the generator): a huddle process starts without building
// anything for its messages. On this machine every page a new process first
// touches costs about 30 µs, and building maps of the catalog touched ~1 MB
// (a quarter of `huddle version`'s page faults).

// find is the message id of lang, nil when the language lacks it.
func find(lang Lang, id string) *entry {
	i, ok := slices.BinarySearchFunc(catalogData[:], entry{lang: string(lang), id: id}, func(e, want entry) int {
		if c := strings.Compare(e.lang, want.lang); c != 0 {
			return c
		}
		return strings.Compare(e.id, want.id)
	})
	if !ok {
		return nil
	}
	return &catalogData[i]
}

// entry is one message of catalogData: its language, id, and text (one is
// the singular of a plural message, "" otherwise).
type entry struct {
	lang, id, one, other string
	// simple is other split into literal runs and values when its only
	// template actions are {{.Name}}: filled in by substitution, without
	// text/template. nil for plain text and for go-i18n's messages.
	simple []piece
	// viaBundle marks plural messages (in every language) and templates that
	// do more than print a value: go-i18n renders them.
	viaBundle bool
}

// text is e written with data (and the plural form for count).
func (t Tr) text(e *entry, data map[string]any, count any) string {
	switch {
	case e.viaBundle:
		return t.localize(e.id, data, count)
	case e.simple != nil:
		return fill(e.simple, data)
	}
	return e.other
}

// bundle is go-i18n's side of the catalog: only the messages it renders (plural
// forms, real templates), loaded on the first such message.
type bundle struct {
	locs map[Lang]*i18n.Localizer // one per language, read-only after load
	err  error                    // why the messages could not be read (a broken build)
}

var loadedBundle = sync.OnceValue(loadBundle)

func loadBundle() *bundle {
	b := i18n.NewBundle(language.English)
	for i := range catalogData {
		e := &catalogData[i]
		if !e.viaBundle {
			continue
		}
		tag := language.English
		if Lang(e.lang) == ZH {
			tag = language.Chinese
		}
		if err := b.AddMessages(tag, &i18n.Message{ID: e.id, One: e.one, Other: e.other}); err != nil {
			return &bundle{err: fmt.Errorf("message %s: %w", e.id, err)}
		}
	}
	out := &bundle{locs: map[Lang]*i18n.Localizer{}}
	for _, l := range Langs() {
		out.locs[l] = i18n.NewLocalizer(b, string(l))
	}
	return out
}

// messages is every message of lang, in id order (catalogData is sorted by
// language, then id): what walks every message (the error and event formats,
// the catalog's tests) reads it here rather than from a copy in maps.
func messages(lang Lang) []entry {
	lo := sort.Search(len(catalogData), func(i int) bool { return catalogData[i].lang >= string(lang) })
	hi := sort.Search(len(catalogData), func(i int) bool { return catalogData[i].lang > string(lang) })
	return catalogData[lo:hi]
}

// text is message id's text in lang (its "other" form), and whether lang has it.
func text(lang Lang, id string) (string, bool) {
	if e := find(lang, id); e != nil {
		return e.other, true
	}
	return "", false
}

// catalog is what the error and event matching compiles from the messages,
// on first use.
type catalog struct {
	// formats are the error and event formats (ids under "err." and "ev."),
	// compiled on the first Err or Event.
	formats func() *formatSets
	// loadErr is why the catalog could not be read (a broken build).
	loadErr error
}

var loaded = sync.OnceValue(load)

func load() *catalog {
	c := &catalog{loadErr: loadedBundle().err}
	c.formats = sync.OnceValue(c.compileFormats)
	return c
}

// Tr is one person's translator: the language they read, and the catalog.
// The zero Tr speaks English.
type Tr struct {
	lang Lang
}

// For is the translator for lang; an unknown language is English.
func For(lang Lang) Tr {
	if lang != ZH {
		lang = EN
	}
	return Tr{lang: lang}
}

// Lang is the language this translator writes.
func (t Tr) Lang() Lang {
	if t.lang == "" {
		return EN
	}
	return t.lang
}

// T is the message id in t's language (English where the language lacks it;
// the id itself if no language has it, which the catalog test forbids).
func (t Tr) T(id string) string {
	for _, l := range t.chain() {
		if e := find(l, id); e != nil {
			return t.text(e, nil, nil)
		}
	}
	return id
}

// Tf is the message id with named values filled in: Tf("x", "Who", "wei")
// fills {{.Who}}. Values are printed with fmt's %v.
func (t Tr) Tf(id string, kv ...any) string {
	for _, l := range t.chain() {
		if e := find(l, id); e != nil {
			if e.simple == nil && !e.viaBundle {
				return e.other // no values to fill: spare the map
			}
			return t.text(e, pairs(kv), nil)
		}
	}
	return id
}

// Tn is the message id in the plural form for n ("1 task", "3 tasks"; Chinese
// has one form), with n as {{.N}} and more named values as in Tf.
func (t Tr) Tn(id string, n int, kv ...any) string {
	data := pairs(kv)
	data["N"] = n
	return t.localize(id, data, n)
}

func (t Tr) localize(id string, data map[string]any, count any) string {
	b := loadedBundle()
	if b.err != nil {
		return id
	}
	s, err := b.locs[t.Lang()].Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil && s == "" {
		return id
	}
	return s
}

// chain is the languages asked in turn: the reader's, then English.
func (t Tr) chain() []Lang {
	if t.Lang() == EN {
		return []Lang{EN}
	}
	return []Lang{t.Lang(), EN}
}

// Key is a key binding's name as the footer and the ? overlay show it: the
// key itself ("ctrl+s", "esc"), or for a name with words in it a catalog id
// (form.key.*) in the reader's language.
func (t Tr) Key(k string) string {
	if strings.HasPrefix(k, "form.key.") {
		return t.T(k)
	}
	return k
}

// Has reports whether the catalog has the id in the reader's language.
func (t Tr) Has(id string) bool { return find(t.Lang(), id) != nil }

func pairs(kv []any) map[string]any {
	data := make(map[string]any, len(kv)/2+1)
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			data[k] = kv[i+1]
		}
	}
	return data
}

// piece is a literal run of a simple template, or (name != "") a value.
type piece struct {
	text, name string
}

// parseSimple splits "a {{.X}} b" into pieces; ok is false when the template
// does anything but print named values.
func parseSimple(s string) ([]piece, bool) {
	var out []piece
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			if s != "" {
				out = append(out, piece{text: s})
			}
			return out, true
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return nil, false
		}
		action := strings.TrimSpace(s[i+2 : i+j])
		if !strings.HasPrefix(action, ".") || strings.ContainsAny(action[1:], " .|()\"") || len(action) < 2 {
			return nil, false
		}
		if i > 0 {
			out = append(out, piece{text: s[:i]})
		}
		out = append(out, piece{name: action[1:]})
		s = s[i+j+2:]
	}
}

func fill(p []piece, data map[string]any) string {
	var b strings.Builder
	for _, x := range p {
		if x.name == "" {
			b.WriteString(x.text)
			continue
		}
		v, ok := data[x.name]
		if !ok {
			b.WriteString("<no value>")
			continue
		}
		if s, ok := v.(string); ok {
			b.WriteString(s)
		} else {
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}
