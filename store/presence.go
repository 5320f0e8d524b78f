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
}

func newPresence() *presence { return &presence{sessions: map[string]int{}} }

// Join records that handle opened a session and tells every subscriber. Call
// the returned leave function once when the session ends (later calls do
// nothing). A person with several sessions stays online until the last ends.
func (s *Store) Join(handle string) (leave func()) {
	s.online.mu.Lock()
	s.online.sessions[handle]++
	s.online.mu.Unlock()
	s.publishPresence(handle, eventf("%s joined", handle))
	var once sync.Once
	return func() {
		once.Do(func() {
			s.online.mu.Lock()
			if s.online.sessions[handle]--; s.online.sessions[handle] <= 0 {
				delete(s.online.sessions, handle)
			}
			s.online.mu.Unlock()
			s.publishPresence(handle, eventf("%s left", handle))
			s.revealIfAllVoted() // people who leave are not waited for
		})
	}
}

// Online lists who has a session open in this process, sorted; empty when
// nobody has joined (a plain local huddle never does).
func (s *Store) Online() []string {
	s.online.mu.Lock()
	defer s.online.mu.Unlock()
	out := make([]string, 0, len(s.online.sessions))
	for h := range s.online.sessions {
		out = append(out, h)
	}
	slices.Sort(out)
	return out
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
