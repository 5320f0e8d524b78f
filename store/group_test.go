package store

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// holdWrites keeps the file's writer lock until the returned release is
// called, so that the writes started meanwhile queue up as they do behind a
// commit on its way to the disk.
func holdWrites(t *testing.T, st *Store) (release func()) {
	t.Helper()
	held, done := make(chan struct{}), make(chan struct{})
	go func() {
		_ = st.db.Update(func(*bolt.Tx) error {
			close(held)
			<-done
			return nil
		})
	}()
	<-held
	return func() { close(done) }
}

// awaitQueued returns once n grouped writes wait behind the running commit.
func awaitQueued(st *Store, n int) {
	for {
		st.group.mu.Lock()
		q := len(st.group.queue)
		st.group.mu.Unlock()
		if q >= n {
			return
		}
		runtime.Gosched()
	}
}

// Writes that arrive while a commit runs share the next one; each returns
// once that commit is done, and all of them are in the file afterwards.
func TestGroupedWritesShareACommit(t *testing.T) {
	st, _ := newTestStore(t)
	_, tasks := sprintWithTasks(t, st)
	const n = 40
	release := holdWrites(t, st)
	commits := st.group.commits
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = st.SetRemaining("bob", tasks[i%2].ID, float64(i%7))
		}()
	}
	awaitQueued(st, n-1) // one leads, and waits for the lock with what it took
	release()
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
	}
	if got := st.group.commits - commits; got > 2 {
		t.Fatalf("%d writes took %d commits, want at most 2 (the leader's and one group)", n, got)
	}
	hist, err := st.StoryHistory(tasks[0].Story)
	if err != nil {
		t.Fatal(err)
	}
	if got := countKind(hist, EventTaskRemaining, tasks[0].ID); got != n/2 {
		t.Fatalf("%d hours-left events of %s in the log, want %d", got, tasks[0].Ref(), n/2)
	}
}

// In one group, two claims of the same task: exactly one wins and the other
// is told who has it; a write after the refused one in the group still
// commits, and the live board shows what the file holds.
func TestGroupedClaimsStillCompareAndSet(t *testing.T) {
	st, _ := newTestStore(t)
	sp, tasks := sprintWithTasks(t, st)
	today := sprint.DateOf(fixedNow)
	if _, err := st.BoardView(sp.ID, today, 10); err != nil { // the live board, followed by deltas from here
		t.Fatal(err)
	}
	release := holdWrites(t, st)
	var wg sync.WaitGroup
	claims := make([]error, 2)
	for i, who := range []string{"alice", "bob"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, claims[i] = st.ClaimTask(who, tasks[0].ID, "")
		}()
	}
	var hours error
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, hours = st.SetRemaining("bob", tasks[1].ID, 3)
	}()
	awaitQueued(st, 2)
	release()
	wg.Wait()
	if hours != nil {
		t.Fatal(hours)
	}
	winner := ""
	for i, err := range claims {
		var taken *sprint.ClaimedError
		switch {
		case err == nil && winner == "":
			winner = []string{"alice", "bob"}[i]
		case errors.As(err, &taken) && taken.Owner == []string{"alice", "bob"}[1-i]:
		default:
			t.Fatalf("claims: %v", claims)
		}
	}
	got, err := st.BoardView(sp.ID, today, 10)
	if err != nil {
		t.Fatal(err)
	}
	fresh := must[[]sprint.Task](t)(st.Tasks(sp.ID))
	if fmt.Sprint(got.Plan.Tasks) != fmt.Sprint(fresh) {
		t.Fatalf("the live board shows\n%v\nthe file holds\n%v", got.Plan.Tasks, fresh)
	}
	if winner == "" || fresh[0].Owner != winner || fresh[1].Remaining != 3 {
		t.Fatalf("the file holds %+v", fresh)
	}
}

func countKind(events []Event, k EventKind, task int) int {
	n := 0
	for _, e := range events {
		if e.Kind == k && e.Task == task {
			n++
		}
	}
	return n
}
