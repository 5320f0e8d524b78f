package store

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"

	"huddle/backlog"

	bolt "go.etcd.io/bbolt"
)

// StoryInput is what a person fills in for a story.
type StoryInput struct {
	Title       string
	Description string
	Acceptance  string
	Points      int // backlog.Unestimated or a scale value
	Value       int // 1-100; 0 means the default (50)
	KeyResult   int
	Labels      []string
}

// DefaultValue is the business value of a story whose value nobody set.
const DefaultValue = 50

func (in StoryInput) apply(st *backlog.Story) {
	st.Title = CleanTitle(in.Title)
	st.Description = CleanText(in.Description)
	st.Acceptance = CleanText(in.Acceptance)
	st.Points = in.Points
	st.Value = in.Value
	if st.Value == 0 {
		st.Value = DefaultValue
	}
	st.KeyResult = in.KeyResult
	var labels []string
	for _, l := range in.Labels {
		labels = append(labels, CleanTitle(l))
	}
	st.Labels = backlog.NormalizeLabels(labels)
}

func rankKey(rank string, id int) []byte {
	return append(append([]byte(rank), 0), itob(id)...)
}

// AddStory adds a story at the bottom of the backlog (lead only).
func (s *Store) AddStory(actor string, in StoryInput) (backlog.Story, error) {
	var st backlog.Story
	in.apply(&st)
	st.Status = backlog.StatusBacklog
	if err := st.Validate(); err != nil {
		return st, err
	}
	err := s.write(actor, writer, "propose stories", func(w *wtx) error {
		if err := checkKR(w.tx, st.KeyResult); err != nil {
			return err
		}
		if err := proposeIfMember(w, &st); err != nil {
			return err
		}
		b := w.bucket(bucketStories)
		id, err := nextID(b)
		if err != nil {
			return err
		}
		st.ID, st.Created, st.Updated = id, w.now, w.now
		last, _ := w.bucket(bucketStoryRank).Cursor().Last()
		st.Rank = backlog.RankAfter(rankOf(last))
		if err := saveStory(w.tx, st, ""); err != nil {
			return err
		}
		if err := noteStoryMentions(w, backlog.Story{}, st); err != nil {
			return err
		}
		return w.emit(storyAddedEvent(w, st))
	})
	return st, err
}

func checkKR(tx *bolt.Tx, kr int) error {
	if kr != 0 && tx.Bucket(bucketKeyResults).Get(itob(kr)) == nil {
		return notFound("key result", fmt.Sprintf("KR-%d", kr))
	}
	return nil
}

func rankOf(indexKey []byte) string {
	if i := bytes.IndexByte(indexKey, 0); i >= 0 {
		return string(indexKey[:i])
	}
	return ""
}

// saveStory writes a story and keeps the rank index in step: listed stories
// (not deleted) have one index entry under their current rank.
func saveStory(tx *bolt.Tx, st backlog.Story, oldRank string) error {
	idx := tx.Bucket(bucketStoryRank)
	if oldRank != "" {
		if err := idx.Delete(rankKey(oldRank, st.ID)); err != nil {
			return err
		}
	}
	if st.Status != backlog.StatusDeleted && st.Status != backlog.StatusDeclined {
		if err := idx.Put(rankKey(st.Rank, st.ID), nil); err != nil {
			return err
		}
	}
	return putStory(tx, st)
}

func storyIn(tx *bolt.Tx, id int) (backlog.Story, error) {
	var st backlog.Story
	found, err := get(tx.Bucket(bucketStories), itob(id), &st)
	if err == nil && (!found || st.Status == backlog.StatusDeleted) {
		err = notFound("story", backlog.StoryRef(id))
	}
	return st, err
}

// Story returns one listed story.
func (s *Store) Story(id int) (backlog.Story, error) {
	var st backlog.Story
	err := s.read(func(tx *bolt.Tx) (err error) {
		st, err = storyIn(tx, id)
		return err
	})
	return st, err
}

