package serve

import (
	"fmt"
	"huddle/store"
	"huddle/store/gen"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// benchStories is the backlog the SSH benchmarks run with: the demo team
// plus this many stories (a team's long backlog; the board loads the team's
// sprint, the header and presence over it).
const benchStories = 10_000

// startBigServer is startServer whose demo team has benchStories more
// stories in its backlog, imported in one write before anyone connects.
func startBigServer(b *testing.B) *testServer {
	b.Helper()
	ts := startServer(b, 0, roomFor(50))
	ins := make([]store.StoryInput, benchStories)
	for i := range ins {
		ins[i] = store.StoryInput{Title: fmt.Sprintf("Returning users see their receipts sorted by store (%d)", i+1), Points: 3, Value: i%100 + 1, Labels: []string{"payments"}}
	}
	if _, rej, err := ts.st.ImportStories("maya", ins, false); err != nil || len(rej) != 0 {
		b.Fatal(err, rej)
	}
	if n, err := ts.st.StoryCount(); err != nil || n < benchStories {
		b.Fatalf("%d stories in the backlog (%v)", n, err)
	}
	return ts
}

// openBoards opens n sessions (spread over the five demo members) on the
// sprint board, ten at a time: the benchmarks time what follows, not a
// storm of fifty connections at once.
func openBoards(b *testing.B, ts *testServer, n int) []*term {
	b.Helper()
	handles := []string{"maya", "lucas", "priya", "tomas", "wei"}
	terms := make([]*term, n)
	var wg sync.WaitGroup
	for i := range terms {
		if i%10 == 0 {
			wg.Wait()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			tm, err := ts.tryTerm(b, ts.keys[handles[i%len(handles)]], 100, 30)
			if err != nil {
				b.Error(err)
				return
			}
			terms[i] = tm
			// Sessions land on the board while a sprint runs; "3" makes sure
			// (on a loaded machine the terminal's late answer to the colour
			// query reaches the app as keys, which keeps it on the backlog).
			if _, ok := tm.await(0, landedLine, time.Minute); !ok {
				b.Errorf("session %d: no header:\n%s", i, tm.text(0))
				return
			}
			tm.typeKeys(b, "3")
			if _, ok := tm.await(0, unclaimedLine, time.Minute); !ok {
				b.Errorf("session %d: no board; the screen:\n%s", i, tm.text(0)[max(len(tm.text(0))-3000, 0):])
			}
		}()
	}
	wg.Wait()
	if b.Failed() {
		b.FailNow()
	}
	b.Cleanup(func() {
		for _, tm := range terms {
			tm.close()
		}
	})
	return terms
}

// BenchmarkClaimVisibleIn50Sessions measures, with 50 sessions on the board
// of a team with benchStories stories in its backlog,
// the time from a claim's commit until the change is in every session's
// rendered output, as each SSH client received it: p50, p99 and max over all
// sessions and claims (and, apart, the commit itself).
func BenchmarkClaimVisibleIn50Sessions(b *testing.B) {
	const n = 50
	ts := startBigServer(b)
	terms := openBoards(b, ts, n)
	var lat, commits []time.Duration
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		owner := []string{"lucas", "priya"}[i%2]
		want := owner + " · 7.5h left"
		marks := make([]int, n)
		for j, tm := range terms {
			marks[j] = tm.mark()
		}
		call := time.Now()
		if _, err := ts.st.ClaimTask(owner, taskID, ""); err != nil {
			b.Fatal(err)
		}
		// ClaimTask returns once the transaction committed and its event
		// was handed to the subscribers (a non-blocking send each).
		start := time.Now()
		commits = append(commits, start.Sub(call))
		lat = append(lat, awaitAll(b, terms, marks, want, start, 10*time.Second)...)
		b.StopTimer()
		for j, tm := range terms {
			marks[j] = tm.mark()
		}
		if _, err := ts.st.UnclaimTask(owner, taskID); err != nil {
			b.Fatal(err)
		}
		for j, tm := range terms {
			if _, ok := tm.await(marks[j], unclaimedLine, 10*time.Second); !ok {
				b.Fatalf("session %d never showed the unclaim", j)
			}
		}
		b.StartTimer()
	}
	b.StopTimer()
	// CPU of the whole process (server and the 50 clients) per claim, the
	// unclaim and its redraw included: steady where wall time depends on
	// what else the machine runs.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/claim+unclaim")
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(int(float64(len(lat))*p), len(lat)-1)]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(pct(1), "max-ms")
	b.ReportMetric(float64(len(lat)), "samples")
	slices.Sort(commits)
	b.ReportMetric(float64(commits[len(commits)/2])/float64(time.Millisecond), "commit-p50-ms")
}

