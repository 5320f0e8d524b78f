package cli

import (
	"strings"
	"testing"
)

// TestHoursShowToTwoDecimals: hours typed (or left by a split) with many
// decimals read as the screens show them, to two decimals, in every text a
// command writes about them; the stored value is what was typed.
func TestHoursShowToTwoDecimals(t *testing.T) {
	env, db := testEnv(t)
	huddle(t, env, "demo", "--db", db)
	out, errOut, code := huddle(t, env, "--as", "lucas", "task", "remaining", "T-16", "0.8636363636")
	if code != 0 || !strings.Contains(out, "has 0.86h left") {
		t.Fatalf("task remaining: %d %q %q", code, out, errOut)
	}
	out, _, _ = huddle(t, env, "sprint", "show")
	if !strings.Contains(out, "(todo, 0.86h left)") || strings.Contains(out, "0.8636") {
		t.Fatalf("sprint show:\n%s", out)
	}
	out, _, _ = huddle(t, env, "sprint", "burndown")
	if strings.Contains(out, "0.8636") || strings.Contains(out, "636363") {
		t.Fatalf("sprint burndown:\n%s", out)
	}
	out, _, _ = huddle(t, env, "task", "list", "--json")
	if !strings.Contains(out, "0.8636363636") {
		t.Fatalf("the JSON keeps the value as typed:\n%s", out)
	}
}
