package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

func TestOpenCreatesAndMigrates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	if _, err := Open(path, Options{}); err == nil {
		t.Fatal("opened a missing file without Create")
	}
	st, err := Open(path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// Reopen: the schema is current, nothing to migrate.
	st, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var v int
	st.db.View(func(tx *bolt.Tx) error { v = readSchema(tx); return nil })
	if v != SchemaVersion() {
		t.Fatalf("schema %d, want %d", v, SchemaVersion())
	}
}

// Each migration gets a test: from the version before it, running migrate
// produces the buckets it promises.
func TestMigration1CreatesBucketTree(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "m.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error { return migrate(tx, 0) }); err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketMeta, bucketStories, bucketStoryRank, bucketEvents, bucketSprintEvents, bucketKeys} {
			if tx.Bucket(b) == nil {
				t.Errorf("bucket %s missing", b)
			}
		}
		return nil
	})
}

func TestMigrationsAreOrdered(t *testing.T) {
	for i, m := range migrations {
		if m.version != i+1 {
			t.Fatalf("migration %d has version %d; versions must be 1, 2, 3... in order", i, m.version)
		}
	}
}

func writeSchema(t *testing.T, path string, v uint64) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, u64(v)) })
	db.Close()
}

func TestNewerSchemaRefusedAndUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	st, err := Open(path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	writeSchema(t, path, uint64(SchemaVersion()+1))
	before, _ := os.ReadFile(path)
	_, err = Open(path, Options{})
	if !errors.Is(err, ErrTooNew) || !strings.Contains(err.Error(), "newer huddle") {
		t.Fatalf("err = %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("file changed")
	}
}

func TestBadFilesRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	st, _ := newTestStoreAt(t, good)
	for i := 0; i < 50; i++ {
		must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: strings.Repeat("story ", 20), Points: 3}))
	}
	st.Close()
	data, _ := os.ReadFile(good)

	random := make([]byte, 64*1024)
	rand.Read(random)
	foreign := filepath.Join(dir, "foreign.db")
	fdb, _ := bolt.Open(foreign, 0o600, nil)
	fdb.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err })
	fdb.Close()
	cases := map[string][]byte{
		"empty":     {},
		"random":    random,
		"truncated": data[:len(data)/3],
		"text":      []byte("hello, this is not a database\n"),
	}
	for name, content := range cases {
		p := filepath.Join(dir, name+".db")
		os.WriteFile(p, content, 0o600)
		_, err := Open(p, Options{Create: true})
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error is not one line: %q", name, err)
		}
		after, _ := os.ReadFile(p)
		if !bytes.Equal(after, content) {
			t.Errorf("%s: file was modified", name)
		}
	}
	fBefore, _ := os.ReadFile(foreign)
	if _, err := Open(foreign, Options{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("foreign bbolt file: %v", err)
	}
	if fAfter, _ := os.ReadFile(foreign); !bytes.Equal(fBefore, fAfter) {
		t.Error("foreign file modified")
	}
}

