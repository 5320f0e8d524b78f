package demo

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
)

var (
	thursday = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	monday   = time.Date(2026, 11, 23, 9, 40, 0, 0, time.UTC)
	saturday = time.Date(2026, 11, 28, 15, 0, 0, 0, time.UTC)
)

func newDemo(t *testing.T, now time.Time) (string, Summary) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	start := time.Now()
	sum, err := Create(path, now, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Create took %v\n%s", time.Since(start), sum)
	return path, sum
}

func reopen(t *testing.T, path string, now time.Time) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func hasCJK(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func TestDemoOnThursday(t *testing.T) { checkDemo(t, thursday) }
func TestDemoOnMonday(t *testing.T)   { checkDemo(t, monday) }

func TestDemoAtTheWeekendIsOnFridaysDay6(t *testing.T) {
	path, sum := newDemo(t, saturday)
	st := reopen(t, path, saturday)
	sp, ok, err := st.ActiveSprint()
	if err != nil || !ok {
		t.Fatalf("no active sprint: %v", err)
	}
	if day, total := sp.DayOf(sprint.DateOf(saturday)); day != 6 || total != 10 || sum.Day != 6 {
		t.Fatalf("day %d of %d (summary %d)", day, total, sum.Day)
	}
	if d, _ := sp.DayOf(sprint.NewDate(2026, 11, 27)); d != 6 {
		t.Fatalf("Friday is day %d", d)
	}
	checkEventTimes(t, st, saturday)
}

func checkDemo(t *testing.T, now time.Time) {
	path, sum := newDemo(t, now)
	st := reopen(t, path, now)
	today := sprint.DateOf(now)

	checkFile(t, st)

	// The team.
	members := must[[]backlog.Member](t)(st.Members())
	if len(members) != 5 || sum.Members != 5 {
		t.Fatalf("%d members", len(members))
	}
	leads, keyed, cjk := 0, 0, 0
	hours := map[float64]bool{}
	for _, m := range members {
		if m.Role == backlog.RoleLead {
			leads++
			if m.Handle != LeadHandle {
				t.Errorf("lead is %s", m.Handle)
			}
			continue
		}
		if m.Role != backlog.RoleMember || m.Name == "" {
			t.Errorf("member %+v", m)
		}
		hours[m.HoursPerDay] = true
		if hasCJK(m.Name) {
			cjk++
		}
		if len(m.Keys) > 0 {
			keyed++
			if err := backlog.ValidateKey(m.Keys[0]); err != nil || !strings.HasPrefix(m.Keys[0], "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA") {
				t.Errorf("key %q: %v", m.Keys[0], err)
			}
			if who := must[backlog.Member](t)(st.MemberByKey(m.Keys[0])); who.Handle != m.Handle {
				t.Errorf("key of %s finds %s", m.Handle, who.Handle)
			}
		}
	}
	if leads != 1 || keyed != 2 || cjk < 1 || len(hours) != 4 {
		t.Errorf("leads %d, keyed %d, CJK names %d, distinct hours %v", leads, keyed, cjk, hours)
	}
	team := must[backlog.Team](t)(st.Team())
	if team.Name == "" || team.Vision == "" {
		t.Errorf("team %+v", team)
	}

	// OKRs.
	objs := must[[]store.ObjectiveWithKRs](t)(st.Objectives(backlog.QuarterOf(now)))
	if len(objs) != 2 {
		t.Fatalf("%d objectives", len(objs))
	}
	foundCN := false
	for _, o := range objs {
		if len(o.KeyResults) != 3 {
			t.Errorf("%s has %d key results", o.Title, len(o.KeyResults))
		}
		if o.Title != "提升新用户的激活体验" {
			continue
		}
		for _, kr := range o.KeyResults {
			if kr.Name == "新用户7日内完成核心功能操作的比例" {
				foundCN = kr.Baseline == 30 && kr.Target == 50 && kr.Current == 38 && kr.Unit == "%"
			}
		}
	}
	if !foundCN {
		t.Errorf("Chinese objective or its key result missing: %+v", objs)
	}
	moved := 0
	for _, o := range objs {
		for _, kr := range o.KeyResults {
			if kr.Current != kr.Baseline {
				moved++
			}
		}
	}
	if moved < 3 {
		t.Errorf("only %d key results moved", moved)
	}

	// The backlog.
	stories := must[[]backlog.Story](t)(st.Stories(0))
	plain, actionStories, unestimated, linked, chinese, described := 0, 0, 0, 0, 0, 0
	for _, s := range stories {
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", s.Ref(), err)
		}
		if len(s.Labels) > 0 && s.Labels[0] == retro.ActionLabel {
			actionStories++
			continue
		}
		plain++
		if !s.Estimated() {
			unestimated++
		}
		if s.KeyResult != 0 {
			linked++
		}
		if hasCJK(s.Title) {
			chinese++
		}
		if s.Description != "" || s.Acceptance != "" {
			described++
		}
		if len(s.Labels) == 0 {
			t.Errorf("%s has no labels", s.Ref())
		}
	}
	if plain < 40 || actionStories != 2 || unestimated < 2 || linked < 5 || chinese < 2 || described < 5 {
		t.Errorf("stories: %d plain, %d retro actions, %d unestimated, %d linked to a KR, %d Chinese, %d described",
			plain, actionStories, unestimated, linked, chinese, described)
	}
	if sum.Listed != len(stories) {
		t.Errorf("summary lists %d, store %d", sum.Listed, len(stories))
	}

	// Sprints.
	sprints := must[[]sprint.Sprint](t)(st.Sprints())
	var closed, active []sprint.Sprint
	for _, sp := range sprints {
		switch sp.Status {
		case sprint.StatusClosed:
			closed = append(closed, sp)
		case sprint.StatusActive:
			active = append(active, sp)
		}
	}
	if len(closed) != 1 || len(active) != 1 {
		t.Fatalf("%d closed, %d active", len(closed), len(active))
	}
	c, a := closed[0], active[0]
	if c.Velocity <= 0 || sum.Velocity != c.Velocity {
		t.Errorf("velocity %d (summary %d)", c.Velocity, sum.Velocity)
	}
	if !c.End.Before(a.Start) || c.End.DaysSince(c.Start) != 13 || a.End.DaysSince(a.Start) != 13 {
		t.Errorf("closed %s..%s, active %s..%s", c.Start, c.End, a.Start, a.End)
	}
	if day, total := a.DayOf(today); day != 6 || total != 10 || sum.Day != 6 || sum.Days != 10 {
		t.Errorf("active sprint on day %d of %d (summary %d of %d)", day, total, sum.Day, sum.Days)
	}
	if a.Goal == "" || sum.Goal != a.Goal || !strings.Contains(sum.String(), a.Goal) {
		t.Errorf("goal %q / %q", a.Goal, sum.Goal)
	}
	if actions := must[[]retro.Action](t)(st.Actions(c.ID)); len(actions) != 2 || sum.Actions != 2 {
		t.Errorf("%d actions", len(actions))
	}
	cards := must[[]retro.Card](t)(st.Cards(c.ID))
	authors, columns := map[string]bool{}, map[int]bool{}
	for _, card := range cards {
		authors[card.Author] = true
		columns[card.Column] = true
	}
	if len(cards) < 5 || len(authors) < 3 || len(columns) != 3 {
		t.Errorf("%d cards by %d people in %d columns", len(cards), len(authors), len(columns))
	}
	// One story came back unfinished and sits near the top (under the actions).
	if sum.Returned != 1 {
		t.Errorf("%d stories returned", sum.Returned)
	}
	checkClosedHistory(t, st, c)

	// The active board.
	tasks := must[[]sprint.Task](t)(st.Tasks(a.ID))
	count := map[sprint.TaskStatus]int{}
	blocked, burning, unclaimed := 0, 0, 0
	for _, tk := range tasks {
		count[tk.Status]++
		if tk.Blocked != "" {
			blocked++
			if tk.Status != sprint.TaskDoing || tk.Owner == "" {
				t.Errorf("blocked task %+v", tk)
			}
		}
		if tk.Status == sprint.TaskDoing && tk.Remaining > 0 && tk.Remaining < tk.Estimate {
			burning++
		}
		if tk.Status == sprint.TaskTodo && tk.Owner == "" {
			unclaimed++
		}
		if tk.Estimate < 2 || tk.Estimate > 16 {
			t.Errorf("%s estimate %g", tk.Ref(), tk.Estimate)
		}
	}
	if count[sprint.TaskTodo] == 0 || count[sprint.TaskDoing] == 0 || count[sprint.TaskDone] == 0 ||
		blocked != 1 || burning < 2 || unclaimed < 2 {
		t.Errorf("board %v, %d blocked, %d partly burned, %d unclaimed", count, blocked, burning, unclaimed)
	}
	if sum.Todo != count[sprint.TaskTodo] || sum.Doing != count[sprint.TaskDoing] || sum.Done != count[sprint.TaskDone] || sum.Blocked != 1 {
		t.Errorf("summary board %+v, store %v", sum, count)
	}

	// A steady burn: hours go down on each of the first five days.
	days := a.WorkingDays()
	burnDays := map[sprint.Date]bool{}
	for _, e := range must[[]store.Event](t)(st.SprintEvents(a.ID)) {
		if e.Kind == store.EventTaskRemaining || (e.Kind == store.EventTaskStatus && e.Fields["to"] == string(sprint.TaskDone)) {
			burnDays[sprint.DateOf(e.At)] = true
		}
	}
	for _, d := range days[:5] {
		if !burnDays[d] {
			t.Errorf("no burn on %s", d)
		}
	}

	// Stand-up notes on past days, from several members, one in Chinese.
	writers := map[string]bool{}
	pastDays, cnNotes, pastBlockers := 0, 0, 0
	for _, d := range days[:6] {
		ns := must[[]sprint.Note](t)(st.Notes(d))
		if len(ns) > 0 && d.Before(today) {
			pastDays++
		}
		for _, n := range ns {
			writers[n.Member] = true
			if hasCJK(n.Yesterday + n.Today) {
				cnNotes++
			}
			if n.Yesterday == "" || n.Today == "" {
				t.Errorf("note %+v", n)
			}
			if n.Blocker != "" && d.Before(today) {
				pastBlockers++
			}
		}
	}
	if pastDays < 3 || len(writers) < 3 || cnNotes < 1 || pastBlockers < 1 {
		t.Errorf("notes on %d past days by %v, %d in Chinese, %d past blockers", pastDays, writers, cnNotes, pastBlockers)
	}

	// Past stand-up rounds, all ended, so earlier stand-ups can be browsed by date;
	// none today (the lead is about to start it).
	rounds := must[[]sprint.Date](t)(st.StandupDays())
	parked := 0
	for _, d := range rounds {
		su, found := must2(t)(st.Standup(d))
		if !found || su.Status != sprint.StandupEnded || !d.Before(today) {
			t.Errorf("round of %s: found %v, %s", d, found, su.Status)
		}
		parked += len(su.Parking)
	}
	if len(rounds) < 3 || parked < 1 {
		t.Errorf("%d past rounds, %d parked blockers", len(rounds), parked)
	}

	checkEventTimes(t, st, now)
}