// Stories lists stories in backlog rank order, reading at most limit of them
// (limit <= 0 means all). Only the rank index and those stories are read.
func (s *Store) Stories(limit int) (out []backlog.Story, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		out, err = storiesIn(tx, limit)
		return err
	})
	return out, err
}

// storiesIn is Stories inside a read.
func storiesIn(tx *bolt.Tx, limit int) ([]backlog.Story, error) {
	var out []backlog.Story
	sb := tx.Bucket(bucketStories)
	c := tx.Bucket(bucketStoryRank).Cursor()
	for k, _ := c.First(); k != nil && (limit <= 0 || len(out) < limit); k, _ = c.Next() {
		var st backlog.Story
		if _, err := get(sb, k[len(k)-8:], &st); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// StoryCount counts listed stories.
func (s *Store) StoryCount() (int, error) {
	n := 0
	err := s.read(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketStoryRank).Stats().KeyN
		return nil
	})
	return n, err
}

// StoryTotals counts every story written and not deleted (done ones
// included), and those listed in the backlog (done stories leave the list),
// in one read: the numbers `huddle demo` reports and `huddle check` prints.
func (s *Store) StoryTotals() (all, listed int, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		listed = tx.Bucket(bucketStoryRank).Stats().KeyN
		b := tx.Bucket(bucketStories)
		return b.ForEach(func(k, _ []byte) error {
			var st backlog.Story
			if _, err := get(b, k, &st); err != nil {
				return err
			}
			if st.Status != backlog.StatusDeleted {
				all++
			}
			return nil
		})
	})
	return all, listed, err
}

// EditStory replaces a story's editable fields (lead only).
func (s *Store) EditStory(actor string, id int, in StoryInput) (backlog.Story, error) {
	var st backlog.Story
	err := s.write(actor, leadOnly, "edit stories", func(w *wtx) error {
		var e Event
		var err error
		if st, e, err = editStoryIn(w, id, in); err != nil {
			return err
		}
		return w.emit(e)
	})
	return st, err
}

// editStoryIn is EditStory inside a write: it saves the story and returns
// the event to emit.
func editStoryIn(w *wtx, id int, in StoryInput) (backlog.Story, Event, error) {
	st, err := storyIn(w.tx, id)
	if err != nil {
		return st, Event{}, err
	}
	before := st
	in.apply(&st)
	st.Checked = backlog.RemapChecked(before.Acceptance, st.Acceptance, before.Checked)
	if err := st.Validate(); err != nil {
		return st, Event{}, err
	}
	if err := checkKR(w.tx, st.KeyResult); err != nil {
		return st, Event{}, err
	}
	st.Updated = w.now
	if err := putStory(w.tx, st); err != nil {
		return st, Event{}, err
	}
	if err := noteStoryMentions(w, before, st); err != nil {
		return st, Event{}, err
	}
	fields := storyDiff(before, st)
	fields[fieldBefore] = storyBefore(before) // what undo puts back
	return st, Event{Kind: EventStoryEdited, Story: id, Sprint: st.Sprint, Fields: fields,
		Text: eventf("%s edited %s", w.actor.Handle, st.Ref())}, nil
}

// storyDiff names the fields an edit changed, for the story's history.
func storyDiff(a, b backlog.Story) map[string]string {
	d := map[string]string{}
	if a.Title != b.Title {
		d["title"] = b.Title
	}
	if a.Points != b.Points {
		d["points"] = fmt.Sprint(b.Points)
		d["points_from"] = fmt.Sprint(a.Points)
	}
	if a.Value != b.Value {
		d["value"] = fmt.Sprint(b.Value)
	}
	if a.Description != b.Description {
		d["description"] = "changed"
	}
	if a.Acceptance != b.Acceptance {
		d["acceptance"] = "changed"
	}
	if strings.Join(a.Labels, ",") != strings.Join(b.Labels, ",") {
		d["labels"] = strings.Join(b.Labels, ",")
	}
	if a.KeyResult != b.KeyResult {
		d["kr"] = fmt.Sprint(b.KeyResult)
	}
	return d
}

// Position says where to move a story: exactly one field is set.
type Position struct {
	Top, Bottom   bool
	Before, After int // story IDs
	Up, Down      bool
}

