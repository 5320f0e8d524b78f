package store

// Undo. A person takes back their own last change as a new write that
// compensates it: the event log is never rewritten. The compensating event is
// an ordinary event of the opposite change (so the burndown, the stand-up's
// "since yesterday" and the story history read it like any other) carrying
// fieldUndoes, the sequence number of the event it takes back. Undoing again
// walks further back through the caller's own changes, skipping those already
// undone. A change someone else touched the same thing after is refused, with
// who did what since; so is a change a rule now forbids taking back.
//
// What undo needs that the log does not say (the card text an edit replaced,
// a deleted card) is kept in the undo bucket, never exported:
//
//	undo/
//	    'e' <seq>   -> retro.Card   (a card before the edit logged at seq)
//	    'c' <id>    -> retro.Card   (a deleted card, until it is restored)
//	    't' <id>    -> sprint.Task  (a deleted task, until it is restored; see taskbin.go)
//
// Deleted stories need no bin: they stay in the stories bucket, marked deleted.

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// Event kinds of restoring something deleted.
const (
	EventStoryRestored     EventKind = "story.restored"
	EventRetroCardRestored EventKind = "retro.card_restored"
)

const (
	// fieldUndoes, on a compensating event: the sequence number of the event it takes back.
	fieldUndoes = "undoes"
	// fieldBefore, on a story edit: the story's editable fields before it (JSON).
	fieldBefore = "before"
)

// undoWindow is how many of the newest events Undo reads looking for the
// caller's last change: it never scans the whole log of a big file.
const undoWindow = 5000

// bucketUndo holds what undo needs that the log does not carry (see above).
var bucketUndo = []byte("undo")

// ErrNothingToUndo is returned when the caller has no change left to undo.
var ErrNothingToUndo = errors.New("nothing to undo: none of the recent changes in this file is yours and not undone yet")

// UndoKinds lists, for help texts, the changes Undo can take back.
const UndoKinds = `story add, edit, move, delete and restore; task add,
claim, unclaim, move (status), hours left, block, unblock, edit, split,
delete and restore; a tick of an acceptance criterion; retro card add, edit, delete, restore, vote and unvote (not on an
anonymous board, whose log names nobody); a retro phase change (not the
reveal, and not the end); a key result's current value; stand-up answers
(until that stand-up is over)`

// UndoResult is a change taken back and the write that took it back.
type UndoResult struct {
	Undone Event // the change
	By     Event // the compensating event
}

// Message is the one line a screen or a command shows for the undo.
func (r UndoResult) Message() string { return "undone: " + r.Undone.Text }

// Undo takes back actor's own last change that is not undone yet (members and
// the lead; guests change nothing, so undo nothing).
func (s *Store) Undo(actor string) (UndoResult, error) {
	var res UndoResult
	err := s.write(actor, writer, "undo changes", func(w *wtx) error {
		e, later, err := lastOwnChange(w.tx, w.actor.Handle)
		if err != nil {
			return err
		}
		if err := undoable(e); err != nil {
			return fmt.Errorf("cannot undo %q: %w", e.Text, err)
		}
		if err := changedSince(w.tx, e, later); err != nil {
			return err
		}
		if err := undoEvent(w, e); err != nil {
			return fmt.Errorf("cannot undo %q: %w", e.Text, err)
		}
		res = UndoResult{Undone: e, By: w.events[len(w.events)-1]}
		return nil
	})
	return res, err
}

// lastOwnChange walks the log back from its newest event to actor's newest
// change that is neither an undo nor undone (read whole); later are the
// events after it, newest first, read only as far as the checks need (no
// text, no time: see walkedEvent).
func lastOwnChange(tx *bolt.Tx, actor string) (Event, []Event, error) {
	b := tx.Bucket(bucketEvents)
	c := b.Cursor()
	undone := map[uint64]bool{}
	var later []Event
	n := 0
	for k, _ := c.Last(); k != nil && n < undoWindow; k, _ = c.Prev() {
		n++
		var we walkedEvent
		if _, err := get(b, k, &we); err != nil {
			return Event{}, nil, err
		}
		e := we.event()
		if e.Actor == actor {
			if seq := undoneBy(e); seq != 0 {
				undone[seq] = true
			} else if !undone[e.Seq] {
				_, err := get(b, k, &e)
				return e, later, err
			}
		}
		later = append(later, e)
	}
	return Event{}, nil, ErrNothingToUndo
}

