package cli

import (
	"huddle/store"
	"huddle/ui"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// uiOptions are what the local UI is given beyond the store and the actor:
// the file it shows under the tabs (locally only; an SSH session never sees a
// server path), the environment that may choose its theme, and the person's
// own keys (keys.go). A HUDDLE_THEME
// that names no theme is refused here, before the screen opens.
func (e *cliEnv) uiOptions(st *store.Store) ([]ui.Option, error) {
	if _, err := common.ChooseTheme(e.getenv, ""); err != nil {
		return nil, err
	}
	if _, err := i18n.Choose(e.getenv, ""); err != nil {
		return nil, err
	}
	keys, err := e.keyConfig()
	if err != nil {
		return nil, err
	}
	return []ui.Option{ui.ShowFile(e.shortPath(st.Path())), ui.WithEnv(e.getenv), ui.WithKeys(keys)}, nil
}
