package cli

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeFileReplacing writes data to path the safe way for a file huddle
// makes and may remake (an export, the server's sidecar): into a new file
// beside it (created exclusively), then renamed over path. A symbolic link
// planted at path is replaced, never written through, and a reader never
// sees half a file.
func writeFileReplacing(path string, data []byte, perm os.FileMode) error {
	if fi, err := os.Lstat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory", path)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
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
		return err
	}
	return nil
}