func newTestStoreAt(t *testing.T, path string) (*Store, *testClock) {
	clk := &testClock{t: fixedNow}
	st, err := Open(path, Options{Create: true, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	st.Bootstrap("alice", "Rocket")
	return st, clk
}

func TestLockedFileFailsFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "locked.db")
	st, err := Open(path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	_, err = Open(path, Options{ReadOnly: true, LockTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("err = %v", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Fatal("waited too long")
	}
}

func TestBootstrapMakesFirstPersonLead(t *testing.T) {
	st, _ := newTestStore(t)
	m := must[backlog.Member](t)(st.Member("alice"))
	if m.Role != backlog.RoleLead {
		t.Fatalf("alice is %s", m.Role)
	}
	if created, _ := st.Bootstrap("zed", "X"); created {
		t.Fatal("second bootstrap made another lead")
	}
	team := must[backlog.Team](t)(st.Team())
	if team.Name != "Rocket" {
		t.Fatalf("team = %+v", team)
	}
}

func TestRolesEnforcedInStore(t *testing.T) {
	st, _ := newTestStore(t)
	if _, err := st.AddStory("gus", StoryInput{Title: "x", Points: 1}); !errors.Is(err, backlog.ErrForbidden) {
		t.Errorf("guest added a story: %v", err)
	}
	if _, err := st.AddStory("nobody", StoryInput{Title: "x", Points: 1}); !errors.Is(err, backlog.ErrForbidden) {
		t.Errorf("stranger added a story: %v", err)
	}
	if _, err := st.SaveNote("gus", sprint.DateOf(fixedNow), NoteInput{}); !errors.Is(err, backlog.ErrForbidden) {
		t.Errorf("guest wrote a note: %v", err)
	}
	if _, err := st.SaveNote("bob", sprint.DateOf(fixedNow), NoteInput{}); err != nil {
		t.Errorf("member cannot write a note: %v", err)
	}
	if err := st.RemoveMember("alice", "alice"); err == nil {
		t.Error("removed the only lead")
	}
}

func TestMemberKeys(t *testing.T) {
	st, _ := newTestStore(t)
	key := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey carol@laptop"
	if _, err := st.AddMember("alice", NewMember{Handle: "Carol", Keys: []string{key}}); err != nil {
		t.Fatal(err)
	}
	m, err := st.MemberByKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey")
	if err != nil || m.Handle != "carol" {
		t.Fatalf("by key: %+v %v", m, err)
	}
	if _, err := st.UpdateMember("alice", "bob", MemberChange{AddKeys: []string{key}}); err == nil {
		t.Error("one key given to two members")
	}
	if err := st.RemoveMember("alice", "carol"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MemberByKey(key); !errors.Is(err, ErrNotFound) {
		t.Errorf("removed member's key still works: %v", err)
	}
}

func TestIDsAndRefs(t *testing.T) {
	st, _ := newTestStore(t)
	a := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "A", Points: 1}))
	b := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "B", Points: 2}))
	if a.Ref() != "S-1" || b.Ref() != "S-2" {
		t.Fatalf("refs %s %s", a.Ref(), b.Ref())
	}
}

func titles(t *testing.T, st *Store) string {
	t.Helper()
	list := must[[]backlog.Story](t)(st.Stories(0))
	var out []string
	for _, s := range list {
		out = append(out, s.Title)
	}
	return strings.Join(out, ",")
}

func TestMoveStoryWritesOneStory(t *testing.T) {
	st, _ := newTestStore(t)
	ids := map[string]int{}
	for _, n := range []string{"a", "b", "c", "d"} {
		ids[n] = must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: n, Points: 1})).ID
	}
	before := map[int]string{}
	for _, s := range must[[]backlog.Story](t)(st.Stories(0)) {
		before[s.ID] = s.Rank
	}
	steps := []struct {
		id   string
		pos  Position
		want string
	}{
		{"d", Position{Top: true}, "d,a,b,c"},
		{"d", Position{Bottom: true}, "a,b,c,d"},
		{"a", Position{Down: true}, "b,a,c,d"},
		{"c", Position{Up: true}, "b,c,a,d"},
		{"b", Position{Up: true}, "b,c,a,d"},
		{"d", Position{Before: ids["c"]}, "b,d,c,a"},
		{"b", Position{After: ids["a"]}, "d,c,a,b"},
	}
	for _, s := range steps {
		if err := st.MoveStory("alice", ids[s.id], s.pos); err != nil {
			t.Fatal(err)
		}
		if got := titles(t, st); got != s.want {
			t.Fatalf("after moving %s %+v: %s, want %s", s.id, s.pos, got, s.want)
		}
	}
	// Only moved stories changed rank; c was moved once (up) and nothing else touched it after.
	probs, err := st.Check()
	if err != nil || len(probs) != 0 {
		t.Fatal(probs, err)
	}
	if err := st.MoveStory("bob", ids["a"], Position{Top: true}); !errors.Is(err, backlog.ErrForbidden) {
		t.Error("member reordered the backlog")
	}
}

func TestDeleteKeepsLog(t *testing.T) {
	st, _ := newTestStore(t)
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "gone", Points: 1}))
	if err := st.DeleteStory("alice", s.ID); err != nil {
		t.Fatal(err)
	}
	if n := len(must[[]backlog.Story](t)(st.Stories(0))); n != 0 {
		t.Fatalf("%d stories listed", n)
	}
	ev := must[[]Event](t)(st.StoryHistory(s.ID))
	if len(ev) != 2 || ev[1].Kind != EventStoryDeleted {
		t.Fatalf("history %+v", ev)
	}
}

