package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"huddle/ui/common"
	"huddle/ui/i18n"
)

// Multi-line form fields (fieldSpec.Lines > 0): a description, acceptance
// criteria, the vision, a sprint goal. They are bubbles textareas inside the
// hand-written form, so the form's rules hold for them too: printable text,
// typed, in a burst or pasted, is always text (a pasted line break starts a
// new line). As in huh's Text field, enter still moves on (or saves on the
// last field) and alt+enter or ctrl+j starts a new line; tab and shift+tab
// move between fields, and ↑↓ do once the cursor is on the first or last
// line; ctrl+s saves, esc cancels.

// newLineHint is the hint of a multi-line field: hint (may be "") then how
// to start a new line.
func newLineHint(tr i18n.Tr, hint string) string {
	if hint == "" {
		return tr.T("page.form.newline")
	}
	return tr.Tf("page.form.hint_newline", "Hint", hint)
}

// newArea builds the textarea of a multi-line field.
func newArea(s fieldSpec, blinks bool) *textarea.Model {
	a := textarea.New()
	a.Prompt = ""
	a.ShowLineNumbers = false
	a.Placeholder = s.Placeholder
	a.CharLimit = s.CharLimit
	if a.CharLimit == 0 {
		a.CharLimit = defaultCharLimit
	}
	a.MaxHeight = 0 // the lines typed are not limited; the field shows s.Lines of them
	// The clipboard of the machine huddle runs on is not the person's (over
	// SSH it is the server's): text comes in as a paste from their terminal.
	a.KeyMap.Paste.SetEnabled(false)
	if !blinks {
		a.Cursor.SetMode(cursor.CursorStatic)
	}
	a.SetHeight(s.Lines)
	a.SetValue(s.Value)
	return &a
}

// areaKey handles a control key in a focused multi-line field; handled is
// false when the form should treat it (moving between fields, saving).
func (f *form) areaKey(ff *formField, k tea.KeyMsg) (out formOutcome, handled bool) {
	a := ff.area
	switch {
	case key.Matches(k, f.keys.Cancel), key.Matches(k, f.keys.Submit):
		return formEditing, false
	case k.Type == tea.KeyCtrlJ, k.Type == tea.KeyEnter && k.Alt:
		*a, _ = a.Update(tea.KeyMsg{Type: tea.KeyEnter})
		return formEditing, true
	case k.Type == tea.KeyTab, k.Type == tea.KeyShiftTab, k.Type == tea.KeyEnter:
		return formEditing, false
	case k.Type == tea.KeyUp && a.Line() == 0:
		return formEditing, false
	case k.Type == tea.KeyDown && a.Line() >= a.LineCount()-1:
		return formEditing, false
	}
	*a, _ = a.Update(k)
	return formEditing, true
}

// areaView draws a multi-line field: its rows, the first after the label.
func areaView(st *common.Styles, ff *formField, w int) []string {
	a := ff.area
	plain := textarea.Style{Base: lipgloss.Style{}, Placeholder: st.Subtle}
	a.FocusedStyle, a.BlurredStyle = plain, plain
	a.SetWidth(w - 1) // the cursor takes a cell after the text
	rows := strings.Split(a.View(), "\n")
	for i, r := range rows {
		rows[i] = common.Truncate(r, w)
	}
	return rows
}
