package i18n

import (
	"fmt"
	"strings"
)

// Choose picks a person's language: their own setting in the team (member,
// "" when they chose none), else HUDDLE_LANG, else the locale (LC_ALL, then
// LC_MESSAGES, then LANG), else English. getenv is the session's environment:
// the client's over SSH, so a person who has not chosen gets their laptop's
// locale. A HUDDLE_LANG that names no language is an error; the caller decides
// whether to refuse or ignore it (the language chosen is still returned).
func Choose(getenv func(string) string, member string) (Lang, error) {
	if l, ok := ParseLang(member); ok && member != "" {
		return l, nil
	}
	if getenv == nil {
		return EN, nil
	}
	var bad error
	if v := strings.TrimSpace(getenv("HUDDLE_LANG")); v != "" {
		if l, ok := ParseLang(v); ok {
			return l, nil
		}
		bad = fmt.Errorf("HUDDLE_LANG=%s: huddle speaks en and zh", v)
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			l, _ := ParseLang(v) // a locale huddle does not speak means English
			return l, bad
		}
	}
	return EN, bad
}

// ParseLang reads a language name or a locale ("zh", "zh_CN.UTF-8", "zh-Hans",
// "en_GB", "C"). ok is false for a name that is neither English nor Chinese;
// the language is then English.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "_-.@"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case "zh":
		return ZH, true
	case "en", "c", "posix", "":
		return EN, true
	}
	return EN, false
}
