package serve

import (
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"huddle/backlog"
)

// Limits bound what one caller can take from the server, before and after
// it signs in. Zero fields take the defaults below.
//
// Before sign-in: a TCP connection has HandshakeTimeout to finish the SSH
// handshake and open a session (a connection left with no session open is
// closed after the same time). At most MaxHandshakes connections may be
// unfinished at once, MaxHandshakesPerSource from one address. A new
// connection over its address's cap pushes out that address's oldest silent
// one (nothing received yet: a real client speaks at once), and over the
// total cap the oldest of the address holding the most (silent ones first),
// so a flood of bare connections cannot keep a real client from signing in;
// when there is nothing to push out, the new connection is closed.
//
// After sign-in: screens and commands are counted apart (Config.MaxSessions
// and MaxCommands); one key holds at most PerKey of each; guests together
// hold at most half of either cap, so members always find room; and the
// lead may go LeadReserve over the cap, so the lead is never locked out.
//
// While connected: requests on a session (window changes above all) are
// read as fast as they come, so a flood cannot stall the connection; window
// changes are coalesced to the latest size. A write the client does not take
// within WriteTimeout ends the connection and frees its slots.
type Limits struct {
	HandshakeTimeout       time.Duration // default 10s
	MaxHandshakes          int           // default 256
	MaxHandshakesPerSource int           // default 64
	MaxConnsPerSource      int           // signed-in connections from one address; default 64
	MaxChannelsPerConn     int           // sessions open on one connection; default 4
	MaxCommands            int           // command sessions at once; default 64
	PerKey                 int           // screens, and apart commands, per key; default 4
	LeadReserve            int           // screens the lead may open over the cap; default 2
	WriteTimeout           time.Duration // default 30s
	MaxQueuedRequests      int           // session requests waiting to be handled; default 32
}

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defDur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	defDur(&l.HandshakeTimeout, 10*time.Second)
	def(&l.MaxHandshakes, 256)
	def(&l.MaxHandshakesPerSource, 64)
	def(&l.MaxConnsPerSource, 64)
	def(&l.MaxChannelsPerConn, 4)
	def(&l.MaxCommands, 64)
	def(&l.PerKey, 4)
	def(&l.LeadReserve, 2)
	defDur(&l.WriteTimeout, 30*time.Second)
	def(&l.MaxQueuedRequests, 32)
	return l
}

// ---- before sign-in: the listener -----------------------------------------

// connGuard keeps the books of every TCP connection the server holds.
type connGuard struct {
	lim Limits
	log func(id string, kv ...any) // the server's log: a catalog id and its values

	mu       sync.Mutex
	pending  map[string][]*guardedConn // unfinished handshakes by source, oldest first
	npending int
	signedIn map[string]int // connections past the handshake, by source
	evicted  int            // since the last log line
	lastLog  time.Time
}

func newConnGuard(lim Limits, log func(string, ...any)) *connGuard {
	return &connGuard{lim: lim, log: log, pending: map[string][]*guardedConn{}, signedIn: map[string]int{}}
}

// guardedListener hands out guarded connections.
type guardedListener struct {
	net.Listener
	g *connGuard
}

func (l guardedListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if gc := l.g.admit(c); gc != nil {
			return gc, nil
		}
	}
}

func sourceOf(c net.Conn) string {
	host, _, err := net.SplitHostPort(c.RemoteAddr().String())
	if err != nil {
		return c.RemoteAddr().String()
	}
	return host
}

