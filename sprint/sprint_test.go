package sprint

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func twoWeeks() Sprint {
	start := NewDate(2026, 11, 16) // a Monday
	return Sprint{ID: 2, Name: "Sprint 2", Goal: "Onboarding", Start: start, End: start.AddDays(13), Workdays: DefaultWorkdays, Status: StatusPlanning}
}

func TestWorkingDaysAndDayOf(t *testing.T) {
	s := twoWeeks()
	if n := len(s.WorkingDays()); n != 10 {
		t.Fatalf("working days = %d, want 10", n)
	}
	// Tuesday of the second week is day 7; Saturday of week one is still day 5.
	if d, total := s.DayOf(NewDate(2026, 11, 24)); d != 7 || total != 10 {
		t.Errorf("DayOf(24th) = %d of %d", d, total)
	}
	if d, _ := s.DayOf(NewDate(2026, 11, 21)); d != 5 {
		t.Errorf("DayOf(Saturday) = %d", d)
	}
	if d, _ := s.DayOf(NewDate(2026, 11, 1)); d != 0 {
		t.Errorf("DayOf(before) = %d", d)
	}
	if c := s.DefaultCapacity("bob", 6); c != 60 {
		t.Errorf("capacity = %v", c)
	}
}

func TestSprintValidate(t *testing.T) {
	s := twoWeeks()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	s.End = s.Start.AddDays(40)
	if s.Validate() == nil {
		t.Error("six-week sprint accepted")
	}
}

func TestCanStart(t *testing.T) {
	s := twoWeeks()
	if err := s.CanStart(3, nil); err != nil {
		t.Fatal(err)
	}
	noGoal := s
	noGoal.Goal = " "
	if noGoal.CanStart(3, nil) == nil {
		t.Error("started without a goal")
	}
	if s.CanStart(0, nil) == nil {
		t.Error("started without tasks")
	}
	other := Sprint{ID: 1, Status: StatusActive}
	if s.CanStart(3, &other) == nil {
		t.Error("started while another is active")
	}
}

func TestClaimRules(t *testing.T) {
	task := Task{ID: 40, Status: TaskTodo}
	if err := task.CanClaim("alice"); err != nil {
		t.Fatal(err)
	}
	task.Owner = "alice"
	var ce *ClaimedError
	if err := task.CanClaim("bob"); !errors.As(err, &ce) || ce.Owner != "alice" {
		t.Fatalf("claim by bob = %v", err)
	}
	if task.CanClaim("alice") != nil {
		t.Error("owner cannot re-claim their own task")
	}
	task.Status = TaskDone
	if task.CanClaim("alice") == nil {
		t.Error("done task claimable")
	}
}

func TestWithStatusKeepsHoursHonest(t *testing.T) {
	task := Task{Estimate: 8, Remaining: 3, Status: TaskDoing}
	done := task.WithStatus(TaskDone)
	if done.Remaining != 0 {
		t.Errorf("done remaining = %v", done.Remaining)
	}
	if re := done.WithStatus(TaskDoing); re.Remaining != 8 {
		t.Errorf("reopened remaining = %v, want estimate 8", re.Remaining)
	}
}

func TestParsing(t *testing.T) {
	if n, err := ParseTaskRef("T-40"); err != nil || n != 40 {
		t.Error("T-40", n, err)
	}
	if _, err := ParseTaskRef("S-40"); err == nil {
		t.Error("S-40 parsed as task")
	}
	if n, err := ParseSprintRef("#3"); err != nil || n != 3 {
		t.Error("#3", n, err)
	}
	if _, err := ParseDate("2026-02-30"); err == nil {
		t.Error("Feb 30 accepted")
	}
	if ValidateHours(-1) == nil || ValidateHours(1e9) == nil {
		t.Error("bad hours accepted")
	}
	if st, err := ParseTaskStatus("In Progress"); err != nil || st != TaskDoing {
		t.Error(st, err)
	}
}

func TestRotatedOrder(t *testing.T) {
	h := []string{"a", "b", "c"}
	d := NewDate(2026, 11, 26)
	first := RotatedOrder(h, d)[0]
	next := RotatedOrder(h, d.AddDays(1))[0]
	if first == next {
		t.Errorf("first speaker did not rotate: %s", first)
	}
	if len(RotatedOrder(h, d)) != 3 {
		t.Error("rotation lost someone")
	}
}

func TestPick(t *testing.T) {
	all := []Sprint{{ID: 1, Status: StatusClosed}, {ID: 2, Status: StatusClosed}, {ID: 3, Status: StatusPlanning}}
	if sp, ok := Pick(all, StatusActive, StatusPlanning, StatusClosed); !ok || sp.ID != 3 {
		t.Errorf("picked %v %v", sp.ID, ok)
	}
	if sp, ok := Pick(all, StatusActive, StatusClosed); !ok || sp.ID != 2 {
		t.Errorf("newest closed: %v", sp.ID)
	}
	if _, ok := Pick(all, StatusActive); ok {
		t.Error("picked an active sprint that does not exist")
	}
}

func TestTaskSums(t *testing.T) {
	tasks := []Task{
		{Story: 1, Remaining: 3, Status: TaskDoing, Blocked: "waiting"},
		{Story: 1, Remaining: 0, Status: TaskDone, Blocked: "old reason"},
		{Story: 2, Remaining: 4.5, Status: TaskTodo},
	}
	if h := RemainingHours(tasks); h != 7.5 {
		t.Errorf("remaining %v", h)
	}
	if n := BlockedCount(tasks); n != 1 {
		t.Errorf("blocked %d (a done task is not blocked)", n)
	}
	if d, a := StoryProgress(tasks, 1); d != 1 || a != 2 {
		t.Errorf("progress %d/%d", d, a)
	}
}

func TestSprintDatesStayInTheYearsHuddleKeeps(t *testing.T) {
	s := Sprint{Name: "far", Start: NewDate(9999, 12, 20), End: NewDate(9999, 12, 24), Workdays: []time.Weekday{time.Monday}}
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "years 1970-2199") {
		t.Fatalf("a sprint in 9999: %v", err)
	}
	s.Start, s.End = NewDate(2026, 11, 23), NewDate(2026, 11, 27)
	if err := s.Validate(); err != nil {
		t.Fatalf("a sprint in 2026: %v", err)
	}
}