// walkedEvent is the part of an event the walk back and the "changed since"
// check read: decoding only these keeps a walk through thousands of events
// cheap.
type walkedEvent struct {
	Seq    uint64    `json:"seq"`
	Actor  string    `json:"actor"`
	Kind   EventKind `json:"kind"`
	Sprint int       `json:"sprint"`
	Story  int       `json:"story"`
	Task   int       `json:"task"`
	Fields struct {
		Undoes string `json:"undoes"`
		Card   string `json:"card"`
		Into   string `json:"into"`
		KR     string `json:"kr"`
		Date   string `json:"date"`
		Member string `json:"member"`
	} `json:"fields"`
}

func (we walkedEvent) event() Event {
	e := Event{Seq: we.Seq, Actor: we.Actor, Kind: we.Kind, Sprint: we.Sprint, Story: we.Story, Task: we.Task}
	set := func(k, v string) {
		if v != "" {
			if e.Fields == nil {
				e.Fields = map[string]string{}
			}
			e.Fields[k] = v
		}
	}
	set(fieldUndoes, we.Fields.Undoes)
	set("card", we.Fields.Card)
	set("into", we.Fields.Into)
	set("kr", we.Fields.KR)
	set("date", we.Fields.Date)
	set("member", we.Fields.Member)
	return e
}

// undoneBy is the sequence number of the event e takes back, or 0 when e is
// not an undo.
func undoneBy(e Event) uint64 {
	seq, _ := strconv.ParseUint(e.Fields[fieldUndoes], 10, 64)
	return seq
}

// undoable says whether huddle knows how to take e back, and whether e
// recorded what that needs (events written before undo existed did not).
func undoable(e Event) error {
	need := ""
	switch e.Kind {
	case EventStoryAdded:
		if e.Fields["import"] != "" {
			return errors.New("stories added by an import are not undone one by one")
		}
	case EventTaskAdded, EventTaskDeleted, EventTaskRestored:
	case EventTaskEdited:
		need = "story_from"
	case EventTaskSplit:
		need = "estimate_from"
	case EventStoryChecked:
		need = "item"
	case EventStoryDeleted, EventStoryRestored, EventRetroVote, EventRetroUnvote, EventRetroCardRestored, EventRetroCardDeleted:
	case EventStoryEdited, EventNoteSaved:
		need = fieldBefore
	case EventStoryMoved:
		need = "rank_from"
	case EventTaskClaimed:
		need = "owner_from"
	case EventTaskUnclaimed:
		need = "owner"
	case EventTaskStatus:
		need = "from"
	case EventTaskRemaining:
		need = "remaining_from"
	case EventTaskBlocked:
		need = "reason_from"
	case EventTaskUnblocked:
		need = "reason"
	case EventRetroCardAdded, EventRetroCardEdited:
		need = "card"
	case EventRetroPhase, EventKRUpdated:
		need = "from"
	case EventSprintStarted:
		return errors.New("a started sprint cannot be taken back; its baseline is frozen")
	case EventSprintClosed:
		return errors.New("a closed sprint stays closed; its stories were counted and returned")
	default:
		return errors.New("huddle does not undo that kind of change")
	}
	if _, ok := e.Fields[need]; need != "" && !ok {
		return errors.New("it was recorded before huddle kept what a change replaced")
	}
	return nil
}

// touched names the things an event changed, for the "changed since" check.
func touched(e Event) []string {
	switch {
	case e.Task != 0:
		return []string{sprint.TaskRef(e.Task)}
	case e.Fields["card"] != "":
		out := []string{"retro card " + e.Fields["card"]}
		if into := e.Fields["into"]; into != "" {
			out = append(out, "retro card "+into)
		}
		return out
	case e.Kind == EventRetroPhase || e.Kind == EventRetroBoard:
		return []string{"the " + sprint.SprintRef(e.Sprint) + " retro"}
	case e.Kind == EventBacklogReordered:
		return []string{"the backlog order"}
	case e.Story != 0:
		return []string{backlog.StoryRef(e.Story)}
	case e.Fields["kr"] != "":
		return []string{"KR-" + e.Fields["kr"]}
	case e.Kind == EventNoteSaved:
		return []string{e.Fields["member"] + "'s stand-up answers for " + e.Fields["date"]}
	}
	return nil
}

