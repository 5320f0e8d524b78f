package common

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"huddle/backlog"
)

// Theme names a colour theme (backlog.ThemeNames).
type Theme string

const (
	// ThemeDefault reads well on dark and light backgrounds: each colour has
	// a dark and a light variant, chosen by the session's terminal background.
	ThemeDefault Theme = "default"
	// ThemeHighContrast draws text in full black or white and the accents in
	// the strongest colours, without greys; the selection is inverted.
	ThemeHighContrast Theme = "high-contrast"
	// ThemeMono uses no colour: bold, underline and reverse only (NO_COLOR).
	ThemeMono Theme = "mono"
)

// ChooseTheme picks a session's theme: NO_COLOR (set and not empty) means
// mono; else HUDDLE_THEME; else the member's own setting; else the default.
// getenv is the session's environment (the client's, over SSH). An unknown
// HUDDLE_THEME is an error; the caller decides whether to refuse or ignore it.
func ChooseTheme(getenv func(string) string, member string) (Theme, error) {
	if getenv != nil && getenv("NO_COLOR") != "" {
		return ThemeMono, nil
	}
	if getenv != nil {
		if v := strings.TrimSpace(getenv("HUDDLE_THEME")); v != "" {
			if err := backlog.ValidateTheme(v); err != nil {
				return ThemeDefault, fmt.Errorf("HUDDLE_THEME: %v", err)
			}
			return Theme(v), nil
		}
	}
	if backlog.ValidateTheme(member) == nil && member != "" {
		return Theme(member), nil
	}
	return ThemeDefault, nil
}

// palette is a theme's colours, each with a light- and a dark-background
// variant, and how it adjusts the styles beyond colour.
type palette struct {
	accent, subtle, faint, warn, danger, good, label lipgloss.AdaptiveColor
	selBg, selFg, keyFg, descFg, sepFg               lipgloss.AdaptiveColor
	mono                                             bool // no colour at all
	adjust                                           func(s *Styles, newText func() lipgloss.Style)
}

func paletteOf(t Theme) palette {
	ac := func(light, dark string) lipgloss.AdaptiveColor {
		return lipgloss.AdaptiveColor{Light: light, Dark: dark}
	}
	switch t {
	case ThemeHighContrast:
		ink := ac("#000000", "#FFFFFF")
		return palette{
			accent: ac("#0000D7", "#FFFF00"), subtle: ink, faint: ink,
			warn: ac("#875F00", "#FFAF00"), danger: ac("#AF0000", "#FF5F5F"),
			good: ac("#005F00", "#5FFF5F"), label: ac("#005F87", "#5FFFFF"),
			selBg: ink, selFg: ac("#FFFFFF", "#000000"),
			keyFg: ink, descFg: ink, sepFg: ink,
			adjust: func(s *Styles, _ func() lipgloss.Style) {
				s.Help.ShortKey = s.Help.ShortKey.Bold(true)
				s.Help.FullKey = s.Help.FullKey.Bold(true)
				s.Ref = s.Ref.Bold(true)
				s.Blocked = s.Blocked.Underline(true)
			},
		}
	case ThemeMono:
		return palette{
			mono: true,
			adjust: func(s *Styles, newText func() lipgloss.Style) {
				s.Selected = newText().Bold(true).Reverse(true)
				s.Blocked = s.Blocked.Underline(true)
				s.Help.ShortKey = s.Help.ShortKey.Bold(true)
				s.Help.FullKey = s.Help.FullKey.Bold(true)
			},
		}
	}
	return palette{
		accent: ac("#5A3FC0", "#A48BFF"), subtle: ac("#6B6B6B", "#8A8A8A"), faint: ac("#B8B8B8", "#4A4A4A"),
		warn: ac("#A35A00", "#FFB454"), danger: ac("#C0152F", "#FF6B6B"), good: ac("#1E7F3C", "#5FD787"),
		label: ac("#00708A", "#5FC7E0"), selBg: ac("#E4DDFF", "#3B3260"), selFg: ac("#1A1A1A", "#FFFFFF"),
		keyFg: ac("#505050", "#B0B0B0"), descFg: ac("#8A8A8A", "#707070"), sepFg: ac("#C8C8C8", "#4A4A4A"),
		adjust: func(*Styles, func() lipgloss.Style) {},
	}
}
