package ui

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"huddle/ui/common"
)

// What the root keeps of what it drew: after a store change every session
// on a screen draws a new frame, and most of its parts (the footer's keys,
// the header when what it says did not change) are the same as before.
// Styling them again is most of a frame's cost on a server with many sessions.

// footerMemo keeps the footer lines drawn last and what each was drawn from
// (a few: the keys offered change as the cursor moves between tasks).
type footerMemo struct {
	drawn map[string]string
}

// footerMemoSize is how many footers a session keeps.
const footerMemoSize = 8

// line is draw's footer for the keys shown at width w in styles, drawn again
// only when one of those changed.
func (f *footerMemo) line(shown []key.Help, w int, st *common.Styles, draw func() string) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(w))
	b.WriteByte(0)
	b.WriteString(string(st.Theme))
	for _, h := range shown {
		b.WriteByte(0)
		b.WriteString(h.Key)
		b.WriteByte(1)
		b.WriteString(h.Desc)
	}
	k := b.String()
	if line, ok := f.drawn[k]; ok {
		return line
	}
	if len(f.drawn) >= footerMemoSize || f.drawn == nil {
		f.drawn = make(map[string]string, footerMemoSize)
	}
	line := draw()
	f.drawn[k] = line
	return line
}

// sameHeader reports whether two header loads say the same (their load
// generation aside): then the chrome drawn for the first still holds. Loads
// that both carry the signatures of the shared reads they were made of
// compare by those (made once per commit for every session) and who is
// online; others field by field.
func sameHeader(a, b headerMsg) bool {
	if a.sig != (headerSig{}) && b.sig != (headerSig{}) {
		return a.sig == b.sig && slices.Equal(a.online, b.online)
	}
	a.gen, b.gen = 0, 0
	if (a.err == nil) != (b.err == nil) || (a.err != nil && a.err.Error() != b.err.Error()) {
		return false
	}
	a.err, b.err = nil, nil
	return reflect.DeepEqual(a, b)
}

// fitFrame is common.Fit(joined, w, h) for a frame joined from the chrome's
// lines, a body already fitted to w x bodyH and the footer: when the chrome
// and footer fit and the lines add up to h, the frame is handed back without
// measuring the body a second time.
func fitFrame(chrome []string, bodyH int, footer, joined string, w, h int) string {
	n := bodyH
	for _, l := range chrome {
		k, ok := common.Fits(l, w, 1)
		if !ok {
			return common.Fit(joined, w, h)
		}
		n += k
	}
	if k, ok := common.Fits(footer, w, h); !ok || n+k != h {
		return common.Fit(joined, w, h)
	}
	return joined
}
