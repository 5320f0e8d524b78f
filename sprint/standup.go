package sprint

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// DefaultBudget is the length of the whole stand-up round.
const DefaultBudget = 15 * time.Minute

// Limits on the round's settings: a budget between one minute and an hour, a
// fixed timebox between ten seconds and fifteen minutes.
const (
	MinBudget  = time.Minute
	MaxBudget  = time.Hour
	MinTimebox = 10 * time.Second
	MaxTimebox = 15 * time.Minute
	// WarnShare is the share of a speaker's timebox left when the countdown turns to a warning.
	WarnShare = 0.2
	// MaxQuestion caps one question's length.
	MaxQuestion = 120
)

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

// Answers are the note's three answers in question order.
func (n Note) Answers() [3]string { return [3]string{n.Yesterday, n.Today, n.Blocker} }

// Order is how a round's speaking order is chosen.
type Order string

const (
	OrderRotate Order = "rotate" // the team's order, shifted by one each day
	OrderRandom Order = "random" // shuffled each day
)

// ParseOrder accepts "rotate" or "random".
func ParseOrder(s string) (Order, error) {
	switch o := Order(strings.ToLower(strings.TrimSpace(s))); o {
	case OrderRotate, OrderRandom:
		return o, nil
	case "":
		return OrderRotate, nil
	}
	return "", fmt.Errorf("unknown speaking order %q: use rotate or random", s)
}

// StandupSettings are the team's stand-up rules.
type StandupSettings struct {
	// Questions are the three questions; empty means DefaultQuestions.
	Questions []string `json:"questions,omitempty"`
	// Budget is the whole round; zero means DefaultBudget.
	Budget time.Duration `json:"budget,omitempty"`
	// Timebox is a fixed time per speaker; zero divides the budget among those present.
	Timebox time.Duration `json:"timebox,omitempty"`
	// Order is rotate (default) or random.
	Order Order `json:"order,omitempty"`
	// Bell rings the terminal bell when a speaker's time runs out.
	Bell bool `json:"bell,omitempty"`
}

// WithDefaults fills the unset settings.
func (s StandupSettings) WithDefaults() StandupSettings {
	if len(s.Questions) != 3 {
		s.Questions = append([]string(nil), DefaultQuestions...)
	}
	if s.Budget == 0 {
		s.Budget = DefaultBudget
	}
	if s.Order == "" {
		s.Order = OrderRotate
	}
	return s
}

// Validate checks the settings people typed.
func (s StandupSettings) Validate() error {
	if len(s.Questions) != 0 && len(s.Questions) != 3 {
		return fmt.Errorf("a stand-up has three questions, not %d", len(s.Questions))
	}
	for i, q := range s.Questions {
		if strings.TrimSpace(q) == "" {
			return fmt.Errorf("question %d is empty", i+1)
		}
		if n := len([]rune(q)); n > MaxQuestion {
			return fmt.Errorf("question %d is %d characters; at most %d", i+1, n, MaxQuestion)
		}
	}
	if s.Budget != 0 && (s.Budget < MinBudget || s.Budget > MaxBudget) {
		return fmt.Errorf("the round's budget must be between %s and %s, not %s", MinBudget, MaxBudget, s.Budget)
	}
	if s.Timebox != 0 && (s.Timebox < MinTimebox || s.Timebox > MaxTimebox) {
		return fmt.Errorf("a speaker's timebox must be between %s and %s, not %s", MinTimebox, MaxTimebox, s.Timebox)
	}
	if _, err := ParseOrder(string(s.Order)); err != nil {
		return err
	}
	return nil
}

// StandupStatus is where a day's round is.
type StandupStatus string

const (
	StandupReady   StandupStatus = "ready"   // started: roll call and order, before the first speaker
	StandupRunning StandupStatus = "running" // someone is speaking
	StandupPaused  StandupStatus = "paused"  // the clock is stopped
	StandupEnded   StandupStatus = "ended"   // over; the summary is kept
)

