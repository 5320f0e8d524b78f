package cli

import (
	"errors"
	"fmt"
	"io"
)

// streamOutput writes a command's output as write makes it: to standard
// output, or to the file name (written beside it and renamed over it once
// write has succeeded; never for a caller over SSH or the socket). Output
// too big to hold in memory (the JSON export) is never held.
func (e *cliEnv) streamOutput(name string, write func(io.Writer) error) error {
	if name == "" || name == "-" {
		return write(e.out)
	}
	if e.isRemote() {
		return errors.New("--out writes a file on the server, which commands from elsewhere never do; the output comes to you instead: leave --out out and redirect (> FILE)")
	}
	// Written beside and renamed over: exporting over an earlier export is
	// expected, but a planted symbolic link is replaced, never followed.
	n, err := streamFileReplacing(name, 0o600, write)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.errOut, e.tr.T("cli.export_stream.wrote_bytes")+"\n", name, n)
	return nil
}
