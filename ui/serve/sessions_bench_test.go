package serve

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"huddle/store"
)

// liteTerm is a real SSH client on a pty that keeps only the last
// liteKeep bytes of what the server sent (enough to find a new frame's
// line), so that two hundred of them in the benchmark's process cost the
// server's measurement little.
type liteTerm struct {
	client *gossh.Client
	stdin  io.Writer
	notify chan struct{}
	done   chan struct{}

	mu    sync.Mutex
	tail  []byte
	total int // bytes received in all
}

const liteKeep = 32 << 10

func (ts *testServer) liteTerm(tb testing.TB, key testKey) (*liteTerm, error) {
	c, _, stdin, out, err := ts.shell(tb, key, 100, 30, io.Discard)
	if err != nil {
		return nil, err
	}
	t := &liteTerm{client: c, stdin: stdin, notify: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(t.done)
		buf := make([]byte, 16<<10)
		for {
			n, err := out.Read(buf)
			if n > 0 {
				if strings.Contains(string(buf[:n]), "\x1b]11;?") {
					_, _ = io.WriteString(t.stdin, "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\\x1b[?62;22c")
				}
				t.mu.Lock()
				t.tail = append(t.tail, buf[:n]...)
				if len(t.tail) > liteKeep {
					t.tail = append(t.tail[:0], t.tail[len(t.tail)-liteKeep:]...)
				}
				t.total += n
				t.mu.Unlock()
				select {
				case t.notify <- struct{}{}:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return t, nil
}

func (t *liteTerm) mark() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.total
}

func (t *liteTerm) since(mark int) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	from := len(t.tail) - (t.total - mark)
	return ansi.Strip(string(t.tail[max(from, 0):]))
}

func (t *liteTerm) await(mark int, want string, timeout time.Duration) (time.Time, bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		if strings.Contains(t.since(mark), want) {
			return time.Now(), true
		}
		select {
		case <-t.notify:
		case <-t.done:
			return time.Time{}, false
		case <-deadline.C:
			return time.Time{}, false
		}
	}
}

func (t *liteTerm) close() { t.client.Close() }

// onBoard waits for the session's first frame (the header) and its board,
// returning when each was seen.
func (t *liteTerm) onBoard(tb testing.TB) (first, board time.Time, err error) {
	first, ok := t.await(0, landedLine, time.Minute)
	if !ok {
		return first, board, fmt.Errorf("no header; the screen:\n%s", t.since(0))
	}
	if _, err := io.WriteString(t.stdin, "3"); err != nil {
		return first, board, err
	}
	board, ok = t.await(0, unclaimedLine, time.Minute)
	if !ok {
		return first, board, fmt.Errorf("no board; the screen:\n%s", t.since(0))
	}
	return first, board, nil
}

// profileClaims profiles the claims when HUDDLE_BENCH_PROFILE names a file
// prefix: PREFIX.cpu for the CPU, and PREFIX.heap0 / PREFIX.heap1 for the
// allocations before and after (compare them with pprof's -base). It returns
// what stops the profile.
func profileClaims(b *testing.B) func() {
	prefix := os.Getenv("HUDDLE_BENCH_PROFILE")
	if prefix == "" {
		return func() {}
	}
	writeHeap := func(name string) {
		f, err := os.Create(prefix + name)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			b.Fatal(err)
		}
	}
	writeHeap(".heap0")
	cpu, err := os.Create(prefix + ".cpu")
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		cpu.Close()
		writeHeap(".heap1")
	}
}

