package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/ui/common"
	"huddle/ui/i18n"
)

// The pieces every editing screen shares: a form of labelled fields, a yes/no
// confirmation, and the message a store write answers with. Screens open a form
// or a confirmation, report Capturing() while one is open, and run the store
// write in a tea.Cmd (writeCmd), never inside Update.

// fieldSpec describes one form field.
type fieldSpec struct {
	Label       string
	Value       string   // initial text, or the initial choice
	Placeholder string   // shown while empty
	Hint        string   // one line under the field: the allowed values, a unit
	Choices     []string // when set, left/right cycle through these instead of typing
	Shown       []string // what a person reads for each choice (nil: the choices themselves)
	CharLimit   int      // 0 means the store's title limit
	Lines       int      // when set, a multi-line field this many rows high (form_text.go)
}

type formField struct {
	spec   fieldSpec
	input  textinput.Model
	area   *textarea.Model // a multi-line field's editor, nil for one line
	choice int
}

// formKeys are the keys of an open form.
type formKeys struct {
	Next, Prev, Submit, Cancel, Cycle key.Binding
}

func newFormKeys() formKeys {
	return formKeys{
		Next:   key.NewBinding(key.WithKeys("tab", "down", "enter"), key.WithHelp("tab/↓", "page.key.next_field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "page.key.prev_field")),
		Submit: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("form.key.save", "page.key.save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "page.key.cancel")),
		Cycle:  key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←→", "page.key.choose")),
	}
}

func (k formKeys) ShortHelp() []key.Binding { return []key.Binding{k.Next, k.Submit, k.Cancel} }
func (k formKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Prev, k.Cycle, k.Submit, k.Cancel}}
}

// formOutcome says what a key did to a form.
type formOutcome int

const (
	formEditing formOutcome = iota
	formSubmitted
	formCancelled
)

// form is a small modal editor: a title, labelled fields, and the error of the
// last failed save (the form stays open so nothing typed is lost).
type form struct {
	title  string
	fields []*formField
	focus  int
	err    string
	keys   formKeys
	// onChoose, when set, runs after a choice field changes (the capacity
	// form puts the chosen member's hours in the Hours field).
	onChoose func(f *form, field int)
}

const defaultCharLimit = 200

// newForm builds a form whose text cursors blink when timers' clock lets them.
func newForm(timers common.Timers, title string, specs ...fieldSpec) *form {
	f := &form{title: title, keys: newFormKeys()}
	for _, s := range specs {
		in := textinput.New()
		if !timers.CursorBlinks() {
			in.Cursor.SetMode(cursor.CursorStatic)
		}
		in.Prompt = ""
		in.Placeholder = s.Placeholder
		in.CharLimit = s.CharLimit
		if in.CharLimit == 0 {
			in.CharLimit = defaultCharLimit
		}
		in.SetValue(s.Value)
		ff := &formField{spec: s, input: in}
		if s.Lines > 0 {
			ff.area = newArea(s, timers.CursorBlinks())
		}
		for i, c := range s.Choices {
			if c == s.Value {
				ff.choice = i
			}
		}
		f.fields = append(f.fields, ff)
	}
	// Start where typing goes: a choice usually comes preset from the context
	// (the column the cursor is in), and letters typed into a choice are lost.
	first := 0
	for i, ff := range f.fields {
		if len(ff.spec.Choices) == 0 {
			first = i
			break
		}
	}
	f.focusField(first)
	return f
}

func (f *form) focusField(i int) {
	for j, ff := range f.fields {
		switch {
		case j == i && ff.area != nil:
			ff.area.Focus()
		case j == i:
			ff.input.Focus()
		case ff.area != nil:
			ff.area.Blur()
		default:
			ff.input.Blur()
		}
	}
	f.focus = i
}

// Value is the text (or the choice) of field i.
func (f *form) Value(i int) string {
	ff := f.fields[i]
	if len(ff.spec.Choices) > 0 {
		return ff.spec.Choices[ff.choice]
	}
	if ff.area != nil {
		return ff.area.Value()
	}
	return ff.input.Value()
}

// SetValue replaces the text of field i (a text field).
func (f *form) SetValue(i int, v string) {
	if a := f.fields[i].area; a != nil {
		a.SetValue(v)
		return
	}
	f.fields[i].input.SetValue(v)
	f.fields[i].input.CursorEnd()
}

// Typing reports whether the focused field takes text: then every printable
// key is text, whatever word it spells.
func (f *form) Typing() bool { return len(f.fields[f.focus].spec.Choices) == 0 }

// SetError shows why the last save failed; the form stays open.
func (f *form) SetError(err error) {
	if err == nil {
		f.err = ""
		return
	}
	f.err = err.Error()
}

// Update handles one message while the form is open.
func (f *form) Update(msg tea.Msg) (formOutcome, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		var cmd tea.Cmd
		if a := f.fields[f.focus].area; a != nil {
			*a, cmd = a.Update(msg)
			return formEditing, cmd
		}
		f.fields[f.focus].input, cmd = f.fields[f.focus].input.Update(msg)
		return formEditing, cmd
	}
	ff := f.fields[f.focus]
	if isText(k) {
		// Printable keys never act on the form, however they arrive: a
		// burst spelling "up" or "esc" is text, not a key.
		if len(ff.spec.Choices) > 0 {
			if k.Type == tea.KeySpace && !k.Paste {
				f.choose(ff, 1)
			}
			return formEditing, nil
		}
		// A paste message never matches the text input's own bindings
		// (its String is bracketed), so the runes go in as they are.
		var cmd tea.Cmd
		pasted := tea.KeyMsg{Type: tea.KeyRunes, Runes: k.Runes, Paste: true}
		if ff.area != nil {
			*ff.area, cmd = ff.area.Update(pasted)
			return formEditing, cmd
		}
		ff.input, cmd = ff.input.Update(pasted)
		return formEditing, cmd
	}
	if ff.area != nil {
		if out, handled := f.areaKey(ff, k); handled {
			return out, nil
		}
	}
	last := f.focus == len(f.fields)-1
	switch {
	case key.Matches(k, f.keys.Cancel):
		return formCancelled, nil
	case key.Matches(k, f.keys.Submit), k.Type == tea.KeyEnter && last:
		return formSubmitted, nil
	case key.Matches(k, f.keys.Next):
		f.focusField((f.focus + 1) % len(f.fields))
		return formEditing, nil
	case key.Matches(k, f.keys.Prev):
		f.focusField((f.focus + len(f.fields) - 1) % len(f.fields))
		return formEditing, nil
	case len(ff.spec.Choices) > 0:
		switch k.Type {
		case tea.KeyLeft:
			f.choose(ff, -1)
		case tea.KeyRight:
			f.choose(ff, 1)
		}
		return formEditing, nil
	}
	var cmd tea.Cmd
	ff.input, cmd = ff.input.Update(msg)
	return formEditing, cmd
}

