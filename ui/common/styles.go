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
}

// NewStyles builds the styles for one session's renderer.
func NewStyles(r *lipgloss.Renderer) Styles {
	fix := resolver(r)
	var (
		accent  = fix(lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#A48BFF"})
		subtle  = fix(lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8A8A8A"})
		faint   = fix(lipgloss.AdaptiveColor{Light: "#B8B8B8", Dark: "#4A4A4A"})
		warn    = fix(lipgloss.AdaptiveColor{Light: "#A35A00", Dark: "#FFB454"})
		danger  = fix(lipgloss.AdaptiveColor{Light: "#C0152F", Dark: "#FF6B6B"})
		good    = fix(lipgloss.AdaptiveColor{Light: "#1E7F3C", Dark: "#5FD787"})
		label   = fix(lipgloss.AdaptiveColor{Light: "#00708A", Dark: "#5FC7E0"})
		selBg   = fix(lipgloss.AdaptiveColor{Light: "#E4DDFF", Dark: "#3B3260"})
		selFg   = fix(lipgloss.AdaptiveColor{Light: "#1A1A1A", Dark: "#FFFFFF"})
		keyFg   = fix(lipgloss.AdaptiveColor{Light: "#505050", Dark: "#B0B0B0"})
		descFg  = fix(lipgloss.AdaptiveColor{Light: "#8A8A8A", Dark: "#707070"})
		sepFg   = fix(lipgloss.AdaptiveColor{Light: "#C8C8C8", Dark: "#4A4A4A"})
		newText = r.NewStyle
	)
	return Styles{
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
}

// resolver picks each colour for the renderer once, when the styles are made,
// instead of at every Render: lipgloss would otherwise look up the background
// and convert the hex colour to the terminal's palette (a costly nearest-colour
// search on 256-colour terminals, which is what most SSH clients report) for
// every styled string of every frame of every session.
func resolver(r *lipgloss.Renderer) func(lipgloss.AdaptiveColor) lipgloss.TerminalColor {
	dark, profile := r.HasDarkBackground(), r.ColorProfile()
	return func(c lipgloss.AdaptiveColor) lipgloss.TerminalColor {
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
