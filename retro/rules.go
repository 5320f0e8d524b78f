package retro

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ParsePhase accepts a phase name (case-insensitive).
func ParsePhase(s string) (Phase, error) {
	p := Phase(strings.ToLower(strings.TrimSpace(s)))
	if p.index() < 0 {
		names := make([]string, len(Phases))
		for i, q := range Phases {
			names[i] = string(q)
		}
		return "", fmt.Errorf("unknown retro phase %q: use %s", s, strings.Join(names, ", "))
	}
	return p, nil
}

// Prev is the phase before p (write stays write).
func (p Phase) Prev() Phase {
	if i := p.index(); i > 0 {
		return Phases[i-1]
	}
	return PhaseWrite
}

// Before says whether p comes earlier in the meeting than q.
func (p Phase) Before(q Phase) bool { return p.index() < q.index() }

// MaxBudget caps a board's dot votes per person.
const MaxBudget = 20

// Validate checks a board's settings.
func (b Board) Validate() error {
	if _, err := ParseTemplate(string(b.Template)); err != nil {
		return err
	}
	if b.VoteBudget < 1 || b.VoteBudget > MaxBudget {
		return fmt.Errorf("the vote budget must be 1 to %d dots, not %d", MaxBudget, b.VoteBudget)
	}
	if b.MaxPerCard < 1 || b.MaxPerCard > b.VoteBudget {
		return fmt.Errorf("the most dots on one card must be 1 to %d, not %d", b.VoteBudget, b.MaxPerCard)
	}
	return nil
}

// ErrCardsClosed is returned for card changes once voting has begun.
var ErrCardsClosed = errors.New("cards are closed: the board is past grouping")

// CanWriteCard says whether new cards may be added in the board's phase:
// any time until voting starts.
func (b Board) CanWriteCard() error {
	if !b.Phase.Before(PhaseVote) {
		return fmt.Errorf("the retro is in its %s phase; cards are written before the vote", b.Phase)
	}
	return nil
}

// CanEditCard says whether who may change or delete card: only its author, and
// only before voting starts.
func (b Board) CanEditCard(card Card, who string) error {
	if card.Author != who {
		return fmt.Errorf("card %d is not yours; only its author can change it", card.ID)
	}
	if card.Merged != 0 {
		return fmt.Errorf("card %d was grouped under card %d; it can no longer be changed", card.ID, card.Merged)
	}
	return b.CanWriteCard()
}

// CanMerge says whether card child may be grouped under card parent: in the
// group phase only, both on this board and standing on their own.
func (b Board) CanMerge(child, parent Card) error {
	switch {
	case b.Phase != PhaseGroup:
		return fmt.Errorf("cards are grouped in the group phase (now: %s)", b.Phase)
	case child.ID == parent.ID:
		return fmt.Errorf("card %d cannot be grouped under itself", child.ID)
	case child.Sprint != b.Sprint || parent.Sprint != b.Sprint:
		return fmt.Errorf("both cards must be on the retro of sprint #%d", b.Sprint)
	case child.Merged != 0:
		return fmt.Errorf("card %d is already grouped under card %d", child.ID, child.Merged)
	case parent.Merged != 0:
		return fmt.Errorf("card %d is grouped under card %d; group under that one", parent.ID, parent.Merged)
	}
	return nil
}

// CanUngroup says whether card child may stand on its own again: in the
// group phase only, and only a card that is grouped under another.
func (b Board) CanUngroup(child Card) error {
	switch {
	case b.Phase != PhaseGroup:
		return fmt.Errorf("cards are ungrouped in the group phase (now: %s)", b.Phase)
	case child.Sprint != b.Sprint:
		return fmt.Errorf("card %d is not on the retro of sprint #%d", child.ID, b.Sprint)
	case child.Merged == 0:
		return fmt.Errorf("card %d is not grouped under another card", child.ID)
	}
	return nil
}

// CanVoteOn is CanVote plus the card checks: a grouped card's votes go to the
// card it was grouped under.
func (b Board) CanVoteOn(cards []Card, card Card, voter string) error {
	if card.Merged != 0 {
		return fmt.Errorf("card %d is grouped under card %d; vote on that one", card.ID, card.Merged)
	}
	return b.CanVote(cards, card, voter)
}

