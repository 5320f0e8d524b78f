package store

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"sync"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// The live read models: one copy, per open store, of what the screens of
// every session show most (the backlog in rank order, and the board of a
// sprint with its history), kept as immutable snapshots. A write captures the
// records its events name inside its own transaction (a claim: one task; an
// edit: one story) and, once committed, hands that delta to the live layer,
// which makes the next snapshot from the previous one without reading or
// decoding anything else. Sessions share the snapshots and keep only their
// cursor, filter and forms.
//
// Exactness comes before speed: a snapshot is only handed out when it is at
// the file's current transaction ID (checked in the read transaction that
// also reads the viewer's role). A commit whose events the live layer does not
// know how to apply (a sprint closing, a reorder, any new kind of event) or a
// write that did not come through Store.write (schema migration, JSON import)
// makes it rebuild from the file instead, through a byte-compare cache, so
// records that did not change are still not decoded again.

// liveModels is the live layer of one store.
type liveModels struct {
	mu      sync.Mutex
	backlog *BacklogSnapshot
	boards  map[boardKey]*boardSnap
	pending map[uint64]liveDelta // committed deltas not yet applied, by transaction ID
	cache   StoryCache           // decoded stories by record bytes, for rebuilds
	all     *everyStory          // every story record at one transaction
}

// everyStory is every story record (done and deleted ones too) at one
// transaction, in ID order: what the review and the key results' progress
// are computed from, read once per transaction for every session.
type everyStory struct {
	txid    uint64
	stories []backlog.Story
}

type boardKey struct{ want, n int }

// liveDelta is what one committed write changed, as the live layer needs it.
type liveDelta struct {
	txid     uint64
	stories  map[int]*backlog.Story // nil value: the story is gone from the backlog list
	tasks    []sprint.Task          // tasks the events named, as committed
	rebuild  bool                   // the backlog list cannot be patched: read it again
	boardsGo bool                   // the boards cannot be patched: read them again

	// totals are the stored burndown totals of the sprints whose work
	// moved, as committed (decoded only for a board that shows one).
	totals map[int][]byte
}

// BacklogSnapshot is the backlog in rank order at one committed transaction.
// Nobody changes it after it is published; Memo lets every session share what
// it derives from it (the filter's index) instead of each building its own.
type BacklogSnapshot struct {
	TxID    uint64
	Stories []backlog.Story
	memo    memo
}

// memo is a set of values derived once from an immutable snapshot.
type memo struct {
	mu   sync.Mutex
	vals map[string]*memoEntry
}

type memoEntry struct {
	once sync.Once
	val  any
}

// Memo returns build's result for key, built once for this snapshot and
// shared by every caller: it must be treated as read-only.
func (b *BacklogSnapshot) Memo(key string, build func() any) any { return b.memo.get(key, build) }

func (m *memo) get(key string, build func() any) any {
	m.mu.Lock()
	if m.vals == nil {
		m.vals = map[string]*memoEntry{}
	}
	e := m.vals[key]
	if e == nil {
		e = &memoEntry{}
		m.vals[key] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.val = build() })
	return e.val
}

// boardSnap is one sprint's board at one transaction: the view without its
// burndown, and the sprint's burndown totals as stored (burndown_totals.go),
// so that the burndown of any day is made without reading the log or
// replaying it. Nobody changes the totals after they are read.
type boardSnap struct {
	txid   uint64
	view   BoardView
	totals *sprint.BurndownTotals // nil when there is no sprint
	memo   memo
}

func newLiveModels() *liveModels {
	return &liveModels{boards: map[boardKey]*boardSnap{}, pending: map[uint64]liveDelta{}}
}

