// Package serve puts huddle on an SSH port: every connection that asks for a
// terminal gets its own tea.Program (its own ui.Model and lipgloss renderer)
// over the one shared store, and a connection that carries a command runs that
// huddle command inside the server as the key's member.
//
// Identity is the session's public key, looked up among the members' keys.
// Authentication is by public key only. An unknown key gets a message saying
// how to be added and nothing else, or, with AllowGuests, a read-only session.
// The server counts sessions against a cap, ends a TUI session after an idle
// time counted from the last keypress, recovers a panicking session without
// taking the others down, and on Shutdown tells every session before closing.
//
// Nothing here is package-global: several servers may run in one process
// (tests do).
package serve

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui"
	"huddle/ui/i18n"
)

// Identity is who a session acts as.
type Identity struct {
	// Handle is the member's handle, or for a guest ui.GuestPrefix and the
	// start of the key's fingerprint (never a member's handle, so the store
	// refuses every write).
	Handle string
	// Guest is set when the key belongs to no member (AllowGuests).
	Guest bool
	// Key is the session's public key as an authorized-key line.
	Key string
	// Member is the member record the key belonged to at sign-in (zero for
	// a guest or a local caller): the session is bound to it.
	Member backlog.Member
	// Local is set for a command through the local socket (its caller runs
	// as the server's user on this machine and named Handle with --as or $USER).
	Local bool
	// Lang is the language the caller's environment asks for (HUDDLE_LANG
	// or the locale: sent with SendEnv over SSH, by the local client on the
	// socket); a command answers in it unless the member chose one.
	Lang i18n.Lang
}

// Runner runs one huddle command line for who, writing to stdout and stderr,
// and returns its exit status. The server's owner provides it (the CLI), so
// this package does not depend on the command tree.
// stdin is the caller's input (a command like import - reads it).
type Runner func(ctx context.Context, who Identity, args []string, stdin io.Reader, stdout, stderr io.Writer) int

// Config is how a server runs.
type Config struct {
	// Store is the open team file every session shares. The server never closes it.
	Store *store.Store
	// HostKeyPath is the server's private host key, created on first start
	// and reused after, so its fingerprint never changes.
	HostKeyPath string
	// AllowGuests lets keys that belong to no member in, read-only.
	AllowGuests bool
	// MaxSessions caps concurrent screen sessions (commands are capped apart,
	// see Limits); 0 means 100.
	MaxSessions int
	// IdleTimeout ends a TUI session this long after its last keypress; 0 means never.
	IdleTimeout time.Duration
	// Run runs commands sent over SSH; nil refuses them.
	Run Runner
	// Log receives one line per connection event and every recovered panic; nil discards.
	Log io.Writer
	// LogLang writes the log's lines in the language of whoever runs the
	// server (the zero Tr writes English).
	LogLang i18n.Tr
	// Limits bound what one caller may take (see Limits); zero fields take defaults.
	Limits Limits
	// Keys are the keys of every session: the server's own key file, read
	// once at start (a caller's file is never read); nil keeps the defaults.
	Keys *ui.KeyConfig
}

// DefaultMaxSessions is the session cap when Config.MaxSessions is 0.
const DefaultMaxSessions = 100

// Server is a running (or ready) huddle SSH server.
type Server struct {
	cfg         Config
	srv         *ssh.Server
	fingerprint string

	ctx    context.Context // cancelled by Shutdown: every session ends
	cancel context.CancelFunc

	sessions atomic.Int64 // session handlers in flight
	logMu    sync.Mutex

	limits   Limits
	guard    *connGuard
	admitted *admission
}

// New prepares a server: it loads the host key (creating it the first time).
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("serve: no store")
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	keyPEM, fp, err := loadHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, fingerprint: fp, limits: cfg.Limits.withDefaults(), admitted: newAdmission()}
	s.guard = newConnGuard(s.limits, s.logf)
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.srv, err = wish.NewServer(
		wish.WithHostKeyPEM(keyPEM),
		wish.WithVersion("huddle"),
		// Public keys only: no password or keyboard-interactive handler is
		// set, and with a key handler set the library never allows "none".
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		wish.WithMiddleware(func(ssh.Handler) ssh.Handler { return s.handle }),
		func(srv *ssh.Server) error {
			srv.ConnCallback = connCallback
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.sessionChannel}
			return nil
		},
	)
	if err != nil {
		return nil, fmt.Errorf("cannot start the SSH server: %v", err)
	}
	return s, nil
}

