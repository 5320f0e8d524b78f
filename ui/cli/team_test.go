package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"huddle/backlog"
)

// demoTeam writes the demo team (maya leads; lucas, priya, tomas and wei are
// members) and adds a guest, gus.
func demoTeam(t *testing.T) map[string]string {
	t.Helper()
	env, db := testEnv(t)
	ok(t, env, "demo", "--db", db)
	ok(t, env, "--as", "maya", "member", "add", "gus", "--role", "guest")
	return env
}

func sprintShowJSON(t *testing.T, env map[string]string) (out struct {
	Start, End    string
	Days          int     `json:"days"`
	CapacityHours float64 `json:"capacity_hours"`
	Capacity      map[string]float64
	Calendar      struct {
		Holidays []struct{ Date, Name string }
	}
}) {
	t.Helper()
	if err := json.Unmarshal([]byte(ok(t, env, "--as", "maya", "sprint", "show", "--json")), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCalendarOnTheCommandLine(t *testing.T) {
	env := demoTeam(t)
	before := sprintShowJSON(t, env)
	// The sprint's last day (a weekday) becomes a holiday: one working day less,
	// and every member's default capacity drops by their hours per day.
	ok(t, env, "--as", "maya", "team", "holiday", "add", before.End, "--name", "Offsite")
	after := sprintShowJSON(t, env)
	if after.Days != before.Days-1 {
		t.Fatalf("working days %d after a holiday, were %d", after.Days, before.Days)
	}
	if after.CapacityHours >= before.CapacityHours || after.Capacity["wei"] != before.Capacity["wei"]-6 {
		t.Fatalf("capacity %gh (wei %gh), was %gh (wei %gh)", after.CapacityHours, after.Capacity["wei"], before.CapacityHours, before.Capacity["wei"])
	}
	if len(after.Calendar.Holidays) != 1 || after.Calendar.Holidays[0].Name != "Offsite" {
		t.Fatalf("sprint show --json calendar %+v", after.Calendar)
	}
	// Wei is off the day before: only his capacity drops again.
	end := after.End
	dayBefore := ok(t, env, "--as", "maya", "member", "off", "wei", before.Start, before.Start)
	if !strings.Contains(dayBefore, "wei's days off: "+before.Start) {
		t.Fatalf("member off said %q", dayBefore)
	}
	off := sprintShowJSON(t, env)
	if off.Capacity["wei"] != after.Capacity["wei"]-6 || off.Capacity["lucas"] != after.Capacity["lucas"] || off.Days != after.Days {
		t.Fatalf("after wei's day off: %+v", off)
	}
	text := ok(t, env, "--as", "wei", "sprint", "show")
	if !strings.Contains(text, "Not working: holiday ") || !strings.Contains(text, "wei off ") {
		t.Fatalf("sprint show does not say the calendar:\n%s", text)
	}
	if report := ok(t, env, "--as", "wei", "export", "--format", "md"); !strings.Contains(report, "Not working: holiday") {
		t.Fatalf("the report does not say the calendar:\n%s", report)
	}
	// Everyone reads the holidays.
	var hs []struct{ Date, Name string }
	if err := json.Unmarshal([]byte(ok(t, env, "--as", "gus", "team", "holiday", "list", "--json")), &hs); err != nil || len(hs) != 1 || hs[0].Date != end {
		t.Fatalf("holiday list --json: %v %+v", err, hs)
	}
	ok(t, env, "--as", "maya", "member", "off", "wei", before.Start, before.Start, "--clear")
	ok(t, env, "--as", "maya", "team", "holiday", "rm", end)
	if back := sprintShowJSON(t, env); back.Days != before.Days || back.CapacityHours != before.CapacityHours {
		t.Fatalf("after taking the calendar back: %d days, %gh; were %d, %gh", back.Days, back.CapacityHours, before.Days, before.CapacityHours)
	}
	fails(t, env, "not a date", "--as", "maya", "team", "holiday", "add", "Dec 25")
	fails(t, env, "before the first", "--as", "maya", "member", "off", "wei", "2026-12-23", "2026-12-22")
}

func TestTeamAdminOnTheCommandLine(t *testing.T) {
	env := demoTeam(t)
	ok(t, env, "--as", "maya", "team", "rename", "Pocketpay Growth")
	ok(t, env, "--as", "maya", "member", "edit", "lucas", "--hours", "4", "--name", "Lucas M")
	var team struct {
		Name    string
		Members []struct {
			Handle      string
			Name        string
			Role        string
			HoursPerDay float64 `json:"hours_per_day"`
			Keys        []struct{ Fingerprint string }
		}
	}
	if err := json.Unmarshal([]byte(ok(t, env, "--as", "gus", "team", "show", "--json")), &team); err != nil {
		t.Fatal(err)
	}
	if team.Name != "Pocketpay Growth" {
		t.Fatalf("team name %q", team.Name)
	}
	var weiFP string
	for _, m := range team.Members {
		if m.Handle == "lucas" && (m.HoursPerDay != 4 || m.Name != "Lucas M") {
			t.Fatalf("lucas after edit: %+v", m)
		}
		if m.Handle == "wei" && len(m.Keys) == 1 {
			weiFP = m.Keys[0].Fingerprint
		}
	}
	if !strings.HasPrefix(weiFP, "SHA256:") {
		t.Fatalf("no fingerprint for wei's key: %+v", team.Members)
	}
	if list := ok(t, env, "--as", "wei", "member", "list"); !strings.Contains(list, weiFP) {
		t.Fatalf("member list does not show the fingerprint:\n%s", list)
	}

	// Members and guests are refused every change, with one line.
	for _, who := range []string{"wei", "gus"} {
		for _, args := range [][]string{
			{"team", "rename", "Mine now"},
			{"team", "holiday", "add", "2026-12-25"},
			{"member", "off", "lucas", "2026-12-22", "2026-12-23"},
			{"member", "edit", "lucas", "--hours", "2"},
			{"member", "edit", who, "--role", "lead"},
			{"member", "key", "remove", "wei", weiFP},
		} {
			fails(t, env, "not allowed", append([]string{"--as", who}, args...)...)
		}
	}
	fails(t, env, "has no key", "--as", "maya", "member", "key", "remove", "wei", "SHA256:nope")
	fails(t, env, "member key remove HANDLE FINGERPRINT", "--as", "maya", "member", "key", "remove", "wei")
	// A start of the fingerprint is enough when only one key has it.
	if out := ok(t, env, "--as", "maya", "member", "key", "remove", "wei", weiFP[:14]); !strings.Contains(out, weiFP) {
		t.Fatalf("key remove said %q", out)
	}
	if list := ok(t, env, "--as", "maya", "member", "list", "--json"); strings.Contains(list, weiFP) {
		t.Fatalf("the revoked key is still listed:\n%s", list)
	}
	ok(t, env, "--as", "maya", "member", "edit", "wei", "--role", string(backlog.RoleGuest))
	fails(t, env, "not allowed", "--as", "wei", "task", "claim", "T-1")
}

// Over SSH (or the socket), the lead runs the team commands; a member and a
// guest are refused with one line, and everyone reads.
func TestTeamAdminRemotely(t *testing.T) {
	lead := remoteCaller(t, "maya")
	if out, errOut, code := lead("team", "holiday", "add", "2026-12-25", "--name", "Christmas"); code != 0 {
		t.Fatalf("lead over SSH: %d %q %q", code, out, errOut)
	}
	if out, errOut, code := lead("team", "show"); code != 0 || !strings.Contains(out, "2026-12-25 Fri Christmas") {
		t.Fatalf("team show over SSH: %d %q %q", code, out, errOut)
	}
	if out, errOut, code := lead("member", "edit", "lucas", "--hours", "5"); code != 0 || !strings.Contains(out, "5h a day") {
		t.Fatalf("member edit over SSH: %d %q %q", code, out, errOut)
	}
	member := remoteCaller(t, "wei")
	for _, args := range [][]string{
		{"team", "rename", "Mine"},
		{"team", "holiday", "rm", "2026-12-25"},
		{"member", "off", "lucas", "2026-12-22", "2026-12-23"},
		{"member", "edit", "lucas", "--role", "guest"},
	} {
		out, errOut, code := member(args...)
		if code == 0 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "not allowed") {
			t.Errorf("wei over SSH %v: %d %q %q", args, code, out, errOut)
		}
	}
	if out, errOut, code := member("team", "holiday", "list"); code != 0 || !strings.Contains(out, "none") {
		t.Fatalf("holiday list over SSH as a member: %d %q %q", code, out, errOut)
	}
}
