package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/i18n"
	"huddle/ui/serve"

	"github.com/spf13/cobra"
)

// defaultListen is where `huddle serve` listens unless told: this machine
// only. A team sets 0.0.0.0:2222 (or :2222) on purpose.
const defaultListen = "127.0.0.1:2222"

// remote is what a command run over SSH is bound to: the server's open store
// and the member who owns the session's key. Neither --db nor --as can change
// them.
type remote struct {
	store *store.Store
	actor string
	guest bool
}

// serveOptions are the flags of `huddle serve`.
type serveOptions struct {
	listen      string
	hostKey     string
	allowGuests bool
	maxSessions int
	idleTimeout time.Duration
}

func newServeCmd(env *cliEnv) *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: env.tr.T("cmd.serve.short"),
		Long:  env.tr.T("cmd.serve.long"),
		Example: `  huddle serve                              # this machine only, port 2222
  huddle serve --listen 0.0.0.0:2222        # the team's network
  huddle serve --allow-guests --idle-timeout 1h`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.openStore(readWrite)
			if err != nil {
				return err
			}
			defer st.Close()
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return env.serve(ctx, st, o, env.errOut, nil)
		},
	}
	cmd.Flags().StringVar(&o.listen, "listen", defaultListen, env.tr.T("cmd.serve.flag_listen"))
	cmd.Flags().StringVar(&o.hostKey, "host-key", "", env.tr.T("cmd.serve.flag_host_key"))
	cmd.Flags().BoolVar(&o.allowGuests, "allow-guests", false, env.tr.T("cmd.serve.flag_allow_guests"))
	cmd.Flags().IntVar(&o.maxSessions, "max-sessions", serve.DefaultMaxSessions, env.tr.T("cmd.serve.flag_max_sessions"))
	cmd.Flags().DurationVar(&o.idleTimeout, "idle-timeout", 30*time.Minute, env.tr.T("cmd.serve.flag_idle_timeout"))
	return cmd
}

// serve runs the SSH server on st until ctx ends or, when local is given,
// until local returns (huddle --listen: the lead's own screen). Then it tells
// every session, shuts down and removes the sidecar file. The caller closes st.
func (e *cliEnv) serve(ctx context.Context, st *store.Store, o serveOptions, logTo io.Writer, local func() error) error {
	if o.maxSessions < 1 {
		return fmt.Errorf("--max-sessions must be at least 1, not %d", o.maxSessions)
	}
	if o.idleTimeout < 0 {
		return fmt.Errorf("--idle-timeout cannot be negative")
	}
	hostKey := o.hostKey
	if hostKey == "" {
		hostKey = st.Path() + ".host_key"
	}
	keys, err := e.keyConfig() // this machine's file, for every session
	if err != nil {
		return err
	}
	srv, err := serve.New(serve.Config{
		Store:       st,
		HostKeyPath: hostKey,
		AllowGuests: o.allowGuests,
		MaxSessions: o.maxSessions,
		IdleTimeout: o.idleTimeout,
		Run:         sshRunner(st),
		Log:         logTo,
		LogLang:     e.tr,
		Keys:        keys,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v", o.listen, oneLine(err.Error()))
	}
	connect := connectCommand(ln.Addr().String())
	// The socket first: a command that finds the sidecar (the file is
	// served) must find the socket it runs through too, not be told to
	// connect over SSH.
	defer e.listenSocket(st, logTo)()
	sidecar := sidecarPath(st.Path())
	if err := writeFileReplacing(sidecar, []byte(fmt.Sprintf("%s\npid %d\n", connect, os.Getpid())), 0o644); err != nil {
		ln.Close()
		return fmt.Errorf("cannot write %s: %v", sidecar, err)
	}
	defer os.Remove(sidecar)

	fmt.Fprintf(e.errOut, e.tr.T("cli.serve.huddle_serving_on")+"\n", st.Path(), listenText(e.tr, o.listen, ln.Addr().String()))
	fmt.Fprintf(e.errOut, e.tr.T("cli.serve.huddle_host_key")+"\n", srv.Fingerprint(), hostKey)
	fmt.Fprintf(e.errOut, e.tr.T("cli.serve.huddle_connect_with_stop")+"\n", connect)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	localDone := make(chan error, 1)
	if local != nil {
		go func() { localDone <- local() }()
	}
	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-served:
		if runErr != nil {
			runErr = fmt.Errorf("the SSH server stopped: %v", runErr)
		}
	case runErr = <-localDone:
	}
	fmt.Fprintf(e.errOut, e.tr.T("cli.serve.huddle_shutting_down_open")+"\n", srv.Sessions())
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	if local != nil && ctx.Err() != nil {
		<-localDone // the local screen ends with the same signal
	}
	fmt.Fprintf(e.errOut, e.tr.T("cli.serve.huddle_stopped_is_closed")+"\n", st.Path())
	return runErr
}

