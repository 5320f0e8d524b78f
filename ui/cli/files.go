package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeFileReplacing writes data to path the safe way for a file huddle
// makes and may remake (an export, the server's sidecar): into a new file
// beside it (created exclusively), then renamed over path. A symbolic link
// planted at path is replaced, never written through, and a reader never
// sees half a file.
func writeFileReplacing(path string, data []byte, perm os.FileMode) error {
	_, err := streamFileReplacing(path, perm, func(w io.Writer) error { _, err := w.Write(data); return err })
	return err
}

// streamFileReplacing is writeFileReplacing for output written as it is
// made: write streams into the file beside path, which replaces path only
// once write has succeeded. It returns how many bytes were written.
func streamFileReplacing(path string, perm os.FileMode, write func(io.Writer) error) (int64, error) {
	if fi, err := os.Lstat(path); err == nil && fi.IsDir() {
		return 0, fmt.Errorf("%s is a directory", path)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return 0, err
	}
	tmp := f.Name()
	cw := &countWriter{w: f}
	err = write(cw)
	if err == nil {
		err = f.Chmod(perm)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return 0, err
	}
	return cw.n, nil
}

// countWriter counts what goes through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