// CanUnvote says whether voter may take one dot back from card.
func (b Board) CanUnvote(card Card, voter string) error {
	switch {
	case b.Phase != PhaseVote:
		return fmt.Errorf("votes change only in the vote phase (now: %s)", b.Phase)
	case card.Votes[voter] == 0:
		return fmt.Errorf("you have no vote on card %d", card.ID)
	}
	return nil
}

// VotesCast says whether anyone has voted on any of cards.
func VotesCast(cards []Card) bool {
	for _, c := range cards {
		if c.TotalVotes() > 0 {
			return true
		}
	}
	return false
}

// CardView is a card as one viewer may see it: the text is empty while it is
// hidden; on an anonymous board the author is empty and the votes are only a
// count (Votes is nil), so nothing ties a card or a dot to a person.
type CardView struct {
	Card
	Hidden bool `json:"hidden,omitempty"`
	Mine   bool `json:"-"`
	// Count is the card's dots; MyVotes the viewer's own among them.
	Count   int `json:"vote_count"`
	MyVotes int `json:"my_votes,omitempty"`
	// Grouped are the texts of the cards grouped under this one, and
	// GroupedIDs their IDs (same order), to ungroup one.
	Grouped    []string `json:"grouped,omitempty"`
	GroupedIDs []int    `json:"grouped_ids,omitempty"`
}

// TotalVotes is the card's dots as the viewer may know them.
func (v CardView) TotalVotes() int { return v.Count }

// Visible applies the board's visibility and anonymity to cards for viewer
// ("" for nobody in particular, as in an export; on an anonymous board the
// viewer's seat, see Seat): in the write phase the viewer sees only their own
// cards' text; on an anonymous board no author and no voter is kept. Cards
// grouped under another are folded into it. Order is by ID.
func Visible(b Board, cards []Card, viewer string) []CardView {
	byID := map[int]int{}
	var out []CardView
	sorted := slices.Clone(cards)
	slices.SortFunc(sorted, func(x, y Card) int { return cmp.Compare(x.ID, y.ID) })
	for _, c := range sorted {
		if c.Sprint != b.Sprint || c.Merged != 0 {
			continue
		}
		v := CardView{Card: c, Mine: viewer != "" && c.Author == viewer, Count: c.TotalVotes()}
		if viewer != "" {
			v.MyVotes = c.Votes[viewer]
		}
		v.Votes = cloneVotes(c.Votes)
		if !c.VisibleTo(viewer, b.Phase) || (viewer == "" && b.Phase == PhaseWrite) {
			v.Hidden, v.Text, v.Votes, v.Count, v.Author = true, "", nil, 0, ""
		}
		if b.Anonymous {
			v.Author, v.Votes = "", nil
		}
		byID[c.ID] = len(out)
		out = append(out, v)
	}
	for _, c := range sorted {
		if c.Merged == 0 || c.Sprint != b.Sprint {
			continue
		}
		if i, ok := byID[c.Merged]; ok && !out[i].Hidden {
			out[i].Grouped = append(out[i].Grouped, c.Text)
			out[i].GroupedIDs = append(out[i].GroupedIDs, c.ID)
		}
	}
	return out
}

// SeatPrefix starts the name a person has on an anonymous board: a keyed
// hash of their handle that only the board's secret links back to them (the
// store keeps the secret, never shows it, and drops it when the retro is
// done). Handles cannot contain ':', so a seat is never a handle.
const SeatPrefix = "anon:"

// Anonymized is how a card on an anonymous board may be shown to anyone, and
// how it is kept once its retro is done: no author, and its dots as one count
// that belongs to nobody.
func (c Card) Anonymized() Card {
	c.Author = ""
	if n := c.TotalVotes(); n > 0 {
		c.Votes = map[string]int{"anonymous": n}
	} else {
		c.Votes = nil
	}
	return c
}

