package backlog

import (
	"errors"
	"fmt"
	"strings"
)

// NewStoryStatus is the status a new story gets from its author: the lead's
// stories enter the ordered backlog, a member's are proposals, and a guest
// may not add any.
func NewStoryStatus(author Member) (StoryStatus, error) {
	switch {
	case author.Role.CanLead():
		return StatusBacklog, nil
	case author.Role.CanWrite():
		return StatusProposed, nil
	}
	return "", Forbidden(author.Handle, author.Role, "propose stories", RoleMember)
}

// Accept takes a proposal into the ordered backlog; it keeps its rank.
func (s *Story) Accept() error {
	if s.Status != StatusProposed {
		return fmt.Errorf("%s is %s, not a proposal: only proposed stories are accepted", s.Ref(), s.Status)
	}
	s.Status, s.Declined = StatusBacklog, ""
	return nil
}

// Decline turns a proposal down with a reason the proposer will read.
func (s *Story) Decline(reason string) error {
	if s.Status != StatusProposed {
		return fmt.Errorf("%s is %s, not a proposal: only proposed stories are declined", s.Ref(), s.Status)
	}
	if strings.TrimSpace(reason) == "" {
		return errors.New("say why the story is declined (--reason): the member who proposed it reads it")
	}
	s.Status, s.Declined = StatusDeclined, reason
	return nil
}

// Listed reports whether a story of this status has a place in the backlog
// list: proposals do (at the bottom, marked), declined, done and deleted
// stories do not.
func (st StoryStatus) Listed() bool {
	return st != StatusDeleted && st != StatusDone && st != StatusDeclined
}
