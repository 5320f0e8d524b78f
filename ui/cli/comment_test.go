package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"huddle/store"
)

func TestProposalsOnTheCommandLine(t *testing.T) {
	env, _ := testEnv(t)
	ok(t, env, "member", "add", "bob")
	ok(t, env, "member", "add", "gus", "--role", "guest")
	ok(t, env, "story", "add", "Lead's story")
	env["USER"] = "bob"
	if out := ok(t, env, "story", "add", "Bob's idea"); !strings.Contains(out, "proposed S-2") {
		t.Fatalf("a member's story add: %q", out)
	}
	ok(t, env, "story", "add", "Another idea")
	fails(t, env, "only a lead", "story", "accept", "S-2")
	fails(t, env, "only a lead", "story", "decline", "S-3", "--reason", "no")
	env["USER"] = "gus"
	fails(t, env, "only a member", "story", "add", "Guest's")
	env["USER"] = "alice"
	list := listJSON(t, env)
	if len(list) != 3 || list[1]["status"] != "proposed" || list[1]["proposed_by"] != "bob" {
		t.Fatalf("list %v", list)
	}
	if out := ok(t, env, "story", "list"); !strings.Contains(out, "proposed") {
		t.Fatalf("story list does not show the proposal:\n%s", out)
	}
	fails(t, env, "not a proposal", "story", "accept", "S-1")
	fails(t, env, "--reason", "story", "decline", "S-3")
	ok(t, env, "story", "accept", "S-2")
	if out := ok(t, env, "story", "decline", "S-3", "--reason", "out of scope"); !strings.Contains(out, "declined S-3") {
		t.Fatalf("decline: %q", out)
	}
	list = listJSON(t, env)
	if len(list) != 2 || list[1]["id"] != "S-2" || list[1]["status"] != "backlog" {
		t.Fatalf("after accept and decline %v", list)
	}
	all := ok(t, env, "story", "list", "--all")
	if !strings.Contains(all, "declined") || !strings.Contains(all, "Another idea") {
		t.Fatalf("list --all:\n%s", all)
	}
	env["USER"] = "bob"
	if out := ok(t, env, "story", "show", "S-3"); !strings.Contains(out, "declined: out of scope") {
		t.Fatalf("the proposer does not read the reason:\n%s", out)
	}
}

func TestCommentsOnTheCommandLine(t *testing.T) {
	env, _ := testEnv(t)
	ok(t, env, "member", "add", "bob")
	ok(t, env, "member", "add", "gus", "--role", "guest")
	ok(t, env, "story", "add", "Pay", "--points", "3")
	ok(t, env, "sprint", "new", "--goal", "g", "--start", "2026-11-30", "--weeks", "2")
	ok(t, env, "sprint", "add", "S-1")
	ok(t, env, "task", "add", "S-1", "Form", "--hours", "4")
	env["USER"] = "bob"
	if out := ok(t, env, "story", "comment", "S-1", "ask", "@alice"); !strings.Contains(out, "mentions alice") {
		t.Fatalf("story comment: %q", out)
	}
	ok(t, env, "task", "comment", "T-1", "half done")
	env["USER"] = "gus"
	fails(t, env, "only a member", "story", "comment", "S-1", "hi")
	fails(t, env, "only a member", "task", "comment", "T-1", "hi")
	env["USER"] = "bob"
	fails(t, env, "not found", "task", "comment", "T-9", "hi")
	out := ok(t, env, "story", "show", "S-1")
	if !strings.Contains(out, "Comments") || !strings.Contains(out, "ask @alice") || !strings.Contains(out, "bob on T-1") {
		t.Fatalf("story show:\n%s", out)
	}
	var shown struct {
		Comments []commentJSON `json:"comments"`
	}
	if err := json.Unmarshal([]byte(ok(t, env, "story", "show", "S-1", "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Comments) != 2 || shown.Comments[0].Author != "bob" || shown.Comments[0].Mentions[0] != "alice" ||
		shown.Comments[1].Task == nil || *shown.Comments[1].Task != "T-1" {
		t.Fatalf("comments in --json: %+v", shown.Comments)
	}
}

// Over the remote path, the text comes from the caller's stdin with "-".
func TestCommentRemoteFromStdin(t *testing.T) {
	env, db := testEnv(t)
	if _, errOut, code := huddle(t, env, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	call := func(actor, stdin string, args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		e := newEnv(&out, &errOut, func(string) string { return "" })
		e.in = strings.NewReader(stdin)
		e.remote = remote{store: st, actor: actor}
		code := runRemote(args, e)
		return out.String(), errOut.String(), code
	}
	if out, errOut, code := call("wei", "line one @maya\nline two\n", "story", "comment", "S-1", "-"); code != 0 || !strings.Contains(out, "mentions maya") {
		t.Fatalf("remote comment: %d %q %q", code, out, errOut)
	}
	cs, err := st.StoryComments(1)
	if err != nil || len(cs) != 1 || cs[0].Text != "line one @maya\nline two" || cs[0].Author != "wei" {
		t.Fatalf("stored %+v %v", cs, err)
	}
	if out, errOut, code := call("wei", "", "story", "add", "Wei's idea"); code != 0 || !strings.Contains(out, "proposed") {
		t.Fatalf("remote proposal: %d %q %q", code, out, errOut)
	}
	if _, errOut, code := call("wei", "", "story", "accept", "S-1"); code == 0 || !strings.Contains(errOut, "only a lead") {
		t.Fatalf("a member accepted remotely: %q", errOut)
	}
}