func cloneVotes(m map[string]int) map[string]int {
	if m == nil {
		return nil
	}
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// ByVotes orders cards for the discussion: most votes first, then oldest.
func ByVotes(cards []CardView) []CardView {
	out := slices.Clone(cards)
	slices.SortStableFunc(out, func(x, y CardView) int {
		if c := cmp.Compare(y.TotalVotes(), x.TotalVotes()); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return out
}

// TimerLeft is how long the discussion timer has left at now (ok false when no timer runs).
func (b Board) TimerLeft(now time.Time) (left time.Duration, ok bool) {
	if b.TimerMinutes <= 0 || b.TimerStarted.IsZero() {
		return 0, false
	}
	return b.TimerStarted.Add(time.Duration(b.TimerMinutes) * time.Minute).Sub(now), true
}

// MaxTimerMinutes caps the discussion timer.
const MaxTimerMinutes = 120

// ParseActionStatus accepts done, carried or dropped (the answers at the next retro).
func ParseActionStatus(s string) (ActionStatus, error) {
	switch st := ActionStatus(strings.ToLower(strings.TrimSpace(s))); st {
	case ActionDone, ActionCarried, ActionDropped:
		return st, nil
	case "carry":
		return ActionCarried, nil
	case "drop":
		return ActionDropped, nil
	}
	return "", fmt.Errorf("unknown action status %q: use done, carried or dropped", s)
}

// Review records what became of action a at the retro of sprint atSprint:
// done, carried (it stays open into the following sprint and is asked about
// again at the next retro) or dropped. Only actions from an earlier retro that
// are still open or carried can be reviewed.
func Review(a Action, status ActionStatus, atSprint int) (Action, error) {
	if _, err := ParseActionStatus(string(status)); err != nil {
		return a, err
	}
	switch {
	case a.Sprint >= atSprint:
		return a, ReviewedLaterError{Action: a.ID, Agreed: a.Sprint}
	case a.Status == ActionDone || a.Status == ActionDropped:
		return a, fmt.Errorf("action %d is already %s", a.ID, a.Status)
	}
	a.Status, a.Reviewed = status, atSprint
	if status == ActionCarried && a.Due <= atSprint {
		a.Due = atSprint + 1
	}
	return a, nil
}

// ReviewedLaterError refuses an answer about an action at the retro that
// agreed it (or an earlier one): it is answered at a later sprint's retro.
type ReviewedLaterError struct {
	Action int // the action's ID
	Agreed int // the sprint whose retro agreed it
}

// Sprint is the first sprint whose retro may answer the action.
func (e ReviewedLaterError) Sprint() int { return e.Agreed + 1 }

func (e ReviewedLaterError) Error() string {
	return fmt.Sprintf("action %d was agreed at the retro of sprint #%d; it is reviewed at the retro of sprint #%d or later", e.Action, e.Agreed, e.Sprint())
}

// PendingReview lists the actions the retro of sprint atSprint opens with:
// those from earlier retros that are still open, or were carried at an
// earlier retro than this one. Oldest first.
func PendingReview(actions []Action, atSprint int) []Action {
	var out []Action
	for _, a := range actions {
		if a.Sprint >= atSprint {
			continue
		}
		if a.Status == ActionOpen || (a.Status == ActionCarried && a.Reviewed < atSprint) {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(x, y Action) int { return cmp.Compare(x.ID, y.ID) })
	return out
}

// ReviewedAt lists the actions already answered at the retro of sprint atSprint.
func ReviewedAt(actions []Action, atSprint int) []Action {
	var out []Action
	for _, a := range actions {
		if a.Reviewed == atSprint && a.Sprint < atSprint {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(x, y Action) int { return cmp.Compare(x.ID, y.ID) })
	return out
}

// ActionWarning is the nudge shown once a retro has agreed more than one or two actions.
func ActionWarning(n int) string {
	if n < TooManyActions {
		return ""
	}
	return fmt.Sprintf("%d actions: a retro should agree one or two, so they get done", n)
}

// LeadsWithAgreed says whether a new action's story goes after story, walking
// the backlog from the top: it does while story is the story of an action
// already agreed at the same retro (agreed). So the actions of one retro lead
// the backlog in the order they were agreed, not the reverse.
func LeadsWithAgreed(story int, agreed []Action) bool {
	for _, a := range agreed {
		if a.Story == story && a.Story != 0 {
			return true
		}
	}
	return false
}

// SettlesStory says whether an action answered with status is over, so its
// backlog story should not stay near the top: done and dropped actions are,
// carried ones are not. The lead is asked before the story is taken off.
func SettlesStory(status ActionStatus) bool {
	return status == ActionDone || status == ActionDropped
}