// Kinds of event the live layer knows: those that change no story record,
// and those that change only the story they name.
var (
	storyNeutral = kindSet(EventTeamRenamed, EventVisionSet, EventMemberAdded, EventMemberUpdated, EventMemberRemoved,
		EventObjectiveAdded, EventObjectiveEdited, EventObjectiveRemoved, EventKRAdded, EventKRUpdated, EventKREdited,
		EventSprintCreated, EventSprintCapacity, EventSprintStarted, EventSprintEdited,
		EventTaskAdded, EventTaskClaimed, EventTaskUnclaimed, EventTaskStatus, EventTaskRemaining, EventTaskBlocked, EventTaskUnblocked,
		EventTaskEdited, EventTaskSplit,
		EventNoteSaved, EventStandupSettings, EventStandupStarted, EventStandupEnded, EventBlockerParked, EventBlockerResolved,
		EventRetroBoard, EventRetroCardAdded, EventRetroCardEdited, EventRetroCardDeleted, EventRetroCardMerged, EventRetroPhase, EventRetroTimer,
		EventFeedbackAdded, EventStoriesImported, EventCommentAdded, EventMentionsSeen, EventRetroCardUngrouped,
		EventPokerStarted, EventPokerVote, EventPokerRevealed, EventPokerRevote, EventPokerNext, EventPokerEnded)
	storyNamed = kindSet(EventStoryAdded, EventStoryEdited, EventStoryMoved, EventStoryDeleted,
		EventSprintStoryAdded, EventSprintStoryRemoved, EventRetroAction, EventRetroActionReviewed,
		EventFeedbackStory, EventFeedbackAttached, EventStoryProposed, EventStoryAccepted, EventStoryDeclined, EventStoryChecked)
	// boardTasks change only the tasks they name on a board (and its history).
	boardTasks = kindSet(EventTaskClaimed, EventTaskUnclaimed, EventTaskStatus, EventTaskRemaining, EventTaskBlocked, EventTaskUnblocked)
	// boardNeutral change nothing a board shows.
	boardNeutral = kindSet(EventTeamRenamed, EventVisionSet, EventObjectiveAdded, EventObjectiveEdited, EventObjectiveRemoved,
		EventKRAdded, EventKRUpdated, EventKREdited, EventNoteSaved, EventStandupSettings, EventStandupStarted, EventStandupEnded,
		EventBlockerParked, EventBlockerResolved, EventRetroBoard, EventRetroCardAdded, EventRetroCardEdited, EventRetroCardDeleted,
		EventRetroCardMerged, EventRetroPhase, EventRetroTimer, EventFeedbackAdded, EventCommentAdded, EventMentionsSeen,
		EventRetroCardUngrouped, EventPokerStarted, EventPokerVote, EventPokerRevealed, EventPokerRevote, EventPokerNext, EventPokerEnded)
)

func kindSet(kinds ...EventKind) map[EventKind]bool {
	m := make(map[EventKind]bool, len(kinds))
	for _, k := range kinds {
		m[k] = true
	}
	return m
}

// captureDelta reads, inside the write's own transaction, the records its
// events name, and arranges for the delta to reach the live layer once the
// transaction has committed.
func (s *Store) captureDelta(tx *bolt.Tx, events []Event) error {
	d := liveDelta{txid: uint64(tx.ID())}
	tasks := map[int]bool{}
	for _, e := range events {
		switch {
		case storyNamed[e.Kind]:
		case storyNeutral[e.Kind]:
		default:
			d.rebuild = true
		}
		switch {
		case boardTasks[e.Kind]:
			tasks[e.Task] = true
		case boardNeutral[e.Kind]:
		default:
			d.boardsGo = true
		}
		if e.Story != 0 && storyNamed[e.Kind] && !d.rebuild {
			if d.stories == nil {
				d.stories = map[int]*backlog.Story{}
			}
			var st backlog.Story
			found, err := get(tx.Bucket(bucketStories), itob(e.Story), &st)
			if err != nil {
				return err
			}
			// Listed exactly when the rank index lists it.
			// (a cursor: Get cannot tell an empty value from a missing key).
			if found && listed(tx, st) {
				d.stories[e.Story] = &st
			} else {
				d.stories[e.Story] = nil
			}
		}
		if e.Sprint != 0 {
			if _, ok, _ := decodeHistoryValue(historyValue(&e)); ok {
				if d.totals == nil {
					d.totals = map[int][]byte{}
				}
				d.totals[e.Sprint] = nil
			}
		}
	}
	if bb := tx.Bucket(bucketBurndown); bb != nil {
		for id := range d.totals {
			d.totals[id] = bytes.Clone(bb.Get(itob(id)))
		}
	}
	if !d.boardsGo {
		for id := range tasks {
			t, err := taskIn(tx, id)
			if err != nil {
				return err
			}
			d.tasks = append(d.tasks, t)
		}
	}
	tx.OnCommit(func() { s.live.push(d) })
	return nil
}