// sprintWithTasks plans and starts a sprint with one story of two tasks.
func sprintWithTasks(t testing.TB, st *Store) (sprint.Sprint, []sprint.Task) {
	t.Helper()
	story := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "Login", Points: 5}))
	start := sprint.DateOf(fixedNow)
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "Ship login", Start: start, End: start.AddDays(13)}))
	if err := st.AddStoryToSprint("alice", sp.ID, story.ID); err != nil {
		t.Fatal(err)
	}
	t1 := must[sprint.Task](t)(st.AddTask("bob", story.ID, "Form", 6))
	t2 := must[sprint.Task](t)(st.AddTask("bob", story.ID, "API", 10))
	if err := st.StartSprint("alice", sp.ID); err != nil {
		t.Fatal(err)
	}
	return must[sprint.Sprint](t)(st.Sprint(sp.ID)), []sprint.Task{t1, t2}
}

func TestSprintLifecycle(t *testing.T) {
	st, clk := newTestStore(t)
	sp, tasks := sprintWithTasks(t, st)
	if sp.Name != "Sprint 1" || sp.BaselineHours != 16 || sp.BaselinePoints != 5 || sp.Capacity["bob"] != 60 {
		t.Fatalf("sprint %+v", sp)
	}
	clk.Advance(time.Hour)
	must[sprint.Task](t)(st.ClaimTask("bob", tasks[0].ID, ""))
	must[sprint.Task](t)(st.SetRemaining("bob", tasks[0].ID, 2))
	done := must[sprint.Task](t)(st.SetTaskStatus("bob", tasks[0].ID, sprint.TaskDone))
	if done.Remaining != 0 {
		t.Fatal("done task has hours left")
	}
	res := must[CloseResult](t)(st.CloseSprint("alice", sp.ID))
	if len(res.Returned) != 1 || res.Velocity != 0 {
		t.Fatalf("close %+v", res)
	}
	back := must[[]backlog.Story](t)(st.Stories(1))
	if back[0].Status != backlog.StatusBacklog || back[0].Title != "Login" {
		t.Fatalf("unfinished story not at the top: %+v", back)
	}
	ev := must[[]Event](t)(st.SprintEvents(sp.ID))
	kinds := []string{}
	for _, e := range ev {
		kinds = append(kinds, string(e.Kind))
	}
	want := "sprint.created,sprint.story_added,task.added,task.added,sprint.started,task.claimed,task.remaining,task.status,sprint.closed"
	if strings.Join(kinds, ",") != want {
		t.Fatalf("sprint log:\n%s\nwant\n%s", strings.Join(kinds, ","), want)
	}
	if ev[6].Float("remaining") != 2 || ev[6].Actor != "bob" || !ev[6].At.Equal(fixedNow.Add(time.Hour)) {
		t.Fatalf("event %+v", ev[6])
	}
}

func TestConcurrentClaimsExactlyOneWins(t *testing.T) {
	st, _ := newTestStore(t)
	_, tasks := sprintWithTasks(t, st)
	for _, h := range []string{"c1", "c2", "c3", "c4", "c5", "c6", "c7"} {
		must[backlog.Member](t)(st.AddMember("alice", NewMember{Handle: h}))
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins, losses := 0, 0
	for _, h := range []string{"bob", "c1", "c2", "c3", "c4", "c5", "c6", "c7"} {
		wg.Add(1)
		go func(h string) {
			defer wg.Done()
			_, err := st.ClaimTask(h, tasks[1].ID, "")
			mu.Lock()
			defer mu.Unlock()
			var ce *sprint.ClaimedError
			switch {
			case err == nil:
				wins++
			case errors.As(err, &ce):
				losses++
			default:
				t.Errorf("unexpected %v", err)
			}
		}(h)
	}
	wg.Wait()
	if wins != 1 || losses != 7 {
		t.Fatalf("wins %d losses %d", wins, losses)
	}
}

func TestSubscribePublishesAfterCommit(t *testing.T) {
	st, _ := newTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	ch := st.Subscribe(ctx)
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "live", Points: 1}))
	select {
	case e := <-ch:
		if e.Kind != EventStoryAdded || e.Story != s.ID || e.Seq == 0 {
			t.Fatalf("event %+v", e)
		}
	case <-time.After(time.Second): // a limit for a stuck test: the event is sent before AddStory returns
		t.Fatal("no event")
	}
	// A failed write publishes nothing.
	st.AddStory("gus", StoryInput{Title: "nope", Points: 1})
	select {
	case e := <-ch:
		t.Fatalf("failed write published %+v", e)
	default:
	}
	cancel()
	deadline := time.After(time.Second) // a limit for a stuck test: the close follows cancel at once
	for {
		select {
		case _, ok := <-ch:
			if !ok {
				if n := st.broker.subscribers(); n != 0 {
					t.Fatalf("%d subscribers left", n)
				}
				return
			}
		case <-deadline:
			t.Fatal("channel not closed after cancel")
		}
	}
}

