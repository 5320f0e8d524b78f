package store

import (
	"errors"
	"fmt"
)

// ErrNotFound is wrapped by errors about an ID that does not exist.
var ErrNotFound = errors.New("not found")

// ErrLocked is wrapped when another process holds the database file.
var ErrLocked = errors.New("database file in use")

// ErrCorrupt is wrapped when the file is not a readable huddle database.
var ErrCorrupt = errors.New("not a readable huddle database")

// ErrTooNew is wrapped when the file was written by a newer huddle.
var ErrTooNew = errors.New("written by a newer huddle")

func notFound(what string, ref string) error {
	return fmt.Errorf("%s %s: %w", what, ref, ErrNotFound)
}