// MoveStory changes one story's place in the backlog (lead only). It writes that
// story alone: its new rank key sits between its new neighbours.
func (s *Store) MoveStory(actor string, id int, pos Position) error {
	return s.write(actor, leadOnly, "reorder the backlog", func(w *wtx) error {
		st, err := storyIn(w.tx, id)
		if err != nil {
			return err
		}
		if st.Status == backlog.StatusDeclined {
			return fmt.Errorf("%s was declined; it has no place in the backlog", st.Ref())
		}
		idx := w.bucket(bucketStoryRank)
		c := idx.Cursor()
		self := rankKey(st.Rank, id)
		var lo, hi []byte // the new neighbours' index keys
		switch {
		case pos.Top:
			hi, _ = c.First()
		case pos.Bottom:
			lo, _ = c.Last()
		case pos.Up:
			c.Seek(self)
			hi, _ = c.Prev()
			if hi == nil {
				return nil // already at the top
			}
			lo, _ = c.Prev()
		case pos.Down:
			c.Seek(self)
			lo, _ = c.Next()
			if lo == nil {
				return nil
			}
			hi, _ = c.Next()
		case pos.Before != 0 || pos.After != 0:
			ref := pos.Before + pos.After
			if ref == id {
				return fmt.Errorf("cannot move %s relative to itself", st.Ref())
			}
			other, err := storyIn(w.tx, ref)
			if err != nil {
				return err
			}
			c.Seek(rankKey(other.Rank, ref))
			if pos.Before != 0 {
				hi = rankKey(other.Rank, ref)
				lo, _ = c.Prev()
			} else {
				lo = rankKey(other.Rank, ref)
				hi, _ = c.Next()
			}
		default:
			return fmt.Errorf("say where to move %s", st.Ref())
		}
		// A neighbour that is the story itself is skipped over.
		if bytes.Equal(lo, self) {
			c.Seek(self)
			lo, _ = c.Prev()
		}
		if bytes.Equal(hi, self) {
			c.Seek(self)
			hi, _ = c.Next()
		}
		newRank := backlog.RankBetween(rankOf(lo), rankOf(hi))
		if newRank == st.Rank {
			return nil
		}
		old := st.Rank
		st.Rank, st.Updated = newRank, w.now
		if err := saveStory(w.tx, st, old); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventStoryMoved, Story: id, Fields: map[string]string{"rank": newRank, "rank_from": old},
			Text: eventf("%s moved %s", w.actor.Handle, st.Ref())})
	})
}

// DeleteStory takes a story off the backlog (lead only). It stays in the log and
// in the stories bucket marked deleted (RestoreStory brings it back).
func (s *Store) DeleteStory(actor string, id int) error {
	return s.write(actor, leadOnly, "delete stories", func(w *wtx) error {
		e, err := deleteStoryIn(w, id)
		if err != nil {
			return err
		}
		return w.emit(e)
	})
}

// deleteStoryIn is DeleteStory inside a write: it returns the event to emit.
func deleteStoryIn(w *wtx, id int) (Event, error) {
	st, err := storyIn(w.tx, id)
	if err != nil {
		return Event{}, err
	}
	if err := st.CanDelete(); err != nil {
		return Event{}, err
	}
	if err := w.bucket(bucketStoryRank).Delete(rankKey(st.Rank, id)); err != nil {
		return Event{}, err
	}
	from := st.Status
	st.Status, st.Updated = backlog.StatusDeleted, w.now
	if err := putStory(w.tx, st); err != nil {
		return Event{}, err
	}
	return Event{Kind: EventStoryDeleted, Story: id, Fields: map[string]string{"status_from": string(from)},
		Text: eventf("%s deleted %s %s", w.actor.Handle, st.Ref(), st.Title)}, nil
}