// TurnState is where one speaker's turn is.
type TurnState string

const (
	TurnWaiting  TurnState = "waiting"
	TurnSpeaking TurnState = "speaking"
	TurnSpoke    TurnState = "spoke"
	TurnSkipped  TurnState = "skipped"
	TurnAbsent   TurnState = "absent"
	TurnLeft     TurnState = "left" // removed from the team during the round
)

// Turn is one speaker's slot in a round.
type Turn struct {
	Member  string        `json:"member"`
	State   TurnState     `json:"state"`
	Late    bool          `json:"late,omitempty"`    // added after the round began
	Spoke   time.Duration `json:"spoke,omitempty"`   // total time speaking (over every visit)
	Overrun time.Duration `json:"overrun,omitempty"` // how far past the timebox
}

// Absent reports whether the member was marked absent.
func (t Turn) Absent() bool { return t.State == TurnAbsent }

// Blocker is a parking-lot item: raised in the round, taken after it by the
// people involved, resolved later.
type Blocker struct {
	ID         int       `json:"id"`
	Text       string    `json:"text"`
	RaisedBy   string    `json:"raised_by"`
	Task       int       `json:"task,omitempty"`
	Flagged    bool      `json:"flagged,omitempty"` // parking it flagged Task blocked
	Helper     string    `json:"helper,omitempty"`
	Raised     time.Time `json:"raised"`
	Resolved   time.Time `json:"resolved,omitempty"`
	ResolvedBy string    `json:"resolved_by,omitempty"`
}

// Open reports whether the blocker still waits for someone.
func (b Blocker) Open() bool { return b.Resolved.IsZero() }

// Standup is one day's round. The meeting state (current speaker and when they
// started) is stored, so every screen computes the same countdown from it.
//
// Times: SpeakerSince is when the current speaker's clock started, shifted
// forward by every pause, so a speaker's elapsed time is always now minus
// SpeakerSince (or PausedAt minus SpeakerSince while paused). Started is when
// the first speaker began; PausedFor adds up every pause of the round.
type Standup struct {
	Date         Date          `json:"date"`
	Sprint       int           `json:"sprint,omitempty"`
	Status       StandupStatus `json:"status"`
	Budget       time.Duration `json:"budget"`
	FixedTimebox time.Duration `json:"fixed_timebox,omitempty"`
	Order        Order         `json:"order,omitempty"`
	Turns        []Turn        `json:"turns"`
	Current      int           `json:"current"` // index into Turns; -1 when nobody speaks
	SpeakerSince time.Time     `json:"speaker_since,omitzero"`
	Opened       time.Time     `json:"opened"`           // when the lead opened the round
	Started      time.Time     `json:"started,omitzero"` // when the first speaker began
	PausedAt     time.Time     `json:"paused_at,omitzero"`
	PausedFor    time.Duration `json:"paused_for,omitempty"`
	Ended        time.Time     `json:"ended,omitzero"`
	Updated      time.Time     `json:"updated"`
	// ClosedLate says the round was left running and closed the next day with what it had.
	ClosedLate bool      `json:"closed_late,omitempty"`
	Parking    []Blocker `json:"parking,omitempty"`
	NextID     int       `json:"next_id,omitempty"` // last parking-lot ID handed out
}

// Round errors.
var (
	ErrRoundEnded     = errors.New("today's stand-up has ended")
	ErrRoundNotBegun  = errors.New("the round has not begun: start the first speaker")
	ErrNobodyPresent  = errors.New("everyone is marked absent: mark someone present, or end the round")
	ErrNotInRound     = errors.New("not in this round")
	ErrAlreadyStarted = errors.New("the first speaker has begun; add latecomers instead")
)

// notInRoundError names the member who is not in the round; it is ErrNotInRound.
type notInRoundError string