// push hands a committed delta to the live layer. Commits may reach here out
// of order (bbolt runs commit handlers after releasing its writer lock): a
// delta waits until the one before it has been applied.
func (l *liveModels) push(d liveDelta) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.backlog == nil && len(l.boards) == 0 {
		return // nothing to keep up to date yet
	}
	l.pending[d.txid] = d
	l.catchUp()
}

// catchUp applies the pending deltas that follow the snapshots in order.
func (l *liveModels) catchUp() {
	for {
		at := l.at()
		d, ok := l.pending[at+1]
		if !ok {
			break
		}
		delete(l.pending, at+1)
		l.apply(d)
	}
	// Deltas older than everything kept are of no use any more.
	for id := range l.pending {
		if id <= l.oldest() {
			delete(l.pending, id)
		}
	}
}

// at is the transaction the live models follow (the newest of them).
func (l *liveModels) at() uint64 {
	var at uint64
	if l.backlog != nil {
		at = l.backlog.TxID
	}
	for _, b := range l.boards {
		at = max(at, b.txid)
	}
	return at
}

func (l *liveModels) oldest() uint64 {
	at := ^uint64(0)
	if l.backlog != nil {
		at = l.backlog.TxID
	}
	for _, b := range l.boards {
		at = min(at, b.txid)
	}
	return at
}

// apply makes the next snapshots from d (a snapshot that is not exactly one
// transaction behind is dropped: it is read again when asked for).
func (l *liveModels) apply(d liveDelta) {
	if b := l.backlog; b != nil {
		switch {
		case b.TxID+1 != d.txid || d.rebuild:
			l.backlog = nil
		case len(d.stories) == 0:
			l.backlog = &BacklogSnapshot{TxID: d.txid, Stories: b.Stories}
		default:
			l.backlog = &BacklogSnapshot{TxID: d.txid, Stories: patchStories(b.Stories, d.stories)}
		}
	}
	for k, b := range l.boards {
		if b.txid+1 != d.txid || d.boardsGo {
			delete(l.boards, k)
			continue
		}
		if n := b.next(d); n != nil {
			l.boards[k] = n
		} else {
			delete(l.boards, k)
		}
	}
}

// listed reports whether the rank index lists st.
func listed(tx *bolt.Tx, st backlog.Story) bool {
	key := rankKey(st.Rank, st.ID)
	k, _ := tx.Bucket(bucketStoryRank).Cursor().Seek(key)
	return bytes.Equal(k, key)
}

// patchStories is the rank-ordered list with the changed stories replaced,
// added or removed; unchanged stories are copied, never decoded again.
func patchStories(old []backlog.Story, changed map[int]*backlog.Story) []backlog.Story {
	out := make([]backlog.Story, 0, len(old)+len(changed))
	for _, st := range old {
		if _, ok := changed[st.ID]; !ok {
			out = append(out, st)
		}
	}
	for _, st := range changed {
		if st == nil {
			continue
		}
		i, _ := slices.BinarySearchFunc(out, st, func(a backlog.Story, b *backlog.Story) int { return compareRank(a.Rank, a.ID, b.Rank, b.ID) })
		out = slices.Insert(out, i, *st)
	}
	return out
}