// isVote: votes of different people on one card do not undo each other.
func isVote(k EventKind) bool { return k == EventRetroVote || k == EventRetroUnvote }

// changedSince refuses to undo e when someone else changed the same thing
// after it (later, newest first): it names the first such change.
func changedSince(tx *bolt.Tx, e Event, later []Event) error {
	mine := touched(e)
	switch e.Kind {
	case EventStoryMoved:
		mine = append(mine, "the backlog order")
	case EventTaskSplit:
		mine = append(mine, e.Fields["part"]) // the task split off goes too
	}
	// A change someone made after e and took back themself since left nothing
	// behind: neither it nor its undo stands in the way.
	undoneSince := map[uint64]bool{}
	for _, o := range later {
		if seq := undoneBy(o); seq > e.Seq {
			undoneSince[seq] = true
		}
	}
	for i := len(later) - 1; i >= 0; i-- {
		o := later[i]
		if o.Actor == e.Actor || (isVote(e.Kind) && isVote(o.Kind)) || undoneSince[o.Seq] || undoneBy(o) > e.Seq {
			continue
		}
		for _, t := range touched(o) {
			for _, m := range mine {
				if t != m {
					continue
				}
				if _, err := get(tx.Bucket(bucketEvents), u64(o.Seq), &o); err != nil {
					return err
				}
				who := o.Actor
				if who == "" {
					who = "someone"
				}
				return fmt.Errorf("cannot undo %q: %s changed %s since (%s, %s)", e.Text, who, t, o.Text, o.At.Format("Jan 2 15:04"))
			}
		}
	}
	return nil
}

// undoing marks ev as the compensation of e.
func undoing(e, ev Event) Event {
	fields := map[string]string{}
	for k, v := range ev.Fields {
		fields[k] = v
	}
	fields[fieldUndoes] = strconv.FormatUint(e.Seq, 10)
	ev.Fields = fields
	return ev
}

// undoText is the summary of a compensating event.
func undoText(w *wtx, e Event) string { return eventf("%s undid %q", w.actor.Handle, e.Text) }

// needLead refuses a lead's change to anyone who is not the lead now.
func needLead(w *wtx, what string) error {
	if !w.actor.Role.CanLead() {
		return backlog.Forbidden(w.actor.Handle, w.actor.Role, what, backlog.RoleLead)
	}
	return nil
}

// undoEvent applies the inverse of e inside w and emits its one event.
func undoEvent(w *wtx, e Event) error {
	switch e.Kind {
	case EventStoryAdded, EventStoryDeleted, EventStoryRestored, EventStoryEdited, EventStoryMoved:
		return undoStory(w, e)
	case EventRetroPhase:
		return undoPhase(w, e)
	case EventKRUpdated:
		return undoKRCurrent(w, e)
	case EventNoteSaved:
		return undoNote(w, e)
	case EventTaskEdited: // undo_corrections.go
		return undoTaskEdit(w, e)
	case EventTaskSplit:
		return undoTaskSplit(w, e)
	case EventStoryChecked:
		return undoStoryCheck(w, e)
	case EventTaskAdded, EventTaskDeleted, EventTaskRestored:
		var ev Event
		var err error
		if e.Kind == EventTaskDeleted {
			_, ev, err = restoreTaskIn(w, e.Task)
		} else {
			_, ev, err = deleteTaskIn(w, e.Task)
		}
		if err != nil {
			return err
		}
		ev.Text = undoText(w, e)
		return w.emit(undoing(e, ev))
	case EventTaskClaimed, EventTaskUnclaimed, EventTaskStatus, EventTaskRemaining, EventTaskBlocked, EventTaskUnblocked:
		_, err := updateTaskIn(w, e.Task, func(w *wtx, t *sprint.Task) (Event, error) {
			ev, err := undoTask(w, e, t)
			ev.Text = undoText(w, e)
			return undoing(e, ev), err
		})
		return err
	}
	return undoCard(w, e)
}

