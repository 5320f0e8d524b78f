package sprint

import "fmt"

// Task corrections: an edit (title, estimate, story) and a split.

// Actions of correcting a task (see MayTouch).
const (
	ActEdit  TaskAction = "edit"
	ActSplit TaskAction = "split"
)

// Reestimated is t with a new estimate: the remaining hours move by as much as
// the estimate did (never below 0); a done task keeps 0 left.
func (t Task) Reestimated(hours float64) (Task, error) {
	if err := ValidateHours(hours); err != nil {
		return t, err
	}
	delta := hours - t.Estimate
	t.Estimate = hours
	if t.Status != TaskDone {
		t.Remaining = max(0, t.Remaining+delta)
	}
	return t, nil
}

// SplitOff divides t in two: part takes hours of its remaining work (as its
// estimate and remaining hours), t keeps the rest. Only a task not done may be
// split, and both halves must keep some hours left.
func (t Task) SplitOff(hours float64, title string) (keep, part Task, err error) {
	if err := ValidateHours(hours); err != nil {
		return t, part, err
	}
	if err := t.CanSplit(); err != nil {
		return t, part, err
	}
	if hours <= 0 || hours >= t.Remaining {
		return t, part, fmt.Errorf("%s has %gh left: give the new task more than 0h and less than %gh", t.Ref(), t.Remaining, t.Remaining)
	}
	if title == "" {
		title = t.Title + " (part 2)"
	}
	part = Task{Story: t.Story, Sprint: t.Sprint, Title: title, Estimate: hours, Remaining: hours, Status: TaskTodo}
	keep = t
	keep.Estimate = max(0, t.Estimate-hours)
	keep.Remaining = t.Remaining - hours
	return keep, part, nil
}

// CanSplit says whether t has work left to divide.
func (t Task) CanSplit() error {
	if t.Status == TaskDone || t.Remaining <= 0 {
		return fmt.Errorf("%s has no hours left; there is nothing to split", t.Ref())
	}
	return nil
}
