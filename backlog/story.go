package backlog

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Unestimated is the Points value of a story nobody has estimated yet.
const Unestimated = -1

// PointScale is the estimation scale a story's points must come from.
var PointScale = [...]int{0, 1, 2, 3, 5, 8, 13, 20, 40, 100}

// ValidPoints reports whether p is on the scale or Unestimated.
func ValidPoints(p int) bool {
	if p == Unestimated {
		return true
	}
	for _, s := range PointScale {
		if s == p {
			return true
		}
	}
	return false
}

// StoryStatus is where a story is in its life.
type StoryStatus string

const (
	StatusBacklog StoryStatus = "backlog" // waiting in the product backlog
	StatusPlanned StoryStatus = "planned" // pulled into a sprint
	StatusDone    StoryStatus = "done"    // finished in a sprint
	StatusDeleted StoryStatus = "deleted" // removed from the list, kept in the log
	// A member's proposal waits at the bottom until the lead accepts it
	// (StatusBacklog) or declines it (StatusDeclined, off the list, kept).
	StatusProposed StoryStatus = "proposed"
	StatusDeclined StoryStatus = "declined"
)

// Story is one product backlog item.
type Story struct {
	ID          int         `json:"id"`
	Title       string      `json:"title"`
	Description string      `json:"description,omitempty"`
	Acceptance  string      `json:"acceptance,omitempty"` // one criterion a line (acceptance.go)
	Checked     []int       `json:"checked,omitempty"`    // the criteria ticked at review, numbered from 1
	Points      int         `json:"points"`               // Unestimated or a PointScale value
	Value       int         `json:"value"`                // 1-100, business value
	KeyResult   int         `json:"kr,omitempty"`
	Labels      []string    `json:"labels,omitempty"`
	Status      StoryStatus `json:"status"`
	Rank        string      `json:"rank"`
	Sprint      int         `json:"sprint,omitempty"`
	ProposedBy  string      `json:"proposed_by,omitempty"`     // the member who proposed it
	Declined    string      `json:"declined_reason,omitempty"` // why the lead declined it
	Created     time.Time   `json:"created"`
	Updated     time.Time   `json:"updated"`
}

// Estimated reports whether the story has points.
func (s Story) Estimated() bool { return s.Points != Unestimated }

// Ref is the story's ID as people see it: "S-12".
func (s Story) Ref() string { return StoryRef(s.ID) }

// StoryRef formats a story ID: "S-12".
func StoryRef(id int) string { return "S-" + strconv.Itoa(id) }

// ParseStoryRef accepts "S-12", "s12" or "12".
func ParseStoryRef(s string) (int, error) { return parseRef(s, "S", "story") }

func parseRef(s, prefix, what string) (int, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimPrefix(t, prefix)
	t = strings.TrimPrefix(t, "-")
	n, err := strconv.Atoi(t)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a %s ID (write it like %s-12)", s, what, prefix)
	}
	return n, nil
}

// ValueScaleMax is the largest business value a story can have.
const ValueScaleMax = 100

// Validate checks the fields a person sets.
func (s Story) Validate() error {
	if strings.TrimSpace(s.Title) == "" {
		return errors.New("a story needs a title")
	}
	if !ValidPoints(s.Points) {
		return fmt.Errorf("%d points is not on the scale 0, 1, 2, 3, 5, 8, 13, 20, 40, 100", s.Points)
	}
	if s.Value < 1 || s.Value > ValueScaleMax {
		return fmt.Errorf("value must be 1-100, not %d", s.Value)
	}
	return s.validChecked()
}

// ValuePerPoint is the ordering key of the "value per point" view: a
// zero-point story counts as half a point, so cheap value still rises. An
// unestimated story has no value per point (0): it sorts last
// (ValuePerPointBefore) and is never moved by applying the order.
func (s Story) ValuePerPoint() float64 {
	if !s.Estimated() {
		return 0
	}
	p := float64(s.Points)
	if p <= 0 {
		p = 0.5
	}
	return float64(s.Value) / p
}

// ValuePerPointBefore is the value-per-point order: estimated stories first,
// highest value per point first; unestimated ones after them all.
func ValuePerPointBefore(a, b Story) bool {
	if a.Estimated() != b.Estimated() {
		return a.Estimated()
	}
	return a.ValuePerPoint() > b.ValuePerPoint()
}

// NormalizeLabels lowercases, trims, drops empties and duplicates, keeping order.
func NormalizeLabels(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range in {
		for _, part := range strings.Split(l, ",") {
			part = strings.Join(strings.Fields(strings.ToLower(part)), "-")
			if part == "" || seen[part] {
				continue
			}
			seen[part] = true
			out = append(out, part)
		}
	}
	return out
}
