package i18n

import (
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
)

// parseFile reads a message file the way the bundle does, keeping every
// plural form's text.
func parseFile(buf []byte, name string) (catalogFile, error) {
	mf, err := i18n.ParseMessageFileBytes(buf, name, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		return catalogFile{}, err
	}
	out := catalogFile{lang: mf.Tag.String(), msgs: map[string][]string{}}
	for _, m := range mf.Messages {
		for _, s := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
			if s != "" {
				out.msgs[m.ID] = append(out.msgs[m.ID], s)
			}
		}
	}
	return out, nil
}
