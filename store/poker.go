package store

// Planning poker. The session and every round live in the poker bucket, which
// any member may read and an export carries: who has voted, and after the
// reveal the cards. A card before its reveal lives only in poker_votes, a
// bucket no read path, no export, no check and no event ever shows (like
// retro_secrets); the reveal moves the cards into the round and deletes them
// there, in one write transaction. Each vote is a compare-and-set in one
// write: a vote that arrives after the reveal (or after the lead accepted) is
// refused, one that arrives before is in the revealed record.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"huddle/backlog"

	bolt "go.etcd.io/bbolt"
)

var (
	// bucketPoker holds the estimation session ("session") and every round (by ID).
	bucketPoker = []byte("poker")
	// bucketPokerVotes holds the cards not yet revealed: <story id><handle> -> card.
	// Never read out, exported or logged (see the comment above).
	bucketPokerVotes = []byte("poker_votes")

	keyPokerSession = []byte("session")
)

// Event kinds of planning poker. A vote's event says who voted, never the card.
const (
	EventPokerStarted  EventKind = "poker.started"
	EventPokerVote     EventKind = "poker.vote"
	EventPokerRevealed EventKind = "poker.revealed"
	EventPokerRevote   EventKind = "poker.revote"
	EventPokerNext     EventKind = "poker.next"
	EventPokerEnded    EventKind = "poker.ended"
)

// migratePoker makes the poker buckets (schema 4).
func migratePoker(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketPoker, bucketPokerVotes} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	return nil
}

func voteKey(story int, handle string) []byte { return append(itob(story), handle...) }

func pokerSessionIn(tx *bolt.Tx) (backlog.PokerSession, error) {
	var s backlog.PokerSession
	if b := tx.Bucket(bucketPoker); b != nil {
		if _, err := get(b, keyPokerSession, &s); err != nil {
			return s, err
		}
	}
	return s, nil
}

// roundKey is a round's key: <story id><round id>, so a story's rounds are
// one prefix and a vote or a screen reads only the stories it is about.
func roundKey(story, id int) []byte { return pairKey(story, id) }

