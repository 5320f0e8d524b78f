package serve

import (
	"bytes"
	"context"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// boomModel panics where it is told to.
type boomModel struct{ where string }

func (m boomModel) Init() tea.Cmd {
	if m.where == "init" {
		panic("in init")
	}
	return func() tea.Msg { return "go" }
}

func (m boomModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if msg != "go" {
		return m, nil
	}
	switch m.where {
	case "update":
		panic("in update")
	case "command":
		return m, func() tea.Msg { panic("in a command") }
	case "batch":
		return m, tea.Batch(func() tea.Msg { return nil }, func() tea.Msg { panic("in a batched command") })
	case "view":
		m.where = "view now"
	}
	return m, nil
}

func (m boomModel) View() string {
	if m.where == "view now" {
		panic("in view")
	}
	return "fine"
}

func TestSafeModelEndsTheScreenOnAPanic(t *testing.T) {
	for _, where := range []string{"init", "update", "command", "batch", "view"} {
		t.Run(where, func(t *testing.T) {
			safe := newSafeModel(boomModel{where: where})
			ctx, cancel := context.WithTimeout(context.Background(), wait)
			defer cancel()
			var out bytes.Buffer
			p := tea.NewProgram(safe, tea.WithInput(strings.NewReader("")), tea.WithOutput(&out), tea.WithContext(ctx), tea.WithoutSignalHandler())
			safe.bind(p)
			done := make(chan error, 1)
			go func() { _, err := p.Run(); done <- err }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("the program ended with %v, want a clean quit", err)
				}
			case <-time.After(wait): // a limit for a stuck test: a recovered program quits at once
				t.Fatal("the program did not end")
			}
			f := safe.failed()
			if f == nil || !strings.Contains(f.value.(string), "in ") {
				t.Fatalf("the panic was not recorded: %+v", f)
			}
		})
	}
}

func TestPanicSiteNamesHuddlesFrame(t *testing.T) {
	var site string
	func() {
		defer func() { recover(); site = panicSite(debug.Stack()) }()
		var p *boomModel
		_ = p.where
	}()
	if !strings.Contains(site, "huddle/ui/serve.TestPanicSiteNamesHuddlesFrame") || !strings.Contains(site, "recover_test.go:") {
		t.Fatalf("panic site %q", site)
	}
}