// undoStory takes back a story change (the lead's).
func undoStory(w *wtx, e Event) error {
	if err := needLead(w, "change stories"); err != nil {
		return err
	}
	var ev Event
	var err error
	switch e.Kind {
	case EventStoryAdded, EventStoryRestored:
		ev, err = deleteStoryIn(w, e.Story)
	case EventStoryDeleted:
		_, ev, err = restoreStoryIn(w, e.Story)
	case EventStoryEdited:
		var in StoryInput
		if in, err = storyBeforeInput(e.Fields[fieldBefore]); err == nil {
			_, ev, err = editStoryIn(w, e.Story, in)
		}
	case EventStoryMoved:
		ev, err = rankStoryIn(w, e.Story, e.Fields["rank_from"])
	}
	if err != nil {
		return err
	}
	ev.Text = undoText(w, e)
	return w.emit(undoing(e, ev))
}

// storySnapshot is a story's editable fields, kept on its edit event: a
// StoryInput with names in the log (the two must keep the same fields).
type storySnapshot struct {
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Acceptance  string   `json:"acceptance,omitempty"`
	Points      int      `json:"points"`
	Value       int      `json:"value"`
	KeyResult   int      `json:"kr,omitempty"`
	Labels      []string `json:"labels,omitempty"`
}

// storyBefore is the fieldBefore value of an edit of st.
func storyBefore(st backlog.Story) string {
	b, _ := json.Marshal(storySnapshot{st.Title, st.Description, st.Acceptance, st.Points, st.Value, st.KeyResult, st.Labels})
	return string(b)
}

func storyBeforeInput(v string) (StoryInput, error) {
	var s storySnapshot
	if err := json.Unmarshal([]byte(v), &s); err != nil {
		return StoryInput{}, fmt.Errorf("its record of the story before is unreadable: %v", err)
	}
	return StoryInput(s), nil
}

// rankStoryIn puts a listed story back at rank.
func rankStoryIn(w *wtx, id int, rank string) (Event, error) {
	st, err := storyIn(w.tx, id)
	if err != nil {
		return Event{}, err
	}
	if st.Status != backlog.StatusBacklog {
		return Event{}, fmt.Errorf("%s is no longer in the backlog (%s)", st.Ref(), st.Status)
	}
	old := st.Rank
	st.Rank, st.Updated = rank, w.now
	if err := saveStory(w.tx, st, old); err != nil {
		return Event{}, err
	}
	return Event{Kind: EventStoryMoved, Story: id, Fields: map[string]string{"rank": rank, "rank_from": old}}, nil
}

// RestoreStory brings a deleted story back (lead only): to the place in the
// backlog it was deleted from, or, a done story, back among the done.
func (s *Store) RestoreStory(actor string, id int) (backlog.Story, error) {
	var st backlog.Story
	err := s.write(actor, leadOnly, "restore stories", func(w *wtx) error {
		var e Event
		var err error
		if st, e, err = restoreStoryIn(w, id); err != nil {
			return err
		}
		e.Text = eventf("%s restored %s %s", w.actor.Handle, st.Ref(), st.Title)
		return w.emit(e)
	})
	return st, err
}

// restoreStoryIn is RestoreStory inside a write: it returns the event to emit.
func restoreStoryIn(w *wtx, id int) (backlog.Story, Event, error) {
	var st backlog.Story
	found, err := get(w.bucket(bucketStories), itob(id), &st)
	switch {
	case err != nil:
		return st, Event{}, err
	case !found:
		return st, Event{}, notFound("story", backlog.StoryRef(id))
	case st.Status != backlog.StatusDeleted:
		return st, Event{}, fmt.Errorf("%s is not deleted", st.Ref())
	}
	// The status it had: as its last delete recorded it.
	history, err := indexedEvents(w.tx, w.bucket(bucketStoryEvents), id)
	if err != nil {
		return st, Event{}, err
	}
	var from backlog.StoryStatus
	for _, e := range history {
		if e.Kind == EventStoryDeleted {
			from = backlog.StoryStatus(e.Fields["status_from"])
		}
	}
	st.Status, st.Updated = backlog.RestoredStatus(from, st.Sprint), w.now
	if st.Status == backlog.StatusDone { // done stories are not listed
		err = putStory(w.tx, st)
	} else {
		err = saveStory(w.tx, st, "")
	}
	return st, Event{Kind: EventStoryRestored, Story: id, Fields: map[string]string{"status": string(st.Status)}}, err
}