// compareRank orders stories as the rank index does (rank, then ID).
func compareRank(r1 string, id1 int, r2 string, id2 int) int {
	switch {
	case r1 < r2:
		return -1
	case r1 > r2:
		return 1
	case id1 < id2:
		return -1
	case id1 > id2:
		return 1
	}
	return 0
}

// next is the board after d: the tasks d names replaced, the commitment
// recomputed, the sprint's burndown totals as d committed them (nil: the
// board must be read again).
func (b *boardSnap) next(d liveDelta) *boardSnap {
	n := &boardSnap{txid: d.txid, view: b.view, totals: b.totals}
	if b.view.Found {
		var mine []sprint.Task
		for _, t := range d.tasks {
			if t.Sprint == b.view.Sprint.ID {
				mine = append(mine, t)
			}
		}
		if len(mine) > 0 {
			tasks := slices.Clone(b.view.Plan.Tasks)
			for _, t := range mine {
				for i := range tasks {
					if tasks[i].ID == t.ID {
						tasks[i] = t
					}
				}
			}
			n.view.Plan.Tasks = tasks
			p := &n.view.Plan
			p.CommittedHours, p.CommittedPts = p.Sprint.Commitment(p.Tasks, storyPoints(p.Stories))
			p.OverCommitted = sprint.OverCommitted(p.CommittedPts, p.Velocity, p.VelocityOf)
		}
		if raw, ok := d.totals[b.view.Sprint.ID]; ok {
			t := sprint.NewBurndownTotals(nil, nil)
			if raw == nil || json.Unmarshal(raw, t) != nil {
				return nil // read it again from the file (a file before schema 7, or damage)
			}
			n.totals = t
		}
	}
	return n
}

// Backlog returns the live backlog snapshot at the file's current
// transaction, building it when there is none.
func (s *Store) Backlog() (*BacklogSnapshot, error) {
	var snap *BacklogSnapshot
	err := s.read(func(tx *bolt.Tx) (err error) {
		snap, err = s.live.backlogAt(tx)
		return err
	})
	return snap, err
}

// current is the live backlog when it is at tx's transaction, else nil.
func (l *liveModels) current(tx *bolt.Tx) *BacklogSnapshot {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.catchUp()
	if b := l.backlog; b != nil && b.TxID == uint64(tx.ID()) {
		return b
	}
	return nil
}

// backlogAt is the live backlog at tx's transaction.
func (l *liveModels) backlogAt(tx *bolt.Tx) (*BacklogSnapshot, error) {
	txid := uint64(tx.ID())
	l.mu.Lock()
	l.catchUp()
	if b := l.backlog; b != nil && b.TxID == txid {
		l.mu.Unlock()
		return b, nil
	}
	l.mu.Unlock()
	// Read without holding the live layer (the cache has its own lock): a
	// board's first read, at start, must not wait for the whole backlog.
	stories, err := storiesCachedIn(tx, 0, &l.cache)
	if err != nil {
		return nil, err
	}
	snap := &BacklogSnapshot{TxID: txid, Stories: stories}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.catchUp()
	if b := l.backlog; b != nil && b.TxID == txid {
		return b, nil // read meanwhile by another session: share that one
	}
	if l.backlog == nil || l.backlog.TxID <= txid {
		l.backlog = snap
	}
	return snap, nil
}

// boardAt is the live board (want, n) at tx's transaction, and its burndown
// for today.
func (l *liveModels) boardAt(tx *bolt.Tx, want int, today sprint.Date, n int) (BoardView, error) {
	txid := uint64(tx.ID())
	k := boardKey{want, n}
	l.mu.Lock()
	l.catchUp()
	b := l.boards[k]
	l.mu.Unlock()
	if b == nil || b.txid != txid {
		v, totals, err := boardViewIn(tx, want, n, l.sprintStories(tx))
		if err != nil {
			return v, err
		}
		b = &boardSnap{txid: txid, view: v, totals: totals}
		l.mu.Lock()
		if old := l.boards[k]; old == nil || old.txid <= txid {
			l.boards[k] = b
		}
		l.mu.Unlock()
	}
	v := b.view
	v.Today = today
	if v.Found {
		v.Burndown = b.memo.get("burndown/"+today.String(), func() any {
			return b.totals.Burndown(v.Sprint, today)
		}).(sprint.Burndown)
	}
	return v, nil
}