// checkIndexes finds rank-index entries without a listed story and listed stories without an entry.
func checkIndexes(tx *bolt.Tx) []string {
	var problems []string
	sb, idx := tx.Bucket(bucketStories), tx.Bucket(bucketStoryRank)
	if sb == nil || idx == nil {
		return []string{"missing buckets: the file was never initialised by huddle"}
	}
	indexed := map[int]bool{}
	_ = idx.ForEach(func(k, _ []byte) error {
		if len(k) < 9 {
			problems = append(problems, fmt.Sprintf("story_rank: malformed key %x", k))
			return nil
		}
		id := btoi(k[len(k)-8:])
		indexed[id] = true
		var st backlog.Story
		if found, err := get(sb, itob(id), &st); err != nil || !found || st.Rank != rankOf(k) {
			problems = append(problems, fmt.Sprintf("story_rank: entry for %s does not match the story", backlog.StoryRef(id)))
		}
		return nil
	})
	_ = sb.ForEach(func(k, v []byte) error {
		var st backlog.Story
		if _, err := get(sb, k, &st); err != nil {
			problems = append(problems, err.Error())
			return nil
		}
		// Deleted, done and declined stories leave the backlog list; every other one is ranked.
		if st.Status.Listed() && !indexed[st.ID] {
			problems = append(problems, fmt.Sprintf("stories: %s is missing from the rank index", st.Ref()))
		}
		return nil
	})
	return problems
}

// Event kinds of backlog-wide writes.
const (
	EventBacklogReordered EventKind = "backlog.reordered"
	EventStoriesImported  EventKind = "story.imported"
)

// ApplyValuePerPointOrder reorders the backlog by value per point, highest
// first, ties in their current order, unestimated stories left where they are
// (backlog.ApplyValuePerPoint) (lead only). It is the one write that
// renumbers the backlog, and it does so in one transaction. It returns how many
// stories changed place.
func (s *Store) ApplyValuePerPointOrder(actor string) (int, error) {
	moved := 0
	err := s.write(actor, leadOnly, "reorder the backlog", func(w *wtx) error {
		sb, idx := w.bucket(bucketStories), w.bucket(bucketStoryRank)
		var ranked []backlog.Story
		c := idx.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			var st backlog.Story
			if _, err := get(sb, k[len(k)-8:], &st); err != nil {
				return err
			}
			ranked = append(ranked, st)
		}
		order := backlog.ApplyValuePerPoint(ranked)
		for i := range order {
			if order[i].ID != ranked[i].ID {
				moved++
			}
		}
		if moved == 0 {
			return nil
		}
		rank := ""
		for _, st := range order {
			old := st.Rank
			rank = backlog.RankAfter(rank)
			st.Rank, st.Updated = rank, w.now
			if err := saveStory(w.tx, st, old); err != nil {
				return err
			}
		}
		return w.emit(Event{Kind: EventBacklogReordered, Fields: map[string]string{"order": "value per point", "moved": fmt.Sprint(moved)},
			Text: eventf("%s ordered the backlog by value per point (%d stories moved)", w.actor.Handle, moved)})
	})
	return moved, err
}

// ImportRejection is one input ImportStories did not take, and why.
type ImportRejection struct {
	Index int // into the inputs
	Err   error
}

