package sprint

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// TaskStatus is a task's column on the board.
type TaskStatus string

const (
	TaskTodo  TaskStatus = "todo"
	TaskDoing TaskStatus = "doing"
	TaskDone  TaskStatus = "done"
)

// ParseTaskStatus accepts todo, doing (or "in progress") and done.
func ParseTaskStatus(s string) (TaskStatus, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "todo", "to do", "to-do":
		return TaskTodo, nil
	case "doing", "in progress", "in-progress", "progress":
		return TaskDoing, nil
	case "done":
		return TaskDone, nil
	}
	return "", fmt.Errorf("unknown task status %q: use todo, doing or done", s)
}

// Label is the column heading for the status.
func (s TaskStatus) Label() string {
	switch s {
	case TaskDoing:
		return "In progress"
	case TaskDone:
		return "Done"
	}
	return "To do"
}

// SplitHint is the estimate above which a task should be split: the method asks
// for sub-tasks that fit in a day or two.
const SplitHint = 16

// MaxTaskHours caps one task's estimate; anything larger is a typing mistake.
const MaxTaskHours = 200

// Task is one piece of a story in a sprint, estimated in hours and claimed by a member.
type Task struct {
	ID        int        `json:"id"`
	Story     int        `json:"story"`
	Sprint    int        `json:"sprint"`
	Title     string     `json:"title"`
	Estimate  float64    `json:"estimate"`
	Remaining float64    `json:"remaining"`
	Owner     string     `json:"owner,omitempty"`
	Status    TaskStatus `json:"status"`
	Blocked   string     `json:"blocked,omitempty"` // the reason; empty when not blocked
	// CarriedTo is the task that continues this one in a later sprint, when its
	// story went back to the backlog unfinished and was planned again.
	CarriedTo int       `json:"carried_to,omitempty"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

// Ref is the task's ID as people see it: "T-40".
func (t Task) Ref() string { return TaskRef(t.ID) }

// TaskRef formats a task ID: "T-40".
func TaskRef(id int) string { return "T-" + strconv.Itoa(id) }

// ParseTaskRef accepts "T-40", "t40" or "40".
func ParseTaskRef(s string) (int, error) {
	t := strings.TrimPrefix(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "T"), "-")
	n, err := strconv.Atoi(t)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a task ID (write it like T-40)", s)
	}
	return n, nil
}

// ValidateHours checks an estimate or remaining figure.
func ValidateHours(h float64) error {
	if math.IsNaN(h) || math.IsInf(h, 0) || h < 0 || h > MaxTaskHours {
		return fmt.Errorf("hours must be between 0 and %d, not %g", MaxTaskHours, h)
	}
	return nil
}

// NeedsSplit reports whether the estimate is too big for a day or two.
func (t Task) NeedsSplit() bool { return t.Estimate > SplitHint }

// ClaimedError says who already holds a task.
type ClaimedError struct {
	Task  string
	Owner string
}

func (e *ClaimedError) Error() string {
	return fmt.Sprintf("%s is already claimed by %s", e.Task, e.Owner)
}

// CanClaim says whether handle may take the task: it must be unclaimed (or already theirs) and not done.
func (t Task) CanClaim(handle string) error {
	if t.Status == TaskDone {
		return fmt.Errorf("%s is done; reopen it before claiming", t.Ref())
	}
	if t.Owner != "" && t.Owner != handle {
		return &ClaimedError{Task: t.Ref(), Owner: t.Owner}
	}
	return nil
}

// ErrEmptyTitle is returned for a title that is blank after cleaning.
var ErrEmptyTitle = errors.New("a title cannot be empty")

// WithStatus moves the task to a column, keeping remaining hours honest:
// done sets remaining to 0; reopening a done task restores its estimate.
func (t Task) WithStatus(s TaskStatus) Task {
	if s == TaskDone {
		t.Remaining = 0
	} else if t.Status == TaskDone && t.Remaining == 0 {
		t.Remaining = t.Estimate
	}
	t.Status = s
	return t
}

// RemainingHours adds up the hours left on tasks.
func RemainingHours(tasks []Task) float64 {
	var h float64
	for _, t := range tasks {
		h += t.Remaining
	}
	return h
}

// BlockedCount counts the tasks flagged blocked that are not done.
func BlockedCount(tasks []Task) int {
	n := 0
	for _, t := range tasks {
		if t.Blocked != "" && t.Status != TaskDone {
			n++
		}
	}
	return n
}

// StoryProgress counts a story's tasks that are done, and all of them.
func StoryProgress(tasks []Task, story int) (done, all int) {
	for _, t := range tasks {
		if t.Story == story {
			all++
			if t.Status == TaskDone {
				done++
			}
		}
	}
	return done, all
}

// ParseHours reads hours as people type them, on the screen or the command
// line: "6", "2.5", "6h". It says nothing of range; ValidateHours and the
// capacity rule check that.
func ParseHours(s string) (float64, error) {
	v := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "h"))
	h, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(h) || math.IsInf(h, 0) {
		return 0, fmt.Errorf("%q is not a number of hours", s)
	}
	return h, nil
}

// CanDelete says whether t may be deleted: not while it is flagged blocked
// (a stand-up's parking lot may point at it); unblock it first.
func (t Task) CanDelete() error {
	if t.Blocked != "" {
		return fmt.Errorf("%s is blocked (%s); unblock it before deleting it", t.Ref(), t.Blocked)
	}
	return nil
}