// allStories is every story record at tx's transaction, shared: records that
// did not change since the last read are not decoded again (see StoryCache).
func (l *liveModels) allStories(tx *bolt.Tx) ([]backlog.Story, error) {
	txid := uint64(tx.ID())
	l.mu.Lock()
	if a := l.all; a != nil && a.txid == txid {
		l.mu.Unlock()
		return a.stories, nil
	}
	l.mu.Unlock()
	c := &l.cache
	c.mu.Lock()
	if c.entries == nil {
		c.entries = make(map[int]cachedStory)
	}
	var out []backlog.Story
	sb := tx.Bucket(bucketStories)
	cur := sb.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		id := btoi(k)
		e, ok := c.entries[id]
		if !ok || !bytes.Equal(e.raw, v) {
			var st backlog.Story
			if _, err := get(sb, k, &st); err != nil {
				c.mu.Unlock()
				return nil, err
			}
			e = cachedStory{raw: bytes.Clone(v), story: st}
			c.entries[id] = e
		}
		out = append(out, e.story)
	}
	c.mu.Unlock()
	l.mu.Lock()
	if l.all == nil || l.all.txid <= txid {
		l.all = &everyStory{txid: txid, stories: out}
	}
	l.mu.Unlock()
	return out, nil
}

// sprintStories is sprintStoriesIn from the shared copy of every story.
func (l *liveModels) sprintStories(tx *bolt.Tx) func(int) ([]backlog.Story, error) {
	return func(id int) ([]backlog.Story, error) {
		l.mu.Lock()
		a := l.all
		l.mu.Unlock()
		if a != nil && a.txid == uint64(tx.ID()) {
			return sprintStoriesOf(a.stories, id), nil
		}
		// No shared copy of every story yet (a board's first frame): decode
		// only the records that name the sprint, not the whole backlog.
		return storiesNamingSprintIn(tx, id)
	}
}

// storiesNamingSprintIn is sprintStoriesIn. In a file before the sprint
// index (schema 7, open read-only) it decodes only the records whose JSON holds the key "sprint" with the sprint's number (huddle writes
// its records with encoding/json: no spaces, a quote inside a string is
// escaped, so a story of the sprint always holds it); whatever else matches
// is decoded and sorted out by sprintStoriesOf.
func storiesNamingSprintIn(tx *bolt.Tx, sprintID int) ([]backlog.Story, error) {
	if sprintID <= 0 {
		return sprintStoriesIn(tx, sprintID)
	}
	if out, ok, err := indexedSprintStoriesIn(tx, sprintID); ok {
		return out, err // the sprint index (schema 7)
	}
	key := []byte(`"sprint":` + strconv.Itoa(sprintID))
	sb := tx.Bucket(bucketStories)
	var some []backlog.Story
	cur := sb.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if !namesNumber(v, key) {
			continue
		}
		var st backlog.Story
		if _, err := get(sb, k, &st); err != nil {
			return nil, err
		}
		some = append(some, st)
	}
	return sprintStoriesOf(some, sprintID), nil
}

// namesNumber reports whether v holds key followed by a byte that ends the
// number (so "sprint":1 does not match "sprint":12).
func namesNumber(v, key []byte) bool {
	for {
		i := bytes.Index(v, key)
		if i < 0 {
			return false
		}
		v = v[i+len(key):]
		if len(v) == 0 || v[0] < '0' || v[0] > '9' {
			return true
		}
	}
}