// admit registers a new connection as an unfinished handshake, pushing out
// older ones over the caps, or refuses it (nil) when its address already
// holds too many signed-in connections.
func (g *connGuard) admit(c net.Conn) *guardedConn {
	src := sourceOf(c)
	gc := &guardedConn{Conn: c, g: g, src: src, pending: true}
	var out []*guardedConn
	g.mu.Lock()
	if g.signedIn[src] >= g.lim.MaxConnsPerSource {
		g.mu.Unlock()
		c.Close()
		g.note(1)
		return nil
	}
	refuse := func() *guardedConn {
		g.mu.Unlock()
		for _, o := range out {
			o.Conn.Close()
		}
		c.Close()
		g.note(len(out) + 1)
		return nil
	}
	if len(g.pending[src]) >= g.lim.MaxHandshakesPerSource {
		o := g.dropOldestLocked(src, true)
		if o == nil {
			return refuse()
		}
		out = append(out, o)
	}
	if g.npending >= g.lim.MaxHandshakes {
		most := ""
		for s, list := range g.pending {
			if most == "" || len(list) > len(g.pending[most]) {
				most = s
			}
		}
		if len(g.pending[most]) <= len(g.pending[src]) {
			return refuse() // no address holds more than the newcomer's
		}
		o := g.dropOldestLocked(most, true)
		if o == nil {
			o = g.dropOldestLocked(most, false)
		}
		out = append(out, o)
	}
	g.pending[src] = append(g.pending[src], gc)
	g.npending++
	g.mu.Unlock()
	for _, o := range out {
		o.Conn.Close()
	}
	g.note(len(out))
	// The handshake, sign-in and the first session must all happen by then.
	_ = c.SetReadDeadline(time.Now().Add(g.lim.HandshakeTimeout))
	return gc
}

// dropOldestLocked takes the oldest unfinished handshake of src (only a
// silent one when silent is set) off the books for closing, or nil.
func (g *connGuard) dropOldestLocked(src string, silent bool) *guardedConn {
	for _, o := range g.pending[src] {
		if silent && o.heard.Load() {
			continue
		}
		g.leavePendingLocked(o)
		return o
	}
	return nil
}

// note logs pushed-out and refused connections, at most one line a second.
func (g *connGuard) note(n int) {
	if n == 0 {
		return
	}
	g.mu.Lock()
	g.evicted += n
	if time.Since(g.lastLog) < time.Second {
		g.mu.Unlock()
		return
	}
	n, g.evicted, g.lastLog = g.evicted, 0, time.Now()
	g.mu.Unlock()
	g.log("serve.log.handshake_caps", "N", n)
}

// guardedConn is one TCP connection. Deadlines are the guard's: the SSH
// library's own calls to set them are ignored.
type guardedConn struct {
	net.Conn
	g   *connGuard
	src string

	heard atomic.Bool // something was received

	// under g.mu
	pending  bool // still in g.pending
	signedIn bool // counted in g.signedIn
	channels int  // sessions open
	closed   bool
}

func (c *guardedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 && !c.heard.Load() {
		c.heard.Store(true)
	}
	return n, err
}

// Write fails when the client has not taken the bytes within WriteTimeout,
// which ends the connection.
func (c *guardedConn) Write(p []byte) (int, error) {
	_ = c.Conn.SetWriteDeadline(time.Now().Add(c.g.lim.WriteTimeout))
	return c.Conn.Write(p)
}

func (c *guardedConn) SetDeadline(time.Time) error      { return nil }
func (c *guardedConn) SetReadDeadline(time.Time) error  { return nil }
func (c *guardedConn) SetWriteDeadline(time.Time) error { return nil }

func (c *guardedConn) Close() error {
	g := c.g
	g.mu.Lock()
	if !c.closed {
		c.closed = true
		g.leavePendingLocked(c)
		if c.signedIn {
			if g.signedIn[c.src]--; g.signedIn[c.src] <= 0 {
				delete(g.signedIn, c.src)
			}
		}
	}
	g.mu.Unlock()
	return c.Conn.Close()
}

