package backlog

// Planning poker: the team estimates stories together. A session, opened by
// the lead on a list of stories, holds one round at a time; each person on
// the team (not a guest) picks a card; nobody sees a value until the round is
// revealed, which happens when everyone present has voted or when the lead
// says so. The rules here are pure: the store applies them in its writes.

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Deck is the set of cards a session votes with.
type Deck string

const (
	DeckFibonacci Deck = "fibonacci" // the points scale, plus ? and coffee
	DeckTShirt    Deck = "tshirt"    // XS..XL, mapped to points by the team's setting
)

// The cards that are not an estimate: "I cannot tell" and "I need a break".
const (
	CardUnsure = "?"
	CardCoffee = "coffee"
)

// ParseDeck accepts "fibonacci" (or "fib"), "tshirt" (or "t-shirt"); "" is Fibonacci.
func ParseDeck(s string) (Deck, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "fib", "fibonacci":
		return DeckFibonacci, nil
	case "tshirt", "t-shirt", "shirt", "sizes":
		return DeckTShirt, nil
	}
	return "", fmt.Errorf("unknown deck %q: use fibonacci or tshirt", s)
}

// TShirtSizes are the T-shirt deck's sizes, smallest first.
var TShirtSizes = [...]string{"XS", "S", "M", "L", "XL"}

// Cards lists the deck's cards in the order they are dealt (a key each on screen).
func (d Deck) Cards() []string {
	var out []string
	if d == DeckTShirt {
		out = append(out, TShirtSizes[:]...)
	} else {
		for _, p := range PointScale {
			out = append(out, strconv.Itoa(p))
		}
	}
	return append(out, CardUnsure, CardCoffee)
}

// Card reads what a person typed as one of the deck's cards: "5", "xs",
// "?", "coffee" (or "c").
func (d Deck) Card(s string) (string, error) {
	t := strings.TrimSpace(s)
	switch strings.ToLower(t) {
	case "c", "coffee", "☕", "break":
		return CardCoffee, nil
	}
	for _, c := range d.Cards() {
		if strings.EqualFold(c, t) {
			return c, nil
		}
	}
	return "", fmt.Errorf("%q is not a card of the %s deck (%s)", s, d, strings.Join(d.Cards(), " "))
}

// TShirtMap says how many points each T-shirt size is worth (a team setting).
type TShirtMap map[string]int

// DefaultTShirt is the mapping a team has until it sets its own.
func DefaultTShirt() TShirtMap { return TShirtMap{"XS": 1, "S": 2, "M": 3, "L": 5, "XL": 8} }

// ParseTShirtMap reads "XS=1,S=2,M=3,L=5,XL=8": every size, each on the points scale,
// growing with the size.
func ParseTShirtMap(s string) (TShirtMap, error) {
	m := TShirtMap{}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, fmt.Errorf("%q is not SIZE=POINTS (write it like XS=1,S=2,M=3,L=5,XL=8)", part)
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("%q: %q is not a number of points", part, v)
		}
		m[strings.ToUpper(strings.TrimSpace(k))] = n
	}
	return m, m.Validate()
}

// Validate checks that every size is mapped, on the scale, smallest to largest.
func (m TShirtMap) Validate() error {
	prev := -1
	for _, size := range TShirtSizes {
		p, ok := m[size]
		if !ok {
			return fmt.Errorf("the T-shirt mapping has no %s (it needs %s)", size, strings.Join(TShirtSizes[:], ", "))
		}
		if p == Unestimated || !ValidPoints(p) {
			return fmt.Errorf("%s=%d: points must be on the scale 0, 1, 2, 3, 5, 8, 13, 20, 40, 100", size, p)
		}
		if p < prev {
			return fmt.Errorf("%s=%d is less than the size below it", size, p)
		}
		prev = p
	}
	if len(m) != len(TShirtSizes) {
		return fmt.Errorf("the T-shirt mapping has sizes other than %s", strings.Join(TShirtSizes[:], ", "))
	}
	return nil
}

// String is the mapping as ParseTShirtMap reads it.
func (m TShirtMap) String() string {
	parts := make([]string, 0, len(TShirtSizes))
	for _, size := range TShirtSizes {
		parts = append(parts, fmt.Sprintf("%s=%d", size, m[size]))
	}
	return strings.Join(parts, ",")
}

// Points is what a card is worth; ok is false for ? and coffee.
func (d Deck) Points(card string, m TShirtMap) (int, bool) {
	if d == DeckTShirt {
		if m == nil {
			m = DefaultTShirt()
		}
		p, ok := m[card]
		return p, ok
	}
	p, err := strconv.Atoi(card)
	return p, err == nil && ValidPoints(p) && p != Unestimated
}

// CanVote says whether a member may vote in a round: guests only watch.
func CanVote(m Member) error {
	if !m.Role.CanWrite() {
		return Forbidden(m.Handle, m.Role, "vote in planning poker", RoleMember)
	}
	return nil
}

