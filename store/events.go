package store

import (
	"context"
	"strconv"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// EventKind names what happened.
type EventKind string

// The kinds of event the log holds. Later features add their own.
const (
	EventResync EventKind = "resync" // never stored: tells a lagging subscriber to reload everything

	EventTeamRenamed   EventKind = "team.renamed"
	EventVisionSet     EventKind = "vision.set"
	EventMemberAdded   EventKind = "member.added"
	EventMemberUpdated EventKind = "member.updated"
	EventMemberRemoved EventKind = "member.removed"

	EventObjectiveAdded   EventKind = "objective.added"
	EventObjectiveRemoved EventKind = "objective.removed"
	EventKRAdded          EventKind = "kr.added"
	EventKRUpdated        EventKind = "kr.updated"
	EventKRRemoved        EventKind = "kr.removed"

	EventStoryAdded   EventKind = "story.added"
	EventStoryEdited  EventKind = "story.edited"
	EventStoryMoved   EventKind = "story.moved"
	EventStoryDeleted EventKind = "story.deleted"

	EventSprintCreated      EventKind = "sprint.created"
	EventSprintStoryAdded   EventKind = "sprint.story_added"
	EventSprintStoryRemoved EventKind = "sprint.story_removed"
	EventSprintCapacity     EventKind = "sprint.capacity"
	EventSprintStarted      EventKind = "sprint.started"
	EventSprintClosed       EventKind = "sprint.closed"

	EventTaskAdded     EventKind = "task.added"
	EventTaskClaimed   EventKind = "task.claimed"
	EventTaskUnclaimed EventKind = "task.unclaimed"
	EventTaskStatus    EventKind = "task.status"
	EventTaskRemaining EventKind = "task.remaining"
	EventTaskBlocked   EventKind = "task.blocked"
	EventTaskUnblocked EventKind = "task.unblocked"

	EventNoteSaved EventKind = "standup.note"

	EventRetroCardAdded EventKind = "retro.card_added"
	EventRetroAction    EventKind = "retro.action_added"
	EventRetroPhase     EventKind = "retro.phase"
)

// Event is one entry of the append-only log: who did what, when, to which records.
// History (burndown, velocity, "since the last stand-up", the activity feed) is
// computed from these.
type Event struct {
	Seq    uint64            `json:"seq"`
	At     time.Time         `json:"at"`
	Actor  string            `json:"actor"`
	Kind   EventKind         `json:"kind"`
	Sprint int               `json:"sprint,omitempty"`
	Story  int               `json:"story,omitempty"`
	Task   int               `json:"task,omitempty"`
	Fields map[string]string `json:"fields,omitempty"` // what changed, e.g. "remaining": "6"
	Text   string            `json:"text"`             // a one-line summary for people
}

// Float reads a numeric field (0 when absent or not a number).
func (e Event) Float(name string) float64 {
	f, _ := strconv.ParseFloat(e.Fields[name], 64)
	return f
}

// appendEvent stores e in the log (and the sprint index) inside tx, filling Seq.
func appendEvent(tx *bolt.Tx, e *Event) error {
	b := tx.Bucket(bucketEvents)
	// The log only grows at its end: its pages are filled before they split
	// (bbolt's default, half, suits keys that land anywhere; a log written
	// half-full takes twice its size on disk).
	b.FillPercent = appendFill
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	e.Seq = seq
	if err := put(b, u64(seq), e); err != nil {
		return err
	}
	if e.Story != 0 {
		if err := indexStoryEvent(tx, e); err != nil {
			return err
		}
	}
	if e.Sprint != 0 {
		// Keyed by sprint, then sequence: new entries land at the end of the
		// newest sprint's run, nearly always the end of the bucket.
		sb := tx.Bucket(bucketSprintEvents)
		sb.FillPercent = appendFill
		hv := historyValue(e)
		if err := sb.Put(append(itob(e.Sprint), u64(seq)...), hv); err != nil {
			return err
		}
		return addToTotals(tx, e.Sprint, seq, hv) // burndown_totals.go
	}
	return nil
}

// appendFill is how full bbolt fills the pages of buckets written at their
// end (the event log and its sprint index) before splitting them.
const appendFill = 0.95

// subscriberBuffer is how many events a subscriber may fall behind before it is
// sent one resync instead.
const subscriberBuffer = 128

// broker fans committed events out to subscribers without ever blocking a writer.
type broker struct {
	mu     sync.Mutex
	subs   map[chan Event]struct{}
	closed bool
}

func newBroker() *broker { return &broker{subs: map[chan Event]struct{}{}} }

// Subscribe returns a channel of every event committed from now on. Publishing
// never waits for the reader: a reader that falls behind loses the events it
// missed and receives one EventResync in their place, meaning "reload". The
// channel is closed when ctx is cancelled or the store closes.
func (s *Store) Subscribe(ctx context.Context) <-chan Event {
	return s.broker.subscribe(ctx)
}

func (b *broker) subscribe(ctx context.Context) <-chan Event {
	ch := make(chan Event, subscriberBuffer)
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		close(ch)
		return ch
	}
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	// No goroutine waits for the end (a server holds two subscriptions per
	// session): the context runs this when it is done.
	context.AfterFunc(ctx, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if _, ok := b.subs[ch]; ok {
			delete(b.subs, ch)
			close(ch)
		}
	})
	return ch
}

func (b *broker) publish(events []Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		for _, e := range events {
			select {
			case ch <- e:
				continue
			default:
			}
			// Full: drop what is queued and leave one resync in its place.
		drain:
			for {
				select {
				case <-ch:
				default:
					break drain
				}
			}
			ch <- Event{Kind: EventResync, At: e.At}
			break
		}
	}
}

// subscribers counts live subscriptions (for tests and the online list).
func (b *broker) subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for ch := range b.subs {
		delete(b.subs, ch)
		close(ch)
	}
}
