package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
)

// globalKeys work on every screen (unless the screen is taking typed text).
type globalKeys struct {
	Screen    key.Binding // 1-6
	Next      key.Binding
	Prev      key.Binding
	Help      key.Binding
	Quit      key.Binding
	Undo      key.Binding // your own last change (undo.go)
	Mentions  key.Binding // comments that name you (mentions.go)
	ForceQuit key.Binding // works even while typing
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Screen:    key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6"), key.WithHelp("1-6", "key.screens")),
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "key.next_screen")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "key.prev_screen")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "key.all_keys")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "key.quit")),
		Undo:      key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "key.undo")),
		Mentions:  key.NewBinding(key.WithKeys("@"), key.WithHelp("@", "key.mentions")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "key.quit")),
	}
}

func (k globalKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Screen, k.Next, k.Help, k.Quit}
}

func (k globalKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Screen, k.Next, k.Prev, k.Undo, k.Mentions, k.Help, k.Quit}}
}

// footerKeys is what the footer shows: the active screen's keys, then the
// global ones. While the screen takes typed text only its own keys work.
type footerKeys struct {
	screen    help.KeyMap
	global    globalKeys
	capturing bool
}

func (f footerKeys) ShortHelp() []key.Binding {
	if f.capturing {
		return append(slices.Clone(f.screen.ShortHelp()), f.global.ForceQuit)
	}
	return append(slices.Clone(f.screen.ShortHelp()), f.global.ShortHelp()...)
}

func (f footerKeys) FullHelp() [][]key.Binding {
	if f.capturing {
		return append(slices.Clone(f.screen.FullHelp()), []key.Binding{f.global.ForceQuit})
	}
	return append(slices.Clone(f.screen.FullHelp()), f.global.FullHelp()...)
}

// combined is one footer entry standing for several bindings ("↑↓ move" for
// up, down, j and k). It is for the help only; screens match the real bindings.
func combined(keys, desc string, bs ...key.Binding) key.Binding {
	var all []string
	for _, b := range bs {
		all = append(all, b.Keys()...)
	}
	return key.NewBinding(key.WithKeys(all...), key.WithHelp(keys, desc))
}
