package ui

import (
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/ui/common"
	"huddle/ui/i18n"
)

// maxFilter caps the filter text, in characters.
const maxFilter = 100

// filterInput is the one-line text a list is filtered by. It edits at the end
// of the line only (type, backspace, ctrl+w, ctrl+u), which is all a filter
// needs, and keeps no timers.
type filterInput struct {
	value   []rune
	focused bool
}

func (f *filterInput) Value() string { return string(f.value) }
func (f *filterInput) Focused() bool { return f.focused }
func (f *filterInput) Focus()        { f.focused = true }
func (f *filterInput) Blur()         { f.focused = false }
func (f *filterInput) Reset()        { f.value, f.focused = nil, false }

// Update edits the text for a key and reports whether the text changed.
func (f *filterInput) Update(msg tea.KeyMsg) bool {
	before := len(f.value)
	switch msg.Type {
	case tea.KeyRunes, tea.KeySpace:
		f.insert(msg.Runes)
		return true
	case tea.KeyBackspace, tea.KeyCtrlH:
		if len(f.value) > 0 {
			f.value = f.value[:len(f.value)-1]
		}
	case tea.KeyCtrlW:
		s := strings.TrimRightFunc(string(f.value), unicode.IsSpace)
		i := strings.LastIndexFunc(s, unicode.IsSpace)
		f.value = []rune(s[:i+1])
	case tea.KeyCtrlU:
		f.value = nil
	}
	return len(f.value) != before
}

// insert adds typed or pasted text, dropping control characters.
func (f *filterInput) insert(rs []rune) {
	for _, r := range rs {
		switch {
		case len(f.value) >= maxFilter:
			return
		case r == '\n' || r == '\t':
			r = ' '
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			continue
		}
		f.value = append(f.value, r)
	}
}

// View draws "/ text" with a cursor while focused, cut to w cells from the
// left so the end of what is typed stays in sight.
func (f *filterInput) View(tr *i18n.Tr, st *common.Styles, w int) string {
	prompt := st.FilterPrompt.Render("/ ")
	text := common.Line(string(f.value))
	room := w - 2
	if f.focused {
		room-- // the cursor cell
	}
	if tw := common.Width(text); tw > room && room > 0 {
		text = truncateLeft(text, room)
	}
	out := prompt + st.FilterText.Render(text)
	if f.focused {
		out += st.Cursor.Render(" ")
	}
	if text == "" && !f.focused {
		out += st.FilterPlaceholder.Render(tr.T("backlog.filter_placeholder"))
	}
	return common.Truncate(out, w)
}

// truncateLeft keeps the last w cells of s, starting with "…".
func truncateLeft(s string, w int) string {
	rs := []rune(s)
	for i := range rs {
		if t := string(rs[i:]); common.Width(t)+1 <= w {
			return common.Ellipsis + t
		}
	}
	return ""
}