func (e notInRoundError) Error() string { return fmt.Sprintf("%s is not in this round", string(e)) }
func (e notInRoundError) Unwrap() error { return ErrNotInRound }

func notInRound(member string) error { return notInRoundError(member) }

// NewStandup opens day's round with members in speaking order; absent members
// are marked so. The round starts in roll call (StandupReady): the lead can
// still mark people absent and move them before the first speaker.
func NewStandup(day Date, sprintID int, order []string, absent []string, set StandupSettings, now time.Time) Standup {
	set = set.WithDefaults()
	s := Standup{Date: day, Sprint: sprintID, Status: StandupReady, Budget: set.Budget, FixedTimebox: set.Timebox,
		Order: set.Order, Current: -1, Opened: now, Updated: now}
	away := map[string]bool{}
	for _, a := range absent {
		away[a] = true
	}
	for _, m := range order {
		st := TurnWaiting
		if away[m] {
			st = TurnAbsent
		}
		s.Turns = append(s.Turns, Turn{Member: m, State: st})
	}
	return s
}

// SpeakingOrder is the day's order of handles: rotated by the day, or shuffled
// with a seed from the day so every screen and a re-start agree.
func SpeakingOrder(handles []string, day Date, o Order) []string {
	if o == OrderRandom {
		out := append([]string(nil), handles...)
		seed := uint64(day.Time().Unix())
		r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
		r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out
	}
	return RotatedOrder(handles, day)
}

// Present counts the members not marked absent (nor gone from the team).
func (s Standup) Present() int {
	n := 0
	for _, t := range s.Turns {
		if t.State != TurnAbsent && t.State != TurnLeft {
			n++
		}
	}
	return n
}

// Timebox is each present speaker's share of the budget, or the fixed timebox.
func (s Standup) Timebox() time.Duration {
	if s.FixedTimebox > 0 {
		return s.FixedTimebox
	}
	p := s.Present()
	if p == 0 {
		return s.Budget
	}
	return (s.Budget / time.Duration(p)).Truncate(time.Second)
}

// Live reports whether the round is open (not ended).
func (s Standup) Live() bool { return s.Status != StandupEnded && s.Status != "" }

// Speaker is the current turn, if someone is speaking.
func (s Standup) Speaker() (Turn, bool) {
	if s.Current < 0 || s.Current >= len(s.Turns) || (s.Status != StandupRunning && s.Status != StandupPaused) {
		return Turn{}, false
	}
	return s.Turns[s.Current], true
}

// clock is the time the round's clocks read at now: frozen while paused, and
// never before the speaker's start (a clock that jumps back reads zero).
func (s Standup) clock(now time.Time) time.Time {
	if s.Status == StandupPaused && !s.PausedAt.IsZero() {
		return s.PausedAt
	}
	return now
}

// SpeakerElapsed is how long the current speaker has spoken in this visit.
func (s Standup) SpeakerElapsed(now time.Time) time.Duration {
	if _, ok := s.Speaker(); !ok {
		return 0
	}
	return max(s.clock(now).Sub(s.SpeakerSince), 0)
}

// Remaining is the current speaker's time left at now (negative when over).
// Time the same speaker already had in an earlier visit counts against it.
func (s Standup) Remaining(now time.Time) time.Duration {
	t, ok := s.Speaker()
	if !ok {
		return s.Timebox()
	}
	return s.Timebox() - t.Spoke - s.SpeakerElapsed(now)
}

// Warning reports whether the speaker is in the last 20% of the timebox.
func (s Standup) Warning(now time.Time) bool {
	r := s.Remaining(now)
	return r >= 0 && float64(r) <= WarnShare*float64(s.Timebox())
}

// Elapsed is the round's running time: from the first speaker, minus pauses.
func (s Standup) Elapsed(now time.Time) time.Duration {
	if s.Started.IsZero() {
		return 0
	}
	end := s.clock(now)
	if s.Status == StandupEnded {
		end = s.Ended
	}
	return max(end.Sub(s.Started)-s.PausedFor, 0)
}

