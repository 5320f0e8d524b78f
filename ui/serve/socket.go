package serve

// The local socket: whoever holds a huddle file (the TUI, `huddle serve`,
// `huddle --listen`) listens on a Unix socket next to it, so that other
// huddle commands on the same machine run through it instead of saying the
// file is in use. They get the same remote command surface as SSH callers.
//
// Safety:
//   - The socket is made in a fresh private directory (0700) next to the
//     file, set to mode 0600 there, and renamed into place, so it is never
//     reachable with looser permissions and nothing at the final path is
//     followed (rename replaces a name, it does not follow a symlink).
//   - Something already at the path is removed only when it is a socket owned
//     by this user that refuses connections (its owner crashed). Anything else
//     (a file, a symlink, someone else's socket, a live socket) is left alone
//     and the socket is not started.
//   - Each connection's peer must run as this process's user (SO_PEERCRED);
//     the client checks the same of the server before it sends anything.
//   - The caller names who they act as (--as or $USER): any process of this
//     user could open the file itself, so this grants nothing new; the store
//     checks the role of that member on every write.
//
// The protocol is frames: a type byte, a 4-byte big-endian length and the
// payload (at most maxFrame bytes). The client sends 'A' (a JSON socketRequest),
// then 'I' stdin chunks and an empty 'I' at the end of its input; the server
// answers 'O' stdout and 'E' stderr chunks and 'X' with the 4-byte exit status.

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"huddle/backlog"
	"huddle/ui/i18n"
)

// maxFrame caps one frame's payload.
const maxFrame = 64 << 10

// maxSocketPath is the longest path a Unix socket may have (sun_path holds 108 bytes).
const maxSocketPath = 104

// SocketPath is where the huddle that holds db listens.
func SocketPath(db string) string { return db + ".sock" }

// socketRequest is what a client asks: a command line and who runs it.
type socketRequest struct {
	As   string    `json:"as"`
	Args []string  `json:"args"`
	Lang i18n.Lang `json:"lang,omitempty"` // the client's environment's language
}

// SocketServer serves commands on the local socket.
type SocketServer struct {
	path string
	ln   *net.UnixListener
	fi   os.FileInfo // the socket file we made, to remove only ours
	run  Runner
	log  func(format string, args ...any)

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  map[*net.UnixConn]bool // open connections, closed by Close
}

// requestTimeout is how long a connection may take to send its command.
const requestTimeout = 10 * time.Second

// ListenSocket starts the socket next to db. run runs each command; log (may
// be nil) gets one line per refused peer or command.
func ListenSocket(db string, run Runner, log io.Writer) (*SocketServer, error) {
	path := SocketPath(db)
	if len(path) > maxSocketPath {
		abs, err := filepath.Abs(path)
		if err != nil || len(abs) > maxSocketPath {
			return nil, fmt.Errorf("%s is too long a path for a socket; other huddle commands on this machine will say the file is in use", path)
		}
	}
	if err := clearStaleSocket(path); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(filepath.Dir(path), ".huddle-sock-")
	if err != nil {
		return nil, fmt.Errorf("cannot make the local socket: %v", err)
	}
	defer os.Remove(dir)
	tmp := filepath.Join(dir, "s")
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: tmp, Net: "unix"})
	if err != nil {
		return nil, fmt.Errorf("cannot make the local socket: %v", err)
	}
	ln.SetUnlinkOnClose(false)
	fail := func(err error) (*SocketServer, error) {
		ln.Close()
		os.Remove(tmp)
		return nil, fmt.Errorf("cannot make the local socket %s: %v", path, err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fail(err)
	}
	fi, err := os.Lstat(path)
	if err != nil {
		return fail(err)
	}
	s := &SocketServer{path: path, ln: ln, fi: fi, run: run, log: func(string, ...any) {}, conns: map[*net.UnixConn]bool{}}
	if log != nil {
		var mu sync.Mutex
		s.log = func(format string, args ...any) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintf(log, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
		}
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// clearStaleSocket removes what is at path only when it is this user's
// socket and nobody answers on it.
func clearStaleSocket(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot check %s: %v", path, err)
	}
	if fi.Mode()&os.ModeSocket == 0 {
		return fmt.Errorf("%s exists and is not a socket; huddle leaves it alone (remove it if it is not yours)", path)
	}
	if !ownedByMe(fi) {
		return fmt.Errorf("%s is another user's socket; huddle leaves it alone", path)
	}
	c, err := net.DialTimeout("unix", path, time.Second)
	if err == nil {
		c.Close()
		return fmt.Errorf("another huddle answers on %s", path)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		return fmt.Errorf("cannot check %s: %v", path, err)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("cannot remove the stale socket %s: %v", path, err)
	}
	return nil
}

// ownedByMe says whether a file belongs to this process's user.
func ownedByMe(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}

// Path is the socket's path.
func (s *SocketServer) Path() string { return s.path }

// Close stops listening, ends running commands and removes the socket (only
// when the file there is still the one this server made).
func (s *SocketServer) Close() error {
	s.cancel()
	err := s.ln.Close()
	s.mu.Lock()
	for c := range s.conns {
		c.Close() // a command waiting on its caller's input ends
	}
	s.mu.Unlock()
	s.wg.Wait()
	if fi, lerr := os.Lstat(s.path); lerr == nil && os.SameFile(fi, s.fi) {
		os.Remove(s.path)
	}
	return err
}

func (s *SocketServer) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.AcceptUnix()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.ctx.Err() != nil {
			s.mu.Unlock()
			c.Close()
			return
		}
		s.conns[c] = true
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.wg.Done()
			defer func() {
				s.mu.Lock()
				delete(s.conns, c)
				s.mu.Unlock()
				c.Close()
			}()
			s.serveConn(c)
		}()
	}
}