// checkFile runs the store's consistency check, which must find nothing.
func checkFile(t *testing.T, st *store.Store) {
	t.Helper()
	for _, p := range must[[]string](t)(st.Check()) {
		t.Errorf("check: %s", p)
	}
}

// checkClosedHistory looks for a full sprint history: start, claims, burn, a
// block and an unblock, a scope change, the close.
func checkClosedHistory(t *testing.T, st *store.Store, c sprint.Sprint) {
	t.Helper()
	kinds := map[store.EventKind]int{}
	scope := 0
	for _, e := range must[[]store.Event](t)(st.SprintEvents(c.ID)) {
		kinds[e.Kind]++
		if e.Kind == store.EventSprintStoryAdded && e.Fields["scope_change"] == "true" {
			scope++
		}
	}
	for _, k := range []store.EventKind{store.EventSprintStarted, store.EventTaskClaimed, store.EventTaskStatus,
		store.EventTaskRemaining, store.EventTaskBlocked, store.EventTaskUnblocked, store.EventSprintClosed, store.EventRetroAction} {
		if kinds[k] == 0 {
			t.Errorf("closed sprint has no %s event", k)
		}
	}
	if scope != 1 {
		t.Errorf("%d scope changes", scope)
	}
	tasks := must[[]sprint.Task](t)(st.Tasks(c.ID))
	done := 0
	for _, tk := range tasks {
		if tk.Status == sprint.TaskDone {
			done++
		}
		if tk.Estimate < 2 || tk.Estimate > 16 {
			t.Errorf("%s estimate %g", tk.Ref(), tk.Estimate)
		}
	}
	if done*2 <= len(tasks) || done == len(tasks) {
		t.Errorf("%d of %d tasks done in the closed sprint", done, len(tasks))
	}
}

