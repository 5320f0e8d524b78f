package i18n

// EventID is the id of the ev.* format text matches ("" for none), and text
// in t's language.
func (t Tr) EventID(text string) (string, string) {
	out, id := t.match(text, loaded().formats().events, 0)
	return id, out
}

// EventIDs are the ids of the catalog's event sentences.
func EventIDs() []string {
	var out []string
	for _, f := range loaded().formats().events {
		out = append(out, f.id)
	}
	return out
}