// Begin starts the first present speaker.
func (s *Standup) Begin(now time.Time) error {
	switch s.Status {
	case StandupEnded:
		return ErrRoundEnded
	case StandupRunning, StandupPaused:
		return nil
	}
	i := s.nextWaiting(-1)
	if i < 0 {
		return ErrNobodyPresent
	}
	s.Status, s.Started, s.PausedFor = StandupRunning, now, 0
	s.speak(i, now)
	return nil
}

func (s *Standup) speak(i int, now time.Time) {
	s.Current = i
	s.Turns[i].State = TurnSpeaking
	s.SpeakerSince = now
	s.Updated = now
}

// finishTurn closes the current speaker's visit with state st, recording the
// time spoken and any overrun.
func (s *Standup) finishTurn(now time.Time, st TurnState) {
	if s.Current < 0 || s.Current >= len(s.Turns) {
		return
	}
	t := &s.Turns[s.Current]
	if t.State == TurnSpeaking {
		t.Spoke += s.SpeakerElapsed(now)
		t.Overrun = max(t.Spoke-s.Timebox(), 0)
		t.State = st
	}
	s.Current = -1
}

// nextWaiting is the first waiting turn after index from.
func (s Standup) nextWaiting(from int) int {
	for i := from + 1; i < len(s.Turns); i++ {
		if s.Turns[i].State == TurnWaiting {
			return i
		}
	}
	return -1
}

func (s *Standup) running() error {
	switch s.Status {
	case StandupEnded:
		return ErrRoundEnded
	case StandupReady, "":
		return ErrRoundNotBegun
	}
	return nil
}

// Next ends the current turn and gives the word to the next waiting member.
// After the last one the round ends. From roll call it begins the round.
func (s *Standup) Next(now time.Time) error {
	if s.Status == StandupReady {
		return s.Begin(now)
	}
	return s.advance(now, TurnSpoke)
}

// Skip passes over the current speaker (they may come back with Previous).
func (s *Standup) Skip(now time.Time) error { return s.advance(now, TurnSkipped) }

func (s *Standup) advance(now time.Time, st TurnState) error {
	if err := s.running(); err != nil {
		return err
	}
	s.resumeClock(now)
	from := s.Current
	s.finishTurn(now, st)
	if i := s.nextWaiting(from); i >= 0 {
		s.speak(i, now)
		return nil
	}
	if i := s.nextWaiting(-1); i >= 0 { // someone earlier still waits (moved or late)
		s.speak(i, now)
		return nil
	}
	s.end(now)
	return nil
}

// Previous goes back to the speaker before the current one (or the last one
// who spoke or was skipped); their clock continues from what they had.
func (s *Standup) Previous(now time.Time) error {
	if err := s.running(); err != nil {
		return err
	}
	from := s.Current
	if from < 0 {
		from = len(s.Turns)
	}
	for i := from - 1; i >= 0; i-- {
		if st := s.Turns[i].State; st == TurnSpoke || st == TurnSkipped {
			s.resumeClock(now)
			if s.Current >= 0 && s.Turns[s.Current].State == TurnSpeaking {
				cur := &s.Turns[s.Current]
				cur.Spoke += s.SpeakerElapsed(now)
				cur.Overrun = max(cur.Spoke-s.Timebox(), 0)
				cur.State = TurnWaiting // they are up again after
			}
			s.speak(i, now)
			return nil
		}
	}
	return errors.New("nobody spoke before this speaker")
}

// Pause stops the clocks.
func (s *Standup) Pause(now time.Time) error {
	if err := s.running(); err != nil {
		return err
	}
	if s.Status == StandupPaused {
		return nil
	}
	s.Status, s.PausedAt, s.Updated = StandupPaused, now, now
	return nil
}

