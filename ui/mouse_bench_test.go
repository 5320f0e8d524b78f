package ui

import "testing"

// BenchmarkZoneScan times what the mouse adds to each new frame: stripping
// the zone markers from the demo team's sprint board at 120x40 (tabs and
// every task card marked) and recording where each zone landed. Drawing the
// frame itself is not timed.
func BenchmarkZoneScan(b *testing.B) {
	st := demoStore(b)
	m := newModel(b, st, "alice", 120, 40)
	press(b, m, "3")
	m.View()
	raw := m.cached.frame
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.zones.lastRaw = "" // defeat the memo: every frame is new
		m.zones.scan(raw)
	}
	b.ReportMetric(float64(len(m.zones.spans)), "zones")
}
