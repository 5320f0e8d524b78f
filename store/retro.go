package store

import (
	"bytes"
	"fmt"
	"sort"
	"time"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// Event kinds of the retrospective (besides retro.card_added, retro.action_added
// and retro.phase in events.go). Events about cards on an anonymous board carry
// no actor.
const (
	EventRetroBoard          EventKind = "retro.board"
	EventRetroCardEdited     EventKind = "retro.card_edited"
	EventRetroCardDeleted    EventKind = "retro.card_deleted"
	EventRetroCardMerged     EventKind = "retro.card_merged"
	EventRetroCardUngrouped  EventKind = "retro.card_ungrouped"
	EventRetroVote           EventKind = "retro.vote"
	EventRetroUnvote         EventKind = "retro.unvote"
	EventRetroTimer          EventKind = "retro.timer"
	EventRetroActionReviewed EventKind = "retro.action_reviewed"
)

// emitAnon records an event without its actor: what happened to a card on an
// anonymous board must not say who wrote it.
func (w *wtx) emitAnon(e Event) error {
	e.At = w.now
	e.Actor = ""
	if err := appendEvent(w.tx, &e); err != nil {
		return err
	}
	w.events = append(w.events, e)
	return nil
}

// emitCard records a card event, anonymously on an anonymous board.
func (w *wtx) emitCard(b retro.Board, e Event) error {
	if b.Anonymous {
		return w.emitAnon(e)
	}
	return w.emit(e)
}

func boardIn(tx *bolt.Tx, sprintID int) (retro.Board, bool, error) {
	b := retro.NewBoard(sprintID, retro.TemplateWellImprove)
	found, err := get(tx.Bucket(bucketRetroBoards), itob(sprintID), &b)
	return b, found, err
}

func cardsIn(tx *bolt.Tx, sprintID int) ([]retro.Card, error) {
	var out []retro.Card
	b := tx.Bucket(bucketRetroCards)
	err := b.ForEach(func(k, v []byte) error {
		var c retro.Card
		if _, err := get(b, k, &c); err != nil {
			return err
		}
		if c.Sprint == sprintID {
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

func cardIn(tx *bolt.Tx, id int) (retro.Card, error) {
	var c retro.Card
	found, err := get(tx.Bucket(bucketRetroCards), itob(id), &c)
	if err == nil && !found {
		err = notFound("retro card", fmt.Sprint(id))
	}
	return c, err
}

// RetroBoard returns a sprint's retro board, creating the default shape in memory if none is stored.
func (s *Store) RetroBoard(sprintID int) (retro.Board, error) {
	var b retro.Board
	err := s.read(func(tx *bolt.Tx) (err error) { b, _, err = boardIn(tx, sprintID); return err })
	return b, err
}

// BoardSettings are chosen when a retro board is created.
type BoardSettings struct {
	Template   retro.Template // empty: well-improve
	Anonymous  bool
	VoteBudget int // 0: 3
	MaxPerCard int // 0: 2 (or the budget, when smaller)
}

// CreateRetroBoard sets up a sprint's retro board with a template and its
// settings (lead only). A board is created once: when cards are already on
// it, its template and anonymity cannot change any more.
func (s *Store) CreateRetroBoard(actor string, sprintID int, in BoardSettings) (retro.Board, error) {
	t, err := retro.ParseTemplate(string(in.Template))
	if err != nil {
		return retro.Board{}, err
	}
	b := retro.NewBoard(sprintID, t)
	b.Anonymous = in.Anonymous
	if in.VoteBudget != 0 {
		b.VoteBudget = in.VoteBudget
	}
	if in.MaxPerCard != 0 {
		b.MaxPerCard = in.MaxPerCard
	} else {
		b.MaxPerCard = min(b.MaxPerCard, b.VoteBudget)
	}
	if err := b.Validate(); err != nil {
		return b, err
	}
	err = s.write(actor, leadOnly, "set up retro boards", func(w *wtx) error {
		sp, err := sprintIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		cards, err := cardsIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		switch n := len(cards); {
		case n == 1:
			return fmt.Errorf("the retro of %s already has 1 card; its board is set up", sp.Ref())
		case n > 1:
			return fmt.Errorf("the retro of %s already has %d cards; its board is set up", sp.Ref(), n)
		}
		if err := put(w.bucket(bucketRetroBoards), itob(sprintID), b); err != nil {
			return err
		}
		text := eventf("%s set up the %s retro (%s)", w.actor.Handle, sp.Ref(), b.Template)
		if b.Anonymous {
			text = eventf("%s set up the %s retro (%s, anonymous)", w.actor.Handle, sp.Ref(), b.Template)
		}
		return w.emit(Event{Kind: EventRetroBoard, Sprint: sprintID,
			Fields: map[string]string{"template": string(b.Template), "anonymous": fmt.Sprint(b.Anonymous), "budget": fmt.Sprint(b.VoteBudget), "max_per_card": fmt.Sprint(b.MaxPerCard)},
			Text:   text})
	})
	return b, err
}

// AddCard writes a retro card for a sprint (any member, at any time until the vote).
func (s *Store) AddCard(actor string, sprintID, column int, text string) (retro.Card, error) {
	c := retro.Card{Sprint: sprintID, Column: column, Text: CleanText(text)}
	if c.Text == "" {
		return c, retro.ErrEmptyCard
	}
	err := s.writeGrouped(actor, writer, "write retro cards", func(w *wtx) error {
		if _, err := sprintIn(w.tx, sprintID); err != nil {
			return err
		}
		board, found, err := boardIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		if !found {
			if err := put(w.bucket(bucketRetroBoards), itob(sprintID), board); err != nil {
				return err
			}
		}
		if err := board.CanWriteCard(); err != nil {
			return err
		}
		if column < 0 || column >= len(board.Template.Columns()) {
			return fmt.Errorf("column %d does not exist on a %s board (it has %d)", column+1, board.Template, len(board.Template.Columns()))
		}
		b := w.bucket(bucketRetroCards)
		id, err := nextID(b)
		if err != nil {
			return err
		}
		seat, err := seatOf(w.tx, board, w.actor.Handle, true)
		if err != nil {
			return err
		}
		c.ID, c.Author, c.Created = id, seat, w.now
		if err := put(b, itob(id), c); err != nil {
			return err
		}
		// The event does not carry the text or author: cards stay hidden until reveal.
		return w.emitCard(board, Event{Kind: EventRetroCardAdded, Sprint: sprintID, Fields: map[string]string{"card": fmt.Sprint(id)},
			Text: eventf("a retro card was added")})
	})
	return c, err
}

// cardChange modifies a card inside a write; delete=true removes the card instead.
type cardChange func(w *wtx, b retro.Board, c *retro.Card) (e Event, delete bool, err error)

// updateCard loads a card and its board, lets change modify it and saves it.
// A change returning delete=true removes the card instead.
func (s *Store) updateCard(actor string, need access, what string, id int, change cardChange) (retro.Card, error) {
	var c retro.Card
	err := s.writeGrouped(actor, need, what, func(w *wtx) (err error) {
		c, err = updateCardIn(w, id, change)
		return err
	})
	return c, err
}

// updateCardIn is updateCard inside a write. On a board that is not
// anonymous, what the card was before is kept for undo (see keepCard).
func updateCardIn(w *wtx, id int, change cardChange) (retro.Card, error) {
	c, err := cardIn(w.tx, id)
	if err != nil {
		return c, err
	}
	board, _, err := boardIn(w.tx, c.Sprint)
	if err != nil {
		return c, err
	}
	before := c
	e, del, err := change(w, board, &c)
	if err != nil {
		return c, err
	}
	if del {
		err = w.bucket(bucketRetroCards).Delete(itob(id))
	} else {
		err = put(w.bucket(bucketRetroCards), itob(id), c)
	}
	if err != nil {
		return c, err
	}
	e.Sprint = c.Sprint
	if e.Fields == nil {
		e.Fields = map[string]string{}
	}
	e.Fields["card"] = fmt.Sprint(id)
	if err := w.emitCard(board, e); err != nil {
		return c, err
	}
	if board.Anonymous {
		return c, nil
	}
	return c, keepCard(w, before, del)
}

// EditCard changes the text or column of the actor's own card, before the vote.
// column < 0 keeps the column.
func (s *Store) EditCard(actor string, id, column int, text string) (retro.Card, error) {
	text = CleanText(text)
	if text == "" {
		return retro.Card{}, retro.ErrEmptyCard
	}
	return s.updateCard(actor, writer, "edit retro cards", id, func(w *wtx, b retro.Board, c *retro.Card) (Event, bool, error) {
		seat, err := seatOf(w.tx, b, w.actor.Handle, true)
		if err != nil {
			return Event{}, false, err
		}
		if err := b.CanEditCard(*c, seat); err != nil {
			return Event{}, false, err
		}
		if column >= len(b.Template.Columns()) {
			return Event{}, false, fmt.Errorf("column %d does not exist on a %s board", column+1, b.Template)
		}
		if column >= 0 {
			c.Column = column
		}
		c.Text = text
		return Event{Kind: EventRetroCardEdited, Text: eventf("a retro card was edited")}, false, nil
	})
}

// DeleteCard removes the actor's own card, before the vote.
func (s *Store) DeleteCard(actor string, id int) error {
	_, err := s.updateCard(actor, writer, "delete retro cards", id, deleteOwnCard)
	return err
}

// deleteOwnCard is the rule of DeleteCard: only the author, before the vote.
func deleteOwnCard(w *wtx, b retro.Board, c *retro.Card) (Event, bool, error) {
	seat, err := seatOf(w.tx, b, w.actor.Handle, true)
	if err != nil {
		return Event{}, false, err
	}
	if err := b.CanEditCard(*c, seat); err != nil {
		return Event{}, false, err
	}
	return Event{Kind: EventRetroCardDeleted, Text: eventf("a retro card was deleted")}, true, nil
}

// MergeCard groups card child under card parent, in the group phase (lead only).
func (s *Store) MergeCard(actor string, child, parent int) (retro.Card, error) {
	return s.updateCard(actor, leadOnly, "group retro cards", child, func(w *wtx, b retro.Board, c *retro.Card) (Event, bool, error) {
		p, err := cardIn(w.tx, parent)
		if err != nil {
			return Event{}, false, err
		}
		if err := b.CanMerge(*c, p); err != nil {
			return Event{}, false, err
		}
		// Cards grouped under child follow it.
		cards, err := cardsIn(w.tx, c.Sprint)
		if err != nil {
			return Event{}, false, err
		}
		for _, o := range cards {
			if o.Merged == c.ID {
				o.Merged = parent
				if err := put(w.bucket(bucketRetroCards), itob(o.ID), o); err != nil {
					return Event{}, false, err
				}
			}
		}
		c.Merged = parent
		return Event{Kind: EventRetroCardMerged, Fields: map[string]string{"into": fmt.Sprint(parent)},
			Text: eventf("%s grouped card %d under card %d", w.actor.Handle, c.ID, parent)}, false, nil
	})
}

// UngroupCard lets a card grouped under another stand on its own again, in
// the group phase (lead only).
func (s *Store) UngroupCard(actor string, child int) (retro.Card, error) {
	return s.updateCard(actor, leadOnly, "ungroup retro cards", child, func(w *wtx, b retro.Board, c *retro.Card) (Event, bool, error) {
		if err := b.CanUngroup(*c); err != nil {
			return Event{}, false, err
		}
		from := c.Merged
		c.Merged = 0
		return Event{Kind: EventRetroCardUngrouped, Fields: map[string]string{"from": fmt.Sprint(from)},
			Text: eventf("%s took card %d out of card %d's group", w.actor.Handle, c.ID, from)}, false, nil
	})
}

// Vote puts one of the actor's dots on a card. The budget and the per-card
// maximum are checked against the stored votes inside the write transaction,
// so two votes racing from two sessions can never overspend.
func (s *Store) Vote(actor string, id int) (retro.Card, error) {
	return s.vote(actor, id, +1)
}

// Unvote takes one of the actor's dots back from a card, in the vote phase.
func (s *Store) Unvote(actor string, id int) (retro.Card, error) {
	return s.vote(actor, id, -1)
}

func (s *Store) vote(actor string, id, delta int) (retro.Card, error) {
	what := "vote"
	if delta < 0 {
		what = "take votes back"
	}
	c, err := s.updateCard(actor, writer, what, id, voteChange(delta))
	if err == nil {
		b, berr := s.RetroBoard(c.Sprint)
		if berr == nil && b.Anonymous {
			c = c.Anonymized()
		}
	}
	return c, err
}

// Cards lists a sprint's retro cards, authors included except on an
// anonymous board (there: none, and votes as one count). Callers that show
// them pass them through retro.Visible (see VisibleCards).
func (s *Store) Cards(sprintID int) ([]retro.Card, error) {
	var out []retro.Card
	err := s.read(func(tx *bolt.Tx) error {
		board, _, err := boardIn(tx, sprintID)
		if err != nil {
			return err
		}
		out, err = cardsIn(tx, sprintID)
		out = redactCards(board, out)
		return err
	})
	return out, err
}

// VotesLeft is how many dots viewer has left on a sprint's retro board.
func (s *Store) VotesLeft(sprintID int, viewer string) (int, error) {
	var left int
	err := s.read(func(tx *bolt.Tx) error {
		board, _, err := boardIn(tx, sprintID)
		if err != nil {
			return err
		}
		_, left, err = visibleIn(tx, board, viewer)
		return err
	})
	return left, err
}

// visibleIn is a board's cards as viewer may see them and viewer's votes
// left: the one place that maps a viewer to their seat on an anonymous board,
// for every read (VisibleCards, VotesLeft, RetroView).
func visibleIn(tx *bolt.Tx, board retro.Board, viewer string) ([]retro.CardView, int, error) {
	cards, err := cardsIn(tx, board.Sprint)
	if err != nil {
		return nil, 0, err
	}
	seat, err := seatOf(tx, board, viewer, false)
	if err != nil {
		return nil, 0, err
	}
	left := board.VoteBudget
	if seat != "" {
		left = board.VotesLeft(cards, seat)
	}
	return retro.Visible(board, cards, seat), left, nil
}

// VisibleCards is a sprint's board and its cards as viewer may see them
// (others' cards hidden while writing, no authors on an anonymous board).
func (s *Store) VisibleCards(sprintID int, viewer string) (retro.Board, []retro.CardView, error) {
	var b retro.Board
	var cards []retro.CardView
	err := s.read(func(tx *bolt.Tx) (err error) {
		if b, _, err = boardIn(tx, sprintID); err != nil {
			return err
		}
		cards, _, err = visibleIn(tx, b, viewer)
		return err
	})
	return b, cards, err
}

// ActionInput is a retro action as the lead writes it.
type ActionInput struct {
	Text  string
	Owner string
	Due   int // the sprint it should be done in; 0: not set
}

// AddAction records a retro action and puts it at the top of the backlog as a
// story labelled retro-action, so the next sprint's planning takes it (lead only).
func (s *Store) AddAction(actor string, sprintID int, text, owner string) (retro.Action, error) {
	return s.AddRetroAction(actor, sprintID, ActionInput{Text: text, Owner: owner})
}

// AddRetroAction is AddAction with a due sprint.
func (s *Store) AddRetroAction(actor string, sprintID int, in ActionInput) (retro.Action, error) {
	a := retro.Action{Sprint: sprintID, Text: CleanTitle(in.Text), Owner: backlog.NormalizeHandle(in.Owner), Due: in.Due, Status: retro.ActionOpen}
	if a.Text == "" {
		return a, fmt.Errorf("an action needs some text")
	}
	if in.Due < 0 {
		return a, fmt.Errorf("the due sprint must be a sprint number, not %d", in.Due)
	}
	err := s.write(actor, leadOnly, "agree retro actions", func(w *wtx) error {
		if _, err := sprintIn(w.tx, sprintID); err != nil {
			return err
		}
		if a.Due != 0 && a.Due < sprintID {
			return fmt.Errorf("an action from the %s retro cannot be due in the earlier sprint %s", sprint.SprintRef(sprintID), sprint.SprintRef(a.Due))
		}
		if a.Owner != "" {
			if _, err := memberIn(w.tx, a.Owner); err != nil {
				return err
			}
		}
		sb := w.bucket(bucketStories)
		sid, err := nextID(sb)
		if err != nil {
			return err
		}
		rank, err := nextActionRank(w.tx, sprintID)
		if err != nil {
			return err
		}
		st := backlog.Story{ID: sid, Title: a.Text, Points: backlog.Unestimated, Value: DefaultValue,
			Labels: []string{retro.ActionLabel}, Status: backlog.StatusBacklog, Rank: rank,
			Created: w.now, Updated: w.now}
		if err := saveStory(w.tx, st, ""); err != nil {
			return err
		}
		b := w.bucket(bucketRetroActions)
		id, err := nextID(b)
		if err != nil {
			return err
		}
		a.ID, a.Story, a.Created = id, sid, w.now
		if err := put(b, itob(id), a); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventRetroAction, Sprint: sprintID, Story: sid,
			Text: eventf("retro action %s: %s", st.Ref(), a.Text)})
	})
	return a, err
}

// nextActionRank is where a new action of the retro of sprintID enters the
// backlog: at the top, after the stories of the actions already agreed there
// (retro.LeadsWithAgreed), so they keep the agreed order.
func nextActionRank(tx *bolt.Tx, sprintID int) (string, error) {
	agreed, err := actionsIn(tx, func(a retro.Action) bool { return a.Sprint == sprintID })
	if err != nil {
		return "", err
	}
	prev := ""
	c := tx.Bucket(bucketStoryRank).Cursor()
	k, _ := c.First()
	for ; k != nil && retro.LeadsWithAgreed(storyOfRankKey(k), agreed); k, _ = c.Next() {
		prev = rankOf(k)
	}
	return backlog.RankBetween(prev, rankOf(k)), nil
}

// storyOfRankKey is the story ID at the end of a rank index key (rankKey).
func storyOfRankKey(k []byte) int {
	if i := bytes.IndexByte(k, 0); i >= 0 {
		return btoi(k[i+1:])
	}
	return 0
}

func actionsIn(tx *bolt.Tx, keep func(retro.Action) bool) ([]retro.Action, error) {
	var out []retro.Action
	b := tx.Bucket(bucketRetroActions)
	err := b.ForEach(func(k, v []byte) error {
		var a retro.Action
		if _, err := get(b, k, &a); err != nil {
			return err
		}
		if keep(a) {
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// Actions lists the actions agreed at a sprint's retro.
func (s *Store) Actions(sprintID int) ([]retro.Action, error) {
	var out []retro.Action
	err := s.read(func(tx *bolt.Tx) (err error) {
		out, err = actionsIn(tx, func(a retro.Action) bool { return a.Sprint == sprintID })
		return err
	})
	return out, err
}

// ActionsToReview lists the earlier retros' actions the retro of sprintID asks
// about (done, carried or dropped?), and those it has already answered.
func (s *Store) ActionsToReview(sprintID int) (pending, answered []retro.Action, err error) {
	var all []retro.Action
	err = s.read(func(tx *bolt.Tx) (err error) {
		all, err = actionsIn(tx, func(a retro.Action) bool { return a.Sprint < sprintID })
		return err
	})
	return retro.PendingReview(all, sprintID), retro.ReviewedAt(all, sprintID), err
}

// ReviewAction records at the retro of sprintID what became of an earlier
// retro's action: done, carried or dropped (lead only).
func (s *Store) ReviewAction(actor string, sprintID, actionID int, status retro.ActionStatus) (retro.Action, error) {
	out, err := s.ReviewActions(actor, sprintID, map[int]retro.ActionStatus{actionID: status})
	if err != nil {
		return retro.Action{}, err
	}
	return out[0], nil
}

// ReviewActions answers several earlier actions in one write: all of them, or
// none when one answer is refused (lead only). They are answered in ID order.
func (s *Store) ReviewActions(actor string, sprintID int, answers map[int]retro.ActionStatus) ([]retro.Action, error) {
	return s.ReviewActionsAndStories(actor, sprintID, answers, false)
}

// ReviewActionsAndStories is ReviewActions that, when offStories is set, also
// takes the backlog story of each action answered done or dropped
// (retro.SettlesStory) off the backlog, in the same write: it is deleted, so
// story restore brings it back. A story already in a sprint, done or deleted
// is left as it is.
func (s *Store) ReviewActionsAndStories(actor string, sprintID int, answers map[int]retro.ActionStatus, offStories bool) ([]retro.Action, error) {
	ids := make([]int, 0, len(answers))
	for id := range answers {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	var out []retro.Action
	err := s.write(actor, leadOnly, "review retro actions", func(w *wtx) error {
		if _, err := sprintIn(w.tx, sprintID); err != nil {
			return err
		}
		for _, id := range ids {
			var a retro.Action
			found, err := get(w.bucket(bucketRetroActions), itob(id), &a)
			if err != nil {
				return err
			}
			if !found {
				return notFound("retro action", fmt.Sprint(id))
			}
			if a, err = retro.Review(a, answers[id], sprintID); err != nil {
				return err
			}
			if err := put(w.bucket(bucketRetroActions), itob(id), a); err != nil {
				return err
			}
			if err := w.emit(Event{Kind: EventRetroActionReviewed, Sprint: sprintID, Story: a.Story,
				Fields: map[string]string{"action": fmt.Sprint(a.ID), "status": string(a.Status)},
				Text:   eventf("%s marked retro action %d %s: %s", w.actor.Handle, a.ID, a.Status, a.Text)}); err != nil {
				return err
			}
			if offStories && retro.SettlesStory(a.Status) && a.Story != 0 {
				if err := takeActionStoryOff(w, a); err != nil {
					return err
				}
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// takeActionStoryOff deletes a settled action's story while it is still
// waiting in the backlog.
func takeActionStoryOff(w *wtx, a retro.Action) error {
	st, err := storyIn(w.tx, a.Story)
	if err != nil || st.Status != backlog.StatusBacklog {
		return err
	}
	e, err := deleteStoryIn(w, a.Story)
	if err != nil {
		return err
	}
	e.Fields["action"] = fmt.Sprint(a.ID)
	e.Text = eventf("%s took %s off the backlog: its retro action is %s", w.actor.Handle, st.Ref(), a.Status)
	return w.emit(e)
}

// ActionStoriesWaiting lists, of actions, those whose story still waits in
// the backlog: what ReviewActionsAndStories would take off for them.
func (s *Store) ActionStoriesWaiting(actions []retro.Action) ([]int, error) {
	var out []int
	err := s.read(func(tx *bolt.Tx) error {
		for _, a := range actions {
			if a.Story == 0 {
				continue
			}
			st, err := storyIn(tx, a.Story)
			if err != nil {
				return err
			}
			if st.Status == backlog.StatusBacklog {
				out = append(out, a.Story)
			}
		}
		return nil
	})
	return out, err
}

// SetRetroPhase moves a sprint's retro board to another phase (lead only). Going
// back is refused once votes are cast.
func (s *Store) SetRetroPhase(actor string, sprintID int, phase retro.Phase) (retro.Board, error) {
	var board retro.Board
	err := s.write(actor, leadOnly, "run the retro", func(w *wtx) error {
		if _, err := sprintIn(w.tx, sprintID); err != nil {
			return err
		}
		var err error
		if board, _, err = boardIn(w.tx, sprintID); err != nil {
			return err
		}
		cards, err := cardsIn(w.tx, sprintID)
		if err != nil {
			return err
		}
		if err := board.Phase.CanMoveTo(phase, retro.VotesCast(cards)); err != nil {
			return err
		}
		from := board.Phase
		board.Phase = phase
		if err := put(w.bucket(bucketRetroBoards), itob(sprintID), board); err != nil {
			return err
		}
		if phase == retro.PhaseDone {
			if err := endAnonymity(w.tx, board); err != nil {
				return err
			}
		}
		return w.emit(Event{Kind: EventRetroPhase, Sprint: sprintID, Fields: map[string]string{"from": string(from), "to": string(phase)},
			Text: eventf("%s moved the %s retro to %s", w.actor.Handle, sprint.SprintRef(sprintID), phase)})
	})
	return board, err
}

// SetRetroTimer starts (minutes > 0) or stops (0) the discussion timer (lead only).
func (s *Store) SetRetroTimer(actor string, sprintID, minutes int) (retro.Board, error) {
	var board retro.Board
	if minutes < 0 || minutes > retro.MaxTimerMinutes {
		return board, fmt.Errorf("the timer runs 1 to %d minutes (0 stops it), not %d", retro.MaxTimerMinutes, minutes)
	}
	err := s.write(actor, leadOnly, "run the retro", func(w *wtx) error {
		if _, err := sprintIn(w.tx, sprintID); err != nil {
			return err
		}
		var err error
		if board, _, err = boardIn(w.tx, sprintID); err != nil {
			return err
		}
		board.TimerMinutes, board.TimerStarted = minutes, w.now
		if minutes == 0 {
			board.TimerStarted = time.Time{}
		}
		if err := put(w.bucket(bucketRetroBoards), itob(sprintID), board); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventRetroTimer, Sprint: sprintID, Fields: map[string]string{"minutes": fmt.Sprint(minutes)},
			Text: eventf("%s set the %s retro timer to %d minutes", w.actor.Handle, sprint.SprintRef(sprintID), minutes)})
	})
	return board, err
}

// voteChange puts (delta +1) or takes back (-1) one of the actor's dots: the
// rule of Vote and Unvote, and of undoing them.
func voteChange(delta int) cardChange {
	return func(w *wtx, b retro.Board, c *retro.Card) (Event, bool, error) {
		cards, err := cardsIn(w.tx, c.Sprint)
		if err != nil {
			return Event{}, false, err
		}
		me, err := seatOf(w.tx, b, w.actor.Handle, true)
		if err != nil {
			return Event{}, false, err
		}
		kind := EventRetroVote
		if delta > 0 {
			err = b.CanVoteOn(cards, *c, me)
		} else {
			err, kind = b.CanUnvote(*c, me), EventRetroUnvote
		}
		if err != nil {
			return Event{}, false, err
		}
		if c.Votes == nil {
			c.Votes = map[string]int{}
		}
		c.Votes[me] += delta
		if c.Votes[me] == 0 {
			delete(c.Votes, me)
		}
		if len(c.Votes) == 0 {
			c.Votes = nil
		}
		left := b.VotesLeft(cards, me) - delta
		// On an anonymous board the event (through emitCard) names nobody and
		// leaves out the votes left, which would tell voters apart.
		if b.Anonymous {
			return Event{Kind: kind, Fields: map[string]string{"votes": fmt.Sprint(c.TotalVotes())}, Text: voteText(kind, c.Sprint)}, false, nil
		}
		return Event{Kind: kind, Fields: map[string]string{"votes": fmt.Sprint(c.TotalVotes()), "left": fmt.Sprint(left)},
			Text: eventf("%s voted on the %s retro", me, sprint.SprintRef(c.Sprint))}, false, nil
	}
}
