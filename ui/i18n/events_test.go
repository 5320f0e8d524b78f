package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// storeEventFormats reads store/*.go: the formats of every eventf call (the
// sentences of the event log), and where an event's text is written some
// other way (fmt.Sprintf, a literal, a concatenation), which no reader's
// language could match.
func storeEventFormats(t *testing.T) (formats map[string]string, bypass []string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "store", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	formats = map[string]string{}
	fset := token.NewFileSet()
	textTarget := func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.Ident:
			return e.Name == "text"
		case *ast.SelectorExpr: // the store names an event e, ev or del
			x, ok := e.X.(*ast.Ident)
			return ok && e.Sel.Name == "Text" && (x.Name == "e" || x.Name == "ev" || x.Name == "del")
		}
		return false
	}
	field := func(e ast.Expr) bool { id, ok := e.(*ast.Ident); return ok && id.Name == "Text" }
	// built reports whether e writes text without eventf.
	built := func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.BasicLit:
			return e.Kind == token.STRING
		case *ast.BinaryExpr:
			return e.Op == token.ADD
		case *ast.CallExpr:
			if sel, ok := e.Fun.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "fmt" {
					return true
				}
			}
		}
		return false
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "eventf" && len(n.Args) > 0 {
					lit, ok := n.Args[0].(*ast.BasicLit)
					s, err := strconv.Unquote(litValue(lit))
					if !ok || err != nil {
						bypass = append(bypass, fset.Position(n.Pos()).String()+": eventf without a constant format")
						return true
					}
					formats[s] = fset.Position(n.Pos()).String()
				}
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); !ok || id.Name != "Event" {
					return true
				}
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok && field(kv.Key) && built(kv.Value) {
						bypass = append(bypass, fset.Position(kv.Pos()).String())
					}
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if !textTarget(lhs) || i >= len(n.Rhs) {
						continue
					}
					if n.Tok == token.ADD_ASSIGN || built(n.Rhs[i]) {
						bypass = append(bypass, fset.Position(n.Pos()).String())
					}
				}
			}
			return true
		})
	}
	return formats, bypass
}

func litValue(l *ast.BasicLit) string {
	if l == nil || l.Kind != token.STRING {
		return ""
	}
	return l.Value
}

// TestEveryEventFormatIsInTheCatalog: each sentence the store writes has an
// ev.* entry (the catalog test checks the other way: each entry's English is
// in the code), and no event text is written but through eventf.
func TestEveryEventFormatIsInTheCatalog(t *testing.T) {
	c := catalogMaps()
	english := map[string]bool{}
	for id := range c.ids[EN] {
		if strings.HasPrefix(id, "ev.") {
			english[c.plain[EN][id]] = true
		}
	}
	formats, bypass := storeEventFormats(t)
	if len(formats) < 90 {
		t.Fatalf("found %d event formats in store/*.go; the scan is broken", len(formats))
	}
	var missing []string
	for f, where := range formats {
		if !english[f] {
			missing = append(missing, where+": "+strconv.Quote(f))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("event format with no ev.* entry: %s", m)
	}
	for _, b := range bypass {
		t.Errorf("%s: an event's text is written without eventf", b)
	}
}