// checkEventTimes: every event happened by now, in order, on a weekday in working hours.
func checkEventTimes(t *testing.T, st *store.Store, now time.Time) {
	t.Helper()
	events := must[[]store.Event](t)(st.Events(0, 0))
	if len(events) < 100 {
		t.Errorf("only %d events", len(events))
	}
	var prev time.Time
	for _, e := range events {
		at := e.At.In(now.Location())
		if at.After(now) || at.Before(prev) {
			t.Fatalf("event %d %s at %s (now %s, previous %s)", e.Seq, e.Kind, at, now, prev)
		}
		if wd := at.Weekday(); wd == time.Saturday || wd == time.Sunday || at.Hour() < 8 || at.Hour() >= 19 {
			t.Errorf("event %d %s at %s, outside working hours", e.Seq, e.Kind, at.Format(time.RFC1123))
		}
		prev = at
	}
}

func TestCreateRefusesExistingFileUnlessForced(t *testing.T) {
	path, _ := newDemo(t, thursday)
	before := must[[]byte](t)(os.ReadFile(path))
	if _, err := Create(path, monday, false); !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v", err)
	}
	if after := must[[]byte](t)(os.ReadFile(path)); !bytes.Equal(before, after) {
		t.Fatal("refused create changed the file")
	}
	sum, err := Create(path, monday, true)
	if err != nil {
		t.Fatal(err)
	}
	st := reopen(t, path, monday)
	sp, _, err := st.ActiveSprint()
	if err != nil || sp.Start != sprint.NewDate(2026, 11, 16) || sum.Day != 6 {
		t.Fatalf("forced create: sprint %+v, %v", sp, err)
	}
	if n := len(must[[]sprint.Sprint](t)(st.Sprints())); n != 2 {
		t.Fatalf("%d sprints after replacing", n)
	}
}

