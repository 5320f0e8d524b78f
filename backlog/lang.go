package backlog

import (
	"fmt"
	"slices"
	"strings"
)

// LangNames are the languages a member may choose for what huddle shows them:
// English and Simplified Chinese. Ids, JSON and key letters never change with it.
func LangNames() []string { return []string{"en", "zh"} }

// ValidateLang accepts a language name, or "" (none chosen: the session's
// environment decides).
func ValidateLang(name string) error {
	if name == "" || slices.Contains(LangNames(), name) {
		return nil
	}
	return fmt.Errorf("%q is not a language; choose %s", name, strings.Join(LangNames(), ", "))
}