func msOf(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func percentile(ds []time.Duration, p float64) float64 {
	slices.Sort(ds)
	return msOf(ds[min(int(float64(len(ds))*p), len(ds)-1)])
}

// BenchmarkServerSessions is the server's scale check, with real SSH clients
// on 127.0.0.1 against a team whose backlog holds benchStories more stories:
//
//   - 50 clients connect at the same moment: the time from dialing to each
//     one's first frame (the header) and to its board (p50, max);
//   - then sessions up to HUDDLE_SSH_SESSIONS (default 200) all on the board:
//     the process's RSS per session over the idle server after its first
//     session (which built the shared read models), and the Go heap per
//     session. The clients run in this process (each keeps 32 KB of output),
//     so both are upper bounds for the server;
//   - a second with every session idle: the process's CPU per session, as
//     a share of one core (the SSH keep-alives; a session sends nothing while
//     its frame stays the same);
//   - claims while every session watches: claim to visible in every
//     session's received output, p50/p99/max over sessions and claims;
//   - every session closed: the RSS against the idle figure.
//
// Every iteration starts a new server; the load (opening the team, the first
// read of each model) is inside what it times.
func BenchmarkServerSessions(b *testing.B) {
	n := 200
	if v, err := strconv.Atoi(os.Getenv("HUDDLE_SSH_SESSIONS")); err == nil && v >= 50 {
		n = v
	}
	members := n/4 + 1
	for i := 0; i < b.N; i++ {
		ts := startServer(b, members, roomFor(n))
		ins := make([]store.StoryInput, benchStories)
		for i := range ins {
			ins[i] = store.StoryInput{Title: fmt.Sprintf("Returning users see their receipts sorted by store (%d)", i+1), Points: 3, Value: i%100 + 1, Labels: []string{"payments"}}
		}
		if _, rej, err := ts.st.ImportStories("maya", ins, false); err != nil || len(rej) != 0 {
			b.Fatal(err, rej)
		}
		keys := make([]testKey, 0, members)
		for j := 1; j <= members; j++ {
			keys = append(keys, ts.keys[fmt.Sprintf("m%02d", j)])
		}
		// The idle figure: the server with one session come and gone (the
		// shared models built, as on any server that has been used).
		warm, err := ts.liteTerm(b, keys[0])
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := warm.onBoard(b); err != nil {
			b.Fatal(err)
		}
		warm.close()
		for ts.srv.Sessions() > 0 {
			time.Sleep(10 * time.Millisecond)
		}
		runtime.GC()
		time.Sleep(500 * time.Millisecond) // the server's own release, in the background, as after the last session below
		idle := rssKB()
		var heap0 runtime.MemStats
		runtime.ReadMemStats(&heap0)

		terms := make([]*liteTerm, n)
		var firsts, boards []time.Duration
		var mu sync.Mutex
		open := func(from, to int) {
			var wg sync.WaitGroup
			start := time.Now()
			for j := from; j < to; j++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					t, err := ts.liteTerm(b, keys[j%members])
					if err != nil {
						b.Errorf("session %d: %v", j, err)
						return
					}
					terms[j] = t
					first, board, err := t.onBoard(b)
					if err != nil {
						b.Errorf("session %d: %v", j, err)
						return
					}
					if from == 0 {
						mu.Lock()
						firsts, boards = append(firsts, first.Sub(start)), append(boards, board.Sub(start))
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			if b.Failed() {
				b.FailNow()
			}
		}
		open(0, 50) // at the same moment
		for j := 50; j < n; j += 25 {
			open(j, min(j+25, n))
		}
		runtime.GC()
		full := rssKB()
		var heap1 runtime.MemStats
		runtime.ReadMemStats(&heap1)

		// What the sessions cost while nothing happens (their renderers'
		// ticks, the SSH keep-alives), as a share of one core per session.
		idleCPU0, idleAt := cpuTime(), time.Now()
		time.Sleep(time.Second)
		idleCPU := float64(cpuTime()-idleCPU0) / float64(time.Since(idleAt)) * 100 / float64(n)

		var lat []time.Duration
		claims := 10
		if v, err := strconv.Atoi(os.Getenv("HUDDLE_BENCH_CLAIMS")); err == nil && v > 0 {
			claims = v
		}
		stopProfile := profileClaims(b)
		cpu0 := cpuTime()
		for c := range claims {
			owner := []string{"lucas", "priya"}[c%2]
			want := owner + " · 7.5h left"
			marks := make([]int, n)
			for j, t := range terms {
				marks[j] = t.mark()
			}
			if _, err := ts.st.ClaimTask(owner, taskID, ""); err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			lat = append(lat, awaitAll(b, terms, marks, want, start, 20*time.Second)...)
			for j, t := range terms {
				marks[j] = t.mark()
			}
			if _, err := ts.st.UnclaimTask(owner, taskID); err != nil {
				b.Fatal(err)
			}
			for j, t := range terms {
				if _, ok := t.await(marks[j], unclaimedLine, 20*time.Second); !ok {
					b.Fatalf("session %d never showed the unclaim", j)
				}
			}
		}
		// CPU of the whole process (the server and its clients) per claim
		// and unclaim with every session redrawing both: the figure that does
		// not depend on what else the machine runs.
		cpuPerClaim := msOf(cpuTime()-cpu0) / float64(claims)
		stopProfile()

		for _, t := range terms {
			t.close()
		}
		deadline := time.Now().Add(20 * time.Second)
		for ts.srv.Sessions() > 0 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		runtime.GC()
		time.Sleep(500 * time.Millisecond) // the server's release after its last session
		after := rssKB()

		b.ReportMetric(percentile(firsts, 0.5), "connect50-first-p50-ms")
		b.ReportMetric(percentile(firsts, 1), "connect50-first-max-ms")
		b.ReportMetric(percentile(boards, 1), "connect50-board-max-ms")
		b.ReportMetric(float64(full-idle)/float64(n), "rss-KB/session")
		b.ReportMetric(float64(int64(heap1.HeapInuse+heap1.StackInuse)-int64(heap0.HeapInuse+heap0.StackInuse))/1024/float64(n), "heap+stack-KB/session")
		b.ReportMetric(float64(idle)/1024, "idle-rss-MB")
		b.ReportMetric(float64(full)/1024, "full-rss-MB")
		b.ReportMetric(float64(after)/1024, "closed-rss-MB")
		b.ReportMetric(percentile(lat, 0.5), "claim-visible-p50-ms")
		b.ReportMetric(percentile(lat, 0.99), "claim-visible-p99-ms")
		b.ReportMetric(percentile(lat, 1), "claim-visible-max-ms")
		b.ReportMetric(cpuPerClaim, "cpu-ms/claim+unclaim")
		b.ReportMetric(idleCPU, "idle-cpu-%/session")
		b.ReportMetric(float64(n), "sessions")
	}
}
