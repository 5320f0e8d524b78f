package serve

import "runtime/debug"

// sessionEnded counts a session out. When the last one ends, the memory the
// sessions used goes back to the system at once (a forced collection, rare:
// only when the server falls idle) rather than over the runtime's next
// minutes, so an idle server's footprint is what it was before they came.
func (s *Server) sessionEnded() {
	if s.sessions.Add(-1) == 0 {
		go debug.FreeOSMemory()
	}
}
