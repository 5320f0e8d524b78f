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

// catalog is the parsed message files: the go-i18n bundle, and for speed the
// messages whose text needs no template, per language.
type catalog struct {
	bundle *i18n.Bundle
	// plain[lang][id] is a message's text when it has no {{...}} and no plural
	// forms (most of them); the rest go through go-i18n's templates.
	plain map[Lang]map[string]string
	// simple[lang][id] is a message whose only template actions are {{.Name}}:
	// filled in by substitution, without text/template.
	simple map[Lang]map[string][]piece
	// ids[lang] is every message id of the language.
	ids map[Lang]map[string]bool
	// locs are one localizer per language (read-only after load).
	locs map[Lang]*i18n.Localizer
	// formats are the error and event formats (ids under "err." and "ev."),
	// compiled on the first Err or Event.
	formats func() *formatSets
	// loadErr is why the catalog could not be read (a broken build).
	loadErr error
}

// loaded is the process's one catalog, built on first use from catalogData
// (catalog_data.go, generated from locales/*.toml): parsing TOML and go-i18n
// templates for every message cost each huddle command about 17 ms, building
// maps from compiled-in strings costs well under one.
var loaded = sync.OnceValue(load)

func load() *catalog {
	c := &catalog{
		bundle: i18n.NewBundle(language.English),
		plain:  map[Lang]map[string]string{},
		simple: map[Lang]map[string][]piece{},
		ids:    map[Lang]map[string]bool{},
		locs:   map[Lang]*i18n.Localizer{},
	}
	per := len(catalogData) / len(Langs()) // sized once: growing maps was most of the load
	for _, l := range Langs() {
		c.plain[l], c.simple[l], c.ids[l] = make(map[string]string, per), make(map[string][]piece, per/4), make(map[string]bool, per)
	}
	// A plural message has a singular in English only (Chinese has one
	// form), and goes to go-i18n in every language.
	plural := map[string]bool{}
	for i := range catalogData {
		if catalogData[i].one != "" {
			plural[catalogData[i].id] = true
		}
	}
	for i := range catalogData {
		e := &catalogData[i]
		lang := Lang(e.lang)
		c.ids[lang][e.id] = true
		if plural[e.id] {
			// go-i18n chooses the form below.
		} else if !strings.Contains(e.other, "{{") {
			c.plain[lang][e.id] = e.other
			continue
		} else if p, ok := parseSimple(e.other); ok {
			c.simple[lang][e.id] = p
			continue
		}
		// Plural forms and templates that do more than print a value: go-i18n.
		tag := language.English
		if lang == ZH {
			tag = language.Chinese
		}
		if err := c.bundle.AddMessages(tag, &i18n.Message{ID: e.id, One: e.one, Other: e.other}); err != nil {
			c.loadErr = fmt.Errorf("message %s: %w", e.id, err)
			return c
		}
	}
	for _, l := range Langs() {
		c.locs[l] = i18n.NewLocalizer(c.bundle, string(l))
	}
	c.formats = sync.OnceValue(c.compileFormats)
	return c
}

// entry is one message of catalogData: its language, id, and text (one is
// the singular of a plural message, "" otherwise).
type entry struct {
	lang, id, one, other string
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
	c := loaded()
	for _, l := range t.chain() {
		if s, ok := c.plain[l][id]; ok {
			return s
		}
		if p, ok := c.simple[l][id]; ok {
			return fill(p, nil)
		}
		if c.ids[l][id] {
			return t.localize(id, nil, nil)
		}
	}
	return id
}

// Tf is the message id with named values filled in: Tf("x", "Who", "wei")
// fills {{.Who}}. Values are printed with fmt's %v.
func (t Tr) Tf(id string, kv ...any) string {
	c := loaded()
	data := pairs(kv)
	for _, l := range t.chain() {
		if p, ok := c.simple[l][id]; ok {
			return fill(p, data)
		}
		if s, ok := c.plain[l][id]; ok {
			return s
		}
		if c.ids[l][id] {
			return t.localize(id, data, nil)
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
	c := loaded()
	if c.loadErr != nil {
		return id
	}
	s, err := c.locs[t.Lang()].Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
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
func (t Tr) Has(id string) bool { return loaded().ids[t.Lang()][id] }

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