// pokerRoundsIn lists the rounds of story (0: of every story), in key order
// (by story, then oldest first), that keep is true for.
func pokerRoundsIn(tx *bolt.Tx, story int, keep func(backlog.PokerRound) bool) ([]backlog.PokerRound, error) {
	var out []backlog.PokerRound
	b := tx.Bucket(bucketPoker)
	if b == nil {
		return nil, nil
	}
	var prefix []byte
	if story != 0 {
		prefix = itob(story)
	}
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(k) != 16 {
			continue
		}
		var r backlog.PokerRound
		if err := json.Unmarshal(v, &r); err != nil {
			return nil, fmt.Errorf("poker round %x is damaged: %w", k, err)
		}
		if keep(r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// sessionRoundsIn lists a session's rounds, story by story.
func sessionRoundsIn(tx *bolt.Tx, sess backlog.PokerSession) ([]backlog.PokerRound, error) {
	var out []backlog.PokerRound
	for _, id := range sess.Stories {
		rs, err := pokerRoundsIn(tx, id, func(r backlog.PokerRound) bool { return r.Session == sess.ID })
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

// roundIn loads one round; found is false when it is not there.
func roundIn(tx *bolt.Tx, story, id int) (r backlog.PokerRound, found bool, err error) {
	if b := tx.Bucket(bucketPoker); b != nil && id != 0 {
		found, err = get(b, roundKey(story, id), &r)
	}
	return r, found, err
}

// openRoundIn is the story's undecided round, if any.
func openRoundIn(tx *bolt.Tx, story int) (backlog.PokerRound, bool, error) {
	rs, err := pokerRoundsIn(tx, story, func(r backlog.PokerRound) bool { return r.Open() })
	if err != nil || len(rs) == 0 {
		return backlog.PokerRound{}, false, err
	}
	return rs[len(rs)-1], true, nil
}

func putRound(w *wtx, r backlog.PokerRound) error {
	return put(w.bucket(bucketPoker), roundKey(r.Story, r.ID), r)
}

// newRoundIn opens a round on a story: the next attempt after its earlier rounds.
func newRoundIn(w *wtx, story, session int, deck backlog.Deck, tshirt backlog.TShirtMap) (backlog.PokerRound, error) {
	earlier, err := pokerRoundsIn(w.tx, story, func(backlog.PokerRound) bool { return true })
	if err != nil {
		return backlog.PokerRound{}, err
	}
	id, err := nextID(w.bucket(bucketPoker))
	if err != nil {
		return backlog.PokerRound{}, err
	}
	r := backlog.PokerRound{ID: id, Story: story, Session: session, Attempt: len(earlier) + 1,
		Deck: deck, TShirt: tshirt, Started: w.now, Accepted: backlog.Unestimated}
	return r, putRound(w, r)
}

// roundFor is the round a session puts on a story: its open one (an async
// round joins the session, keeping its votes) or a new one.
func roundFor(w *wtx, story int, s backlog.PokerSession) (backlog.PokerRound, error) {
	r, found, err := openRoundIn(w.tx, story)
	if err != nil {
		return r, err
	}
	if !found {
		return newRoundIn(w, story, s.ID, s.Deck, s.TShirt)
	}
	if r.Session != s.ID {
		r.Session, r.Started = s.ID, w.now // time spent counts from the table
	}
	if !r.IsRevealed() && len(r.Voters) == 0 {
		r.Deck, r.TShirt = s.Deck, s.TShirt
	}
	return r, putRound(w, r)
}

// PokerStartInput opens a session.
type PokerStartInput struct {
	Stories []int             // empty: the top of the backlog to estimate (see backlog.ToEstimate)
	Deck    backlog.Deck      // empty: Fibonacci
	TShirt  backlog.TShirtMap // nil: the team's last mapping, else the default
	Timer   time.Duration     // a discussion timer from each reveal; 0: none
	Limit   int               // how many stories by default (0: 10)
}

// PokerStart opens an estimation session on a list of stories (lead only).
func (s *Store) PokerStart(actor string, in PokerStartInput) (backlog.PokerSession, error) {
	var sess backlog.PokerSession
	deck, err := backlog.ParseDeck(string(in.Deck))
	if err != nil {
		return sess, err
	}
	if in.TShirt != nil {
		if err := in.TShirt.Validate(); err != nil {
			return sess, err
		}
	}
	if in.Timer < 0 || in.Timer > 24*time.Hour {
		return sess, fmt.Errorf("a discussion timer of %v is not one huddle keeps (0 to 24h)", in.Timer)
	}
	err = s.write(actor, leadOnly, "run planning poker", func(w *wtx) error {
		last, err := pokerSessionIn(w.tx)
		if err != nil {
			return err
		}
		if last.Running() {
			return fmt.Errorf("a planning poker session is already running (on %s); end it first with `huddle poker end`", backlog.StoryRef(last.Story()))
		}
		ids := slices.Clone(in.Stories)
		if len(ids) == 0 {
			all, err := storiesIn(w.tx, 0)
			if err != nil {
				return err
			}
			ids = backlog.ToEstimate(all, orDefault(in.Limit, 10))
			if len(ids) == 0 {
				return errors.New("nothing to estimate: every backlog story has points (label one re-estimate, or name stories: huddle poker start S-3 S-4)")
			}
		}
		seen := map[int]bool{}
		for _, id := range ids {
			st, err := storyIn(w.tx, id)
			if err != nil {
				return err
			}
			if st.Status == backlog.StatusDeleted || st.Status == backlog.StatusDone {
				return fmt.Errorf("%s is %s; estimate stories that are still to do", st.Ref(), st.Status)
			}
			if seen[id] {
				return fmt.Errorf("%s is listed twice", st.Ref())
			}
			seen[id] = true
		}
		tshirt := in.TShirt
		if tshirt == nil {
			tshirt = last.TShirt
		}
		if tshirt == nil {
			tshirt = backlog.DefaultTShirt()
		}
		sess = backlog.PokerSession{ID: last.ID + 1, Lead: w.actor.Handle, Deck: deck, Stories: ids,
			Timer: int(in.Timer / time.Second), Started: w.now, TShirt: tshirt}
		if deck != backlog.DeckTShirt {
			sess.TShirt = nil
			if in.TShirt == nil {
				sess.TShirt = last.TShirt // keep the team's mapping for the next T-shirt session
			}
		}
		r, err := roundFor(w, ids[0], sess)
		if err != nil {
			return err
		}
		sess.Round = r.ID
		if err := put(w.bucket(bucketPoker), keyPokerSession, sess); err != nil {
			return err
		}
		refs := make([]string, len(ids))
		for i, id := range ids {
			refs[i] = backlog.StoryRef(id)
		}
		return w.emit(Event{Kind: EventPokerStarted, Story: ids[0], Fields: map[string]string{"deck": string(deck), "stories": strings.Join(refs, ",")},
			Text: eventf("%s started planning poker (%s deck) on %s", w.actor.Handle, deck, strings.Join(refs, ", "))})
	})
	return sess, err
}

func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// currentStory resolves story 0 to the session's story on the table.
func currentStory(tx *bolt.Tx, story int) (int, backlog.PokerSession, error) {
	sess, err := pokerSessionIn(tx)
	if err != nil || story != 0 {
		return story, sess, err
	}
	if !sess.Running() || sess.Story() == 0 {
		return 0, sess, errors.New("no planning poker round is running; name the story (e.g. S-12)")
	}
	return sess.Story(), sess, nil
}

// PokerVote puts actor's card on a story (0: the story on the table). With
// no round open on the story it opens an async one: the card waits, hidden,
// for the story's reveal. Voting again before the reveal changes the card.
// When everyone present who may vote has voted on the session's round, it is
// revealed in the same write.
func (s *Store) PokerVote(actor string, story int, card string) (backlog.PokerRound, error) {
	present := s.Online()
	var r backlog.PokerRound
	err := s.writeGrouped(actor, anyMember, "vote in planning poker", func(w *wtx) error {
		if err := backlog.CanVote(w.actor); err != nil {
			return err
		}
		id, sess, err := currentStory(w.tx, story)
		if err != nil {
			return err
		}
		st, err := storyIn(w.tx, id)
		if err != nil {
			return err
		}
		if st.Status == backlog.StatusDeleted {
			return notFound("story", st.Ref())
		}
		r, err = pokerRoundToVote(w, st, sess)
		if err != nil {
			return err
		}
		c, err := r.Deck.Card(card)
		if err != nil {
			return err
		}
		if err := w.bucket(bucketPokerVotes).Put(voteKey(id, w.actor.Handle), []byte(c)); err != nil {
			return err
		}
		again := r.HasVoted(w.actor.Handle)
		r.AddVoter(w.actor.Handle)
		if err := putRound(w, r); err != nil {
			return err
		}
		text := eventf("%s voted on %s", w.actor.Handle, st.Ref())
		if again {
			text = eventf("%s changed their vote on %s", w.actor.Handle, st.Ref())
		}
		if err := w.emit(Event{Kind: EventPokerVote, Story: id, Fields: map[string]string{"round": strconv.Itoa(r.ID)}, Text: text}); err != nil {
			return err
		}
		if sess.Running() && sess.Round == r.ID && r.ShouldReveal(present, canVoteIn(w.tx)) {
			r, err = revealIn(w, r, "everyone present has voted")
		}
		return err
	})
	return r, err
}

// pokerRoundToVote is the round a vote on st goes to: its open round (refused
// once revealed), else a new async one (or the session's, when st is on the table).
func pokerRoundToVote(w *wtx, st backlog.Story, sess backlog.PokerSession) (backlog.PokerRound, error) {
	r, found, err := openRoundIn(w.tx, st.ID)
	if err != nil {
		return r, err
	}
	if found && r.IsRevealed() {
		return r, fmt.Errorf("%w: the %s round is revealed; wait for the lead to accept a value or call a re-vote", backlog.ErrRoundRevealed, st.Ref())
	}
	if found {
		return r, nil
	}
	if sess.Running() && sess.Story() == st.ID {
		if sess.Round != 0 {
			return r, fmt.Errorf("%w: the %s round is decided; wait for the next story", backlog.ErrRoundRevealed, st.Ref())
		}
		return newRoundIn(w, st.ID, sess.ID, sess.Deck, sess.TShirt)
	}
	deck, tshirt := backlog.DeckFibonacci, backlog.TShirtMap(nil)
	if sess.Running() {
		deck, tshirt = sess.Deck, sess.TShirt
	}
	return newRoundIn(w, st.ID, 0, deck, tshirt)
}

// canVoteIn says, inside tx, whether a handle belongs to someone who may vote.
func canVoteIn(tx *bolt.Tx) func(string) bool {
	return func(h string) bool {
		m, err := memberIn(tx, h)
		return err == nil && backlog.CanVote(m) == nil
	}
}

// revealIn opens a round's cards: they move from poker_votes into the round.
func revealIn(w *wtx, r backlog.PokerRound, why string) (backlog.PokerRound, error) {
	votes := w.bucket(bucketPokerVotes)
	r.Votes = map[string]string{}
	var parts []string
	for _, h := range r.Voters {
		k := voteKey(r.Story, h)
		if v := votes.Get(k); v != nil {
			r.Votes[h] = string(v)
			parts = append(parts, h+" "+string(v))
		}
		if err := votes.Delete(k); err != nil {
			return r, err
		}
	}
	r.Revealed = w.now
	if err := putRound(w, r); err != nil {
		return r, err
	}
	sp := backlog.SpreadOf(r)
	fields := map[string]string{"round": strconv.Itoa(r.ID), "votes": strings.Join(parts, ", ")}
	text := eventf("%s round %d revealed (%s): %s", backlog.StoryRef(r.Story), r.Attempt, why, strings.Join(parts, ", "))
	if sp.Estimates > 0 {
		fields["low"], fields["high"] = strconv.Itoa(sp.Low), strconv.Itoa(sp.High)
	}
	return r, w.emit(Event{Kind: EventPokerRevealed, Story: r.Story, Fields: fields, Text: text})
}

// leadRound loads the open round of a story (0: the one on the table) for a lead's decision.
func leadRound(w *wtx, story int) (backlog.PokerRound, backlog.PokerSession, error) {
	id, sess, err := currentStory(w.tx, story)
	if err != nil {
		return backlog.PokerRound{}, sess, err
	}
	if _, err := storyIn(w.tx, id); err != nil {
		return backlog.PokerRound{}, sess, err
	}
	r, found, err := openRoundIn(w.tx, id)
	if err == nil && !found {
		err = fmt.Errorf("%s has no open planning poker round (vote on it, or start a session on it)", backlog.StoryRef(id))
	}
	return r, sess, err
}

// PokerReveal opens a round's cards now (lead only): a live round before
// everyone voted, or an async round. story 0 is the one on the table.
func (s *Store) PokerReveal(actor string, story int) (backlog.PokerRound, error) {
	var r backlog.PokerRound
	err := s.write(actor, leadOnly, "reveal planning poker rounds", func(w *wtx) error {
		var err error
		if r, _, err = leadRound(w, story); err != nil {
			return err
		}
		if r.IsRevealed() {
			return fmt.Errorf("the %s round is already revealed", backlog.StoryRef(r.Story))
		}
		if len(r.Voters) == 0 {
			return fmt.Errorf("nobody has voted on %s yet", backlog.StoryRef(r.Story))
		}
		r, err = revealIn(w, r, "the lead revealed it")
		return err
	})
	return r, err
}

// PokerAccept makes points the story's estimate and closes its round (lead
// only). A round not yet revealed is revealed in the same write, so a vote
// either arrived before (and is in the record) or is refused after.
func (s *Store) PokerAccept(actor string, story, points int) (backlog.PokerRound, error) {
	var r backlog.PokerRound
	if points == backlog.Unestimated || !backlog.ValidPoints(points) {
		return r, fmt.Errorf("%d points is not on the scale 0, 1, 2, 3, 5, 8, 13, 20, 40, 100", points)
	}
	err := s.write(actor, leadOnly, "accept planning poker estimates", func(w *wtx) error {
		var err error
		if r, _, err = leadRound(w, story); err != nil {
			return err
		}
		if !r.IsRevealed() {
			if r, err = revealIn(w, r, "the lead accepted a value"); err != nil {
				return err
			}
		}
		st, err := storyIn(w.tx, r.Story)
		if err != nil {
			return err
		}
		before := st
		st.Points = points
		st.Labels = slices.DeleteFunc(slices.Clone(st.Labels), func(l string) bool { return l == backlog.LabelReestimate })
		st.Updated = w.now
		if err := putStory(w.tx, st); err != nil {
			return err
		}
		r.Outcome, r.Accepted, r.Ended = backlog.OutcomeAccepted, points, w.now
		if err := putRound(w, r); err != nil {
			return err
		}
		fields := storyDiff(before, st)
		fields["poker_round"] = strconv.Itoa(r.ID)
		fields["spent"] = r.Spent(w.now).Round(time.Second).String()
		return w.emit(Event{Kind: EventStoryEdited, Story: st.ID, Sprint: st.Sprint, Fields: fields,
			Text: eventf("%s accepted %d points for %s in planning poker (round %d, %s)", w.actor.Handle, points, st.Ref(), r.Attempt, r.Spent(w.now).Round(time.Second))})
	})
	return r, err
}

// PokerRevote ends a story's round and opens a new one (lead only): the
// cards of the old round, revealed or not, stay in its record.
func (s *Store) PokerRevote(actor string, story int) (backlog.PokerRound, error) {
	var r backlog.PokerRound
	err := s.write(actor, leadOnly, "call planning poker re-votes", func(w *wtx) error {
		old, sess, err := leadRound(w, story)
		if err != nil {
			return err
		}
		if !old.IsRevealed() && len(old.Voters) > 0 {
			if old, err = revealIn(w, old, "the lead called a re-vote"); err != nil {
				return err
			}
		}
		old.Outcome, old.Ended = backlog.OutcomeRevote, w.now
		if err := putRound(w, old); err != nil {
			return err
		}
		session := old.Session
		if r, err = newRoundIn(w, old.Story, session, old.Deck, old.TShirt); err != nil {
			return err
		}
		if sess.Running() && sess.Round == old.ID {
			sess.Round = r.ID
			if err := put(w.bucket(bucketPoker), keyPokerSession, sess); err != nil {
				return err
			}
		}
		return w.emit(Event{Kind: EventPokerRevote, Story: r.Story, Fields: map[string]string{"round": strconv.Itoa(r.ID)},
			Text: eventf("%s called a re-vote on %s (round %d)", w.actor.Handle, backlog.StoryRef(r.Story), r.Attempt)})
	})
	return r, err
}

// leaveRound takes the session's round off the table: a revealed, undecided
// round ends skipped; one with hidden cards stays open as an async round
// (its cards wait for a later reveal); an empty one is dropped.
func leaveRound(w *wtx, sess backlog.PokerSession) error {
	r, found, err := roundIn(w.tx, sess.Story(), sess.Round)
	if err != nil || !found || !r.Open() {
		return err
	}
	switch {
	case r.IsRevealed():
		r.Outcome, r.Ended = backlog.OutcomeSkipped, w.now
	case len(r.Voters) > 0:
		r.Session = 0
	default:
		return w.bucket(bucketPoker).Delete(roundKey(r.Story, r.ID))
	}
	return putRound(w, r)
}

// PokerNext moves the session to its next story (lead only); after the last
// it ends the session.
func (s *Store) PokerNext(actor string) (backlog.PokerSession, error) {
	var sess backlog.PokerSession
	err := s.write(actor, leadOnly, "run planning poker", func(w *wtx) error {
		var err error
		if sess, err = runningSession(w.tx); err != nil {
			return err
		}
		if err := leaveRound(w, sess); err != nil {
			return err
		}
		sess.Current++
		sess.Round = 0
		if sess.Story() == 0 {
			return endSessionIn(w, &sess)
		}
		r, err := roundFor(w, sess.Story(), sess)
		if err != nil {
			return err
		}
		sess.Round = r.ID
		if err := put(w.bucket(bucketPoker), keyPokerSession, sess); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventPokerNext, Story: sess.Story(),
			Text: eventf("planning poker moved on to %s (%d of %d)", backlog.StoryRef(sess.Story()), sess.Current+1, len(sess.Stories))})
	})
	return sess, err
}

func runningSession(tx *bolt.Tx) (backlog.PokerSession, error) {
	sess, err := pokerSessionIn(tx)
	if err == nil && !sess.Running() {
		err = errors.New("no planning poker session is running (the lead starts one with `huddle poker start`)")
	}
	return sess, err
}

func endSessionIn(w *wtx, sess *backlog.PokerSession) error {
	sess.Ended = w.now
	if err := put(w.bucket(bucketPoker), keyPokerSession, *sess); err != nil {
		return err
	}
	rounds, err := sessionRoundsIn(w.tx, *sess)
	if err != nil {
		return err
	}
	sum := backlog.Summarize(rounds, w.now)
	return w.emit(Event{Kind: EventPokerEnded, Fields: map[string]string{"stories": strconv.Itoa(sum.Stories), "points": strconv.Itoa(sum.Points)},
		Text: eventf("planning poker ended: %s estimated, %d points added", storiesText(sum.Stories), sum.Points)})
}

// PokerEnd ends the running session (lead only).
func (s *Store) PokerEnd(actor string) (backlog.PokerSession, error) {
	var sess backlog.PokerSession
	err := s.write(actor, leadOnly, "run planning poker", func(w *wtx) error {
		var err error
		if sess, err = runningSession(w.tx); err != nil {
			return err
		}
		if err := leaveRound(w, sess); err != nil {
			return err
		}
		return endSessionIn(w, &sess)
	})
	return sess, err
}

// revealIfAllVoted reveals the session's round when the people still present
// have all voted: called when someone leaves, since they are not waited for.
func (s *Store) revealIfAllVoted() {
	present := s.Online()
	var sess backlog.PokerSession
	var r backlog.PokerRound
	due := false
	_ = s.read(func(tx *bolt.Tx) error {
		var err error
		if sess, err = pokerSessionIn(tx); err != nil || !sess.Running() {
			return err
		}
		var found bool
		r, found, err = roundIn(tx, sess.Story(), sess.Round)
		due = err == nil && found && r.ShouldReveal(present, canVoteIn(tx))
		return err
	})
	if !due {
		return
	}
	sys := *s
	sys.bound = nil // the server's own decision, whoever's session ended
	_ = sys.write(sess.Lead, anyMember, "reveal planning poker rounds", func(w *wtx) error {
		cur, err := pokerSessionIn(w.tx)
		if err != nil || cur.Round != sess.Round || !cur.Running() {
			return err
		}
		if r, _, err = roundIn(w.tx, cur.Story(), cur.Round); err != nil {
			return err
		}
		if !r.ShouldReveal(s.Online(), canVoteIn(w.tx)) {
			return nil
		}
		_, err = revealIn(w, r, "everyone still present has voted")
		return err
	})
}

// PokerView is what the round screen and `poker show` show, as viewer may see it.
type PokerView struct {
	Session backlog.PokerSession `json:"session"`
	Round   *backlog.PokerRound  `json:"round,omitempty"` // the round on the table
	Story   *backlog.Story       `json:"story,omitempty"`
	KR      string               `json:"kr,omitempty"` // the story's key result, by name
	Present []string             `json:"present,omitempty"`
	Waiting []string             `json:"waiting,omitempty"` // present voters still to vote
	Voters  int                  `json:"voters"`            // how many votes the round waits for in all
	Mine    string               `json:"my_card,omitempty"` // viewer's own card, before the reveal
	CanVote bool                 `json:"can_vote"`          // viewer may vote (not a guest)
	Spread  *backlog.Spread      `json:"spread,omitempty"`
	Rounds  []backlog.PokerRound `json:"rounds"` // the session's rounds
	Summary backlog.PokerSummary `json:"summary"`
	Titles  map[int]string       `json:"titles,omitempty"` // the session's stories, by ID
	Points  map[int]int          `json:"points,omitempty"` // and their points now
}

// Poker reads the session (running, else the last one) as viewer sees it, in
// one read transaction. No card of an unrevealed round is in it but viewer's own.
// What every viewer sees alike is read once per commit for all of them
// (pokerSharedIn): each session's reload after a vote then adds only its
// own card, who may vote among those present, and the time spent so far.
func (s *Store) Poker(viewer string) (PokerView, error) {
	present := s.Online()
	now := s.now()
	var v PokerView
	err := s.read(func(tx *bolt.Tx) error {
		shared, err := s.sharedIn(tx, "store/poker", func() (any, error) { return pokerSharedIn(tx), nil })
		if err != nil {
			return err
		}
		sh := shared.(*pokerShared)
		v = sh.view
		if sh.rounds {
			v.Summary = backlog.Summarize(v.Rounds, now)
		}
		if sh.err != nil || v.Round == nil {
			return sh.err
		}
		r := *v.Round
		can := func(h string) bool { return sh.voters[h] }
		v.CanVote = viewer != "" && can(viewer)
		for _, h := range present {
			if can(h) {
				v.Present = append(v.Present, h)
			}
		}
		v.Waiting = r.Waiting(present, can)
		v.Voters = len(r.Voters) + len(v.Waiting)
		if !r.IsRevealed() && viewer != "" {
			if c := tx.Bucket(bucketPokerVotes).Get(voteKey(r.Story, viewer)); c != nil && r.HasVoted(viewer) {
				v.Mine = string(c)
			}
		}
		return nil
	})
	return v, err
}

// pokerShared is the poker view at one commit as every viewer sees it. It
// holds no card of an unrevealed round: those stay in the votes bucket
// until the reveal. Shared by every session: read-only.
type pokerShared struct {
	view   PokerView       // but the summary and what depends on the viewer or on who is present
	rounds bool            // the session's rounds were read (the summary is made from them)
	voters map[string]bool // who may vote (canVoteIn), for a round on the table
	err    error
}

// pokerSharedIn reads the session (running, else the last one), its rounds
// and stories, and the round on the table with its story.
func pokerSharedIn(tx *bolt.Tx) *pokerShared {
	sh := &pokerShared{}
	v := &sh.view
	var err error
	if v.Session, err = pokerSessionIn(tx); err != nil || v.Session.ID == 0 {
		sh.err = err
		return sh
	}
	v.Titles, v.Points = map[int]string{}, map[int]int{}
	for _, id := range v.Session.Stories {
		if st, err := storyIn(tx, id); err == nil {
			v.Titles[id], v.Points[id] = st.Title, st.Points
		}
	}
	if v.Rounds, sh.err = sessionRoundsIn(tx, v.Session); sh.err != nil {
		return sh
	}
	sh.rounds = true
	if !v.Session.Running() {
		return sh
	}
	r, found, err := roundIn(tx, v.Session.Story(), v.Session.Round)
	if err != nil || !found {
		sh.err = err
		return sh
	}
	v.Round = &r
	st, err := storyIn(tx, r.Story)
	if err != nil {
		sh.err = err
		return sh
	}
	v.Story = &st
	if st.KeyResult != 0 {
		var kr backlog.KeyResult
		if found, _ := get(tx.Bucket(bucketKeyResults), itob(st.KeyResult), &kr); found {
			v.KR = kr.Name
		}
	}
	sh.voters = map[string]bool{}
	members := tx.Bucket(bucketMembers)
	_ = members.ForEach(func(k, _ []byte) error {
		var m backlog.Member
		if found, err := get(members, k, &m); found && err == nil && backlog.CanVote(m) == nil {
			sh.voters[string(k)] = true
		}
		return nil
	})
	if r.IsRevealed() {
		sp := backlog.SpreadOf(r)
		v.Spread = &sp
	}
	return sh
}

// PokerRounds lists every round of a story (0: of every story), oldest first:
// the record of each estimation, cards shown only once revealed.
func (s *Store) PokerRounds(story int) ([]backlog.PokerRound, error) {
	var out []backlog.PokerRound
	err := s.read(func(tx *bolt.Tx) (err error) {
		out, err = pokerRoundsIn(tx, story, func(backlog.PokerRound) bool { return true })
		return err
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

// checkPokerRecord applies planning poker's rules to a stored record (a
// session or a round), for `huddle check` and the JSON import; the returned
// func checks that its stories and people exist.
func checkPokerRecord(k, v []byte, idx *teamIndex) (func() error, error) {
	var stories, people []string
	var storyIDs []int
	if bytes.Equal(k, keyPokerSession) {
		var s backlog.PokerSession
		if err := decodeStrict(v, &s); err != nil {
			return nil, err
		}
		if _, err := backlog.ParseDeck(string(s.Deck)); err != nil {
			return nil, err
		}
		if s.TShirt != nil {
			if err := s.TShirt.Validate(); err != nil {
				return nil, err
			}
		}
		if len(s.Stories) == 0 || s.Current < 0 || s.Current > len(s.Stories) {
			return nil, fmt.Errorf("the session's story %d of %d does not exist", s.Current+1, len(s.Stories))
		}
		storyIDs, people = s.Stories, []string{s.Lead}
	} else {
		var r backlog.PokerRound
		if err := decodeStrict(v, &r); err != nil {
			return nil, err
		}
		if !bytes.Equal(k, roundKey(r.Story, r.ID)) {
			return nil, fmt.Errorf("its story %d and id %d do not match its key", r.Story, r.ID)
		}
		if _, err := backlog.ParseDeck(string(r.Deck)); err != nil {
			return nil, err
		}
		for h, c := range r.Votes {
			if _, err := r.Deck.Card(c); err != nil || !r.HasVoted(h) {
				return nil, fmt.Errorf("the card %q of %q is not one of its deck's or its voters'", c, h)
			}
		}
		if r.Accepted != backlog.Unestimated && !backlog.ValidPoints(r.Accepted) {
			return nil, fmt.Errorf("it accepted %d points, not on the scale", r.Accepted)
		}
		storyIDs, people = []int{r.Story}, r.Voters
	}
	for _, id := range storyIDs {
		stories = append(stories, backlog.StoryRef(id))
	}
	return func() error {
		for i, id := range storyIDs {
			if !idx.stories[id] {
				return fmt.Errorf("its story %s does not exist", stories[i])
			}
		}
		for _, h := range people {
			if _, ok := idx.members[h]; !ok {
				return fmt.Errorf("%q is not a member of the team", h)
			}
		}
		return nil
	}, nil
}
