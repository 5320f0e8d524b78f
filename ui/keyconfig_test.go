package ui

import (
	"strings"
	"testing"
)

func mustKeys(t *testing.T, text string) *KeyConfig {
	t.Helper()
	cfg, err := ParseKeyConfig("keys.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestRemappedKeyShowsAndWorks: board.claim on y shows as "y claim" in the
// footer and in ?, y claims the selected task, and c no longer does.
func TestRemappedKeyShowsAndWorks(t *testing.T) {
	st := demoStore(t)
	cfg := mustKeys(t, "[board]\nclaim = \"y\"\n\n[global]\nquit = [\"Q\", \"ctrl+q\"]\n")
	m := newSession(t, t.Context(), st, "bob", asciiRenderer(), WithKeys(cfg))
	press(t, m, "3")
	footer := strings.Split(m.View(), "\n")[23]
	if !strings.Contains(footer, "y claim") || strings.Contains(footer, "c claim") {
		t.Fatalf("footer: %q", footer)
	}
	var inHelp []string
	for _, col := range m.footerKeys(m.active).FullHelp() {
		for _, b := range col {
			inHelp = append(inHelp, b.Help().Key+" "+m.c.Tr.T(b.Help().Desc))
		}
	}
	if all := strings.Join(inHelp, "|"); !strings.Contains(all, "|y claim|") || !strings.Contains(all, "Q/ctrl+q quit") {
		t.Fatalf("? shows %s", all)
	}
	owner := func() string {
		tasks, err := st.Tasks(2)
		check(t, err)
		for _, task := range tasks {
			if task.ID == 5 {
				return task.Owner
			}
		}
		return "?"
	}
	press(t, m, "c") // the old key does nothing now
	if owner() != "" {
		t.Fatalf("c still claims: %q", owner())
	}
	press(t, m, "y")
	if owner() != "bob" {
		t.Fatalf("y did not claim T-5: %q", owner())
	}
	// q no longer quits; Q does.
	if pressQuits(t, m, "q") {
		t.Fatal("q still quits")
	}
	if !pressQuits(t, m, "Q") {
		t.Fatal("Q does not quit")
	}
	// Another session without the file keeps the defaults (on a fresh copy,
	// where the selected task is still free to claim, so claim is offered).
	other := newModel(t, demoStore(t), "carol", 80, 24)
	press(t, other, "3")
	if footer := strings.Split(other.View(), "\n")[23]; !strings.Contains(footer, "c claim") {
		t.Fatalf("a session without the key file: %q", footer)
	}
}

// TestKeyFileProblemsAreRefusedOneLineEach.
func TestKeyFileProblemsAreRefusedOneLineEach(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"[board]\nclaim = \"f\"\n", []string{`keys.toml: board.claim and board.mine both use "f"; give one of them another key`}},
		{"[global]\nhelp = \"c\"\n", []string{ // a global key is taken first on every screen
			`keys.toml: global.help and board.claim both use "c"; give one of them another key`,
			`keys.toml: global.help and retro.check both use "c"`,
			`keys.toml: global.help and standup.settings both use "c"`,
			`keys.toml: global.help and vision.current both use "c"`}},
		{"[board]\nclam = \"y\"\n[boards]\nclaim = \"y\"\n", []string{
			"keys.toml: unknown action board.clam; board has add-task, assign,",
			"keys.toml: unknown screen [boards]; the screens are backlog, board, global, retro, standup, team, vision"}},
		{"[board]\nclaim = 3\n", []string{`keys.toml: board.claim: give a key ("c") or a list of keys (["c", "ctrl+c"])`}},
		{"[board\n", []string{"keys.toml: line 1, column 7: toml: expected ']'"}},
	}
	for _, c := range cases {
		_, err := ParseKeyConfig("keys.toml", []byte(c.text))
		if err == nil {
			t.Fatalf("%q was accepted", c.text)
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != len(c.want) {
			t.Fatalf("%q: %d lines, want %d:\n%s", c.text, len(lines), len(c.want), err)
		}
		for i, w := range c.want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("%q: line %d is %q, want %q", c.text, i+1, lines[i], w)
			}
		}
	}
	// Swapping two keys is no clash.
	mustKeys(t, "[board]\nclaim = \"f\"\nmine = \"c\"\n")
}
