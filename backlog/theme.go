package backlog

import (
	"fmt"
	"slices"
	"strings"
)

// ThemeNames are the colour themes a member may choose for their screen:
// "default" follows the terminal's background (dark or light),
// "high-contrast" draws with the strongest colours and no greys, and "mono"
// uses no colour at all (bold, underline and reverse only; NO_COLOR picks it).
func ThemeNames() []string { return []string{"default", "high-contrast", "mono"} }

// ValidateTheme accepts a theme name, or "" (none chosen: the default).
func ValidateTheme(name string) error {
	if name == "" || slices.Contains(ThemeNames(), name) {
		return nil
	}
	return fmt.Errorf("%q is not a theme; choose %s", name, strings.Join(ThemeNames(), ", "))
}
