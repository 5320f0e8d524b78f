package cli

import (
	"strings"
	"testing"
)

func TestUndoAndRestoreFromTheCommandLine(t *testing.T) {
	env := retroTeam(t)
	as := func(who string) map[string]string {
		e := map[string]string{}
		for k, v := range env {
			e[k] = v
		}
		e["USER"] = who
		return e
	}
	// A story: deleted, undone, deleted again, restored by id.
	rok(t, env, "story", "add", "Export to CSV")
	rok(t, env, "story", "rm", "S-2")
	if out := rok(t, env, "undo"); out != "undone: alice deleted S-2 Export to CSV\n" {
		t.Fatalf("undo said %q", out)
	}
	if out := rok(t, env, "story", "list"); !strings.Contains(out, "Export to CSV") {
		t.Fatalf("S-2 is not back:\n%s", out)
	}
	rok(t, env, "story", "rm", "S-2")
	if out := rok(t, env, "story", "restore", "S-2"); out != "restored S-2 Export to CSV\n" {
		t.Fatalf("restore said %q", out)
	}
	rfails(t, env, "S-2 is not deleted", "story", "restore", "S-2")
	rfails(t, as("bob"), "lead", "story", "restore", "S-1")

	// bob's claim, then the lead changes the task: bob's undo is refused and says so.
	rok(t, as("bob"), "task", "claim", "T-1")
	rok(t, env, "task", "remaining", "T-1", "3")
	rfails(t, as("bob"), `cannot undo "bob claimed T-1 Form": alice changed T-1 since (alice set T-1 to 3h left`, "undo")

	// A task: deleted by its owner, restored by id, deleted again and undone.
	rok(t, as("bob"), "task", "claim", "T-1")
	rfails(t, as("zed"), "T-1 is bob's", "task", "rm", "T-1")
	if out := rok(t, as("bob"), "task", "rm", "T-1"); out != "deleted T-1 Form\n" {
		t.Fatalf("task rm said %q", out)
	}
	if out := rok(t, as("bob"), "task", "list"); strings.Contains(out, "T-1") {
		t.Fatalf("T-1 is still listed:\n%s", out)
	}
	if out := rok(t, as("bob"), "task", "restore", "T-1"); out != "restored T-1 Form\n" {
		t.Fatalf("task restore said %q", out)
	}
	rok(t, as("bob"), "task", "rm", "T-1")
	if out := rok(t, as("bob"), "undo"); out != "undone: bob deleted T-1 Form\n" {
		t.Fatalf("undo of task rm said %q", out)
	}
	if out := rok(t, as("bob"), "task", "list"); !strings.Contains(out, "T-1") || !strings.Contains(out, "bob") {
		t.Fatalf("T-1 is not back, bob's:\n%s", out)
	}

	// A retro card: deleted, restored by its author only.
	rok(t, as("bob"), "retro", "card", "add", "--column", "1", "Pairing helped")
	rok(t, as("bob"), "retro", "card", "delete", "1")
	rfails(t, as("zed"), "not yours", "retro", "card", "restore", "1")
	if out := rok(t, as("bob"), "retro", "card", "restore", "1"); out != "restored card 1\n" {
		t.Fatalf("card restore said %q", out)
	}
	// Undo takes back bob's restore: the card is gone again.
	if out := rok(t, as("bob"), "undo"); !strings.HasPrefix(out, "undone: bob restored retro card 1") {
		t.Fatalf("undo of the restore said %q", out)
	}
	if out := rok(t, as("bob"), "retro", "list"); strings.Contains(out, "Pairing helped") {
		t.Fatalf("the card is still listed:\n%s", out)
	}
}

func TestUndoOverTheRemotePath(t *testing.T) {
	call := remoteCaller(t, "maya")
	out, errOut, code := call("story", "add", "Dark mode")
	if code != 0 || !strings.HasPrefix(out, "added S-") {
		t.Fatalf("story add: %d %q %q", code, out, errOut)
	}
	ref := strings.Fields(out)[1]
	if _, errOut, code := call("story", "rm", ref); code != 0 {
		t.Fatalf("story rm: %s", errOut)
	}
	out, errOut, code = call("undo")
	if code != 0 || out != "undone: maya deleted "+ref+" Dark mode\n" {
		t.Fatalf("undo over SSH: %d %q %q", code, out, errOut)
	}
	if out, _, _ := call("story", "show", ref); !strings.Contains(out, "Dark mode") {
		t.Fatalf("%s is not back: %q", ref, out)
	}
	call("story", "rm", ref)
	if out, errOut, code := call("story", "restore", ref); code != 0 || !strings.Contains(out, "restored "+ref) {
		t.Fatalf("restore over SSH: %d %q %q", code, out, errOut)
	}
	// Another caller's undo takes back their own change, not maya's.
	other := remoteCaller(t, "lucas")
	if out, errOut, code := other("undo"); code != 0 || !strings.HasPrefix(out, "undone: lucas ") {
		t.Fatalf("lucas's undo on the demo: %d %q %q", code, out, errOut)
	}
}
