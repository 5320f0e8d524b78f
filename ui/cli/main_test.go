package cli

import (
	"os"
	"testing"
)

// TestMain lets a test start this test binary as huddle itself (a real
// process, e.g. the TUI in a pty): with HUDDLE_TEST_RUN_MAIN=1 it runs Main.
func TestMain(m *testing.M) {
	if os.Getenv("HUDDLE_TEST_RUN_MAIN") == "1" {
		os.Exit(Main())
	}
	os.Exit(m.Run())
}
