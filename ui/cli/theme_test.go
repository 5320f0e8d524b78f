package cli

import (
	"io"
	"strings"
	"testing"
)

func TestThemeSetting(t *testing.T) {
	env, _ := testEnv(t)
	ok(t, env, "member", "add", "alice")
	ok(t, env, "member", "add", "bob")
	if out := ok(t, env, "theme"); !strings.HasPrefix(out, "your theme: default") {
		t.Fatalf("theme: %q", out)
	}
	if out := ok(t, env, "--as", "bob", "theme", "high-contrast"); !strings.Contains(out, "bob draws in the high-contrast theme") {
		t.Fatalf("theme high-contrast: %q", out)
	}
	if out := ok(t, env, "--as", "bob", "theme"); !strings.HasPrefix(out, "your theme: high-contrast") {
		t.Fatalf("bob's theme: %q", out)
	}
	if out := ok(t, env, "theme"); !strings.HasPrefix(out, "your theme: default") {
		t.Fatalf("alice's theme changed with bob's: %q", out)
	}
	fails(t, env, `"neon" is not a theme; choose default, high-contrast, mono`, "theme", "neon")
	env["NO_COLOR"] = "1"
	if out := ok(t, env, "--as", "bob", "theme"); !strings.Contains(out, "this terminal draws mono") {
		t.Fatalf("with NO_COLOR: %q", out)
	}
	delete(env, "NO_COLOR")
	env["HUDDLE_THEME"] = "neon"
	if out := ok(t, env, "theme"); !strings.Contains(out, "HUDDLE_THEME") {
		t.Fatalf("with a bad HUDDLE_THEME: %q", out)
	}
	// The UI refuses to start on it, in one line.
	e := newEnv(io.Discard, io.Discard, func(k string) string { return env[k] })
	st, err := e.openStore(readOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := e.uiOptions(st); err == nil || !strings.Contains(err.Error(), `HUDDLE_THEME: "neon" is not a theme`) {
		t.Fatalf("uiOptions with HUDDLE_THEME=neon: %v", err)
	}
}
