package serve

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
)

// logPanic writes one log line for a recovered panic: where, the value and
// the innermost frames of huddle's own code, quoted so that nothing a caller
// typed (a panic value may carry it) reaches the log as terminal escapes or
// extra lines.
func (s *Server) logPanic(where string, r any) {
	s.logf("panic in %s: %s at %s", where, strconv.Quote(fmt.Sprint(r)), strconv.Quote(panicSite(debug.Stack())))
}

// panicSite is the first function of huddle's own below the panic in a
// stack, as "package.Func (file.go:123)", or "" when there is none.
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	seenPanic := false
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			seenPanic = true
			continue
		}
		if !seenPanic || !strings.HasPrefix(l, "huddle/") || i+1 >= len(lines) {
			continue
		}
		fn := l
		if j := strings.LastIndex(fn, "("); j > 0 {
			fn = fn[:j]
		}
		file := strings.TrimSpace(lines[i+1])
		if j := strings.LastIndex(file, "/"); j >= 0 {
			file = file[j+1:]
		}
		if j := strings.Index(file, " "); j >= 0 {
			file = file[:j]
		}
		return fn + " (" + file + ")"
	}
	return ""
}
