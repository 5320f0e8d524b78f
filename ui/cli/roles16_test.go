package cli

import (
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

// rolesTeam is boardTeam (sprint #1 running, T-1 bob's, T-2 nobody's) with
// what issue 16's writes act on: criteria on S-1, a planned sprint #2, bob's
// proposal S-2, a holiday, a key of bob's, and gus, a guest.
func rolesTeam(t *testing.T) (*crossTeam, string) {
	t.Helper()
	team := boardTeam(t)
	st := team.st
	s1, err := st.Story(1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.EditStory("alice", 1, store.StoryInput{Title: s1.Title, Points: s1.Points, Value: s1.Value, Acceptance: "- it works\n- it is fast"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateSprint("alice", store.NewSprint{Goal: "next", Start: sprint.NewDate(2026, 11, 30), End: sprint.NewDate(2026, 12, 11)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddStory("bob", store.StoryInput{Title: "bob's idea"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddHoliday("alice", sprint.NewDate(2026, 12, 25), "Christmas"); err != nil {
		t.Fatal(err)
	}
	const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcccccccccccccccccccccccccccccccccccccccccc bob@laptop"
	if _, err := st.UpdateMember("alice", "bob", store.MemberChange{AddKeys: []string{key}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddMember("alice", store.NewMember{Handle: "gus", Role: backlog.RoleGuest}); err != nil {
		t.Fatal(err)
	}
	return team, backlog.KeyFingerprint(key)
}

// eventCount is how many events the file's log holds.
func eventCount(t *testing.T, team *crossTeam) int {
	t.Helper()
	es, err := team.store(t).Events(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

// TestIssue16WritesRefusedForTheWrongRole: every write issue 16 added is
// refused on the command line for a role that may not make it, in one line
// that says who may, and nothing is written.
func TestIssue16WritesRefusedForTheWrongRole(t *testing.T) {
	t.Parallel() // independent: its own file
	team, fp := rolesTeam(t)
	before := eventCount(t, team)
	for _, c := range []struct {
		actor, want string
		args        []string
	}{
		{"wei", "wei is a member; only a lead can", []string{"team", "rename", "Comets"}},
		{"gus", "gus is a guest; only a lead can", []string{"team", "rename", "Comets"}},
		{"wei", "only a lead can", []string{"member", "edit", "bob", "--hours", "4"}},
		{"wei", "only a lead can", []string{"member", "key", "remove", "bob", fp}},
		{"wei", "only a lead can", []string{"team", "holiday", "add", "2026-12-24"}},
		{"wei", "only a lead can", []string{"team", "holiday", "rm", "2026-12-25"}},
		{"wei", "only a lead can", []string{"member", "off", "bob", "2026-11-23", "2026-11-24"}},
		{"wei", "T-1 is bob's; only bob or the lead can edit it", []string{"task", "edit", "T-1", "--title", "mine now"}},
		{"wei", "T-1 is bob's; only bob or the lead can split it", []string{"task", "split", "T-1", "--hours", "2"}},
		{"wei", "T-1 is bob's", []string{"task", "rm", "T-1"}},
		{"gus", "gus is a guest; only a member can", []string{"task", "edit", "T-2", "--hours", "3"}},
		{"gus", "gus is a guest; only a member can", []string{"task", "split", "T-2", "--hours", "2"}},
		{"gus", "gus is a guest; only a member can", []string{"task", "rm", "T-2"}},
		{"bob", "only a lead can", []string{"sprint", "rm", "2"}},
		{"bob", "only a lead can accept proposed stories", []string{"story", "accept", "S-2"}},
		{"bob", "only a lead can decline proposed stories", []string{"story", "decline", "S-2", "--reason", "no"}},
		{"gus", "gus is a guest; only a member can comment", []string{"story", "comment", "S-1", "hi"}},
		{"gus", "gus is a guest; only a member can comment", []string{"task", "comment", "T-1", "hi"}},
		{"bob", "bob is a member; only a lead can tick acceptance criteria", []string{"story", "check", "S-1", "1"}},
		{"gus", "gus is a guest; only a lead can tick acceptance criteria", []string{"story", "check", "S-1", "1"}},
	} {
		_, errOut, code := team.cli(t, c.actor, c.args...)
		if code == 0 || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%s: huddle %s: exit %d, %q; want one line with %q", c.actor, strings.Join(c.args, " "), code, errOut, c.want)
		}
	}
	if after := eventCount(t, team); after != before {
		t.Fatalf("refused commands wrote %d events", after-before)
	}
}

// TestIssue16KeysRefusedOnScreen: the same writes from the screens, as a
// member and as a guest: the key answers with the one-line reason, opens no
// form, and nothing is written. (The Team screen's keys: ui's
// TestTeamScreenMemberReadsOnly.)
func TestIssue16KeysRefusedOnScreen(t *testing.T) {
	t.Parallel() // independent: its own file
	team, _ := rolesTeam(t)
	before := eventCount(t, team)
	refused := func(s *screen, who, key, want string) {
		t.Helper()
		s.press(key)
		if v := s.view(); !strings.Contains(v, want) {
			t.Errorf("%s pressed %s: want %q on one line:\n%s", who, key, want, v)
		}
	}
	wei := team.openScreen(t, "wei", 120, 30)
	wei.press("3") // the board; the cursor on T-1, bob's
	refused(wei, "wei", "e", "T-1 is bob's; only bob or the lead can edit it")
	refused(wei, "wei", "s", "T-1 is bob's; only bob or the lead can split it")
	refused(wei, "wei", "d", "T-1 is bob's; only bob or the lead can delete it")
	wei.press("]") // #2, planned: its plan
	refused(wei, "wei", "D", "wei is a member; only a lead can")
	wei.press("2", "G", "enter") // bob's proposal
	refused(wei, "wei", "a", "wei is a member; only a lead can accept proposed stories")
	refused(wei, "wei", "D", "wei is a member; only a lead can decline proposed stories")
	wei.press("5", "r")
	refused(wei, "wei", "c", "wei is a member; only a lead can tick acceptance criteria")

	gus := team.openScreen(t, "gus", 120, 30)
	gus.press("3")
	refused(gus, "gus", "e", "gus is a guest; only a member can edit tasks")
	refused(gus, "gus", "s", "gus is a guest; only a member can split tasks")
	refused(gus, "gus", "d", "gus is a guest; only a member can delete tasks")
	gus.press("enter") // T-1's page
	refused(gus, "gus", "C", "gus is a guest; only a member can comment")
	gus.press("esc", "2", "g", "enter") // S-1's page
	refused(gus, "gus", "C", "gus is a guest; only a member can comment")
	gus.press("esc", "5", "r")
	refused(gus, "gus", "c", "gus is a guest; only a lead can tick acceptance criteria")
	if after := eventCount(t, team); after != before {
		t.Fatalf("refused keys wrote %d events", after-before)
	}
}
