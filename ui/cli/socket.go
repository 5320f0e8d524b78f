package cli

// Same-machine commands through the running huddle: the huddle that holds a
// file listens on a socket next to it (ui/serve/socket.go), and a command on
// that file from this machine runs through it, on the remote surface, as
// --as or $USER, instead of failing with "in use".

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"huddle/store"
	"huddle/ui/serve"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// listenSocket starts the local socket for the open store st. A socket that
// cannot be made is said on errOut; the huddle goes on without it.
func (e *cliEnv) listenSocket(st *store.Store, log io.Writer) (stop func()) {
	s, err := serve.ListenSocket(st.Path(), sshRunner(st), log)
	if err != nil {
		fmt.Fprintln(e.errOut, "huddle:", oneLine(err.Error()))
		return func() {}
	}
	return func() { s.Close() }
}

// viaSocket runs the command through the socket of the huddle that holds the
// file, when one does and the command is on the remote surface. It returns
// an exitError with the command's status when it ran there, nil when the
// command should run here.
func (e *cliEnv) viaSocket(cmd *cobra.Command, args []string) error {
	if e.isRemote() || !slices.Contains(remoteCommands(), commandPath(cmd)) {
		return nil
	}
	if h, _ := cmd.Flags().GetBool("help"); h {
		return nil
	}
	conn, err := serve.DialSocket(e.dbPath())
	if errors.Is(err, serve.ErrNoSocket) {
		return nil
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	line, stdin, out, err := e.socketLine(cmd, args)
	if err != nil {
		return err
	}
	var stdout io.Writer = e.out
	var buf strings.Builder
	if out != "" {
		stdout = &buf
	}
	conn.Lang = e.tr.Lang() // the environment's: the store is not open here
	code, err := conn.Run(e.actor(), line, stdin, stdout, e.errOut)
	if err != nil {
		return err
	}
	if code == 0 && out != "" {
		if err := e.writeOutput(out, []byte(buf.String())); err != nil {
			return err
		}
	}
	return exitError{code}
}

// socketLine is the command line to send for cmd: its path, the flags given
// (but --db and --as, which the socket's caller sets by who it is), and the
// arguments. What names a file here is read or written here: an import file
// or a key file goes as stdin ("-"), and export --out is written from the
// output that comes back, so the server never opens the caller's paths.
func (e *cliEnv) socketLine(cmd *cobra.Command, args []string) (line []string, stdin io.Reader, out string, err error) {
	line = strings.Fields(commandPath(cmd))
	readsStdin := false
	local := func(name string) error {
		if name == "-" {
			readsStdin = true
			return nil
		}
		data, err := e.openInput(name, "", "", maxImportBytes)
		if err != nil {
			return err
		}
		stdin, readsStdin = strings.NewReader(string(data)), true
		return nil
	}
	var ferr error
	cmd.Flags().Visit(func(f *pflag.Flag) {
		switch {
		case ferr != nil, f.Name == "db", f.Name == "as", f.Name == "help":
			return
		case f.Name == "out" && commandPath(cmd) == "export":
			out = f.Value.String()
			return
		case f.Name == "key-file":
			ferr = local(f.Value.String())
			line = append(line, "--key-file", "-")
			return
		}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			for _, v := range sv.GetSlice() {
				line = append(line, "--"+f.Name+"="+v)
			}
			return
		}
		line = append(line, "--"+f.Name+"="+f.Value.String())
	})
	if ferr != nil {
		return nil, nil, "", ferr
	}
	if commandPath(cmd) == "import" && len(args) == 1 && args[0] != "-" {
		if strings.ToLower(filepath.Ext(args[0])) != ".csv" {
			return nil, nil, "", fmt.Errorf("%s is in use by a running huddle, and a JSON team is imported into a new file: give --db NEW.db", e.dbPath())
		}
		if err := local(args[0]); err != nil {
			return nil, nil, "", err
		}
		args = []string{"-"}
	}
	if len(args) > 0 {
		line = append(append(line, "--"), args...)
	}
	if readsStdin && stdin == nil {
		stdin = e.inReader()
	}
	return line, stdin, out, nil
}
