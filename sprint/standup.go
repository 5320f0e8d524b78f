package sprint

import (
	"time"
)

// DefaultBudget is the length of the whole stand-up round.
const DefaultBudget = 15 * time.Minute

// DefaultQuestions are the three stand-up questions; a team may set its own.
var DefaultQuestions = []string{
	"What did I do since the last stand-up toward the sprint goal?",
	"What will I do today?",
	"What blocks me?",
}

// Note is one member's answers for one day's stand-up, written ahead or in the round.
type Note struct {
	Member    string    `json:"member"`
	Date      Date      `json:"date"`
	Yesterday string    `json:"yesterday,omitempty"`
	Today     string    `json:"today,omitempty"`
	Blocker   string    `json:"blocker,omitempty"`
	Updated   time.Time `json:"updated"`
}

// Empty reports whether nothing was written.
func (n Note) Empty() bool { return n.Yesterday == "" && n.Today == "" && n.Blocker == "" }

// StandupStatus is where a day's round is.
type StandupStatus string

const (
	StandupRunning StandupStatus = "running"
	StandupPaused  StandupStatus = "paused"
	StandupEnded   StandupStatus = "ended"
)

// Turn is one speaker's slot in a round.
type Turn struct {
	Member  string        `json:"member"`
	Absent  bool          `json:"absent,omitempty"`
	Skipped bool          `json:"skipped,omitempty"`
	Spoke   time.Duration `json:"spoke,omitempty"`
}

// Standup is one day's round. The meeting state (current speaker and when they
// started) is stored, so every screen computes the same countdown from it.
type Standup struct {
	Date         Date          `json:"date"`
	Sprint       int           `json:"sprint,omitempty"`
	Status       StandupStatus `json:"status"`
	Budget       time.Duration `json:"budget"`
	Turns        []Turn        `json:"turns"`
	Current      int           `json:"current"`
	SpeakerSince time.Time     `json:"speaker_since"`
	Started      time.Time     `json:"started"`
	Ended        time.Time     `json:"ended,omitempty"`
}

// Present counts the members not marked absent.
func (s Standup) Present() int {
	n := 0
	for _, t := range s.Turns {
		if !t.Absent {
			n++
		}
	}
	return n
}

// Timebox is each present speaker's share of the budget.
func (s Standup) Timebox() time.Duration {
	p := s.Present()
	if p == 0 {
		return s.Budget
	}
	return s.Budget / time.Duration(p)
}

// Remaining is the current speaker's time left at now (negative when over).
func (s Standup) Remaining(now time.Time) time.Duration {
	return s.Timebox() - now.Sub(s.SpeakerSince)
}

// RotatedOrder returns handles rotated by the day number, so the first speaker
// changes from one day to the next.
func RotatedOrder(handles []string, day Date) []string {
	if len(handles) == 0 {
		return nil
	}
	shift := int(day.Time().Unix()/86400) % len(handles)
	out := make([]string, 0, len(handles))
	out = append(out, handles[shift:]...)
	return append(out, handles[:shift]...)
}