// Fingerprint is the host key's SHA256 fingerprint, as ssh prints it.
func (s *Server) Fingerprint() string { return s.fingerprint }

// Sessions is how many sessions are open now.
func (s *Server) Sessions() int { return int(s.sessions.Load()) }

// Serve accepts connections on ln until Shutdown or Close. It returns nil
// after a shutdown.
func (s *Server) Serve(ln net.Listener) error {
	err := s.srv.Serve(guardedListener{Listener: ln, g: s.guard})
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown tells every session the server is stopping, ends them, stops
// accepting connections and waits (until ctx is done) for the sessions to
// finish, then closes every connection. The store stays open: its owner
// closes it afterwards.
func (s *Server) Shutdown(ctx context.Context) error {
	s.cancel()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for s.sessions.Load() > 0 {
		select {
		case <-ctx.Done():
			s.logf("serve.log.unfinished", "N", s.sessions.Load())
			return s.srv.Close()
		case <-tick.C:
		}
	}
	// Every session has said goodbye; a client that keeps its connection
	// open after its session ended is not waited for.
	return s.srv.Close()
}

// Close stops at once, without telling anyone.
func (s *Server) Close() error {
	s.cancel()
	return s.srv.Close()
}

func (s *Server) logf(id string, kv ...any) {
	if s.cfg.Log == nil {
		return
	}
	line := s.cfg.LogLang.Tf(id, kv...)
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.cfg.Log, "%s %s\n", time.Now().Format("15:04:05"), line)
}

// handle is every session's entry point.
func (s *Server) handle(sess ssh.Session) {
	s.sessions.Add(1)
	defer s.sessionEnded()
	// Drained from the start, for the session's whole life: an undrained
	// window channel blocks the library's request loop.
	_, winCh, isPty := sess.Pty()
	winCh = latestWindow(winCh)
	defer func() {
		if r := recover(); r != nil {
			s.logPanic("a session of "+LogText(sess.User()), r)
			fmt.Fprint(sess.Stderr(), "\r\nhuddle: "+s.tr(sess, Identity{}).T("serve.panic")+"\r\n")
			_ = sess.Exit(70)
		}
	}()
	if s.ctx.Err() != nil {
		s.refuse(sess, s.tr(sess, Identity{}).T("serve.shutting_down_try_again"))
		return
	}
	who, ok := s.identify(sess)
	if !ok {
		return
	}
	raw := sess.RawCommand()
	kind := screenSession
	if strings.TrimSpace(raw) != "" {
		kind = commandSession
	}
	release, refusal := s.admit(who, kind)
	if refusal != "" {
		s.logf("serve.log.refused", "Who", who.Handle, "Addr", sess.RemoteAddr(), "Why", s.cfg.LogLang.Message(refusal))
		s.refuse(sess, s.tr(sess, who).Message(refusal))
		return
	}
	defer release()
	switch {
	case kind == commandSession:
		s.runCommand(sess, who, raw)
	case isPty:
		s.runTUI(sess, who, winCh)
	default:
		s.refuse(sess, s.tr(sess, who).Tf("serve.needs_terminal", "Connect", s.sshCommand(sess, true), "Command", s.sshCommand(sess, false)))
	}
}

// refuse ends a session with one line on stderr and exit status 1.
func (s *Server) refuse(sess ssh.Session, msg string) {
	nl := "\n"
	if _, _, isPty := sess.Pty(); isPty {
		nl = "\r\n"
	}
	fmt.Fprint(sess.Stderr(), "huddle: "+msg+nl)
	_ = sess.Exit(1)
}

// sshCommand is how the person connected, as a command line to copy.
func (s *Server) sshCommand(sess ssh.Session, tty bool) string {
	host, port, err := net.SplitHostPort(sess.LocalAddr().String())
	if err != nil {
		return "ssh HOST"
	}
	var b strings.Builder
	b.WriteString("ssh ")
	if tty {
		b.WriteString("-t ")
	}
	if port != "22" {
		b.WriteString("-p " + port + " ")
	}
	b.WriteString(host)
	return b.String()
}