// leavePendingLocked takes c off the unfinished handshakes; false when it
// was not on them.
func (g *connGuard) leavePendingLocked(c *guardedConn) bool {
	if !c.pending {
		return false
	}
	c.pending = false
	list := g.pending[c.src]
	for i, o := range list {
		if o == c {
			list = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(g.pending, c.src)
	} else {
		g.pending[c.src] = list
	}
	g.npending--
	return true
}

// openChannel counts a new session on the connection; the first one ends the
// handshake (and its deadline). It is false over MaxChannelsPerConn.
func (c *guardedConn) openChannel() bool {
	g := c.g
	g.mu.Lock()
	defer g.mu.Unlock()
	if c.closed || c.channels >= g.lim.MaxChannelsPerConn {
		return false
	}
	c.channels++
	if g.leavePendingLocked(c) {
		c.signedIn = true
		g.signedIn[c.src]++
	}
	_ = c.Conn.SetReadDeadline(time.Time{})
	return true
}

// closeChannel counts a session's end; a connection left with none is
// closed unless it opens another within HandshakeTimeout.
func (c *guardedConn) closeChannel() {
	g := c.g
	g.mu.Lock()
	defer g.mu.Unlock()
	if c.channels--; c.channels == 0 && !c.closed {
		_ = c.Conn.SetReadDeadline(time.Now().Add(g.lim.HandshakeTimeout))
	}
}

// ---- after sign-in: sessions ------------------------------------------------

type connKey struct{}

// connCallback remembers each connection's guard in its context.
func connCallback(ctx ssh.Context, c net.Conn) net.Conn {
	if gc, ok := c.(*guardedConn); ok {
		ctx.SetValue(connKey{}, gc)
	}
	return c
}

// sessionChannel wraps the library's session handler: it counts the
// session on its connection, reads the session's requests without ever
// blocking the connection, and ends a connection whose client stops reading.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	gc, _ := ctx.Value(connKey{}).(*guardedConn)
	if gc != nil {
		if !gc.openChannel() {
			_ = nc.Reject(gossh.ResourceShortage, s.tooManySessions(ctx))
			return
		}
		defer gc.closeChannel()
	}
	defer func() {
		if r := recover(); r != nil {
			s.logPanic("a session channel", r)
			conn.Close()
		}
	}()
	ssh.DefaultSessionHandler(srv, conn, &guardedNewChannel{NewChannel: nc, s: s, conn: conn}, ctx)
}

type guardedNewChannel struct {
	gossh.NewChannel
	s    *Server
	conn *gossh.ServerConn
}

func (n *guardedNewChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := n.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	lim := n.s.limits
	kill := func() {
		n.s.logf("serve.log.write_timeout", "Addr", n.conn.RemoteAddr(), "After", lim.WriteTimeout)
		n.conn.Close()
	}
	out := make(chan *gossh.Request)
	go pumpRequests(reqs, out, lim.MaxQueuedRequests)
	return &guardedChannel{Channel: ch, guard: stallGuard{timeout: lim.WriteTimeout, kill: kill}}, out, nil
}

// maxEnvRequests is how many environment variables a session may set (the
// library keeps every one).
const maxEnvRequests = 64

// pumpRequests reads a session's requests as fast as they come and hands them
// to the library's handler at its own pace. Window changes are coalesced (a
// newer one replaces a waiting one, which is answered at once); other
// requests wait in a queue of at most max, and are refused beyond it, as is
// an environment variable past maxEnvRequests. The connection's reader is
// never blocked by a session's handler.
func pumpRequests(in <-chan *gossh.Request, out chan<- *gossh.Request, max int) {
	defer close(out)
	var queue []*gossh.Request
	var win *gossh.Request
	envs := 0
	for {
		var send chan<- *gossh.Request
		var next *gossh.Request
		switch {
		case len(queue) > 0:
			send, next = out, queue[0]
		case win != nil:
			send, next = out, win
		}
		select {
		case r, ok := <-in:
			if !ok {
				for _, q := range queue {
					_ = q.Reply(false, nil)
				}
				return
			}
			switch {
			case r.Type == "window-change":
				if win != nil {
					_ = win.Reply(true, nil)
				}
				win = r
			case len(queue) >= max, r.Type == "env" && envs >= maxEnvRequests:
				_ = r.Reply(false, nil)
			default:
				if r.Type == "env" {
					envs++
				}
				queue = append(queue, r)
			}
		case send <- next:
			if len(queue) > 0 {
				queue = queue[1:]
			} else {
				win = nil
			}
		}
	}
}