// choose moves a choice field by step and tells onChoose.
func (f *form) choose(ff *formField, step int) {
	n := len(ff.spec.Choices)
	ff.choice = (ff.choice + step + n) % n
	if f.onChoose != nil {
		f.onChoose(f, f.focus)
	}
}

// isText reports whether a key is printable text (runes or a space, typed,
// in a burst or pasted) rather than a control key. Decide by its type, never
// by its String: a burst of the runes "end" prints as "end".
func isText(k tea.KeyMsg) bool { return k.Type == tea.KeyRunes || k.Type == tea.KeySpace }

// Keys are the form's keys for the footer.
func (f *form) Keys() help.KeyMap { return f.keys }

// View draws the form in width w.
func (f *form) View(st *common.Styles, w int) string {
	labelW := 0
	for _, ff := range f.fields {
		labelW = max(labelW, common.Width(ff.spec.Label))
	}
	inputW := max(w-labelW-4, 10)
	lines := []string{st.Title.Render(common.Truncate(f.title, w)), ""}
	for i, ff := range f.fields {
		marker := "  "
		if i == f.focus {
			marker = "> "
		}
		var value string
		if ff.area != nil {
			rows := areaView(st, ff, inputW)
			lines = append(lines, marker+common.Pad(ff.spec.Label, labelW)+"  "+rows[0])
			for _, r := range rows[1:] {
				lines = append(lines, strings.Repeat(" ", labelW+4)+r)
			}
			if ff.spec.Hint != "" && i == f.focus {
				lines = append(lines, strings.Repeat(" ", labelW+4)+st.Subtle.Render(common.Truncate(ff.spec.Hint, inputW)))
			}
			continue
		}
		if len(ff.spec.Choices) > 0 {
			shown := ff.spec.Choices
			if len(ff.spec.Shown) == len(shown) {
				shown = ff.spec.Shown
			}
			value = "‹ " + shown[ff.choice] + " ›"
		} else {
			ff.input.Width = inputW - 1 // the cursor takes a cell after the text
			value = ff.input.View()
		}
		lines = append(lines, marker+common.Pad(ff.spec.Label, labelW)+"  "+common.Truncate(value, inputW))
		if ff.spec.Hint != "" && i == f.focus {
			lines = append(lines, strings.Repeat(" ", labelW+4)+st.Subtle.Render(common.Truncate(ff.spec.Hint, inputW)))
		}
	}
	if f.err != "" {
		lines = append(lines, "")
		for _, l := range common.Wrap(f.err, w-2, 3) {
			lines = append(lines, st.Error.Render(l))
		}
	}
	return strings.Join(lines, "\n")
}

