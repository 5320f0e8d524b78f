package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestKeyFileIsCheckedAtStart(t *testing.T) {
	env, _ := testEnv(t)
	ok(t, env, "member", "add", "alice")
	conf := t.TempDir()
	env["XDG_CONFIG_HOME"] = conf
	if out := ok(t, env, "keys"); !strings.Contains(out, "keys.toml does not exist") || !strings.Contains(out, `board.claim = ["c"]`) {
		t.Fatalf("keys without a file: %q", out)
	}
	path := filepath.Join(conf, "huddle", "keys.toml")
	check := func(text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check("[board]\nclaim = \"y\"\n")
	if out := ok(t, env, "keys"); !strings.Contains(out, path+" is fine") {
		t.Fatalf("keys with a good file: %q", out)
	}
	check("[board]\nclaim = \"f\"\nclam = \"z\"\n")
	_, errOut, code := huddle(t, env, "keys")
	want := []string{
		`huddle: ` + path + `: unknown action board.clam; board has `,
		`huddle: ` + path + `: board.claim and board.mine both use "f"; give one of them another key`,
	}
	lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
	if code != 1 || len(lines) != len(want) {
		t.Fatalf("keys with a clash: %d %q", code, errOut)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Fatalf("line %d: %q, want %q", i+1, lines[i], w)
		}
	}
	// The UI refuses to start on it, with the same lines.
	var stderr strings.Builder
	e := newEnv(io.Discard, &stderr, func(k string) string { return env[k] })
	st, err := e.openStore(readOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := e.uiOptions(st); err == nil || stderr.String() != errOut {
		t.Fatalf("the UI with a clashing key file: %v, %q", err, stderr.String())
	}
}
