package ui

// Your own keys: a TOML file ($XDG_CONFIG_HOME/huddle/keys.toml) that gives
// any action other keys, one table per screen:
//
//	[board]
//	claim = "enter"
//	mine = ["F", "ctrl+f"]
//
//	[global]
//	quit = "Q"
//
// Actions are the fields of each screen's keys struct in kebab case
// (boardKeys.PrevSprint is board.prev-sprint); `huddle keys` lists them. The
// file is checked whole before the UI starts: an unknown screen or action, a
// key given twice, or a key another action of the same screen (or a global
// one) already uses is refused, one line each. Each screen's constructor
// passes its keys through remapKeys: that is the only hook.

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	"github.com/pelletier/go-toml/v2"

	"huddle/ui/common"
)

// KeyConfig is a checked key file: action ("board.claim") -> its keys.
type KeyConfig struct{ keys map[string][]string }

// WithKeys gives the session's screens the keys of cfg (nil: the defaults).
func WithKeys(cfg *KeyConfig) Option {
	return func(m *Model) {
		if cfg != nil {
			m.c.Remap = cfg.keys
		}
	}
}

// defaultKeySets are every screen's keys as built, by the name the file uses.
func defaultKeySets() map[string]any {
	return map[string]any{
		"global":  newGlobalKeys(),
		"vision":  newVisionKeys(),
		"backlog": newBacklogKeys(),
		"board":   newBoardKeys(),
		"standup": newStandupKeys(),
		"retro":   newRetroKeys(),
		"team":    newTeamKeys(),
	}
}

// actionName is a keys struct field's name in the file: PrevSprint -> prev-sprint.
func actionName(field string) string {
	var b strings.Builder
	for i, r := range field {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('-')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// eachBinding calls fn with every binding field of the keys struct v (an
// addressable value when fn sets them), embedded ones too, by action name.
func eachBinding(v reflect.Value, fn func(action string, f reflect.Value)) {
	for i := range v.NumField() {
		sf, f := v.Type().Field(i), v.Field(i)
		switch {
		case sf.Anonymous && f.Kind() == reflect.Struct:
			eachBinding(f, fn)
		case sf.IsExported() && sf.Type == reflect.TypeFor[key.Binding]():
			fn(actionName(sf.Name), f)
		}
	}
}

// bindings lists a keys struct's bindings by action name.
func bindings(set any) map[string]key.Binding {
	out := map[string]key.Binding{}
	eachBinding(reflect.ValueOf(set), func(action string, f reflect.Value) {
		out[action] = f.Interface().(key.Binding)
	})
	return out
}

// KeyActions lists every action a key file may remap, "screen.action" with
// its default keys, sorted.
func KeyActions() []string {
	var out []string
	for screen, set := range defaultKeySets() {
		for action, b := range bindings(set) {
			out = append(out, fmt.Sprintf("%s.%s = %q", screen, action, b.Keys()))
		}
	}
	sort.Strings(out)
	return out
}

// LoadKeyConfig reads and checks a key file. A missing file is no config
// (nil, nil); any problem is refused with one line per problem.
func LoadKeyConfig(path string) (*KeyConfig, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseKeyConfig(path, data)
}

// ParseKeyConfig checks a key file's text (name is how lines name the file).
// The error holds one line per problem.
func ParseKeyConfig(name string, data []byte) (*KeyConfig, error) {
	var raw map[string]map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return nil, fmt.Errorf("%s: line %d, column %d: %s", name, row, col, strings.Join(strings.Fields(de.Error()), " "))
		}
		return nil, fmt.Errorf("%s: %s", name, strings.Join(strings.Fields(err.Error()), " "))
	}
	sets := defaultKeySets()
	var problems []string
	bad := func(format string, a ...any) { problems = append(problems, name+": "+fmt.Sprintf(format, a...)) }
	cfg := &KeyConfig{keys: map[string][]string{}}
	for _, screen := range sortedKeys(raw) {
		set, ok := sets[screen]
		if !ok {
			bad("unknown screen [%s]; the screens are %s", screen, strings.Join(sortedKeys(sets), ", "))
			continue
		}
		known := bindings(set)
		for _, action := range sortedKeys(raw[screen]) {
			if _, ok := known[action]; !ok {
				bad("unknown action %s.%s; %s has %s", screen, action, screen, strings.Join(sortedKeys(known), ", "))
				continue
			}
			keys, err := keyList(raw[screen][action])
			if err != nil {
				bad("%s.%s: %v", screen, action, err)
				continue
			}
			cfg.keys[screen+"."+action] = keys
		}
	}
	problems = append(problems, cfg.clashes(name, sets)...)
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return cfg, nil
}