// serveConn runs one command for a peer of this user.
func (s *SocketServer) serveConn(c *net.UnixConn) {
	uid, err := peerUID(c)
	if err != nil || uid != os.Getuid() {
		s.log("refused a local connection from uid %d (this huddle runs as uid %d): %v", uid, os.Getuid(), err)
		w := &frameWriter{w: c}
		w.send('E', []byte("huddle: this huddle belongs to another user\n"))
		w.exit(1)
		return
	}
	_ = c.SetReadDeadline(time.Now().Add(requestTimeout))
	typ, payload, err := readFrame(c)
	if err != nil || typ != 'A' {
		return
	}
	_ = c.SetReadDeadline(time.Time{})
	var req socketRequest
	fw := &frameWriter{w: c}
	if err := json.Unmarshal(payload, &req); err != nil || len(req.Args) > MaxArgs {
		fw.send('E', []byte("huddle: a malformed request\n"))
		fw.exit(2)
		return
	}
	who := backlog.NormalizeHandle(req.As)
	if err := backlog.ValidateHandle(who); err != nil {
		fw.send('E', []byte("huddle: "+err.Error()+" (pass --as NAME)\n"))
		fw.exit(1)
		return
	}
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	stdin, feed := io.Pipe()
	go func() {
		// The client's stdin, until its end; a broken connection ends the command's input.
		defer cancel()
		for {
			typ, p, err := readFrame(c)
			if err != nil || typ != 'I' {
				feed.CloseWithError(io.ErrUnexpectedEOF)
				return
			}
			if len(p) == 0 {
				feed.Close()
				<-ctx.Done() // wait for the command; a later read error is the client leaving
				return
			}
			if _, err := feed.Write(p); err != nil {
				return
			}
		}
	}()
	s.log("%s runs (local): %s", who, LogArgs(req.Args))
	lang, _ := i18n.ParseLang(string(req.Lang))
	code := s.run(ctx, Identity{Handle: who, Local: true, Lang: lang}, req.Args, stdin,
		&streamWriter{fw, 'O'}, &streamWriter{fw, 'E'})
	stdin.Close()
	fw.exit(code)
}

// frameWriter writes frames; stdout and stderr share it.
type frameWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (f *frameWriter) send(typ byte, p []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for len(p) > 0 || typ == 'X' {
		n := min(len(p), maxFrame)
		if err := writeFrame(f.w, typ, p[:n]); err != nil {
			return err
		}
		p = p[n:]
		if typ == 'X' {
			break
		}
	}
	return nil
}

func (f *frameWriter) exit(code int) {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(int32(code)))
	_ = f.send('X', b[:])
}

type streamWriter struct {
	f   *frameWriter
	typ byte
}

func (s *streamWriter) Write(p []byte) (int, error) {
	if err := s.f.send(s.typ, p); err != nil {
		return 0, err
	}
	return len(p), nil
}

