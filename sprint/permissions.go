package sprint

import "fmt"

// TaskAction is something a member does to a task on the board.
type TaskAction string

const (
	ActClaim   TaskAction = "claim"
	ActUnclaim TaskAction = "unclaim"
	ActMove    TaskAction = "move"
	ActHours   TaskAction = "update the hours of"
	ActDelete  TaskAction = "delete"
)

// MayTouch is the one rule for what a member may do to a task, used by the
// screen, the command line and SSH alike. The lead may do anything (assign,
// unclaim, move, update). A member may claim an unclaimed task for themself,
// and unclaim, move and update the hours of a task that is theirs or nobody's;
// another member's task is theirs to change. lead says whether handle leads.
func MayTouch(t Task, handle string, lead bool, act TaskAction) error {
	if lead || t.Owner == "" || t.Owner == handle {
		return nil
	}
	if f := touchRefusal(act); f != "" {
		return fmt.Errorf(f, t.Ref(), t.Owner, t.Owner)
	}
	return fmt.Errorf("%s is %s's; only %s or the lead can %s it", t.Ref(), t.Owner, t.Owner, act)
}

// Moved is t moved to column s by handle: a task that starts (In progress or
// Done) with nobody on it becomes the mover's, so no task is in progress
// without an owner and "since last stand-up" can say who did it. Moving a task
// back to To do keeps (or leaves empty) its owner.
func (t Task) Moved(s TaskStatus, handle string) Task {
	if t.Owner == "" && s != TaskTodo {
		t.Owner = handle
	}
	return t.WithStatus(s)
}

// MayClaimFor says whether handle may give a task to owner: a member claims
// for themself, the lead assigns to anyone.
func MayClaimFor(owner, handle string, lead bool) error {
	if owner != handle && !lead {
		return fmt.Errorf("only the lead can assign tasks to someone else")
	}
	return nil
}

// touchRefusal is MayTouch's refusal for act as one whole sentence (the task,
// its owner twice), so that each reads whole in every language; "" for an
// action without one.
func touchRefusal(act TaskAction) string {
	switch act {
	case ActClaim:
		return "%s is %s's; only %s or the lead can claim it"
	case ActUnclaim:
		return "%s is %s's; only %s or the lead can unclaim it"
	case ActMove:
		return "%s is %s's; only %s or the lead can move it"
	case ActHours:
		return "%s is %s's; only %s or the lead can update the hours of it"
	case ActDelete:
		return "%s is %s's; only %s or the lead can delete it"
	case ActEdit:
		return "%s is %s's; only %s or the lead can edit it"
	case ActSplit:
		return "%s is %s's; only %s or the lead can split it"
	}
	return ""
}