// undoTask sets t back to what it was before e and returns the event of
// that change.
func undoTask(w *wtx, e Event, t *sprint.Task) (Event, error) {
	lead := w.actor.Role.CanLead()
	switch e.Kind {
	case EventTaskClaimed:
		from := e.Fields["owner_from"]
		t.Owner = from
		if from == "" {
			return Event{Kind: EventTaskUnclaimed, Fields: map[string]string{"owner": e.Fields["owner"]}}, nil
		}
		return Event{Kind: EventTaskClaimed, Fields: map[string]string{"owner": from, "owner_from": e.Fields["owner"]}}, nil
	case EventTaskUnclaimed:
		prev := e.Fields["owner"]
		if err := t.CanClaim(prev); err != nil {
			return Event{}, err
		}
		if m, err := memberIn(w.tx, prev); err != nil || !m.Role.CanWrite() {
			return Event{}, fmt.Errorf("%s can no longer own tasks", prev)
		}
		t.Owner = prev
		return Event{Kind: EventTaskClaimed, Fields: map[string]string{"owner": prev, "owner_from": ""}}, nil
	case EventTaskStatus:
		if err := sprint.MayTouch(*t, w.actor.Handle, lead, sprint.ActMove); err != nil {
			return Event{}, err
		}
		from, rem := t.Status, t.Remaining
		t.Status, t.Remaining = sprint.TaskStatus(e.Fields["from"]), e.Float("remaining_from")
		if c := e.Fields["claimed"]; c != "" && t.Owner == c {
			t.Owner = "" // the move took it; the undo gives it back
		}
		return Event{Kind: EventTaskStatus, Fields: map[string]string{"from": string(from), "to": string(t.Status),
			"remaining_from": ftoa(rem), "remaining": ftoa(t.Remaining)}}, nil
	case EventTaskRemaining:
		if err := sprint.MayTouch(*t, w.actor.Handle, lead, sprint.ActHours); err != nil {
			return Event{}, err
		}
		from := t.Remaining
		t.Remaining = e.Float("remaining_from")
		return Event{Kind: EventTaskRemaining, Fields: map[string]string{"remaining_from": ftoa(from), "remaining": ftoa(t.Remaining)}}, nil
	case EventTaskBlocked:
		now := t.Blocked
		t.Blocked = e.Fields["reason_from"]
		if t.Blocked == "" {
			return Event{Kind: EventTaskUnblocked, Fields: map[string]string{"reason": now}}, nil
		}
		return Event{Kind: EventTaskBlocked, Fields: map[string]string{"reason": t.Blocked, "reason_from": now}}, nil
	default: // EventTaskUnblocked
		now := t.Blocked
		t.Blocked = e.Fields["reason"]
		return Event{Kind: EventTaskBlocked, Fields: map[string]string{"reason": t.Blocked, "reason_from": now}}, nil
	}
}

// undoPhase moves a retro back to the phase it left (the lead's), if the
// retro's rules let that change be taken back.
func undoPhase(w *wtx, e Event) error {
	if err := needLead(w, "run the retro"); err != nil {
		return err
	}
	board, _, err := boardIn(w.tx, e.Sprint)
	if err != nil {
		return err
	}
	cards, err := cardsIn(w.tx, e.Sprint)
	if err != nil {
		return err
	}
	from := retro.Phase(e.Fields["from"])
	if err := retro.CanUndoPhase(from, board.Phase, retro.VotesCast(cards)); err != nil {
		return err
	}
	now := board.Phase
	board.Phase = from
	if err := put(w.bucket(bucketRetroBoards), itob(e.Sprint), board); err != nil {
		return err
	}
	return w.emit(undoing(e, Event{Kind: EventRetroPhase, Sprint: e.Sprint, Fields: map[string]string{"from": string(now), "to": string(from)},
		Text: undoText(w, e)}))
}

