package ui

import (
	"huddle/ui/common"
)

// WithEnv gives the session its environment: the local process's, or what an
// SSH client sent. NO_COLOR and HUDDLE_THEME in it choose the session's theme
// over the member's own setting (common.ChooseTheme).
func WithEnv(getenv func(string) string) Option { return func(m *Model) { m.getenv = getenv } }

// applyTheme draws the session in the theme its environment and the member's
// setting choose. Every screen shares the one Styles value, so changing it in
// place restyles them all; the cached frame is dropped.
func (m *Model) applyTheme(memberTheme string) {
	t, _ := common.ChooseTheme(m.getenv, memberTheme) // a bad HUDDLE_THEME was refused at start
	if t == m.theme {
		return
	}
	m.theme = t
	*m.c.Styles = common.ThemeStyles(m.renderer, t)
	m.viewGen++
	m.cached = cachedView{}
}

// Theme is the theme the session draws with.
func (m *Model) Theme() common.Theme { return m.theme }
