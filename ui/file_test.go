package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestHeaderShowsTheFileOnlyWhenGiven: the local UI names its file under the
// tabs; a session built without ShowFile (every SSH session) names none.
func TestHeaderShowsTheFileOnlyWhenGiven(t *testing.T) {
	st := demoStore(t)
	local := New(t.Context(), st, "alice", asciiRenderer(), ShowFile("~/.local/share/huddle/huddle.db"))
	send(t, local, tea.WindowSizeMsg{Width: 80, Height: 24})
	rule := strings.Split(local.View(), "\n")[2]
	if !strings.HasSuffix(rule, " ~/.local/share/huddle/huddle.db ─") || len([]rune(rule)) != 80 {
		t.Fatalf("rule line %q", rule)
	}
	// Too narrow for the path: a plain rule.
	send(t, local, tea.WindowSizeMsg{Width: 30, Height: 24})
	if rule := strings.Split(local.View(), "\n")[2]; rule != strings.Repeat("─", 30) {
		t.Fatalf("narrow rule line %q", rule)
	}
	remote := newModel(t, st, "alice", 80, 24)
	if rule := strings.Split(remote.View(), "\n")[2]; rule != strings.Repeat("─", 80) {
		t.Fatalf("a session without ShowFile shows %q", rule)
	}
}
