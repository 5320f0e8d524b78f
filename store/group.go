package store

import (
	"slices"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// Group commit: the small writes that many sessions make at once (claims,
// moves, hours left, votes, cards, stand-up notes) share a transaction, and
// so one fsync, when they arrive while another commit is on its way to the
// disk. A write that finds no commit running starts one at once (no write
// waits for company); the writes that arrive during it are committed
// together right after it. Every write still returns only once the
// transaction holding it is on the disk: acknowledged is durable.
//
// A write of a group that fails (a task someone else claimed first) rolls the
// group's transaction back; its error is what it found after the writes before
// it in the group, which are then run again without it. So only writes whose
// function may run more than once (it keeps nothing but its result from a
// run) are grouped: see writeGrouped's callers.

// groupCommit is the queue of one open file's grouped writes.
type groupCommit struct {
	mu      sync.Mutex
	queue   []*groupCall
	running bool // a goroutine is committing; the queue waits for it
	commits int  // transactions committed (for tests)
}

// groupCall is one grouped write: its body inside the transaction, the
// events its last run emitted, and where its outcome goes.
type groupCall struct {
	body   func(tx *bolt.Tx) error
	events func() []Event
	done   chan error
}

// update commits c, in a group with the writes queued with it.
func (g *groupCommit) update(s *Store, c *groupCall) error {
	g.mu.Lock()
	g.queue = append(g.queue, c)
	lead := !g.running
	g.running = true
	g.mu.Unlock()
	if lead {
		g.lead(s)
	}
	return <-c.done
}

// lead commits what is queued, then hands what queued meanwhile to a new
// goroutine (so no caller waits on other people's writes after its own).
func (g *groupCommit) lead(s *Store) {
	g.mu.Lock()
	calls := g.queue
	g.queue = nil
	g.mu.Unlock()
	g.commit(s, calls)
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.queue) == 0 {
		g.running = false
		return
	}
	go g.lead(s)
}

// commit runs calls in one transaction, and again without any that fails.
func (g *groupCommit) commit(s *Store, calls []*groupCall) {
	for len(calls) > 0 {
		failed := -1
		var failure error
		err := s.guard(func() error {
			return s.update(func(tx *bolt.Tx) error {
				var all []Event
				for i, c := range calls {
					if err := c.body(tx); err != nil {
						failed, failure = i, err
						return err
					}
					all = append(all, c.events()...)
				}
				return s.captureDelta(tx, all)
			})
		})
		if failed < 0 {
			if err == nil {
				g.mu.Lock()
				g.commits++
				g.mu.Unlock()
			}
			for _, c := range calls {
				c.done <- err
			}
			return
		}
		calls[failed].done <- failure
		calls = slices.Delete(calls, failed, failed+1)
	}
}