// Resume restarts the clocks where they stopped.
func (s *Standup) Resume(now time.Time) error {
	if err := s.running(); err != nil {
		return err
	}
	s.resumeClock(now)
	return nil
}

func (s *Standup) resumeClock(now time.Time) {
	if s.Status != StandupPaused {
		return
	}
	d := max(now.Sub(s.PausedAt), 0)
	s.PausedFor += d
	s.SpeakerSince = s.SpeakerSince.Add(d)
	s.Status, s.PausedAt, s.Updated = StandupRunning, time.Time{}, now
}

// End closes the round; the current speaker's time is recorded.
func (s *Standup) End(now time.Time) error {
	if s.Status == StandupEnded {
		return ErrRoundEnded
	}
	s.resumeClock(now)
	s.end(now)
	return nil
}

func (s *Standup) end(now time.Time) {
	s.finishTurn(now, TurnSpoke)
	if s.Started.IsZero() {
		s.Started = now
	}
	if now.Before(s.Started) {
		now = s.Started
	}
	s.Status, s.Ended, s.Updated, s.Current = StandupEnded, now, now, -1
}

// CloseStale ends a round that was left running past its day, with what it
// had: the clocks stop at its last change, not at the time it is found.
func (s *Standup) CloseStale() {
	if s.Status == StandupEnded {
		return
	}
	at := s.Updated
	if s.Status == StandupPaused {
		at = s.PausedAt
	}
	if t, ok := s.Speaker(); ok && t.State == TurnSpeaking {
		// Give the speaker at most their timebox: nobody talked all night.
		if lim := s.SpeakerSince.Add(max(s.Timebox()-t.Spoke, 0)); at.Before(lim) {
			at = lim
		}
	}
	s.resumeClock(at)
	s.end(at)
	s.ClosedLate = true
}

func (s *Standup) index(member string) int {
	for i, t := range s.Turns {
		if t.Member == member {
			return i
		}
	}
	return -1
}

// SetAbsent marks a member absent or present. A member who has spoken cannot
// be marked absent; the current speaker marked absent loses the word.
func (s *Standup) SetAbsent(member string, absent bool, now time.Time) error {
	if s.Status == StandupEnded {
		return ErrRoundEnded
	}
	i := s.index(member)
	if i < 0 {
		return notInRound(member)
	}
	t := &s.Turns[i]
	switch {
	case absent && t.State == TurnSpeaking:
		s.resumeClock(now)
		s.finishTurn(now, TurnAbsent)
		t.State = TurnAbsent
		if j := s.nextWaiting(i); j >= 0 {
			s.speak(j, now)
		} else if j := s.nextWaiting(-1); j >= 0 {
			s.speak(j, now)
		} else {
			s.end(now)
		}
	case absent && t.State == TurnWaiting, absent && t.State == TurnSkipped:
		t.State = TurnAbsent
	case absent:
		return fmt.Errorf("%s has already spoken", member)
	case t.State == TurnAbsent:
		t.State = TurnWaiting
	}
	s.Updated = now
	return nil
}

// AddLate appends a latecomer to the end of the order (or brings an absent
// member back, at the end).
func (s *Standup) AddLate(member string, now time.Time) error {
	if s.Status == StandupEnded {
		return ErrRoundEnded
	}
	if i := s.index(member); i >= 0 {
		t := s.Turns[i]
		if t.State != TurnAbsent && t.State != TurnLeft {
			return fmt.Errorf("%s is already in the round", member)
		}
		s.Turns = append(s.Turns[:i], s.Turns[i+1:]...)
		if s.Current > i {
			s.Current--
		}
	}
	s.Turns = append(s.Turns, Turn{Member: member, State: TurnWaiting, Late: s.Status != StandupReady})
	s.Updated = now
	return nil
}