func TestLaggingSubscriberGetsOneResync(t *testing.T) {
	st, _ := newTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	slow := st.Subscribe(ctx)
	fast := st.Subscribe(ctx)
	done := make(chan int)
	go func() {
		n := 0
		for range fast {
			n++
			if n == subscriberBuffer+20 {
				done <- n
			}
		}
	}()
	for i := 0; i < subscriberBuffer+20; i++ {
		if err := st.SetVision("alice", "v"); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second): // a limit for a stuck test, not a pause
		t.Fatal("fast subscriber missed events")
	}
	var got []Event
	for len(slow) > 0 {
		got = append(got, <-slow)
	}
	resyncs := 0
	for _, e := range got {
		if e.Kind == EventResync {
			resyncs++
		}
	}
	if resyncs != 1 || got[0].Kind != EventResync {
		t.Fatalf("slow subscriber got %d events, %d resyncs, first %s", len(got), resyncs, got[0].Kind)
	}
}

func TestTextIsCleanedOnWrite(t *testing.T) {
	st, _ := newTestStore(t)
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{
		Title:       "Pay\x1b]52;c;ZXZpbA==\x07ment \x1b[2J页面\u202e",
		Description: "line one\r\nline\ttwo\x9b31m",
		Points:      backlog.Unestimated,
	}))
	if s.Title != "Payment 页面" || s.Description != "line one\nline\ttwo" {
		t.Fatalf("title %q desc %q", s.Title, s.Description)
	}
	long := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: strings.Repeat("长", 500), Points: 1}))
	if n := len([]rune(long.Title)); n != MaxTitle {
		t.Fatalf("title length %d", n)
	}
	if _, err := st.AddStory("alice", StoryInput{Title: "\x1b[31m\x07 ", Points: 1}); err == nil {
		t.Fatal("title of only escapes accepted")
	}
}

func TestBackupIsConsistentCopy(t *testing.T) {
	st, _ := newTestStore(t)
	must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "kept", Points: 1}))
	out := filepath.Join(t.TempDir(), "copy.db")
	if _, err := st.BackupFile(out); err != nil {
		t.Fatal(err)
	}
	if _, err := st.BackupFile(out); err == nil {
		t.Fatal("backup overwrote a file")
	}
	cp, err := Open(out, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if probs, err := cp.Check(); err != nil || len(probs) > 0 {
		t.Fatal(probs, err)
	}
	if got := titles(t, cp); got != "kept" {
		t.Fatalf("copy holds %q", got)
	}
}

func TestRetroPhaseIsLeadOnlyAndMovesBothWays(t *testing.T) {
	st, _ := newTestStore(t)
	sp, _ := sprintWithTasks(t, st)
	if _, err := st.AddCard("bob", sp.ID, 0, "good pairing"); err != nil {
		t.Fatal(err)
	}
	b, err := st.SetRetroPhase("alice", sp.ID, "reveal")
	if err != nil || b.Phase != "reveal" {
		t.Fatal(b, err)
	}
	if _, err := st.SetRetroPhase("bob", sp.ID, "vote"); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatal("member moved the retro")
	}
	if _, err := st.SetRetroPhase("alice", sp.ID, "write"); err != nil {
		t.Fatal("no votes yet, going back should work:", err)
	}
}
