package ui

import (
	"huddle/ui/i18n"
)

// applyLang writes the session in the language the member chose, else the one
// its environment names (i18n.Choose: HUDDLE_LANG, then the locale the SSH
// client or the local shell sent). Every screen shares the one Tr, so changing
// it in place rewrites them all; the cached frame is dropped. It reports
// whether the language changed.
func (m *Model) applyLang(memberLang string) bool {
	l, _ := i18n.Choose(m.getenv, memberLang) // a bad HUDDLE_LANG was refused at start
	if l == m.c.Tr.Lang() {
		return false
	}
	*m.c.Tr = i18n.For(l)
	m.viewGen++
	m.cached = cachedView{}
	return true
}

// Lang is the language the session writes in.
func (m *Model) Lang() i18n.Lang { return m.c.Tr.Lang() }
