package ui

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/ui/common"
)

func typeInto(f *form, s string) {
	for _, r := range s {
		f.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func TestFormEditsMovesAndSubmits(t *testing.T) {
	t.Parallel()
	f := newForm(common.RealTimers{}, "New story",
		fieldSpec{Label: "Title"},
		fieldSpec{Label: "Points", Choices: []string{"?", "1", "2", "3"}, Value: "2"},
		fieldSpec{Label: "Value", Value: "50"},
	)
	typeInto(f, "新用户 login")
	if out, _ := f.Update(tea.KeyMsg{Type: tea.KeyEnter}); out != formEditing || f.focus != 1 {
		t.Fatalf("enter on the first field: %v, focus %d", out, f.focus)
	}
	f.Update(tea.KeyMsg{Type: tea.KeyRight})
	f.Update(tea.KeyMsg{Type: tea.KeyTab})
	f.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	f.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	typeInto(f, "80")
	if f.Value(0) != "新用户 login" || f.Value(1) != "3" || f.Value(2) != "80" {
		t.Fatalf("values %q %q %q", f.Value(0), f.Value(1), f.Value(2))
	}
	if out, _ := f.Update(tea.KeyMsg{Type: tea.KeyEnter}); out != formSubmitted {
		t.Fatal("enter on the last field did not submit")
	}
	f.SetError(errors.New("value must be 1-100, not 800"))
	v := f.View(testStyles(), 60)
	if !strings.Contains(v, "value must be 1-100") || !strings.Contains(v, "新用户 login") {
		t.Fatalf("view:\n%s", v)
	}
	if out, _ := f.Update(tea.KeyMsg{Type: tea.KeyEsc}); out != formCancelled {
		t.Fatal("esc did not cancel")
	}
}

func TestConfirm(t *testing.T) {
	t.Parallel()
	c := newConfirm("Delete S-3?")
	if d, _ := c.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'x'}}); d {
		t.Fatal("x decided")
	}
	if d, yes := c.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'y'}}); !d || !yes {
		t.Fatal("y did not confirm")
	}
	if d, yes := c.Update(tea.KeyMsg{Type: tea.KeyEsc}); !d || yes {
		t.Fatal("esc did not refuse")
	}
}

func testStyles() *common.Styles {
	s := common.NewStyles(asciiRenderer())
	return &s
}

func TestWriteResultShowsInStatusLine(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	m := newModel(t, st, "alice", 80, 24)
	m.Update(writeResultMsg{Tag: "x", Err: errors.New("only a lead can reorder the backlog")}) // its clearing tick is not run
	v := m.View()
	if !strings.Contains(v, "only a lead can reorder the backlog") {
		t.Fatalf("no status line:\n%s", v)
	}
	assertFits(t, v, 80, 24)
	m.Update(clearStatusMsg{gen: m.statusGen})
	if strings.Contains(m.View(), "only a lead") {
		t.Fatal("status not cleared")
	}
}