// ImportStories adds stories at the bottom of the backlog, in order, in one
// transaction (lead only). Every input that passes the story rules goes in;
// every one that does not is returned with its reason. With dryRun nothing is
// written and the answer is the same.
func (s *Store) ImportStories(actor string, ins []StoryInput, dryRun bool) ([]backlog.Story, []ImportRejection, error) {
	var added []backlog.Story
	var rejected []ImportRejection
	errDryRun := errors.New("dry run")
	err := s.write(actor, leadOnly, "add stories", func(w *wtx) error {
		added, rejected = nil, nil
		b := w.bucket(bucketStories)
		last, _ := w.bucket(bucketStoryRank).Cursor().Last()
		rank := rankOf(last)
		for i, in := range ins {
			var st backlog.Story
			in.apply(&st)
			st.Status = backlog.StatusBacklog
			if err := st.Validate(); err != nil {
				rejected = append(rejected, ImportRejection{i, err})
				continue
			}
			if err := checkKR(w.tx, st.KeyResult); err != nil {
				rejected = append(rejected, ImportRejection{i, err})
				continue
			}
			id, err := nextID(b)
			if err != nil {
				return err
			}
			rank = backlog.RankAfter(rank)
			st.ID, st.Created, st.Updated, st.Rank = id, w.now, w.now, rank
			if err := saveStory(w.tx, st, ""); err != nil {
				return err
			}
			if err := w.emit(Event{Kind: EventStoryAdded, Story: id, Fields: map[string]string{"points": fmt.Sprint(st.Points), "import": "csv"},
				Text: eventf("%s imported %s %s", w.actor.Handle, st.Ref(), st.Title)}); err != nil {
				return err
			}
			added = append(added, st)
		}
		if dryRun {
			return errDryRun // roll back: nothing is written
		}
		if len(added) > 0 {
			return w.emit(Event{Kind: EventStoriesImported, Fields: map[string]string{"added": fmt.Sprint(len(added)), "rejected": fmt.Sprint(len(rejected))},
				Text: eventf("%s imported %d stories", w.actor.Handle, len(added))})
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if err != nil {
		return nil, nil, err
	}
	return added, rejected, nil
}

// StoryCache keeps decoded stories between reads by one reader (one screen of
// one session), so that reading the whole backlog again after a change decodes
// only the stories whose records changed. The zero value is ready to use; it is
// safe for concurrent use.
type StoryCache struct {
	mu      sync.Mutex
	entries map[int]cachedStory
}

type cachedStory struct {
	raw   []byte
	story backlog.Story
}

// storiesCachedTop reads the top limit stories through c.
func storiesCachedTopIn(tx *bolt.Tx, limit int, c *StoryCache) ([]backlog.Story, error) {
	var out []backlog.Story
	err := func() error {
		sb := tx.Bucket(bucketStories)
		cur := tx.Bucket(bucketStoryRank).Cursor()
		for k, _ := cur.First(); k != nil && len(out) < limit; k, _ = cur.Next() {
			key := k[len(k)-8:]
			raw := sb.Get(key)
			if e, ok := c.entries[btoi(key)]; ok && bytes.Equal(e.raw, raw) {
				out = append(out, e.story)
				continue
			}
			var st backlog.Story
			if _, err := get(sb, key, &st); err != nil {
				return err
			}
			c.entries[st.ID] = cachedStory{raw: bytes.Clone(raw), story: st}
			out = append(out, st)
		}
		return nil
	}()
	return out, err
}

// StoriesCached is Stories(limit) through c: a story whose record is
// byte-for-byte what c saw last time is not decoded again.
func (s *Store) StoriesCached(limit int, c *StoryCache) (out []backlog.Story, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		out, err = storiesCachedIn(tx, limit, c)
		return err
	})
	return out, err
}

// storiesCachedIn is StoriesCached inside a read.
func storiesCachedIn(tx *bolt.Tx, limit int, c *StoryCache) ([]backlog.Story, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = make(map[int]cachedStory)
	}
	if limit > 0 {
		return storiesCachedTopIn(tx, limit, c)
	}
	// The whole backlog: one pass over the stories bucket in key order (cheaper
	// than a lookup per story), then the rank index for the order.
	var out []backlog.Story
	err := func() error {
		sb := tx.Bucket(bucketStories)
		seen := make(map[int]bool, len(c.entries))
		cur := sb.Cursor()
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			id := btoi(k)
			seen[id] = true
			if e, ok := c.entries[id]; ok && bytes.Equal(e.raw, v) {
				continue
			}
			var st backlog.Story
			if _, err := get(sb, k, &st); err != nil {
				return err
			}
			c.entries[id] = cachedStory{raw: bytes.Clone(v), story: st}
		}
		for id := range c.entries {
			if !seen[id] {
				delete(c.entries, id)
			}
		}
		idx := tx.Bucket(bucketStoryRank).Cursor()
		for k, _ := idx.First(); k != nil; k, _ = idx.Next() {
			e, ok := c.entries[btoi(k[len(k)-8:])]
			if !ok {
				return fmt.Errorf("story_rank: entry %x has no story", k)
			}
			out = append(out, e.story)
		}
		return nil
	}()
	return out, err
}
