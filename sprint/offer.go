package sprint

import "fmt"

// What a sprint and its tasks allow now, for screens that offer only the keys
// that can work and say why the others cannot. The store's writes apply the
// same rules.

// CanChange says whether a sprint's plan and tasks can still change: not once
// it is closed.
func (s Sprint) CanChange() error {
	if s.Status == StatusClosed {
		return fmt.Errorf("sprint %s is closed; its plan and tasks no longer change", s.Ref())
	}
	return nil
}

// CanClose says whether a sprint may be closed: only while it is active.
func (s Sprint) CanClose() error {
	if s.Status != StatusActive {
		return fmt.Errorf("sprint %s is %s; only an active sprint can be closed", s.Ref(), s.Status)
	}
	return nil
}

// taskColumns are the board's columns, left to right.
func taskColumns() [3]TaskStatus { return [3]TaskStatus{TaskTodo, TaskDoing, TaskDone} }

// NextStatus is the column a task moves on to (m), or why it cannot.
func (t Task) NextStatus() (TaskStatus, error) {
	cols := taskColumns()
	for i, s := range cols {
		if s == t.Status && i+1 < len(cols) {
			return cols[i+1], nil
		}
	}
	return t.Status, fmt.Errorf("%s is %s already; M moves it back", t.Ref(), t.Status.Label())
}

// PrevStatus is the column a task moves back to (M), or why it cannot.
func (t Task) PrevStatus() (TaskStatus, error) {
	cols := taskColumns()
	for i, s := range cols {
		if s == t.Status && i > 0 {
			return cols[i-1], nil
		}
	}
	return t.Status, fmt.Errorf("%s is %s; there is no column before it", t.Ref(), t.Status.Label())
}
