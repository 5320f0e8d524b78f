package backlog

import "fmt"

// GuestsOnlyRead is why a guest (an unknown key let in to read) may not
// change anything: the store refuses their writes with it, and screens say
// it instead of offering keys that would write.
func GuestsOnlyRead() error {
	return fmt.Errorf("%w: guests can only read; ask the lead to add your key with `huddle member add NAME --key ...`", ErrForbidden)
}