// runUIAndServe is `huddle --listen ADDR`: the lead's screen and the SSH
// server in one process over one store, the lead one more person online.
func runUIAndServe(cmd *cobra.Command, env *cliEnv, st *store.Store) error {
	actor := env.actor()
	if _, err := st.Member(actor); err != nil {
		return fmt.Errorf("%s is not a member of this team; open it as a member with --as NAME (see `huddle member list`)", actor)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	o := serveOptions{listen: env.listenFlag, maxSessions: serve.DefaultMaxSessions, idleTimeout: 30 * time.Minute}
	return env.serve(ctx, st, o, nil, func() error {
		leave := st.Join(actor)
		defer leave()
		return runUI(env, st, actor)
	})
}

// sshRunner runs a command line that came over SSH (or the local socket)
// with a fresh remote command tree, on the server's store bound to the
// member the caller signed in as (store.BoundTo).
func sshRunner(st *store.Store) serve.Runner {
	return func(_ context.Context, who serve.Identity, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
		// The caller's environment is not this process's: only its language
		// comes along (HUDDLE_LANG here), and the member's own setting wins.
		env := newEnv(stdout, stderr, func(k string) string {
			if k == "HUDDLE_LANG" {
				return string(who.Lang)
			}
			return ""
		})
		env.in = stdin
		bound := st.BoundToMember(who.Member)
		if who.Member.Handle == "" { // a guest, or a local caller named by --as/$USER
			var err error
			if bound, err = st.BoundTo(who.Handle); err != nil {
				fmt.Fprintln(stderr, "huddle:", oneLine(err.Error()))
				return 1
			}
		}
		env.remote = remote{store: bound, actor: who.Handle, guest: who.Guest}
		env.useLang(who.Member.Lang)
		if who.Local { // a local caller has no member record from a key
			if m, err := bound.Member(who.Handle); err == nil {
				env.useLang(m.Lang)
			}
		}
		return run(args, env)
	}
}

// explain turns a refused write by a guest over SSH into what to do about it.
func (e *cliEnv) explain(err error) error {
	if e.remote.guest && errors.Is(err, backlog.ErrForbidden) {
		return errors.New("guests can only read; to make changes, ask the team's lead to add your SSH key (huddle member add YOUR_NAME --key \"ssh-ed25519 AAAA...\")")
	}
	return err
}

// sidecarPath is the small file a running server keeps next to the db, so
// that a huddle that finds the file locked can say how to connect.
func sidecarPath(db string) string { return db + ".server" }

// serverHint is the ssh command from a running server's sidecar file, or ""
// when there is none or its server is gone (a crash leaves the file behind).
func serverHint(db string) string {
	data, err := os.ReadFile(sidecarPath(db))
	if err != nil {
		return ""
	}
	line, rest, _ := strings.Cut(string(data), "\n")
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "ssh ") || len(line) > 200 {
		return ""
	}
	var pid int
	if _, err := fmt.Sscanf(rest, "pid %d", &pid); err == nil && !processRuns(pid) {
		return ""
	}
	return line
}

// processRuns reports whether a process with this id exists.
func processRuns(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, os.ErrPermission)
}

// connectCommand is the ssh command line for a listening address; an
// unspecified host (0.0.0.0, ::) becomes this machine's name.
func connectCommand(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "ssh " + addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		if h, err := os.Hostname(); err == nil && h != "" {
			host = h
		} else {
			host = "localhost"
		}
	}
	if port == "22" {
		return "ssh " + host
	}
	return "ssh -p " + port + " " + host
}

// listenText says where the server listens: the address, or for an
// unspecified host (":2222", "0.0.0.0:2222") every address of this machine.
func listenText(tr i18n.Tr, asked, actual string) string {
	host, _, err := net.SplitHostPort(asked)
	_, port, perr := net.SplitHostPort(actual)
	if err != nil || perr != nil {
		return actual
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		return tr.Tf("cli.serve.every_address", "Port", port)
	}
	return actual
}
