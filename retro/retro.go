// Package retro holds the end of the sprint loop: review feedback, the
// retrospective board with its phases and dot votes, and the actions that carry
// into the next sprint. It is pure Go: no I/O, time is passed in.
package retro

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Template names the columns of a retro board.
type Template string

const (
	TemplateWellImprove Template = "well-improve" // Went well / To improve / Ideas (default)
	TemplateStartStop   Template = "start-stop"   // Start / Stop / Continue
	TemplateMadSadGlad  Template = "mad-sad-glad" // Mad / Sad / Glad
	Template4Ls         Template = "4ls"          // Liked / Learned / Lacked / Longed for
)

// Columns lists a template's column headings. No column is called anything
// like "Actions": the actions a retro agrees are their own list beside the
// cards (ColumnCollides). The well-improve board's third column was "Actions"
// until its cards were mistaken for agreed actions; it is "Ideas" now, and
// cards in it keep their column number, so older boards read the same.
func (t Template) Columns() []string {
	switch t {
	case TemplateStartStop:
		return []string{"Start", "Stop", "Continue"}
	case TemplateMadSadGlad:
		return []string{"Mad", "Sad", "Glad"}
	case Template4Ls:
		return []string{"Liked", "Learned", "Lacked", "Longed for"}
	}
	return []string{"Went well", "To improve", "Ideas"}
}

// ParseTemplate accepts a template name; empty means the default.
func ParseTemplate(s string) (Template, error) {
	switch t := Template(strings.ToLower(strings.TrimSpace(s))); t {
	case "":
		return TemplateWellImprove, nil
	case TemplateWellImprove, TemplateStartStop, TemplateMadSadGlad, Template4Ls:
		return t, nil
	}
	return "", fmt.Errorf("unknown retro template %q: use well-improve, start-stop, mad-sad-glad or 4ls", s)
}

// Phase is a step of the retrospective meeting, moved through by the lead.
type Phase string

const (
	PhaseWrite   Phase = "write"
	PhaseReveal  Phase = "reveal"
	PhaseGroup   Phase = "group"
	PhaseVote    Phase = "vote"
	PhaseDiscuss Phase = "discuss"
	PhaseActions Phase = "actions"
	PhaseDone    Phase = "done"
)

// Phases in meeting order.
var Phases = []Phase{PhaseWrite, PhaseReveal, PhaseGroup, PhaseVote, PhaseDiscuss, PhaseActions, PhaseDone}

func (p Phase) index() int {
	for i, q := range Phases {
		if q == p {
			return i
		}
	}
	return -1
}

// Next is the phase after p (done stays done).
func (p Phase) Next() Phase {
	i := p.index()
	if i < 0 || i == len(Phases)-1 {
		return PhaseDone
	}
	return Phases[i+1]
}

// CanMoveTo says whether the board may go from p to q: forward freely, backward
// only while no votes are cast (moving back would make votes meaningless).
func (p Phase) CanMoveTo(q Phase, votesCast bool) error {
	if q.index() < 0 {
		return fmt.Errorf("unknown phase %q", q)
	}
	if q.index() < p.index() && votesCast && p.index() >= PhaseVote.index() {
		return fmt.Errorf("votes are cast; the board cannot go back from %s to %s", p, q)
	}
	return nil
}

// Board is one sprint's retrospective.
type Board struct {
	Sprint     int      `json:"sprint"`
	Template   Template `json:"template"`
	Phase      Phase    `json:"phase"`
	Anonymous  bool     `json:"anonymous,omitempty"`
	VoteBudget int      `json:"vote_budget"`
	MaxPerCard int      `json:"max_per_card"`
	// The optional discussion timer: minutes, and when the lead started it.
	TimerMinutes int       `json:"timer_minutes,omitempty"`
	TimerStarted time.Time `json:"timer_started,omitempty"`
}

