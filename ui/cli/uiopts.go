package cli

import (
	"huddle/store"
	"huddle/ui"
)

// uiOptions are what the local UI is given beyond the store and the actor:
// the file it shows under the tabs (locally only; an SSH session never sees a
// server path).
func (e *cliEnv) uiOptions(st *store.Store) []ui.Option {
	return []ui.Option{ui.ShowFile(e.shortPath(st.Path()))}
}
