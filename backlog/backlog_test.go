package backlog

import (
	"errors"
	"math/rand"
	"sort"
	"testing"
	"time"
)

func TestKeyResultProgress(t *testing.T) {
	cases := []struct {
		name string
		kr   KeyResult
		want float64
	}{
		{"halfway up", KeyResult{Baseline: 30, Target: 50, Current: 40}, 0.5},
		{"at baseline", KeyResult{Baseline: 30, Target: 50, Current: 30}, 0},
		{"past target clamps", KeyResult{Baseline: 30, Target: 50, Current: 70}, 1},
		{"below baseline clamps", KeyResult{Baseline: 30, Target: 50, Current: 10}, 0},
		{"falling metric", KeyResult{Baseline: 800, Target: 400, Current: 700}, 0.25},
		{"degenerate met", KeyResult{Baseline: 5, Target: 5, Current: 5}, 1},
	}
	for _, c := range cases {
		if got := c.kr.Progress(); got != c.want {
			t.Errorf("%s: progress = %v, want %v", c.name, got, c.want)
		}
	}
	if got := ObjectiveProgress([]KeyResult{cases[0].kr, cases[2].kr}); got != 0.75 {
		t.Errorf("objective progress = %v, want 0.75", got)
	}
}

func TestQuarter(t *testing.T) {
	if q := QuarterOf(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)); q != "2026-Q4" {
		t.Fatalf("QuarterOf = %s", q)
	}
	if q := Quarter("2026-Q4").Shift(1); q != "2027-Q1" {
		t.Errorf("shift +1 = %s", q)
	}
	if q := Quarter("2026-Q1").Shift(-1); q != "2025-Q4" {
		t.Errorf("shift -1 = %s", q)
	}
	if _, err := ParseQuarter("2026-Q5"); err == nil {
		t.Error("Q5 accepted")
	}
	if q, err := ParseQuarter("2026q3"); err != nil || q != "2026-Q3" {
		t.Errorf("ParseQuarter(2026q3) = %s, %v", q, err)
	}
}

func TestStoryValidate(t *testing.T) {
	ok := Story{Title: "Login", Points: 3, Value: 40}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []Story{
		{Title: " ", Points: 3, Value: 40},
		{Title: "x", Points: 4, Value: 40},
		{Title: "x", Points: 3, Value: 0},
		{Title: "x", Points: 3, Value: 101},
	}
	for _, s := range bad {
		if s.Validate() == nil {
			t.Errorf("%+v accepted", s)
		}
	}
	if (Story{Title: "x", Points: Unestimated, Value: 1}).Validate() != nil {
		t.Error("unestimated story refused")
	}
}

func TestParseStoryRef(t *testing.T) {
	for _, in := range []string{"S-12", "s12", "12", " S-12 "} {
		if n, err := ParseStoryRef(in); err != nil || n != 12 {
			t.Errorf("ParseStoryRef(%q) = %d, %v", in, n, err)
		}
	}
	for _, in := range []string{"", "T-12", "S-0", "S--1", "abc"} {
		if _, err := ParseStoryRef(in); err == nil {
			t.Errorf("ParseStoryRef(%q) accepted", in)
		}
	}
}

func TestRoles(t *testing.T) {
	if !RoleLead.CanLead() || RoleMember.CanLead() || RoleGuest.CanWrite() || !RoleMember.CanWrite() {
		t.Fatal("role rules wrong")
	}
	err := Forbidden("bob", RoleGuest, "claim tasks", RoleMember)
	if !errors.Is(err, ErrForbidden) {
		t.Fatal("Forbidden does not wrap ErrForbidden")
	}
}

func TestValidateHandle(t *testing.T) {
	for _, h := range []string{"alice", "bob-2", "li.wei"} {
		if err := ValidateHandle(h); err != nil {
			t.Errorf("%s: %v", h, err)
		}
	}
	for _, h := range []string{"", "Alice", "-x", "a b", "\x1b[2J", "thirty-three-characters-long-name"} {
		if ValidateHandle(h) == nil {
			t.Errorf("%q accepted", h)
		}
	}
}

func TestKeyIdentity(t *testing.T) {
	m := Member{Keys: []string{"ssh-ed25519 AAAAC3Nza alice@laptop"}}
	if !m.HasKey("ssh-ed25519 AAAAC3Nza other-comment") {
		t.Error("same key with another comment not recognised")
	}
	if m.HasKey("ssh-ed25519 AAAAC3Nzb") {
		t.Error("different key recognised")
	}
	if ValidateKey("hello world") == nil || ValidateKey("ssh-ed25519") == nil {
		t.Error("bad key accepted")
	}
}

func TestNormalizeLabels(t *testing.T) {
	got := NormalizeLabels([]string{" UX ", "ux", "mobile,  Tech Debt", ""})
	want := []string{"ux", "mobile", "tech-debt"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v want %v", got, want)
		}
	}
}

func TestRankBetweenOrders(t *testing.T) {
	if r := RankBetween("", ""); r == "" {
		t.Fatal("empty first key")
	}
	// Appending many at the bottom and the top keeps order.
	keys := []string{RankBetween("", "")}
	for i := 0; i < 200; i++ {
		keys = append(keys, RankAfter(keys[len(keys)-1]))
		keys = append([]string{RankBefore(keys[0])}, keys...)
	}
	if !sort.StringsAreSorted(keys) {
		t.Fatal("keys not sorted")
	}
	// Random insertions between neighbours always land strictly between.
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		j := rng.Intn(len(keys) + 1)
		a, b := "", ""
		if j > 0 {
			a = keys[j-1]
		}
		if j < len(keys) {
			b = keys[j]
		}
		k := RankBetween(a, b)
		if (a != "" && k <= a) || (b != "" && k >= b) {
			t.Fatalf("RankBetween(%q,%q) = %q", a, b, k)
		}
		keys = append(keys[:j], append([]string{k}, keys[j:]...)...)
	}
	// Appending 10,000 times keeps keys short (logarithmic growth).
	k := ""
	for i := 0; i < 10000; i++ {
		next := RankAfter(k)
		if next <= k {
			t.Fatalf("RankAfter(%q) = %q", k, next)
		}
		k = next
	}
	if len(k) > 5 {
		t.Errorf("10,000th appended key is %q (%d chars)", k, len(k))
	}
	k = ""
	for i := 0; i < 10000; i++ {
		prev := RankBefore(k)
		if k != "" && prev >= k {
			t.Fatalf("RankBefore(%q) = %q", k, prev)
		}
		k = prev
	}
	if len(k) > 5 {
		t.Errorf("10,000th prepended key is %q", k)
	}
	// Repeatedly inserting at the same place grows keys slowly, never fails.
	a, b := "a1", "a2"
	for i := 0; i < 500; i++ {
		k := RankBetween(a, b)
		if k <= a || k >= b {
			t.Fatalf("step %d: %q not in (%q,%q)", i, k, a, b)
		}
		b = k
	}
}
