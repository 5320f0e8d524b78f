package backlog

import "fmt"

// CanDelete says whether a story may be taken off the backlog: not while it
// is planned into a sprint (take it out of the sprint first).
func (s Story) CanDelete() error {
	if s.Status == StatusPlanned {
		return fmt.Errorf("%s is in sprint #%d; take it out of the sprint first", s.Ref(), s.Sprint)
	}
	return nil
}