// BenchmarkMemoryWith50Sessions reports the process's memory with 50 board
// sessions open against an idle server: on the demo team, or with
// HUDDLE_BENCH=full with benchStories more stories in the backlog. Clients run in the same process, so
// this is an upper bound for the server; the heap delta per session is
// closer to the server's own cost (see the README for a separate-process
// measurement).
func BenchmarkMemoryWith50Sessions(b *testing.B) {
	const n = 50
	for i := 0; i < b.N; i++ {
		var ts *testServer
		if gen.Full() {
			ts = startBigServer(b)
		} else {
			ts = startServer(b, 0, roomFor(50))
		}
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		rss0 := rssKB()
		terms := openBoards(b, ts, n)
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		rss1 := rssKB()
		b.ReportMetric(float64(rss1)/1024, "rss-MB")
		b.ReportMetric(float64(rss1-rss0)/n, "rss-KB/session")
		b.ReportMetric(float64(int64(after.HeapInuse+after.StackInuse)-int64(before.HeapInuse+before.StackInuse))/1024/n, "heap+stack-KB/session")
		for _, tm := range terms {
			tm.close()
		}
	}
}

// BenchmarkConnectToFirstFrame is the time from dialing to the board drawn
// with its tasks (what a developer waits for after ssh), on a team with
// benchStories stories in its backlog.
func BenchmarkConnectToFirstFrame(b *testing.B) {
	ts := startBigServer(b)
	key := ts.keys["maya"]
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		tm, err := ts.tryTerm(b, key, 100, 30)
		if err != nil {
			b.Fatal(err)
		}
		at, ok := tm.await(0, unclaimedLine, 10*time.Second)
		if !ok {
			b.Fatal("no board")
		}
		lat = append(lat, at.Sub(start))
		b.StopTimer()
		tm.close()
		b.StartTimer()
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2])/float64(time.Millisecond), "p50-ms")
	b.ReportMetric(float64(lat[min(len(lat)*99/100, len(lat)-1)])/float64(time.Millisecond), "p99-ms")
}

// rssKB is this process's resident set size.
func rssKB() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb
		}
	}
	return 0
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// roomFor lifts the server's caps for n sessions from one machine over the
// demo's five keys (by default one key may hold 4 screens, and one source
// address only a few connections): the benchmarks measure the sessions, not
// the refusals.
func roomFor(n int) func(*Config) {
	return func(c *Config) {
		c.MaxSessions = n + 10
		c.Limits.PerKey = n
		c.Limits.MaxConnsPerSource = n + 10
		c.Limits.MaxHandshakesPerSource = n + 10
		c.Limits.MaxHandshakes = n + 10
	}
}

// awaiter is a benchmark's view of a session's screen.
type awaiter interface {
	await(mark int, want string, timeout time.Duration) (time.Time, bool)
}

// awaitAll waits, in parallel, until every session shows want after its
// mark, and returns how long after start each one did.
func awaitAll[T awaiter](b *testing.B, terms []T, marks []int, want string, start time.Time, limit time.Duration) []time.Duration {
	seen := make([]time.Time, len(terms))
	var wg sync.WaitGroup
	for j, t := range terms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			at, ok := t.await(marks[j], want, limit)
			if !ok {
				b.Errorf("session %d never showed %q", j, want)
			}
			seen[j] = at
		}()
	}
	wg.Wait()
	out := make([]time.Duration, len(seen))
	for j, at := range seen {
		out[j] = at.Sub(start)
	}
	return out
}
