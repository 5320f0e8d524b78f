package backlog

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Objective is a qualitative quarterly goal; its key results measure it.
type Objective struct {
	ID      int       `json:"id"`
	Quarter Quarter   `json:"quarter"`
	Title   string    `json:"title"`
	Created time.Time `json:"created"`
}

// KeyResult is a metric that moves from a baseline to a target, e.g. "activation 30% -> 50%".
type KeyResult struct {
	ID          int     `json:"id"`
	ObjectiveID int     `json:"objective"`
	Name        string  `json:"name"`
	Unit        string  `json:"unit"`
	Baseline    float64 `json:"baseline"`
	Target      float64 `json:"target"`
	Current     float64 `json:"current"`
}

// Progress is (current - baseline) / (target - baseline), clamped to 0..1.
// It works for metrics that should fall (target below baseline) too.
func (k KeyResult) Progress() float64 {
	span := k.Target - k.Baseline
	if span == 0 {
		if k.Current == k.Target {
			return 1
		}
		return 0
	}
	p := (k.Current - k.Baseline) / span
	return min(max(p, 0), 1)
}

// Validate checks a key result before it is saved.
func (k KeyResult) Validate() error {
	if strings.TrimSpace(k.Name) == "" {
		return errors.New("a key result needs a name")
	}
	if k.Target == k.Baseline {
		return fmt.Errorf("target (%g) must differ from baseline (%g)", k.Target, k.Baseline)
	}
	return nil
}

// ObjectiveProgress is the mean progress of its key results (0 when it has none).
func ObjectiveProgress(krs []KeyResult) float64 {
	if len(krs) == 0 {
		return 0
	}
	var sum float64
	for _, k := range krs {
		sum += k.Progress()
	}
	return sum / float64(len(krs))
}

// Quarter is a calendar quarter written "2026-Q4".
type Quarter string

// QuarterOf returns the quarter containing t.
func QuarterOf(t time.Time) Quarter {
	return Quarter(fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())-1)/3+1))
}

// ParseQuarter accepts "2026-Q4" or "2026q4".
func ParseQuarter(s string) (Quarter, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	y, q, ok := strings.Cut(strings.ReplaceAll(s, "-", ""), "Q")
	year, err1 := strconv.Atoi(y)
	n, err2 := strconv.Atoi(q)
	if !ok || err1 != nil || err2 != nil || n < 1 || n > 4 || year < 1970 || year > 9999 {
		return "", fmt.Errorf("quarter %q: write it like 2026-Q4", s)
	}
	return Quarter(fmt.Sprintf("%d-Q%d", year, n)), nil
}

// Shift returns the quarter n quarters later (n may be negative).
func (q Quarter) Shift(n int) Quarter {
	p, err := ParseQuarter(string(q))
	if err != nil {
		return q
	}
	var year, num int
	fmt.Sscanf(string(p), "%d-Q%d", &year, &num)
	idx := year*4 + num - 1 + n
	return Quarter(fmt.Sprintf("%d-Q%d", idx/4, idx%4+1))
}
