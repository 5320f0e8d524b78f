package serve

import (
	"runtime/debug"
	"sync"
	"time"
)

// When the last session ends, the memory the sessions used goes back to the
// system (a forced collection, rare: only when the server falls idle) rather
// than over the runtime's next minutes, so an idle server's footprint is what
// it was before they came. It runs a moment after the count reaches zero:
// by then the ended sessions' connections and programs have finished too
// (run at once, it found them still holding their frames and buffers, and
// what they freed afterwards stayed with the process). No more than one
// release a second, however often a lone session comes and goes.
const (
	releaseAfter = 200 * time.Millisecond
	releaseGap   = time.Second
)

// idleRelease schedules the release after the last session.
type idleRelease struct {
	mu      sync.Mutex
	pending bool
	last    time.Time // when the last release ran
}

// sessionEnded counts a session out.
func (s *Server) sessionEnded() {
	if s.sessions.Add(-1) == 0 {
		s.release.schedule(func() bool { return s.sessions.Load() == 0 })
	}
}

// schedule runs a release after releaseAfter (and releaseGap after the last
// one), if idle still holds then.
func (r *idleRelease) schedule(idle func() bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pending {
		return
	}
	r.pending = true
	wait := max(releaseAfter, time.Until(r.last.Add(releaseGap)))
	time.AfterFunc(wait, func() {
		r.mu.Lock()
		r.pending = false
		run := idle()
		if run {
			r.last = time.Now()
		}
		r.mu.Unlock()
		if run {
			debug.FreeOSMemory()
		}
	})
}