// confirm is a yes/no question that guards a destructive or sweeping action.
type confirm struct {
	question string
	keys     confirmKeys
}

type confirmKeys struct{ Yes, No key.Binding }

func newConfirm(question string) *confirm {
	return &confirm{question: question, keys: confirmKeys{
		Yes: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "page.key.yes")),
		No:  key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "page.key.no")),
	}}
}

func (k confirmKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Yes, k.No} }
func (k confirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Yes, k.No}} }

// Update answers (decided, yes) for a key; other keys are ignored. Only a key
// typed on its own answers: never a paste, never several runes of one read.
func (c *confirm) Update(msg tea.KeyMsg) (decided, yes bool) {
	if msg.Paste || len(msg.Runes) > 1 {
		return false, false
	}
	switch {
	case key.Matches(msg, c.keys.Yes):
		return true, true
	case key.Matches(msg, c.keys.No):
		return true, false
	}
	return false, false
}

func (c *confirm) View(st *common.Styles, w int) string {
	return st.Warning.Render(common.Truncate(c.question+" (y/n)", w))
}

// writeResultMsg is the answer of a store write started with writeCmd. Tag names
// the screen (and the action) that started it, so only that screen reacts; the
// root shows Done or Err in the status line.
type writeResultMsg struct {
	Tag  string
	Done string // what happened, for the status line ("S-12 moved to the top")
	Err  error
}

// writeCmd runs a store write off the UI loop. fn returns what to tell the
// person when it worked.
func writeCmd(tag string, fn func() (string, error)) tea.Cmd {
	return func() tea.Msg {
		done, err := fn()
		return writeResultMsg{Tag: tag, Done: done, Err: err}
	}
}

// translatedError is an error as its reader reads it; errors.Is and As still
// see the error it translates.
type translatedError struct {
	err  error
	text string
}

func (e translatedError) Error() string { return e.text }
func (e translatedError) Unwrap() error { return e.err }

// trErr is err in tr's language (nil stays nil).
func trErr(tr *i18n.Tr, err error) error {
	if err == nil || tr == nil {
		return err
	}
	if _, done := err.(translatedError); done {
		return err
	}
	return translatedError{err: err, text: tr.Err(err)}
}

// statusText is the status-line text of a write's result.
func (r writeResultMsg) statusText() string {
	if r.Err != nil {
		return common.Line(fmt.Sprint(r.Err))
	}
	return r.Done
}