// guardedChannel is a session channel whose writes end the connection when
// the client stops taking them.
type guardedChannel struct {
	gossh.Channel
	guard stallGuard
}

func (c *guardedChannel) Write(p []byte) (int, error) { return c.guard.write(c.Channel, p) }

func (c *guardedChannel) Stderr() io.ReadWriter {
	return guardedStderr{ReadWriter: c.Channel.Stderr(), guard: c.guard}
}

type guardedStderr struct {
	io.ReadWriter
	guard stallGuard
}

func (e guardedStderr) Write(p []byte) (int, error) { return e.guard.write(e.ReadWriter, p) }

// stallGuard writes in pieces, each of which must be taken within timeout.
type stallGuard struct {
	timeout time.Duration
	kill    func()
}

func (g stallGuard) write(w io.Writer, p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		piece := p[:min(len(p), 16<<10)]
		t := time.AfterFunc(g.timeout, g.kill)
		m, err := w.Write(piece)
		t.Stop()
		n += m
		if err != nil {
			return n, err
		}
		p = p[m:]
	}
	return n, nil
}

// The largest terminal a session may claim: a client that says 65535×65535
// would have every frame drawn that big.
const (
	maxWindowWidth  = 1000
	maxWindowHeight = 500
)

// latestWindow drains the library's window-change channel for as long as
// the session lives (after our handler has returned too: the library blocks
// on it otherwise) and keeps only the newest size for the app, capped at
// maxWindowWidth × maxWindowHeight.
func latestWindow(in <-chan ssh.Window) <-chan ssh.Window {
	if in == nil {
		return nil
	}
	out := make(chan ssh.Window, 1)
	go func() {
		defer close(out) // the newest size stays readable first
		for w := range in {
			w.Width, w.Height = min(max(w.Width, 0), maxWindowWidth), min(max(w.Height, 0), maxWindowHeight)
			select {
			case out <- w:
			default:
				select { // replace the waiting size with the newer one
				case <-out:
				default:
				}
				select {
				case out <- w:
				default:
				}
			}
		}
	}()
	return out
}

// sessionKind is what a session is for.
type sessionKind int

const (
	screenSession sessionKind = iota
	commandSession
)

// admission counts the open sessions of each kind by key and by role.
type admission struct {
	mu     sync.Mutex
	total  [2]int
	guests [2]int
	byKey  [2]map[string]int
}

func newAdmission() *admission {
	return &admission{byKey: [2]map[string]int{{}, {}}}
}

// admit takes a slot for who's session of kind, or says why not.
func (s *Server) admit(who Identity, kind sessionKind) (release func(), refusal string) {
	role := backlog.RoleGuest
	if !who.Guest {
		if m, err := s.cfg.Store.Member(who.Handle); err == nil {
			role = m.Role
		}
	}
	capacity, what := s.cfg.MaxSessions, "sessions"
	if kind == commandSession {
		capacity, what = s.limits.MaxCommands, "commands"
	}
	guest := !role.CanWrite()
	a := s.admitted
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case a.byKey[kind][who.Key] >= s.limits.PerKey:
		return nil, fmt.Sprintf("this key already has %d %s open, the most one key may; close one and try again", s.limits.PerKey, what)
	case guest && a.guests[kind] >= max(1, capacity/2):
		return nil, fmt.Sprintf("the server is full for guests (%d guest %s, the most it allows); try again later", max(1, capacity/2), what)
	case role.CanLead() && a.total[kind] >= capacity+s.limits.LeadReserve,
		!role.CanLead() && a.total[kind] >= capacity:
		return nil, fmt.Sprintf("the server is full (%d %s, the most it allows); try again later", capacity, what)
	}
	a.total[kind]++
	a.byKey[kind][who.Key]++
	if guest {
		a.guests[kind]++
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.total[kind]--
			if a.byKey[kind][who.Key]--; a.byKey[kind][who.Key] <= 0 {
				delete(a.byKey[kind], who.Key)
			}
			if guest {
				a.guests[kind]--
			}
		})
	}, ""
}