// keyList reads one action's value: a key or a list of keys.
func keyList(v any) ([]string, error) {
	var keys []string
	switch v := v.(type) {
	case string:
		keys = []string{v}
	case []any:
		for _, k := range v {
			s, ok := k.(string)
			if !ok {
				return nil, fmt.Errorf("keys are strings, like \"c\" or \"ctrl+f\"")
			}
			keys = append(keys, s)
		}
	default:
		return nil, fmt.Errorf("give a key (\"c\") or a list of keys ([\"c\", \"ctrl+c\"])")
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("give at least one key")
	}
	for i, k := range keys {
		if k == "space" {
			keys[i] = " "
		}
		if strings.TrimSpace(k) == "" && k != " " || strings.ContainsAny(k, "\t\n") {
			return nil, fmt.Errorf("%q is not a key", k)
		}
	}
	return keys, nil
}

// clashes lists each key a remapped action shares with another action of
// its screen or with a global action (which the root takes first), once per pair.
func (cfg *KeyConfig) clashes(name string, sets map[string]any) []string {
	final := map[string]map[string]key.Binding{}
	for screen, set := range sets {
		final[screen] = remapped(cfg.keys, screen, bindings(set))
	}
	var out []string
	seen := map[string]bool{}
	for _, a := range sortedKeys(cfg.keys) {
		screen, _, _ := strings.Cut(a, ".")
		scopes := []string{screen, "global"}
		if screen == "global" {
			scopes = sortedKeys(sets)
		}
		for i, k := range cfg.keys[a] {
			if slices.Contains(cfg.keys[a][i+1:], k) && !seen[a+k] {
				seen[a+k] = true
				out = append(out, fmt.Sprintf("%s: %s gives %q twice", name, a, k))
			}
			for _, sc := range scopes {
				for _, other := range sortedKeys(final[sc]) {
					b := sc + "." + other
					if b == a || !slices.Contains(final[sc][other].Keys(), k) {
						continue
					}
					pair := min(a, b) + "|" + max(a, b) + "|" + k
					if seen[pair] {
						continue
					}
					seen[pair] = true
					out = append(out, fmt.Sprintf("%s: %s and %s both use %q; give one of them another key", name, a, b, k))
				}
			}
		}
	}
	return out
}

// remapped is a screen's bindings with the file's keys put in.
func remapped(keys map[string][]string, screen string, bs map[string]key.Binding) map[string]key.Binding {
	out := make(map[string]key.Binding, len(bs))
	for action, b := range bs {
		if ks, ok := keys[screen+"."+action]; ok {
			b = rebind(b, ks)
		}
		out[action] = b
	}
	return out
}

// rebind gives b other keys; its help shows them.
func rebind(b key.Binding, keys []string) key.Binding {
	b.SetKeys(keys...)
	shown := make([]string, len(keys))
	for i, k := range keys {
		shown[i] = k
		if k == " " {
			shown[i] = "space"
		}
	}
	b.SetHelp(strings.Join(shown, "/"), b.Help().Desc)
	return b
}

// remapKeys is the hook each screen's constructor calls: the screen's keys
// struct with the session's own keys put in (c.Remap), by action name.
func remapKeys[T any](c common.Common, screen string, set T) T {
	if len(c.Remap) == 0 {
		return set
	}
	eachBinding(reflect.ValueOf(&set).Elem(), func(action string, f reflect.Value) {
		if ks, ok := c.Remap[screen+"."+action]; ok {
			f.Set(reflect.ValueOf(rebind(f.Interface().(key.Binding), ks)))
		}
	})
	return set
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
