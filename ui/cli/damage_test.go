package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestDamagedFileOpensReadOnlyWithOneLine(t *testing.T) {
	env, db := testEnv(t)
	for _, args := range [][]string{{"member", "add", "bob"}, {"story", "add", "Scan an ID"}} {
		if _, errOut, code := huddle(t, env, args...); code != 0 {
			t.Fatal(errOut)
		}
	}
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	// Break the story's record: no longer JSON.
	at := bytes.Index(data, []byte(`{"id":1,"title":"Scan an ID"`))
	if at < 0 {
		t.Fatal("the story's record is not in the file")
	}
	data[at] = 'x'
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := huddle(t, env, "member", "list")
	if code != 0 || !strings.Contains(out, "alice") || strings.Count(errOut, "\n") != 1 ||
		!strings.Contains(errOut, "is damaged (bucket stories: ") || !strings.Contains(errOut, "open read-only") || !strings.Contains(errOut, "export --format json") {
		t.Fatalf("reading a damaged file: %d %q %q", code, out, errOut)
	}
	_, errOut, code = huddle(t, env, "member", "add", "carol")
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "is damaged") {
		t.Fatalf("writing to a damaged file: %d %q", code, errOut)
	}
	_, errOut, code = huddle(t, env, "check")
	if code != 1 || !strings.Contains(errOut, "bucket stories: damaged") {
		t.Fatalf("check: %d %q", code, errOut)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, data) {
		t.Fatal("the damaged file was modified")
	}
}