func writeFrame(w io.Writer, typ byte, p []byte) error {
	var h [5]byte
	h[0] = typ
	binary.BigEndian.PutUint32(h[1:], uint32(len(p)))
	if _, err := w.Write(h[:]); err != nil {
		return err
	}
	_, err := w.Write(p)
	return err
}

func readFrame(r io.Reader) (byte, []byte, error) {
	var h [5]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return 0, nil, err
	}
	n := binary.BigEndian.Uint32(h[1:])
	if n > maxFrame {
		return 0, nil, fmt.Errorf("a frame of %d bytes (at most %d)", n, maxFrame)
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(r, p); err != nil {
		return 0, nil, err
	}
	return h[0], p, nil
}

// ErrNoSocket says no huddle answers on a file's socket (none is there, or
// it was stale and is now removed): the caller opens the file itself.
var ErrNoSocket = errors.New("no huddle holds this file")

// SocketConn is a connection to the huddle that holds a file, for one command.
type SocketConn struct {
	db string
	c  *net.UnixConn
	// Lang is the language the caller's environment asks for: the command
	// answers in it unless the member chose one.
	Lang i18n.Lang
}

// DialSocket connects to the huddle that holds db, after checking that the
// socket and the process behind it belong to this user. It returns
// ErrNoSocket when no huddle answers there, after removing a stale socket.
func DialSocket(db string) (*SocketConn, error) {
	path := SocketPath(db)
	fi, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoSocket
	}
	if err != nil {
		return nil, fmt.Errorf("cannot check %s: %v", path, err)
	}
	if fi.Mode()&os.ModeSocket == 0 || !ownedByMe(fi) {
		return nil, fmt.Errorf("%s is not a socket of this user; huddle does not trust it (remove it if it is not yours)", path)
	}
	conn, err := net.DialTimeout("unix", path, 2*time.Second)
	if errors.Is(err, syscall.ECONNREFUSED) {
		// Its owner is gone without cleaning up. Remove it, unless it changed meanwhile.
		if again, lerr := os.Lstat(path); lerr == nil && os.SameFile(fi, again) {
			os.Remove(path)
		}
		return nil, ErrNoSocket
	}
	if err != nil {
		return nil, fmt.Errorf("cannot reach the huddle that holds %s: %v", db, err)
	}
	c := conn.(*net.UnixConn)
	if uid, err := peerUID(c); err != nil || uid != os.Getuid() {
		c.Close()
		return nil, fmt.Errorf("the huddle on %s runs as another user; not sending it anything", path)
	}
	return &SocketConn{db: db, c: c}, nil
}

// Close ends the connection.
func (sc *SocketConn) Close() error { return sc.c.Close() }

// Run runs args as who, copying stdin (when not nil) to the server and its
// output to stdout and stderr, and returns the command's exit status.
func (sc *SocketConn) Run(who string, args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	c, db := sc.c, sc.db
	req, err := json.Marshal(socketRequest{As: who, Args: args, Lang: sc.Lang})
	if err != nil {
		return 0, err
	}
	if len(req) > maxFrame {
		return 0, fmt.Errorf("the command is too long (at most %d bytes)", MaxCommandBytes)
	}
	fw := &frameWriter{w: c}
	if err := fw.send('A', req); err != nil {
		return 0, err
	}
	go func() {
		if stdin != nil {
			buf := make([]byte, 32<<10)
			for {
				n, err := stdin.Read(buf)
				if n > 0 && fw.send('I', buf[:n]) != nil {
					return
				}
				if err != nil {
					break
				}
			}
		}
		fw.mu.Lock()
		defer fw.mu.Unlock()
		_ = writeFrame(c, 'I', nil)
	}()
	for {
		typ, p, err := readFrame(c)
		if err != nil {
			return 1, fmt.Errorf("the huddle that holds %s stopped before the command ended", db)
		}
		switch typ {
		case 'O':
			if _, err := stdout.Write(p); err != nil {
				return 1, err
			}
		case 'E':
			if _, err := stderr.Write(p); err != nil {
				return 1, err
			}
		case 'X':
			if len(p) != 4 {
				return 1, errors.New("a malformed answer from the socket")
			}
			return int(int32(binary.BigEndian.Uint32(p))), nil
		}
	}
}