func TestForceReplacesAnyFileButNotAnOpenOneOrADirectory(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(junk, thursday, true); err != nil {
		t.Fatalf("replacing junk: %v", err)
	}

	st := reopen(t, junk, thursday)
	if _, err := Create(junk, thursday, true); !errors.Is(err, store.ErrLocked) {
		t.Fatalf("replaced a file in use: %v", err)
	}
	st.Close()
	if _, err := os.Stat(junk); err != nil {
		t.Fatalf("file in use was removed: %v", err)
	}

	if _, err := Create(dir, thursday, true); err == nil {
		t.Fatal("replaced a directory")
	}
}

func TestFailureRemovesHalfWrittenFile(t *testing.T) {
	for _, at := range []int{1, 60, 200} {
		path := filepath.Join(t.TempDir(), "demo.db")
		_, err := create(path, thursday, false, at, english())
		if !errors.Is(err, errInjected) {
			t.Fatalf("failing write %d: err = %v", at, err)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("failing write %d left the file: %v", at, err)
		}
	}
	if _, err := Create(filepath.Join(t.TempDir(), "no", "such", "dir.db"), thursday, false); err == nil {
		t.Fatal("created in a missing directory")
	}
}

func TestCreateIsDeterministic(t *testing.T) {
	var logs [2][]store.Event
	for i := range logs {
		path := filepath.Join(t.TempDir(), "demo.db")
		if _, err := Create(path, thursday, false); err != nil {
			t.Fatal(err)
		}
		st := reopen(t, path, thursday)
		logs[i] = must[[]store.Event](t)(st.Events(0, 0))
	}
	if len(logs[0]) != len(logs[1]) {
		t.Fatalf("%d vs %d events", len(logs[0]), len(logs[1]))
	}
	for i := range logs[0] {
		a, b := logs[0][i], logs[1][i]
		if !a.At.Equal(b.At) || a.Text != b.Text || a.Kind != b.Kind {
			t.Fatalf("event %d differs:\n%+v\n%+v", i, a, b)
		}
	}
}

func TestSummaryString(t *testing.T) {
	_, sum := newDemo(t, thursday)
	s := sum.String()
	for _, want := range []string{"Wrote ", "demo.db", `team "Pocketpay Onboarding"`, "5 members", "2 objectives with 6 key results for 2026-Q4",
		"day 6 of 10", "goal: " + sprint2Goal, "velocity 23"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if strings.Count(s, "\n") < 4 {
		t.Errorf("summary is not multi-line:\n%s", s)
	}
}

func BenchmarkCreate(b *testing.B) {
	dir := b.TempDir()
	for i := 0; b.Loop(); i++ {
		if _, err := Create(filepath.Join(dir, "demo.db"), thursday, true); err != nil {
			b.Fatal(err)
		}
	}
}

func must2(t *testing.T) func(su sprint.Standup, found bool, err error) (sprint.Standup, bool) {
	return func(su sprint.Standup, found bool, err error) (sprint.Standup, bool) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return su, found
	}
}
