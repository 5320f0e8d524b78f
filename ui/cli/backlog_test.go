package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huddle/store"

	bolt "go.etcd.io/bbolt"
)

// teamEnv is a file with alice as lead and bob as member.
func teamEnv(t *testing.T) (map[string]string, string) {
	t.Helper()
	env, db := testEnv(t)
	if _, errOut, code := huddle(t, env, "member", "add", "bob"); code != 0 {
		t.Fatal(errOut)
	}
	return env, db
}

func listJSON(t *testing.T, env map[string]string, args ...string) []map[string]any {
	t.Helper()
	var list []map[string]any
	out := ok(t, env, append([]string{"story", "list", "--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return list
}

func TestVisionAndOKRCommands(t *testing.T) {
	env, _ := teamEnv(t)
	ok(t, env, "vision", "set", "Ship", "what", "matters.")
	if out := ok(t, env, "vision", "show"); out != "Ship what matters.\n" {
		t.Fatalf("%q", out)
	}
	if out := ok(t, env, "okr", "add", "Grow", "activation"); !strings.Contains(out, "O-1") || !strings.Contains(out, "2026-Q4") {
		t.Fatal(out)
	}
	ok(t, env, "okr", "add", "Next quarter", "--quarter", "2027-Q1")
	ok(t, env, "okr", "kr", "add", "O-1", "Activation", "--unit", "%", "--baseline", "30", "--target", "50")
	ok(t, env, "okr", "kr", "add", "O-1", "Churn", "--unit", "%", "--baseline", "8", "--target", "4")
	ok(t, env, "okr", "kr", "set", "KR-1", "40")
	ok(t, env, "okr", "kr", "set", "KR-2", "6")
	ok(t, env, "story", "add", "Checklist", "--points", "5", "--kr", "KR-1")

	var objs []objectiveJSON
	if err := json.Unmarshal([]byte(ok(t, env, "okr", "list", "--json")), &objs); err != nil {
		t.Fatal(err)
	}
	if len(objs) != 1 || len(objs[0].KeyResults) != 2 {
		t.Fatalf("%+v", objs)
	}
	k1, k2 := objs[0].KeyResults[0], objs[0].KeyResults[1]
	if k1.ID != "KR-1" || k1.Progress != 0.5 || k1.Stories != 1 || k1.Points != 5 || k2.Progress != 0.5 || objs[0].Progress != 0.5 {
		t.Fatalf("%+v %+v", k1, k2)
	}
	if out := ok(t, env, "okr", "list", "--quarter", "2027q1"); !strings.Contains(out, "Next quarter") {
		t.Fatal(out)
	}

	// Bad input: a clear message, nothing changes.
	fails(t, env, "must differ", "okr", "kr", "add", "O-1", "Flat", "--baseline", "3", "--target", "3")
	fails(t, env, "--baseline and --target", "okr", "kr", "add", "O-1", "No numbers")
	fails(t, env, "not found", "okr", "kr", "set", "KR-9", "1")
	fails(t, env, "not a number", "okr", "kr", "set", "KR-1", "lots")
	fails(t, env, "write it like 2026-Q4", "okr", "add", "x", "--quarter", "Q5")
	fails(t, env, "not a key result ID", "okr", "kr", "rm", "S-1")
	env["USER"] = "bob"
	fails(t, env, "only a lead", "okr", "kr", "set", "KR-1", "45")
	fails(t, env, "only a lead", "vision", "set", "mine")
	fails(t, env, "only a lead", "okr", "rm", "O-1")
	ok(t, env, "okr", "list") // members read
	env["USER"] = "alice"

	if out := ok(t, env, "okr", "kr", "edit", "KR-2", "--target", "2", "--name", "Monthly churn"); !strings.Contains(out, "Monthly churn: 8 -> 2 %, now 6 (33%)") {
		t.Fatal(out)
	}
	fails(t, env, "must differ", "okr", "kr", "edit", "KR-2", "--target", "8")
	ok(t, env, "okr", "kr", "rm", "KR-1")
	if l := listJSON(t, env); l[0]["kr"] != nil {
		t.Fatalf("story still serves a removed key result: %v", l[0])
	}
	ok(t, env, "okr", "rm", "O-1")
	if out := ok(t, env, "okr", "list"); !strings.Contains(out, "no objectives") {
		t.Fatal(out)
	}
}

func TestStoryCommands(t *testing.T) {
	env, _ := teamEnv(t)
	ok(t, env, "story", "add", "First", "--points", "3", "--value", "70", "--label", "UX", "--label", "mobile,web")
	ok(t, env, "story", "add", "新用户引导流程", "--description", "line one\nline two")
	ok(t, env, "story", "add", "Third", "--points", "8")
	ok(t, env, "story", "move", "S-3", "--top")
	ok(t, env, "story", "move", "S-1", "--after", "S-2")
	ok(t, env, "story", "edit", "S-2", "--points", "13", "--value", "90")

	list := listJSON(t, env)
	var ids []string
	for _, s := range list {
		ids = append(ids, s["id"].(string))
	}
	if strings.Join(ids, ",") != "S-3,S-2,S-1" {
		t.Fatalf("order %v", ids)
	}
	first := list[2]
	if first["title"] != "First" || first["points"] != 3.0 || first["value"] != 70.0 || first["status"] != "backlog" ||
		fmt.Sprint(first["labels"]) != "[ux mobile web]" || first["kr"] != nil {
		t.Fatalf("S-1 %v", first)
	}
	if list[1]["points"] != 13.0 || list[1]["description"] != "line one\nline two" {
		t.Fatalf("S-2 %v", list[1])
	}
	ok(t, env, "story", "add", "Unestimated one")
	if l := listJSON(t, env); l[3]["points"] != nil || l[3]["value"] != 50.0 || fmt.Sprint(l[3]["labels"]) != "[]" {
		t.Fatalf("unestimated %v", l[3])
	}
	if l := listJSON(t, env, "--limit", "2"); len(l) != 2 {
		t.Fatalf("limit 2: %d", len(l))
	}

	var shown struct {
		storyJSON
		History []historyJSON `json:"history"`
	}
	if err := json.Unmarshal([]byte(ok(t, env, "story", "show", "S-2", "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.ID != "S-2" || len(shown.History) != 2 || shown.History[1].Kind != "story.edited" || shown.History[1].Field["points"] != "13" {
		t.Fatalf("%+v", shown)
	}
	if out := ok(t, env, "story", "show", "s1"); !strings.Contains(out, "History") || !strings.Contains(out, "moved S-1") {
		t.Fatal(out)
	}

	ok(t, env, "story", "rm", "S-3")
	if l := listJSON(t, env); len(l) != 3 || l[0]["id"] != "S-2" {
		t.Fatalf("after rm %v", l)
	}
	if out := ok(t, env, "story", "show", "S-2"); !strings.Contains(out, "新用户引导流程") {
		t.Fatal(out)
	}

	// Bad input: a clear message, nothing changes.
	before := ok(t, env, "story", "list", "--json")
	fails(t, env, "needs a title", "story", "add", "   ")
	fails(t, env, "not on the scale", "story", "add", "x", "--points", "4")
	fails(t, env, "1-100", "story", "add", "x", "--value", "0")
	fails(t, env, "1-100", "story", "edit", "S-1", "--value", "101")
	fails(t, env, "not found", "story", "edit", "S-99", "--points", "1")
	fails(t, env, "not found", "story", "add", "x", "--kr", "KR-7")
	fails(t, env, "not found", "story", "show", "S-3") // deleted
	fails(t, env, "not a story ID", "story", "move", "twelve", "--top")
	fails(t, env, "exactly one", "story", "move", "S-1", "--top", "--bottom")
	fails(t, env, "relative to itself", "story", "move", "S-1", "--before", "S-1")
	fails(t, env, "say what to change", "story", "edit", "S-1")
	fails(t, env, "--limit", "story", "list", "--limit", "-1")
	env["USER"] = "bob"
	fails(t, env, "only a lead", "story", "move", "S-1", "--top")
	ok(t, env, "story", "list")
	env["USER"] = "alice"
	if after := ok(t, env, "story", "list", "--json"); after != before {
		t.Fatal("a refused command changed the backlog")
	}
}

// story list --limit 40 reads 40 stories: every other story record is made
// unreadable and the command still works.
func TestStoryListLimitReadsOnlyThatMany(t *testing.T) {
	env, db := teamEnv(t)
	var csv strings.Builder
	csv.WriteString("Title,Points\n")
	for i := 1; i <= 300; i++ {
		fmt.Fprintf(&csv, "Story %d,3\n", i)
	}
	path := filepath.Join(t.TempDir(), "many.csv")
	os.WriteFile(path, []byte(csv.String()), 0o600)
	ok(t, env, "import", path)
	ok(t, env, "story", "move", "S-250", "--top")

	bdb, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("stories"))
		for id := 40; id <= 300; id++ { // S-250 and S-1..S-39 are the top 40
			if id == 250 {
				continue
			}
			key := make([]byte, 8)
			key[6], key[7] = byte(id>>8), byte(id)
			if err := b.Put(key, []byte("{damaged")); err != nil {
				return err
			}
		}
		return nil
	})
	bdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	l := listJSON(t, env, "--limit", "40")
	if len(l) != 40 || l[0]["id"] != "S-250" || l[39]["id"] != "S-39" {
		t.Fatalf("%d stories, first %v", len(l), l[0]["id"])
	}
	if _, errOut, code := huddle(t, env, "story", "list", "--limit", "41"); code == 0 || !strings.Contains(errOut, "damaged") {
		t.Fatalf("the 41st story was not damaged: %q", errOut)
	}
}

func TestImportCSV(t *testing.T) {
	env, db := teamEnv(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	jira := write("jira.csv", "\uFEFFIssue key,Summary,Description,Custom field (Story Points),Labels,Labels,Status\n"+
		"PRJ-1,Onboarding checklist,\"multi\nline\",5.0,ux,onboarding,To Do\n"+
		"PRJ-2,,no title,3,,,To Do\n"+
		"PRJ-3,新用户引导流程,,,growth,,Done\n"+
		"PRJ-4,Too big,,4,,,To Do\n"+
		"PRJ-5,Short row,,3\n")
	st := func() string { return ok(t, env, "story", "list", "--json") }
	before := st()

	out, errOut, code := huddle(t, env, "import", jira, "--dry-run")
	if code != 1 || errOut != "" {
		t.Fatalf("dry run: code %d err %q", code, errOut)
	}
	for _, want := range []string{"5 rows; would import 2 stories (S-1 to S-2); 3 rows rejected", "columns ignored: Issue key, Status",
		"line 4: the title is empty", "line 6: 4 points is not on the scale", "line 7: has 4 fields, the header has 7", "dry run: nothing was written"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry-run report lacks %q:\n%s", want, out)
		}
	}
	if st() != before {
		t.Fatal("the dry run wrote")
	}
	out2, _, code := huddle(t, env, "import", jira)
	if code != 1 || strings.Replace(out2, "imported", "would import", 1) != strings.TrimSuffix(out, "dry run: nothing was written\n") {
		t.Fatalf("the report differs from the dry run's:\n%s\n---\n%s", out2, out)
	}
	l := listJSON(t, env)
	if len(l) != 2 || l[0]["title"] != "Onboarding checklist" || l[0]["points"] != 5.0 || l[0]["description"] != "multi\nline" ||
		fmt.Sprint(l[0]["labels"]) != "[ux onboarding]" || l[1]["title"] != "新用户引导流程" || l[1]["points"] != nil {
		t.Fatalf("%v", l)
	}

	// Whole-file problems: a clear message, nothing written.
	before = st()
	latin1 := write("latin1.csv", "Title,Points\nCaf\xe9 menu,3\n")
	utf16 := write("utf16.csv", "\xff\xfeT\x00i\x00")
	noHeader := write("nohead.csv", "Make login faster,3,80\nAnother,5,20\n")
	empty := write("empty.csv", "")
	onlyHeader := write("header.csv", "Title,Points\n")
	badQuote := write("quote.csv", "Title,Points\n\"open quote,3\nx,1\n")
	for file, want := range map[string]string{
		latin1: "line 2 is not UTF-8", utf16: "UTF-16", noHeader: "title column", empty: "empty",
		onlyHeader: "no stories", badQuote: "line 2", filepath.Join(dir, "missing.csv"): "cannot read",
		write("x.txt", "Title\nx\n"): "reads .csv or .json",
	} {
		fails(t, env, want, "import", file)
	}
	env["USER"] = "bob"
	fails(t, env, "only a lead", "import", jira)
	env["USER"] = "alice"
	if st() != before {
		t.Fatal("a refused import wrote")
	}
	s, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if probs, err := s.Check(); err != nil || len(probs) != 0 {
		t.Fatal(probs, err)
	}
}

// BenchmarkStoryListLimit40 runs `huddle story list --limit 40 --json` on a
// file of 10,000 stories (imported in one transaction): open, read 40, print.
func BenchmarkStoryListLimit40(b *testing.B) {
	dir := b.TempDir()
	env := map[string]string{"HUDDLE_DB": filepath.Join(dir, "big.db"), "USER": "alice", "HUDDLE_NOW": testNow}
	var csv strings.Builder
	csv.WriteString("Title,Points,Value,Labels\n")
	for i := 1; i <= 10000; i++ {
		fmt.Fprintf(&csv, "Story number %d with a realistic title length,3,40,mobile\n", i)
	}
	path := filepath.Join(dir, "big.csv")
	os.WriteFile(path, []byte(csv.String()), 0o600)
	run := func(args ...string) string {
		var out, errOut strings.Builder
		if code := run(args, newEnv(&out, &errOut, func(k string) string { return env[k] })); code != 0 {
			b.Fatal(errOut.String())
		}
		return out.String()
	}
	run("member", "add", "bob")
	run("import", path)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if out := run("story", "list", "--limit", "40", "--json"); strings.Count(out, `"id"`) != 40 {
			b.Fatal("not 40 stories")
		}
	}
}
