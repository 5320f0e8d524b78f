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

// notFoundError says which thing does not exist; it is ErrNotFound.
type notFoundError string

func (e notFoundError) Error() string { return string(e) }
func (e notFoundError) Unwrap() error { return ErrNotFound }

// notFound says that the what named ref does not exist ("member wei: not
// found"). Each kind is one whole sentence, so that it reads whole in every
// language (ui/i18n translates the sentence, not the words put together).
func notFound(what string, ref string) error {
	var msg string
	switch what {
	case "story":
		msg = fmt.Sprintf("story %s: not found", ref)
	case "task":
		msg = fmt.Sprintf("task %s: not found", ref)
	case "deleted task":
		msg = fmt.Sprintf("deleted task %s: not found", ref)
	case "sprint":
		msg = fmt.Sprintf("sprint %s: not found", ref)
	case "member":
		msg = fmt.Sprintf("member %s: not found", ref)
	case "objective":
		msg = fmt.Sprintf("objective %s: not found", ref)
	case "key result":
		msg = fmt.Sprintf("key result %s: not found", ref)
	case "holiday":
		msg = fmt.Sprintf("holiday %s: not found", ref)
	case "retro card":
		msg = fmt.Sprintf("retro card %s: not found", ref)
	case "retro action":
		msg = fmt.Sprintf("retro action %s: not found", ref)
	case "feedback":
		msg = fmt.Sprintf("feedback %s: not found", ref)
	case "key":
		msg = "key for this session: not found"
		if ref != "for this session" {
			msg = fmt.Sprintf("key %s: not found", ref)
		}
	default:
		msg = fmt.Sprintf("%s %s: not found", what, ref)
	}
	return notFoundError(msg)
}
