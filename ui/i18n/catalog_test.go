package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// notYetTranslated are files whose key bindings still carry English help
// text instead of catalog ids. The list only shrinks; it is empty when every
// screen is translated.
var notYetTranslated = []string{}

// codeLiterals is every string literal of the module's non-test Go files, and
// the literals in the places that must name a catalog id: the first argument
// of T, Tf and Tn, and the help text of a key binding.
type codeLiterals struct {
	all  map[string]bool
	ids  map[string][]string // id -> "file:line" where it is asked for
	keys map[string][]string // key help text -> where
}

func scanCode(t *testing.T) codeLiterals {
	t.Helper()
	root := filepath.Join("..", "..")
	out := codeLiterals{all: map[string]bool{}, ids: map[string][]string{}, keys: map[string][]string{}}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || d.Name() == "catalog_data.go" {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		str := func(e ast.Expr) (string, bool) {
			lit, ok := e.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return "", false
			}
			s, err := strconv.Unquote(lit.Value)
			return s, err == nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if s, ok := str(n); ok {
					out.all[s] = true
				}
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok || len(n.Args) == 0 {
					return true
				}
				where := fset.Position(n.Pos()).String()
				switch sel.Sel.Name {
				case "T", "Tf", "Tn":
					if s, ok := str(n.Args[0]); ok {
						out.ids[s] = append(out.ids[s], where)
					}
				case "WithHelp", "SetHelp":
					if len(n.Args) == 2 {
						if s, ok := str(n.Args[1]); ok && s != "" {
							out.keys[s] = append(out.keys[s], where)
						}
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var templateVar = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func vars(s string) []string {
	var out []string
	for _, m := range templateVar.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func verbs(s string) int {
	n := 0
	for _, v := range verbRE.FindAllString(s, -1) {
		if v != "%%" {
			n++
		}
	}
	return n
}

// messageTexts is every form of every message of a language, by id, from
// the compiled catalog (TestCatalogDataIsCurrent keeps it equal to the TOML).
func messageTexts(l Lang) map[string][]string {
	out := map[string][]string{}
	for _, e := range catalogData {
		if Lang(e.lang) == l {
			out[e.id] = append(out[e.id], e.one, e.other)
		}
	}
	return out
}

// TestCatalogIsComplete is the check that nothing is left untranslated: every
// id the code asks for exists in English and Chinese, every id of the catalog
// is used by the code, both languages name the same values, and every key
// binding's help text is an id.
func TestCatalogIsComplete(t *testing.T) {
	c := catalogMaps()
	if c.loadErr != nil {
		t.Fatal(c.loadErr)
	}
	code := scanCode(t)
	en, zh := c.ids[EN], c.ids[ZH]
	var problems []string
	for id := range en {
		if !zh[id] {
			problems = append(problems, "missing in zh: "+id)
		}
	}
	for id := range zh {
		if !en[id] {
			problems = append(problems, "missing in en: "+id)
		}
	}
	for id, where := range code.ids {
		if !en[id] {
			problems = append(problems, "not in the catalog: "+id+" (asked for at "+where[0]+")")
		}
	}
	for desc, where := range code.keys {
		for _, w := range where {
			file := filepath.ToSlash(strings.TrimPrefix(w[:strings.Index(w, ".go:")+3], "../../"))
			if !en[desc] && !slices.Contains(notYetTranslated, file) {
				problems = append(problems, "key help is not a catalog id: "+strconv.Quote(desc)+" ("+w+")")
			}
		}
	}
	enText, zhText := messageTexts(EN), messageTexts(ZH)
	for id := range en {
		used := code.all[id]
		if strings.HasPrefix(id, "err.") || strings.HasPrefix(id, "ev.") {
			used = code.all[c.plain[EN][id]] // the format the code writes
		}
		if !used {
			problems = append(problems, "unused in code: "+id)
		}
		ev, zv := vars(strings.Join(enText[id], " ")), vars(strings.Join(zhText[id], " "))
		if !slices.Equal(ev, zv) {
			problems = append(problems, "values differ in "+id+": en "+strings.Join(ev, ",")+" zh "+strings.Join(zv, ","))
		}
		if (strings.HasPrefix(id, "err.") || strings.HasPrefix(id, "ev.")) && verbs(c.plain[EN][id]) != verbs(c.plain[ZH][id]) {
			problems = append(problems, "verbs differ in "+id)
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
}

func TestLocaleFilesComeInPairs(t *testing.T) {
	entries, err := os.ReadDir("locales")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, e := range entries {
		have[e.Name()] = true
	}
	for name := range have {
		room, _, _ := strings.Cut(name, ".")
		for _, l := range Langs() {
			if !have[room+"."+string(l)+".toml"] {
				t.Errorf("%s has no %s twin", name, l)
			}
		}
	}
}

// mapsOfCatalog is the catalog as maps, for the tests that walk every message.
type mapsOfCatalog struct {
	ids     map[Lang]map[string]bool   // every id of a language
	plain   map[Lang]map[string]string // a message's text (its "other" form)
	loadErr error
}

func catalogMaps() mapsOfCatalog {
	c := mapsOfCatalog{ids: map[Lang]map[string]bool{}, plain: map[Lang]map[string]string{}, loadErr: loaded().loadErr}
	for _, l := range Langs() {
		c.ids[l], c.plain[l] = map[string]bool{}, map[string]string{}
		for _, m := range messages(l) {
			c.ids[l][m.id], c.plain[l][m.id] = true, m.other
		}
	}
	return c
}