// Move puts a member at position to (0-based, clamped) in the order. Only
// members still waiting, absent or skipped move; the current speaker stays.
func (s *Standup) Move(member string, to int, now time.Time) error {
	if s.Status == StandupEnded {
		return ErrRoundEnded
	}
	i := s.index(member)
	if i < 0 {
		return notInRound(member)
	}
	to = min(max(to, 0), len(s.Turns)-1)
	if i == to {
		return nil
	}
	cur := ""
	if s.Current >= 0 {
		cur = s.Turns[s.Current].Member
	}
	t := s.Turns[i]
	rest := append(append([]Turn(nil), s.Turns[:i]...), s.Turns[i+1:]...)
	s.Turns = append(append(append([]Turn(nil), rest[:to]...), t), rest[to:]...)
	if cur != "" {
		s.Current = s.index(cur)
	}
	s.Updated = now
	return nil
}

// Reconcile takes members who left the team out of the round: their turn is
// marked left, and a leaving speaker passes the word on.
func (s *Standup) Reconcile(team map[string]bool, now time.Time) {
	if s.Status == StandupEnded {
		return
	}
	for i := range s.Turns {
		t := &s.Turns[i]
		if team[t.Member] || t.State == TurnLeft || t.State == TurnSpoke {
			continue
		}
		if i == s.Current {
			s.resumeClock(now)
			s.finishTurn(now, TurnLeft)
			t.State = TurnLeft
			if j := s.nextWaiting(i); j >= 0 {
				s.speak(j, now)
			} else if j := s.nextWaiting(-1); j >= 0 {
				s.speak(j, now)
			} else if s.Status != StandupReady {
				s.end(now)
			}
			continue
		}
		t.State = TurnLeft
	}
}

// Park adds a blocker to the parking lot and returns it.
func (s *Standup) Park(b Blocker, now time.Time) (Blocker, error) {
	if strings.TrimSpace(b.Text) == "" {
		return b, errors.New("say what the blocker is")
	}
	s.NextID++
	b.ID, b.Raised = s.NextID, now
	s.Parking = append(s.Parking, b)
	s.Updated = now
	return b, nil
}

// Resolve marks a parking-lot item dealt with.
func (s *Standup) Resolve(id int, by string, now time.Time) (Blocker, error) {
	for i := range s.Parking {
		if s.Parking[i].ID == id {
			if !s.Parking[i].Open() {
				return s.Parking[i], fmt.Errorf("blocker %d was already resolved by %s", id, s.Parking[i].ResolvedBy)
			}
			s.Parking[i].Resolved, s.Parking[i].ResolvedBy = now, by
			return s.Parking[i], nil
		}
	}
	return Blocker{}, fmt.Errorf("no blocker %d in the %s stand-up", id, s.Date)
}

// Summary counts a finished (or running) round.
type Summary struct {
	Spoke, Skipped, Absent, Left, Waiting int
	Overruns                              int
	Total                                 time.Duration
	OverBudget                            time.Duration
	OpenBlockers                          int
}

// Summarize counts the round at now.
func (s Standup) Summarize(now time.Time) Summary {
	var out Summary
	for _, t := range s.Turns {
		switch t.State {
		case TurnSpoke, TurnSpeaking:
			out.Spoke++
		case TurnSkipped:
			out.Skipped++
		case TurnAbsent:
			out.Absent++
		case TurnLeft:
			out.Left++
		default:
			out.Waiting++
		}
		if t.Overrun > 0 {
			out.Overruns++
		}
	}
	out.Total = s.Elapsed(now)
	out.OverBudget = max(out.Total-s.Budget, 0)
	for _, b := range s.Parking {
		if b.Open() {
			out.OpenBlockers++
		}
	}
	return out
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

// FormatClock writes a duration as m:ss (with a minus sign when negative).
func FormatClock(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	sec := int(d / time.Second)
	return fmt.Sprintf("%s%d:%02d", sign, sec/60, sec%60)
}
