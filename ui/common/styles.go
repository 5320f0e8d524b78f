package common

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Styles are every style a session draws with. Build them once per session with
// NewStyles; they are bound to that session's renderer, so each SSH client gets
// its own colour profile and background detection.
type Styles struct {
	// Header line and screen tabs.
	Team, HeaderSprint, HeaderUser, HeaderMuted lipgloss.Style
	TabActive, TabInactive                      lipgloss.Style
	Rule                                        lipgloss.Style

	// Body text.
	Title    lipgloss.Style // a section heading ("Vision", "To do")
	Subtle   lipgloss.Style // secondary facts: dates, counts, owners
	Ref      lipgloss.Style // IDs people type: S-12, T-40, #3
	Command  lipgloss.Style // a command or key named in an empty state
	Empty    lipgloss.Style // the explanation of an empty state
	Error    lipgloss.Style // a failed load
	Warning  lipgloss.Style // needs attention: unestimated points, too many actions
	Blocked  lipgloss.Style // blocked tasks and stand-up blockers
	Good     lipgloss.Style // done, reached
	Label    lipgloss.Style // story labels
	Selected lipgloss.Style // the selected row (rows also carry a "> " marker, for colourless terminals)

	// Progress bars.
	BarFull, BarEmpty lipgloss.Style

	// The filter line.
	FilterPrompt, FilterText, FilterPlaceholder lipgloss.Style
	Cursor                                      lipgloss.Style

	// Help is the footer's style set for bubbles/help.
	Help help.Styles

	// Theme is the theme these styles draw (what a cache of drawn text is
	// keyed on: a session's styles change in place when its theme does).
	Theme Theme
	// Look is everything the text these styles draw depends on: the theme,
	// and the colour profile and background of the session's terminal. Text
	// drawn with styles of one look is the same in every session (what a
	// cache shared between sessions is keyed on).
	Look Look
}

// Look identifies what a set of styles draws: two sessions whose styles have
// the same Look style a string into the same bytes.
type Look struct {
	Theme   Theme
	Profile termenv.Profile
	Dark    bool
}

// NewStyles builds the default theme's styles for one session's renderer.
func NewStyles(r *lipgloss.Renderer) Styles { return ThemeStyles(r, ThemeDefault) }

// ThemeStyles builds the styles of a theme for one session's renderer: the
// one constructor every style comes from. Colours are adaptive: the renderer
// knows whether this session's terminal has a dark or a light background.
func ThemeStyles(r *lipgloss.Renderer, t Theme) Styles {
	p := paletteOf(t)
	fix := resolver(r, p.mono)
	var (
		accent  = fix(p.accent)
		subtle  = fix(p.subtle)
		faint   = fix(p.faint)
		warn    = fix(p.warn)
		danger  = fix(p.danger)
		good    = fix(p.good)
		label   = fix(p.label)
		selBg   = fix(p.selBg)
		selFg   = fix(p.selFg)
		keyFg   = fix(p.keyFg)
		descFg  = fix(p.descFg)
		sepFg   = fix(p.sepFg)
		newText = r.NewStyle
	)
	s := Styles{
		Team:         newText().Bold(true).Foreground(accent),
		HeaderSprint: newText(),
		HeaderUser:   newText().Foreground(subtle),
		HeaderMuted:  newText().Foreground(subtle),
		TabActive:    newText().Bold(true).Foreground(accent).Underline(true),
		TabInactive:  newText().Foreground(subtle),
		Rule:         newText().Foreground(faint),

		Title:    newText().Bold(true),
		Subtle:   newText().Foreground(subtle),
		Ref:      newText().Foreground(accent),
		Command:  newText().Foreground(accent).Bold(true),
		Empty:    newText(),
		Error:    newText().Foreground(danger).Bold(true),
		Warning:  newText().Foreground(warn).Bold(true),
		Blocked:  newText().Foreground(danger).Bold(true),
		Good:     newText().Foreground(good),
		Label:    newText().Foreground(label),
		Selected: newText().Bold(true).Foreground(selFg).Background(selBg),

		BarFull:  newText().Foreground(accent),
		BarEmpty: newText().Foreground(faint),

		FilterPrompt:      newText().Foreground(accent).Bold(true),
		FilterText:        newText(),
		FilterPlaceholder: newText().Foreground(subtle),
		Cursor:            newText().Reverse(true),

		Help: help.Styles{
			Ellipsis:       newText().Foreground(sepFg),
			ShortKey:       newText().Foreground(keyFg),
			ShortDesc:      newText().Foreground(descFg),
			ShortSeparator: newText().Foreground(sepFg),
			FullKey:        newText().Foreground(keyFg),
			FullDesc:       newText().Foreground(descFg),
			FullSeparator:  newText().Foreground(sepFg),
		},
	}
	p.adjust(&s, newText)
	s.Theme = t
	s.Look = Look{Theme: t, Profile: r.ColorProfile(), Dark: r.HasDarkBackground()}
	return s
}

// resolver picks each colour for the renderer once, when the styles are made,
// instead of at every Render: lipgloss would otherwise look up the background
// and convert the hex colour to the terminal's palette (a costly nearest-colour
// search on 256-colour terminals, which is what most SSH clients report) for
// every styled string of every frame of every session.
func resolver(r *lipgloss.Renderer, mono bool) func(lipgloss.AdaptiveColor) lipgloss.TerminalColor {
	dark, profile := r.HasDarkBackground(), r.ColorProfile()
	return func(c lipgloss.AdaptiveColor) lipgloss.TerminalColor {
		if mono {
			return lipgloss.NoColor{}
		}
		hex := c.Light
		if dark {
			hex = c.Dark
		}
		switch v := profile.Color(hex).(type) {
		case nil, termenv.NoColor:
			return lipgloss.NoColor{}
		case termenv.ANSIColor:
			return lipgloss.ANSIColor(v)
		case termenv.ANSI256Color:
			return lipgloss.ANSIColor(v)
		default:
			return lipgloss.Color(hex)
		}
	}
}
