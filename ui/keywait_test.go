package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"huddle/ui/internal/uitest"
)

// TestKeysWaitForAScreensFirstLoad: screens load when first shown, so a
// quick "1 n" reaches the Vision screen before its data. The n must not be
// lost: it waits for the load and then opens the new objective form.
func TestKeysWaitForAScreensFirstLoad(t *testing.T) {
	st := openStore(t)
	timers := uitest.NewClock(testNow()).Timers()
	m := New(t.Context(), st, "alice", asciiRenderer(), WithTimers(timers))
	timers.DeliverTo(t, m)
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	_ = m.Init() // the hidden screens now load when first shown
	run(t, m, m.screens[m.active].Load())

	_, load := m.Update(keyMsg("1"))
	if load == nil {
		t.Fatal("showing the Vision screen the first time should load it")
	}
	m.Update(keyMsg("n"))
	vision := m.screens[screenVision].(*visionScreen)
	if vision.loaded || vision.form != nil || len(m.keysWaiting) != 1 {
		t.Fatalf("before the load: loaded %v, form %v, waiting %d", vision.loaded, vision.form != nil, len(m.keysWaiting))
	}
	run(t, m, load)
	if !vision.loaded || vision.form == nil || len(m.keysWaiting) != 0 {
		t.Fatalf("after the load the n should have opened the form: loaded %v, form %v, waiting %d", vision.loaded, vision.form != nil, len(m.keysWaiting))
	}
	// ctrl+c is never held.
	m2 := New(t.Context(), st, "alice", asciiRenderer(), WithTimers(timers))
	_ = m2.Init()
	m2.Update(keyMsg("1"))
	if _, cmd := m2.Update(keyMsg("ctrl+c")); cmd == nil {
		t.Fatal("ctrl+c waited for a load")
	}
}