// NewBoard makes a board with the default vote rules (3 dots, at most 2 on one card).
func NewBoard(sprintID int, t Template) Board {
	return Board{Sprint: sprintID, Template: t, Phase: PhaseWrite, VoteBudget: 3, MaxPerCard: 2}
}

// Card is one sticky note on the board.
type Card struct {
	ID      int            `json:"id"`
	Sprint  int            `json:"sprint"`
	Column  int            `json:"column"`
	Text    string         `json:"text"`
	Author  string         `json:"author"`
	Votes   map[string]int `json:"votes,omitempty"` // voter handle -> dots
	Created time.Time      `json:"created"`
	// Merged is the card this one was grouped under (0: it stands on its own).
	Merged int `json:"merged,omitempty"`
}

// TotalVotes sums a card's dots.
func (c Card) TotalVotes() int {
	n := 0
	for _, v := range c.Votes {
		n += v
	}
	return n
}

// VisibleTo says whether viewer may read the card's text in phase p: while
// writing, people see only their own cards.
func (c Card) VisibleTo(viewer string, p Phase) bool {
	return p != PhaseWrite || c.Author == viewer
}

// VotesLeft is how many dots voter still has on the board.
func (b Board) VotesLeft(cards []Card, voter string) int {
	used := 0
	for _, c := range cards {
		used += c.Votes[voter]
	}
	return b.VoteBudget - used
}

// CanVote says whether voter may put one more dot on card.
func (b Board) CanVote(cards []Card, card Card, voter string) error {
	switch {
	case b.Phase != PhaseVote:
		return fmt.Errorf("voting is open only in the vote phase (now: %s)", b.Phase)
	case b.VotesLeft(cards, voter) <= 0:
		return fmt.Errorf("no votes left (%d used)", b.VoteBudget)
	case card.Votes[voter] >= b.MaxPerCard:
		return fmt.Errorf("at most %d votes on one card", b.MaxPerCard)
	}
	return nil
}

// ErrEmptyCard is returned for a card with no text.
var ErrEmptyCard = errors.New("a card needs some text")

// ActionStatus is what became of an action at the next retro.
type ActionStatus string

const (
	ActionOpen    ActionStatus = "open"
	ActionDone    ActionStatus = "done"
	ActionCarried ActionStatus = "carried"
	ActionDropped ActionStatus = "dropped"
)

// Action is a concrete improvement agreed at a retro; it enters the next sprint as a story.
type Action struct {
	ID      int          `json:"id"`
	Sprint  int          `json:"sprint"` // the retro it came from
	Text    string       `json:"text"`
	Owner   string       `json:"owner,omitempty"`
	Due     int          `json:"due,omitempty"` // sprint it should be done in
	Story   int          `json:"story,omitempty"`
	Status  ActionStatus `json:"status"`
	Created time.Time    `json:"created"`
	// Reviewed is the sprint whose retro last asked about this action (0: not yet).
	Reviewed int `json:"reviewed,omitempty"`
}

// ActionLabel is the label of the backlog story an action becomes.
const ActionLabel = "retro-action"

// TooManyActions is the count past which the screen warns: a retro should agree one or two.
const TooManyActions = 3

// Feedback is a stakeholder's remark at the sprint review.
type Feedback struct {
	ID      int       `json:"id"`
	Sprint  int       `json:"sprint"`
	Text    string    `json:"text"`
	From    string    `json:"from,omitempty"`
	Story   int       `json:"story,omitempty"` // the backlog story it became or was attached to
	Created time.Time `json:"created"`
	// Author is who recorded it (a team member; From is the stakeholder).
	Author string `json:"author,omitempty"`
	// Converted says Story was created from this feedback (false: attached to an existing one).
	Converted bool `json:"converted,omitempty"`
}

// ActionsListTitle is the heading of the list of agreed actions beside the cards.
const ActionsListTitle = "Actions agreed"

// ColumnCollides says whether a card column's heading could be read as the
// list of agreed actions.
func ColumnCollides(heading string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(heading)), "action")
}
