package store

import "os"

// StampIsFresh reports whether the next Open of path skips its page walk.
func StampIsFresh(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	_, ok := freshStamp(path, fi)
	return ok
}
