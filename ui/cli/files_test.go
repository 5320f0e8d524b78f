package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// plant makes path a symbolic link to a victim file and returns the
// victim's path, with content "victim".
func plant(t *testing.T, path string) string {
	t.Helper()
	victim := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(victim, []byte("victim"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, path); err != nil {
		t.Fatal(err)
	}
	return victim
}

func victimUntouched(t *testing.T, victim string) {
	t.Helper()
	if data, _ := os.ReadFile(victim); string(data) != "victim" {
		t.Fatalf("written through the link: the victim holds %q", data)
	}
}

func TestExportAndBackupNeverWriteThroughALink(t *testing.T) {
	env, db := testEnv(t)
	if _, errOut, code := huddle(t, env, "member", "add", "bob"); code != 0 {
		t.Fatal(errOut)
	}
	dir := filepath.Dir(db)

	out := filepath.Join(dir, "team.json")
	victim := plant(t, out)
	if _, errOut, code := huddle(t, env, "export", "--format", "json", "--out", out); code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	victimUntouched(t, victim)
	if fi, err := os.Lstat(out); err != nil || fi.Mode()&os.ModeSymlink != 0 {
		t.Fatalf("the export did not replace the link with a file: %v %v", fi.Mode(), err)
	}

	bak := filepath.Join(dir, "team.bak")
	victim = plant(t, bak)
	_, errOut, code := huddle(t, env, "backup", bak)
	if code == 0 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("backup onto a link: %d %q", code, errOut)
	}
	victimUntouched(t, victim)

	// A new team file is never made through a link either.
	newDB := filepath.Join(dir, "new.db")
	victim = filepath.Join(t.TempDir(), "not-yet")
	if err := os.Symlink(victim, newDB); err != nil {
		t.Fatal(err)
	}
	env["HUDDLE_DB"] = newDB
	if _, _, code := huddle(t, env, "member", "add", "carol"); code == 0 {
		t.Fatal("a team file was made through a dangling link")
	}
	if _, err := os.Stat(victim); !os.IsNotExist(err) {
		t.Fatalf("the link's target was created: %v", err)
	}
}

func TestSidecarReplacesAPlantedLink(t *testing.T) {
	path := filepath.Join(t.TempDir(), "team.db.server")
	victim := plant(t, path)
	if err := writeFileReplacing(path, []byte("ssh -p 2222 host\npid 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	victimUntouched(t, victim)
	if data, _ := os.ReadFile(path); !strings.HasPrefix(string(data), "ssh -p 2222 host") {
		t.Fatalf("the sidecar holds %q", data)
	}
	if err := writeFileReplacing(filepath.Dir(path), []byte("x"), 0o644); err == nil {
		t.Fatal("wrote over a directory")
	}
}