// undoKRCurrent sets a key result's current value back (the lead's).
func undoKRCurrent(w *wtx, e Event) error {
	if err := needLead(w, "update key results"); err != nil {
		return err
	}
	id, err := strconv.Atoi(e.Fields["kr"])
	if err != nil {
		return fmt.Errorf("it does not say which key result")
	}
	b := w.bucket(bucketKeyResults)
	var kr backlog.KeyResult
	found, err := get(b, itob(id), &kr)
	if err != nil {
		return err
	}
	if !found {
		return notFound("key result", backlog.KRRef(id))
	}
	now := kr.Current
	kr.Current = e.Float("from")
	if err := put(b, itob(id), kr); err != nil {
		return err
	}
	return w.emit(undoing(e, Event{Kind: EventKRUpdated, Fields: map[string]string{"kr": fmt.Sprint(id), "from": ftoa(now), "to": ftoa(kr.Current)},
		Text: undoText(w, e)}))
}

// noteSnapshot is a member's stand-up answers before a save (Existed false:
// there were none), kept on the save's event.
type noteSnapshot struct {
	Existed   bool   `json:"existed"`
	Yesterday string `json:"yesterday,omitempty"`
	Today     string `json:"today,omitempty"`
	Blocker   string `json:"blocker,omitempty"`
}

// noteBefore is the fieldBefore value of a save over n (found: n was stored).
func noteBefore(found bool, n sprint.Note) string {
	b, _ := json.Marshal(noteSnapshot{found, n.Yesterday, n.Today, n.Blocker})
	return string(b)
}

// undoNote puts a member's stand-up answers back as they were before a save,
// while that stand-up is still to come (or running).
func undoNote(w *wtx, e Event) error {
	day, err := sprint.ParseDate(e.Fields["date"])
	if err != nil {
		return fmt.Errorf("it does not say which day")
	}
	member := e.Fields["member"]
	if member != w.actor.Handle {
		if err := needLead(w, "write someone else's stand-up answers"); err != nil {
			return err
		}
	}
	next, err := noteDayIn(w.tx, w.now)
	if err != nil {
		return err
	}
	if err := sprint.CanUndoNote(day, next); err != nil {
		return err
	}
	var snap noteSnapshot
	if err := json.Unmarshal([]byte(e.Fields[fieldBefore]), &snap); err != nil {
		return fmt.Errorf("its record of the answers before is unreadable: %v", err)
	}
	b, key := w.bucket(bucketNotes), noteKey(day, member)
	var n sprint.Note
	found, err := get(b, key, &n)
	if err != nil {
		return err
	}
	now := noteBefore(found, n)
	if snap.Existed {
		n.Member, n.Date, n.Updated = member, day, w.now
		n.Yesterday, n.Today, n.Blocker = snap.Yesterday, snap.Today, snap.Blocker
		err = put(b, key, n)
	} else {
		err = b.Delete(key)
	}
	if err != nil {
		return err
	}
	return w.emit(undoing(e, Event{Kind: EventNoteSaved, Sprint: e.Sprint, Fields: map[string]string{"date": day.String(), "member": member, fieldBefore: now},
		Text: undoText(w, e)}))
}

