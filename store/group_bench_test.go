package store

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// BenchmarkConcurrentWrites is a burst of small writes from many sessions at
// once: 50 goroutines, each setting the hours left on one of a sprint's two
// tasks in turn, every write acknowledged only once on the disk (fsync on).
// It reports writes per second over the burst and each write's latency from
// call to return (p50, p99).
func BenchmarkConcurrentWrites(b *testing.B) {
	st, _ := newTestStore(b)
	_, tasks := sprintWithTasks(b, st)
	const writers, each = 50, 20
	var lat []time.Duration
	var mu sync.Mutex
	start := time.Now()
	for i := 0; i < b.N; i++ {
		var wg sync.WaitGroup
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mine := make([]time.Duration, 0, each)
				for j := range each {
					t0 := time.Now()
					if _, err := st.SetRemaining("bob", tasks[(w+j)%2].ID, float64(j%9)); err != nil {
						b.Error(err)
						return
					}
					mine = append(mine, time.Since(t0))
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	elapsed := time.Since(start)
	slices.Sort(lat)
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "writes/s")
	b.ReportMetric(float64(lat[len(lat)/2])/1e6, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100])/1e6, "p99-ms")
}
