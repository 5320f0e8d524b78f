package ui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/internal/uitest"
)

// colourRenderer pins a 256-colour profile and a background, so theme
// goldens hold the colours each theme draws with.
func colourRenderer(dark bool) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	r.SetHasDarkBackground(dark)
	return r
}

// envOf is a session environment holding only kv ("HUDDLE_THEME", "mono", ...).
func envOf(kv ...string) func(string) string {
	return func(k string) string {
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i] == k {
				return kv[i+1]
			}
		}
		return ""
	}
}

// newSession is newModel with the session's own renderer and options.
func newSession(t *testing.T, ctx context.Context, st *store.Store, actor string, r *lipgloss.Renderer, opts ...Option) *Model {
	t.Helper()
	timers := uitest.NewClock(testNow()).Timers()
	m := New(ctx, st, actor, r, append([]Option{WithTimers(timers)}, opts...)...)
	timers.DeliverTo(t, m)
	send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	cmds := []tea.Cmd{m.loadHeader()}
	for _, s := range m.screens {
		cmds = append(cmds, s.Load())
	}
	run(t, m, tea.Batch(cmds...))
	return m
}

// TestGoldenThemes draws the sprint board in each theme on a dark and a light
// background at 80x24, colours included.
func TestGoldenThemes(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	views := map[string]string{}
	for _, theme := range []string{"default", "high-contrast", "mono"} {
		for _, dark := range []bool{true, false} {
			bg := map[bool]string{true: "dark", false: "light"}[dark]
			name := fmt.Sprintf("theme_%s_%s_80x24", theme, bg)
			m := newSession(t, t.Context(), st, "alice", colourRenderer(dark), WithEnv(envOf("HUDDLE_THEME", theme)))
			press(t, m, "3")
			if m.Theme() != common.Theme(theme) {
				t.Fatalf("%s: draws %s", name, m.Theme())
			}
			view := m.View()
			t.Run(name, func(t *testing.T) { assertGolden(t, name, view, 80, 24) })
			views[name] = view
			// The text is the same in every theme; only the styling differs.
			if plain, want := ansi.Strip(view), ansi.Strip(views["theme_default_dark_80x24"]); plain != want {
				t.Errorf("%s: the text differs from the default theme's", name)
			}
		}
	}
	differ := func(a, b string) {
		if views[a] == views[b] {
			t.Errorf("%s and %s draw the same", a, b)
		}
	}
	differ("theme_default_dark_80x24", "theme_default_light_80x24")
	differ("theme_default_dark_80x24", "theme_high-contrast_dark_80x24")
	differ("theme_high-contrast_dark_80x24", "theme_high-contrast_light_80x24")
	differ("theme_default_dark_80x24", "theme_mono_dark_80x24")
	if views["theme_mono_dark_80x24"] != views["theme_mono_light_80x24"] {
		t.Error("mono depends on the background")
	}
	if strings.Contains(views["theme_mono_dark_80x24"], "38;5;") {
		t.Error("mono draws a colour")
	}
}

// TestThemeChosenPerSession: each session draws its own theme: NO_COLOR wins,
// then HUDDLE_THEME from the session's environment, then the member's setting,
// which a running session follows when it changes.
func TestThemeChosenPerSession(t *testing.T) {
	st := demoStore(t)
	mono := "mono"
	if _, err := st.UpdateMember("bob", "bob", store.MemberChange{Theme: &mono}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	plain := newSession(t, ctx, st, "alice", colourRenderer(true))
	hc := newSession(t, ctx, st, "alice", colourRenderer(true), WithEnv(envOf("HUDDLE_THEME", "high-contrast")))
	noColor := newSession(t, ctx, st, "alice", colourRenderer(true), WithEnv(envOf("NO_COLOR", "1", "HUDDLE_THEME", "high-contrast")))
	bob := newSession(t, ctx, st, "bob", colourRenderer(false))
	bobEnv := newSession(t, ctx, st, "bob", colourRenderer(false), WithEnv(envOf("HUDDLE_THEME", "default")))
	for _, c := range []struct {
		m    *Model
		want common.Theme
	}{{plain, "default"}, {hc, "high-contrast"}, {noColor, "mono"}, {bob, "mono"}, {bobEnv, "default"}} {
		if c.m.Theme() != c.want {
			t.Errorf("%s session draws %s, want %s", c.m.c.Actor, c.m.Theme(), c.want)
		}
	}
	// alice chooses high-contrast elsewhere: her plain session follows when its header loads.
	want := "high-contrast"
	if _, err := st.UpdateMember("alice", "alice", store.MemberChange{Theme: &want}); err != nil {
		t.Fatal(err)
	}
	before := plain.View()
	run(t, plain, plain.loadHeader())
	if plain.Theme() != "high-contrast" || plain.View() == before {
		t.Fatalf("after the setting changed: %s", plain.Theme())
	}
	// A name that is no theme is refused by the store.
	bad := "neon"
	if _, err := st.UpdateMember("alice", "alice", store.MemberChange{Theme: &bad}); err == nil || !strings.Contains(err.Error(), "not a theme") {
		t.Fatalf("neon: %v", err)
	}
}