// ErrRoundRevealed is returned (wrapped) when a vote arrives after its round was revealed.
var ErrRoundRevealed = errors.New("the round is already revealed")

// PokerRound is one vote on one story: who voted, and after the reveal their
// cards, then what the lead accepted. Before the reveal it holds no card:
// the cards wait where no read can reach them (see the store).
type PokerRound struct {
	ID      int       `json:"id"`
	Story   int       `json:"story"`
	Session int       `json:"session,omitempty"` // 0: an async round outside any session
	Attempt int       `json:"attempt"`           // 1 for the first vote on the story, 2 after a re-vote...
	Deck    Deck      `json:"deck"`
	TShirt  TShirtMap `json:"tshirt,omitempty"`
	Started time.Time `json:"started"`
	// Voters are who have voted, sorted; everyone may see this much.
	Voters   []string          `json:"voters,omitempty"`
	Revealed time.Time         `json:"revealed,omitzero"`
	Votes    map[string]string `json:"votes,omitempty"` // handle -> card, set at reveal
	Ended    time.Time         `json:"ended,omitzero"`
	Outcome  RoundOutcome      `json:"outcome,omitempty"`
	Accepted int               `json:"accepted"` // points the lead accepted, Unestimated otherwise
}

// RoundOutcome is how a round ended.
type RoundOutcome string

const (
	OutcomeAccepted RoundOutcome = "accepted" // the lead accepted a value: the story's points
	OutcomeRevote   RoundOutcome = "revote"   // the team voted again
	OutcomeSkipped  RoundOutcome = "skipped"  // the session moved on without a value
)

// IsRevealed says whether the round's cards are open.
func (r PokerRound) IsRevealed() bool { return !r.Revealed.IsZero() }

// Open says whether the round still takes a decision (not ended).
func (r PokerRound) Open() bool { return r.Ended.IsZero() }

// HasVoted says whether handle has a card in the round.
func (r PokerRound) HasVoted(handle string) bool { return slices.Contains(r.Voters, handle) }

// AddVoter notes that handle has voted (once).
func (r *PokerRound) AddVoter(handle string) {
	if !r.HasVoted(handle) {
		r.Voters = append(r.Voters, handle)
		sort.Strings(r.Voters)
	}
}

// Spent is how long the round took (until now while it is open).
func (r PokerRound) Spent(now time.Time) time.Duration {
	end := r.Ended
	if end.IsZero() {
		end = now
	}
	return max(end.Sub(r.Started), 0)
}