// identify finds the member who owns the session's key. An unknown key gets
// a guest identity when guests are allowed, else a message and the end.
func (s *Server) identify(sess ssh.Session) (Identity, bool) {
	pk := sess.PublicKey()
	if pk == nil {
		s.refuse(sess, s.tr(sess, Identity{}).T("serve.sign_in_with_key"))
		return Identity{}, false
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk)))
	who := Identity{Key: line}
	m, err := s.cfg.Store.MemberByKey(line)
	switch {
	case err == nil:
		who.Handle, who.Member = m.Handle, m
		return who, true
	case s.cfg.AllowGuests:
		sum := sha256.Sum256(pk.Marshal())
		who.Handle, who.Guest = ui.GuestPrefix+hex.EncodeToString(sum[:4]), true
		return who, true
	}
	s.logf("serve.log.unknown_key", "Addr", sess.RemoteAddr(), "Key", gossh.FingerprintSHA256(pk))
	s.refuse(sess, s.tr(sess, Identity{}).Tf("serve.unknown_key", "Fingerprint", gossh.FingerprintSHA256(pk), "Key", line))
	return Identity{}, false
}

// runCommand runs a huddle command line inside the server as who. The line
// is split with shell rules (SplitCommand); the log gets it escaped.
func (s *Server) runCommand(sess ssh.Session, who Identity, raw string) {
	if s.cfg.Run == nil {
		s.refuse(sess, s.tr(sess, who).T("serve.no_commands"))
		return
	}
	args, err := SplitCommand(raw)
	if err != nil {
		s.logf("serve.log.command_refused", "Who", who.Handle, "Err", s.cfg.LogLang.Err(err))
		s.refuse(sess, s.tr(sess, who).Err(err))
		return
	}
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	stop := context.AfterFunc(s.ctx, cancel)
	defer stop()
	s.logf("serve.log.runs", "Who", who.Handle, "Args", LogArgs(args))
	who.Lang, _ = i18n.Choose(environ(sess.Environ()).Getenv, "")
	code := s.cfg.Run(ctx, who, args, sess, sess, sess.Stderr())
	_ = sess.Exit(code)
}

// runTUI runs the app for who on the session's terminal until they quit,
// disconnect, go idle, or the server shuts down.
func (s *Server) runTUI(sess ssh.Session, who Identity, winCh <-chan ssh.Window) {
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	stop := context.AfterFunc(sess.Context(), cancel)
	defer stop()

	st := s.sessionStore(who)
	leave := st.Join(who.Handle)
	defer leave()
	s.logf("serve.log.connected", "Who", who.Handle, "Addr", sess.RemoteAddr())
	var ended atomic.Bool // the member was removed: the session ends at once
	go watchMembership(ctx, st, cancel, &ended)

	in := newKeyReader(sess)
	defer in.close()
	safe := newSafeModel(ui.New(ctx, st, who.Handle, newRenderer(sess, in), ui.LandOnBoard(), ui.WithEnv(environ(sess.Environ()).Getenv), ui.WithKeys(s.cfg.Keys)))
	screen := newSessionScreen(sess) // the alternate screen; clicks and the wheel pass through SSH like keys
	p := tea.NewProgram(drawnModel{safe, screen},
		tea.WithInput(in),
		tea.WithOutput(io.Discard), // the screen writes every frame (screen.go)
		tea.WithoutRenderer(),
		tea.WithContext(ctx),
		tea.WithoutSignalHandler(),
	)
	safe.bind(p)

	var idled atomic.Bool
	go func() {
		var tick <-chan time.Time
		if d := s.cfg.IdleTimeout; d > 0 {
			t := time.NewTicker(min(d/4, time.Second))
			defer t.Stop()
			tick = t.C
		}
		for {
			select {
			case <-ctx.Done():
				return
			case w, ok := <-winCh:
				if !ok {
					winCh = nil
					continue
				}
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			case <-tick:
				if time.Since(in.last()) >= s.cfg.IdleTimeout {
					idled.Store(true)
					cancel()
					return
				}
			}
		}
	}()

	_, err := p.Run()
	p.Kill()
	screen.close() // the terminal as it was, before any word on why the session ended
	cancel()
	leave() // off the online line before the session is told why it ended
	switch {
	case ended.Load():
		if m, err := s.cfg.Store.Member(who.Handle); err == nil && m.ID == who.Member.ID && who.Key != "" && !m.HasKey(who.Key) {
			s.logf("serve.log.key_revoked", "Who", who.Handle)
			s.refuse(sess, s.tr(sess, who).T("serve.key_revoked"))
			break
		}
		s.logf("serve.log.not_member", "Who", who.Handle)
		s.refuse(sess, s.tr(sess, who).T("serve.member_removed"))
	case safe.failed() != nil:
		s.logPanic("the screen of "+who.Handle, safe.failed().value)
		fmt.Fprint(sess.Stderr(), "huddle: "+s.tr(sess, who).T("serve.panic")+"\r\n")
		_ = sess.Exit(70)
	case idled.Load():
		s.logf("serve.log.idle", "Who", who.Handle, "After", s.cfg.IdleTimeout)
		s.refuse(sess, s.tr(sess, who).Tf("serve.idle", "After", s.cfg.IdleTimeout))
	case s.ctx.Err() != nil:
		s.refuse(sess, s.tr(sess, who).T("serve.shutting_down_saved"))
	case err != nil && !errors.Is(err, tea.ErrProgramKilled):
		s.logf("serve.log.app_error", "Who", who.Handle, "Err", LogText(err.Error()))
		tr := s.tr(sess, who)
		s.refuse(sess, tr.Tf("serve.app_stopped", "Error", tr.Err(err)))
	default:
		s.logf("serve.log.disconnected", "Who", who.Handle)
		_ = sess.Exit(0)
	}
}

