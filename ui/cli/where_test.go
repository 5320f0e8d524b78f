package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWhereTheFileLives(t *testing.T) {
	home, data := t.TempDir(), t.TempDir()
	t.Chdir(t.TempDir())
	env := map[string]string{"HOME": home, "USER": "alice", "HUDDLE_NOW": testNow}

	// No huddle.db here and no XDG_DATA_HOME: ~/.local/share/huddle/huddle.db.
	def := filepath.Join(home, ".local", "share", "huddle", "huddle.db")
	if out := ok(t, env, "where"); !strings.HasPrefix(out, def+"\n") || !strings.Contains(out, "data folder") || !strings.Contains(out, "does not exist yet") {
		t.Fatalf("where: %q", out)
	}
	// A command that creates the file makes the data folder and the file there.
	ok(t, env, "member", "add", "bob")
	if _, err := os.Stat(def); err != nil {
		t.Fatalf("the default file was not made in the data folder: %v", err)
	}
	if _, err := os.Stat("huddle.db"); err == nil {
		t.Fatal("huddle.db was made in the current folder")
	}
	if out := ok(t, env, "member", "list"); !strings.Contains(out, "bob") {
		t.Fatalf("the second command opened another file: %q", out)
	}

	// XDG_DATA_HOME moves it.
	env["XDG_DATA_HOME"] = data
	if out := ok(t, env, "where"); !strings.HasPrefix(out, filepath.Join(data, "huddle", "huddle.db")+"\n") || !strings.Contains(out, "$XDG_DATA_HOME") {
		t.Fatalf("where with XDG_DATA_HOME: %q", out)
	}

	// ./huddle.db, when it exists, wins over the data folder.
	if err := os.WriteFile("huddle.db", nil, 0o600); err != nil {
		t.Fatal(err)
	}
	here, _ := filepath.Abs("huddle.db")
	if out := ok(t, env, "where"); !strings.HasPrefix(out, here+"\n") || !strings.Contains(out, "exists in this folder") {
		t.Fatalf("where with ./huddle.db: %q", out)
	}

	// HUDDLE_DB wins over that, and --db over everything.
	env["HUDDLE_DB"] = filepath.Join(data, "team.db")
	if out := ok(t, env, "where"); !strings.HasPrefix(out, env["HUDDLE_DB"]+"\n") || !strings.Contains(out, "$HUDDLE_DB") {
		t.Fatalf("where with HUDDLE_DB: %q", out)
	}
	other := filepath.Join(data, "other.db")
	if out := ok(t, env, "where", "--db", other); !strings.HasPrefix(out, other+"\n") || !strings.Contains(out, "--db") {
		t.Fatalf("where --db: %q", out)
	}
}