// Waiting lists who the round waits for: the present people who may vote and
// have not. People who are not present are never waited for.
func (r PokerRound) Waiting(present []string, canVote func(handle string) bool) []string {
	var out []string
	for _, h := range present {
		if canVote(h) && !r.HasVoted(h) && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	sort.Strings(out)
	return out
}

// ShouldReveal says whether a round reveals by itself: someone who may vote
// is present, and nobody present who may vote is still to vote. With nobody
// present (huddle used from the command line alone) only the lead reveals.
func (r PokerRound) ShouldReveal(present []string, canVote func(handle string) bool) bool {
	if r.IsRevealed() || len(r.Voters) == 0 || !slices.ContainsFunc(present, canVote) {
		return false
	}
	return len(r.Waiting(present, canVote)) == 0
}

// Spread is what the revealed cards say.
type Spread struct {
	Low         int      `json:"low"`  // the lowest estimate (points); Unestimated when none
	High        int      `json:"high"` // the highest
	LowVoters   []string `json:"low_voters,omitempty"`
	HighVoters  []string `json:"high_voters,omitempty"`
	Estimates   int      `json:"estimates"`             // votes with a value
	Abstained   []string `json:"abstained,omitempty"`   // ? and coffee
	Agreed      bool     `json:"agreed"`                // every estimate was the same
	Suggested   int      `json:"suggested"`             // the most common estimate (the higher one on a tie); Unestimated when none
	Explanation string   `json:"explanation,omitempty"` // "ben 13, chen 3 — explain"
}

// SpreadOf reads a revealed round's cards.
func SpreadOf(r PokerRound) Spread {
	sp := Spread{Suggested: Unestimated, Low: Unestimated, High: Unestimated}
	count := map[int]int{}
	handles := make([]string, 0, len(r.Votes))
	for h := range r.Votes {
		handles = append(handles, h)
	}
	sort.Strings(handles)
	for _, h := range handles {
		p, ok := r.Deck.Points(r.Votes[h], r.TShirt)
		if !ok {
			sp.Abstained = append(sp.Abstained, h)
			continue
		}
		sp.Estimates++
		count[p]++
		switch {
		case sp.Low == Unestimated || p < sp.Low:
			sp.Low, sp.LowVoters = p, []string{h}
		case p == sp.Low:
			sp.LowVoters = append(sp.LowVoters, h)
		}
		switch {
		case sp.High == Unestimated || p > sp.High:
			sp.High, sp.HighVoters = p, []string{h}
		case p == sp.High:
			sp.HighVoters = append(sp.HighVoters, h)
		}
	}
	// The most common estimate; when several are as common, the upper median.
	var all []int
	best, ties := 0, 0
	for p, n := range count {
		for range n {
			all = append(all, p)
		}
		switch {
		case n > best:
			best, ties, sp.Suggested = n, 1, p
		case n == best:
			ties++
		}
	}
	if ties > 1 {
		sort.Ints(all)
		sp.Suggested = all[len(all)/2]
	}
	sp.Agreed = sp.Estimates > 1 && sp.Low == sp.High
	if sp.Estimates > 1 && !sp.Agreed {
		sp.Explanation = fmt.Sprintf("%s %s, %s %s — explain",
			strings.Join(sp.HighVoters, ", "), r.cardFor(sp.HighVoters[0]), strings.Join(sp.LowVoters, ", "), r.cardFor(sp.LowVoters[0]))
	}
	return sp
}

func (r PokerRound) cardFor(handle string) string { return r.Votes[handle] }

// PokerSession is an estimation meeting: the stories in the order they are
// estimated, the current one, its round, and an optional discussion timer
// that runs from the reveal.
type PokerSession struct {
	ID      int       `json:"id"`
	Lead    string    `json:"lead"`
	Deck    Deck      `json:"deck"`
	TShirt  TShirtMap `json:"tshirt,omitempty"`
	Stories []int     `json:"stories"`
	Current int       `json:"current"` // index into Stories
	Round   int       `json:"round"`   // the current story's open round
	Timer   int       `json:"timer_seconds,omitempty"`
	Started time.Time `json:"started"`
	Ended   time.Time `json:"ended,omitzero"`
}

// Running says whether the session is on.
func (s PokerSession) Running() bool { return s.ID != 0 && s.Ended.IsZero() }

// Story is the story on the table (0 when the list is done).
func (s PokerSession) Story() int {
	if s.Current < 0 || s.Current >= len(s.Stories) {
		return 0
	}
	return s.Stories[s.Current]
}

// DiscussionLeft is what is left of the discussion timer of a round revealed
// at revealed (ok false when there is no timer or the round is not revealed).
func (s PokerSession) DiscussionLeft(revealed, now time.Time) (time.Duration, bool) {
	if s.Timer <= 0 || revealed.IsZero() {
		return 0, false
	}
	return time.Duration(s.Timer)*time.Second - now.Sub(revealed), true
}

// ToEstimate picks a session's default stories: from the backlog in order,
// the ones not estimated or labelled "re-estimate", at most n.
func ToEstimate(ordered []Story, n int) []int {
	var out []int
	for _, s := range ordered {
		if len(out) == n {
			break
		}
		if s.Status == StatusBacklog && (!s.Estimated() || slices.Contains(s.Labels, LabelReestimate)) {
			out = append(out, s.ID)
		}
	}
	return out
}

// LabelReestimate marks an estimated story the team wants to estimate again.
const LabelReestimate = "re-estimate"

// PokerSummary is what a session did.
type PokerSummary struct {
	Stories     int           `json:"stories_estimated"`
	Points      int           `json:"points_added"`
	Rounds      int           `json:"rounds"`
	Time        time.Duration `json:"time_ns"`
	PerStory    time.Duration `json:"time_per_story_ns"`
	FirstAgreed int           `json:"first_vote_agreed"` // stories whose first round agreed
}

// AgreementRate is the share of estimated stories whose first vote agreed (0..1).
func (s PokerSummary) AgreementRate() float64 {
	if s.Stories == 0 {
		return 0
	}
	return float64(s.FirstAgreed) / float64(s.Stories)
}

// Summarize adds up rounds (of one session, or any set of rounds).
func Summarize(rounds []PokerRound, now time.Time) PokerSummary {
	var sum PokerSummary
	first := map[int]PokerRound{}
	estimated := map[int]bool{}
	for _, r := range rounds {
		sum.Rounds++
		sum.Time += r.Spent(now)
		if f, ok := first[r.Story]; !ok || r.Attempt < f.Attempt {
			first[r.Story] = r
		}
		if r.Outcome == OutcomeAccepted && !estimated[r.Story] {
			estimated[r.Story] = true
			sum.Stories++
			sum.Points += max(r.Accepted, 0)
		}
	}
	for id := range estimated {
		if f := first[id]; f.IsRevealed() && SpreadOf(f).Agreed {
			sum.FirstAgreed++
		}
	}
	if sum.Stories > 0 {
		sum.PerStory = sum.Time / time.Duration(sum.Stories)
	}
	return sum
}