// keyReader is the session's input as the program reads it. One goroutine
// reads the session and hands the bytes over, so that the program's reads can
// be ended when the session does (a read on an SSH channel cannot be
// cancelled), and so that the answer to the start-up colour query can be
// waited for with a timeout. It remembers when the person last typed: output
// (live updates) never touches it, so the idle time counts keypresses only.
type keyReader struct {
	chunks  chan []byte
	done    chan struct{}
	once    sync.Once
	pending []byte
	at      atomic.Int64 // unix nanoseconds of the last input
	// lateAnswer: the terminal did not answer the colour query in time; its
	// answer may still come and must not reach the app as key presses. Set
	// before the program reads; then only Read touches it.
	lateAnswer bool
}

func newKeyReader(r io.Reader) *keyReader {
	k := &keyReader{chunks: make(chan []byte), done: make(chan struct{})}
	k.touch()
	go func() {
		defer close(k.chunks)
		for {
			buf := make([]byte, 1024)
			n, err := r.Read(buf)
			if n > 0 {
				k.touch()
				select {
				case k.chunks <- buf[:n]:
				case <-k.done:
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return k
}

func (k *keyReader) Read(p []byte) (int, error) {
	for len(k.pending) == 0 {
		select {
		case b, ok := <-k.chunks:
			if !ok {
				return 0, io.EOF
			}
			k.pending = k.dropLateAnswer(b)
		case <-k.done:
			return 0, io.EOF
		}
	}
	n := copy(p, k.pending)
	k.pending = k.pending[n:]
	return n, nil
}

// dropLateAnswer removes a colour-query answer that came after the wait for
// it ended; the device-attributes answer closes it.
func (k *keyReader) dropLateAnswer(b []byte) []byte {
	if !k.lateAnswer {
		return b
	}
	b = oscBackground.ReplaceAll(b, nil)
	if deviceAttrs.Match(b) {
		b = deviceAttrs.ReplaceAll(b, nil)
		k.lateAnswer = false
	}
	return b
}

// close ends reads; the goroutine reading the session ends with the session.
func (k *keyReader) close() { k.once.Do(func() { close(k.done) }) }

func (k *keyReader) touch()          { k.at.Store(time.Now().UnixNano()) }
func (k *keyReader) last() time.Time { return time.Unix(0, k.at.Load()) }

// queryTimeout is how long a new session waits for its terminal to say its
// background colour.
const queryTimeout = 500 * time.Millisecond

var (
	oscBackground = regexp.MustCompile(`\x1b\]11;rgb:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})(?:\x07|\x1b\\)`)
	deviceAttrs   = regexp.MustCompile(`\x1b\[\?[0-9;]*c`)
)

// newRenderer makes the session's lipgloss renderer: the colour profile from
// the client's TERM (and COLORTERM), the background asked of the terminal
// with a timeout, so a client that never answers still gets the app (wish's
// MakeRenderer would wait on it for ever). Keys typed meanwhile are kept.
func newRenderer(sess ssh.Session, in *keyReader) *lipgloss.Renderer {
	pty, _, _ := sess.Pty()
	if pty.Term == "" || pty.Term == "dumb" {
		r := lipgloss.NewRenderer(sess, termenv.WithProfile(termenv.Ascii))
		r.SetHasDarkBackground(true)
		return r
	}
	env := environ(append(sess.Environ(), "TERM="+pty.Term))
	r := lipgloss.NewRenderer(sess, termenv.WithEnvironment(env), termenv.WithUnsafe(), termenv.WithColorCache(true))
	dark := true // most terminals; the safer guess for contrast
	if _, err := io.WriteString(sess, "\x1b]11;?\x07\x1b[c"); err == nil {
		var got []byte
		deadline := time.NewTimer(queryTimeout)
		defer deadline.Stop()
	wait:
		for !deviceAttrs.Match(got) {
			select {
			case b, ok := <-in.chunks:
				if !ok {
					break wait
				}
				got = append(got, b...)
			case <-deadline.C:
				break wait
			}
		}
		if m := oscBackground.FindSubmatch(got); m != nil {
			dark = lightness(m[1], m[2], m[3]) < 0.5
		}
		in.lateAnswer = !deviceAttrs.Match(got)
		got = oscBackground.ReplaceAll(got, nil)
		in.pending = deviceAttrs.ReplaceAll(got, nil)
	}
	r.SetHasDarkBackground(dark)
	return r
}

// lightness is the HSL lightness (0-1) of an X11 rgb: colour.
func lightness(rs, gs, bs []byte) float64 {
	channel := func(h []byte) float64 {
		v, _ := strconv.ParseUint(string(h), 16, 64)
		return float64(v) / float64(uint64(1)<<(4*len(h))-1)
	}
	r, g, b := channel(rs), channel(gs), channel(bs)
	return (max(r, g, b) + min(r, g, b)) / 2
}

// environ is the client's environment for termenv's profile detection.
type environ []string

func (e environ) Environ() []string { return e }

func (e environ) Getenv(k string) string {
	for _, v := range e {
		if val, ok := strings.CutPrefix(v, k+"="); ok {
			return val
		}
	}
	return ""
}

// loadHostKey reads the PEM host key at path, creating an ed25519 key there
// (mode 0600) when the file does not exist. It returns the PEM and the
// public key's SHA256 fingerprint.
func loadHostKey(path string) ([]byte, string, error) {
	if path == "" {
		return nil, "", errors.New("no host key file given")
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		_, priv, gerr := ed25519.GenerateKey(rand.Reader)
		if gerr != nil {
			return nil, "", fmt.Errorf("cannot make a host key: %v", gerr)
		}
		block, merr := gossh.MarshalPrivateKey(priv, "huddle host key")
		if merr != nil {
			return nil, "", fmt.Errorf("cannot make a host key: %v", merr)
		}
		data = pem.EncodeToMemory(block)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, "", fmt.Errorf("cannot write the host key: %v", err)
		}
		// O_EXCL: two servers starting at once must not each write a key.
		f, oerr := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if oerr != nil {
			return nil, "", fmt.Errorf("cannot write the host key: %v", oerr)
		}
		if _, werr := f.Write(data); werr != nil {
			f.Close()
			return nil, "", fmt.Errorf("cannot write the host key %s: %v", path, werr)
		}
		if cerr := f.Close(); cerr != nil {
			return nil, "", fmt.Errorf("cannot write the host key %s: %v", path, cerr)
		}
	} else if err != nil {
		return nil, "", fmt.Errorf("cannot read the host key: %v", err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, "", fmt.Errorf("%s is not a usable SSH host key: %v", path, err)
	}
	return data, gossh.FingerprintSHA256(signer.PublicKey()), nil
}