// undoCard takes back a change to a retro card.
func undoCard(w *wtx, e Event) error {
	id, err := strconv.Atoi(e.Fields["card"])
	if err != nil {
		return fmt.Errorf("it does not say which card")
	}
	if e.Kind == EventRetroCardDeleted {
		_, ev, err := restoreCardIn(w, id)
		if err != nil {
			return err
		}
		ev.Text = undoText(w, e)
		return w.emit(undoing(e, ev)) // only cards of named boards are kept
	}
	var change cardChange
	switch e.Kind {
	case EventRetroCardAdded, EventRetroCardRestored:
		change = deleteOwnCard
	case EventRetroVote:
		change = voteChange(-1)
	case EventRetroUnvote:
		change = voteChange(+1)
	case EventRetroCardEdited:
		var before retro.Card
		found, err := fromBin(w.tx, append([]byte{'e'}, u64(e.Seq)...), &before)
		if err != nil || !found {
			return fmt.Errorf("what the card said before was not kept")
		}
		change = func(w *wtx, b retro.Board, c *retro.Card) (Event, bool, error) {
			if err := b.CanEditCard(*c, w.actor.Handle); err != nil {
				return Event{}, false, err
			}
			c.Text, c.Column = before.Text, before.Column
			return Event{Kind: EventRetroCardEdited}, false, nil
		}
	default:
		return fmt.Errorf("huddle cannot undo a %s", e.Kind)
	}
	_, err = updateCardIn(w, id, func(w *wtx, b retro.Board, c *retro.Card) (Event, bool, error) {
		ev, del, err := change(w, b, c)
		ev.Text = undoText(w, e)
		return undoing(e, ev), del, err
	})
	return err
}

// fromBin reads a record undo kept; found is false in a file without the
// undo bucket too.
func fromBin(tx *bolt.Tx, key []byte, v any) (found bool, err error) {
	if bin := tx.Bucket(bucketUndo); bin != nil {
		return get(bin, key, v)
	}
	return false, nil
}

func cardBinKey(id int) []byte { return append([]byte{'c'}, itob(id)...) }

// keepCard keeps what undo needs of a card change just emitted: a deleted
// card (in the bin, by its ID) or the card before an edit (by the event).
func keepCard(w *wtx, before retro.Card, deleted bool) error {
	e := w.events[len(w.events)-1]
	if !deleted && e.Kind != EventRetroCardEdited {
		return nil
	}
	b, err := w.tx.CreateBucketIfNotExists(bucketUndo)
	if err != nil {
		return err
	}
	if deleted {
		return put(b, cardBinKey(before.ID), before)
	}
	return put(b, append([]byte{'e'}, u64(e.Seq)...), before)
}

// RestoreCard brings back the actor's own deleted retro card, while cards may
// still be written. Cards deleted from an anonymous board are not kept.
func (s *Store) RestoreCard(actor string, id int) (retro.Card, error) {
	var c retro.Card
	err := s.write(actor, writer, "restore retro cards", func(w *wtx) error {
		var e Event
		var err error
		if c, e, err = restoreCardIn(w, id); err != nil {
			return err
		}
		e.Text = eventf("%s restored retro card %d", w.actor.Handle, id)
		return w.emit(e)
	})
	return c, err
}

// restoreCardIn is RestoreCard inside a write: it returns the event to emit.
func restoreCardIn(w *wtx, id int) (retro.Card, Event, error) {
	var c retro.Card
	if w.bucket(bucketRetroCards).Get(itob(id)) != nil {
		return c, Event{}, fmt.Errorf("retro card %d is not deleted", id)
	}
	found, err := fromBin(w.tx, cardBinKey(id), &c)
	if err != nil {
		return c, Event{}, err
	}
	if !found {
		return c, Event{}, fmt.Errorf("retro card %d was not kept when it was deleted (cards on an anonymous board, and ones deleted before huddle kept them, are gone)", id)
	}
	board, _, err := boardIn(w.tx, c.Sprint)
	if err != nil {
		return c, Event{}, err
	}
	if c.Author != w.actor.Handle {
		return c, Event{}, fmt.Errorf("retro card %d is not yours; only its author can restore it", id)
	}
	if err := board.CanWriteCard(); err != nil {
		return c, Event{}, err
	}
	if err := put(w.bucket(bucketRetroCards), itob(id), c); err != nil {
		return c, Event{}, err
	}
	if err := w.bucket(bucketUndo).Delete(cardBinKey(id)); err != nil {
		return c, Event{}, err
	}
	return c, Event{Kind: EventRetroCardRestored, Sprint: c.Sprint, Fields: map[string]string{"card": fmt.Sprint(id)}}, nil
}
