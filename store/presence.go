package store

import (
	"slices"
	"sync"
)

// EventPresence says who is online changed: someone opened or closed a
// session. It is published to subscribers but never stored in the log, since
// presence is the state of one running process, not of the team's file.
const EventPresence EventKind = "presence"

// presence counts the open sessions of each person in this process.
type presence struct {
	mu       sync.Mutex
	sessions map[string]int
	list     []string // who is in sessions, sorted; replaced, never changed
}

// change adds n (1 or -1) sessions of handle.
func (p *presence) change(handle string, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	before := len(p.sessions)
	if p.sessions[handle] += n; p.sessions[handle] <= 0 {
		delete(p.sessions, handle)
	}
	if len(p.sessions) == before {
		return // the same people (one more or one fewer session of someone)
	}
	list := make([]string, 0, len(p.sessions))
	for h := range p.sessions {
		list = append(list, h)
	}
	slices.Sort(list)
	p.list = list
}

func newPresence() *presence { return &presence{sessions: map[string]int{}} }

// Join records that handle opened a session and tells every subscriber. Call
// the returned leave function once when the session ends (later calls do
// nothing). A person with several sessions stays online until the last ends.
func (s *Store) Join(handle string) (leave func()) {
	s.online.change(handle, 1)
	s.publishPresence(handle, eventf("%s joined", handle))
	var once sync.Once
	return func() {
		once.Do(func() {
			s.online.change(handle, -1)
			s.publishPresence(handle, eventf("%s left", handle))
			s.revealIfAllVoted() // people who leave are not waited for
		})
	}
}

// Online lists who has a session open in this process, sorted; empty when
// nobody has joined (a plain local huddle never does). Every session of the
// process asks after each change, so the list is made once per join or
// leave and shared: it is read-only.
func (s *Store) Online() []string {
	s.online.mu.Lock()
	defer s.online.mu.Unlock()
	return s.online.list
}

func (s *Store) publishPresence(handle, text string) {
	s.broker.publish([]Event{{At: s.now(), Actor: handle, Kind: EventPresence, Text: text}})
}

// Shared returns a handle on the same open file whose Close does nothing: for
// code that closes what it opened (a CLI command run inside the server) while
// the owner keeps the file open.
func (s *Store) Shared() *Store {
	c := *s
	c.shared = true
	return &c
}
