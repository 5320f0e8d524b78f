package store

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// The comments bucket (migration 6) holds comments on stories and tasks and
// each member's mention marker, all JSON:
//
//	s<story id><comment id>   a backlog.Comment on a story
//	t<task id><comment id>    a backlog.Comment on a task
//	m<handle>                 mentionSeen: the newest comment id the member has seen mentions up to
var bucketComments = []byte("comments")

const (
	commentStoryPrefix = 's'
	commentTaskPrefix  = 't'
	commentSeenPrefix  = 'm'
)

// Event kinds of the conversation.
const (
	EventCommentAdded EventKind = "comment.added"
	// EventMentionsSeen is never stored: it tells the member's other screens
	// that their mentions were read.
	EventMentionsSeen EventKind = "mentions.seen"
)

type mentionSeen struct {
	Upto int `json:"upto"`
}

// unseen says whether the comment numbered id is new to whoever saw up to here.
func (s mentionSeen) unseen(id int) bool { return id > s.Upto }

func migrateComments(tx *bolt.Tx) error {
	_, err := tx.CreateBucketIfNotExists(bucketComments)
	return err
}

func commentKey(prefix byte, target, id int) []byte {
	return append(append([]byte{prefix}, itob(target)...), itob(id)...)
}

// AddStoryComment adds a comment to a story (members and the lead; guests read).
func (s *Store) AddStoryComment(actor string, story int, text string) (backlog.Comment, error) {
	return s.addComment(actor, commentStoryPrefix, story, text)
}

// AddTaskComment adds a comment to a task (members and the lead; guests read).
func (s *Store) AddTaskComment(actor string, task int, text string) (backlog.Comment, error) {
	return s.addComment(actor, commentTaskPrefix, task, text)
}

func (s *Store) addComment(actor string, prefix byte, target int, text string) (backlog.Comment, error) {
	c := backlog.Comment{Text: CleanText(text)}
	if err := backlog.ValidateComment(c.Text); err != nil {
		return c, err
	}
	err := s.write(actor, writer, "comment", func(w *wtx) error {
		ref := ""
		if prefix == commentTaskPrefix {
			t, err := taskIn(w.tx, target)
			if err != nil {
				return err
			}
			c.Task, c.Story, ref = t.ID, t.Story, sprint.TaskRef(t.ID)
		} else {
			st, err := storyIn(w.tx, target)
			if err != nil {
				return err
			}
			if st.Status == backlog.StatusDeleted {
				return fmt.Errorf("%s is deleted: restore it before commenting", st.Ref())
			}
			c.Story, ref = st.ID, st.Ref()
		}
		b := w.bucket(bucketComments)
		if b == nil {
			return errors.New("this file has no comments bucket yet: open it once with this huddle to upgrade it")
		}
		id, err := nextID(b)
		if err != nil {
			return err
		}
		c.ID, c.Author, c.At = id, w.actor.Handle, w.now
		c.Mentions = backlog.Mentions(c.Text, func(h string) bool {
			m, err := memberIn(w.tx, h)
			return err == nil && m.Role != ""
		})
		if err := put(b, commentKey(prefix, target, id), c); err != nil {
			return err
		}
		fields := map[string]string{"comment": fmt.Sprint(id)}
		if len(c.Mentions) > 0 {
			fields["mentions"] = joinHandles(c.Mentions)
		}
		return w.emit(Event{Kind: EventCommentAdded, Story: c.Story, Task: c.Task, Fields: fields,
			Text: eventf("%s commented on %s: %s", w.actor.Handle, ref, CleanTitle(c.Text))})
	})
	return c, err
}

func joinHandles(hs []string) string {
	var b bytes.Buffer
	for i, h := range hs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(h)
	}
	return b.String()
}

// StoryComments are the comments on a story, oldest first (not its tasks').
func (s *Store) StoryComments(story int) ([]backlog.Comment, error) {
	return s.comments(commentStoryPrefix, story)
}

// TaskComments are the comments on a task, oldest first.
func (s *Store) TaskComments(task int) ([]backlog.Comment, error) {
	return s.comments(commentTaskPrefix, task)
}

func (s *Store) comments(prefix byte, target int) (out []backlog.Comment, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketComments)
		if b == nil {
			return nil
		}
		pre := append([]byte{prefix}, itob(target)...)
		c := b.Cursor()
		for k, v := c.Seek(pre); k != nil && bytes.HasPrefix(k, pre); k, v = c.Next() {
			var cm backlog.Comment
			if err := decodeStrict(v, &cm); err != nil {
				return err
			}
			out = append(out, cm)
		}
		return nil
	})
	return out, err
}

// Mentions is what a member was mentioned in: every comment naming them,
// newest first, and how many of those are newer than they last saw.
type Mentions struct {
	Comments []backlog.Comment
	New      int
}

// MentionsOf reads the comments that mention handle.
func (s *Store) MentionsOf(handle string) (m Mentions, err error) {
	err = s.readMentions(handle, func(_ *bolt.Tx, b *bolt.Bucket, seen mentionSeen) error {
		return b.ForEach(func(k, v []byte) error {
			if k[0] == commentSeenPrefix {
				return nil
			}
			var cm backlog.Comment
			if err := decodeStrict(v, &cm); err != nil {
				return err
			}
			if slices.Contains(cm.Mentions, handle) {
				m.Comments = append(m.Comments, cm)
				if seen.unseen(cm.ID) {
					m.New++
				}
			}
			return nil
		})
	})
	slices.SortFunc(m.Comments, func(a, b backlog.Comment) int { return b.ID - a.ID })
	return m, err
}

// NewMentions is how many comments name handle that they have not seen
// (MentionsOf(handle).New), counted from who each comment names as read
// once per commit for everyone: every session's header asks after every
// change, and the comments are not decoded again for each person.
func (s *Store) NewMentions(handle string) (n int, err error) {
	err = s.readMentions(handle, func(tx *bolt.Tx, b *bolt.Bucket, seen mentionSeen) error {
		named, err := s.sharedIn(tx, "store/mentions", func() (any, error) { return mentionsIn(b) })
		if err != nil {
			return err
		}
		for _, id := range named.(map[string][]int)[handle] {
			if seen.unseen(id) {
				n++
			}
		}
		return nil
	})
	return n, err
}

// readMentions runs fn in one read with the comments' bucket and what
// handle last saw of them (nothing when the file has no comments yet).
func (s *Store) readMentions(handle string, fn func(tx *bolt.Tx, b *bolt.Bucket, seen mentionSeen) error) error {
	return s.read(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketComments)
		if b == nil {
			return nil
		}
		var seen mentionSeen
		if _, err := get(b, append([]byte{commentSeenPrefix}, handle...), &seen); err != nil {
			return err
		}
		return fn(tx, b, seen)
	})
}

// mentionsIn lists, for each handle named in a comment, the comments naming
// it (once each).
func mentionsIn(b *bolt.Bucket) (map[string][]int, error) {
	named := map[string][]int{}
	err := b.ForEach(func(k, v []byte) error {
		if k[0] == commentSeenPrefix {
			return nil
		}
		var cm backlog.Comment
		if err := decodeStrict(v, &cm); err != nil {
			return err
		}
		for i, h := range cm.Mentions {
			if !slices.Contains(cm.Mentions[:i], h) {
				named[h] = append(named[h], cm.ID)
			}
		}
		return nil
	})
	return named, err
}

// MarkMentionsSeen records that actor has seen every mention so far (their
// own marker; any member, guests have none).
func (s *Store) MarkMentionsSeen(actor string) error {
	return s.write(actor, writer, "read mentions", func(w *wtx) error {
		b := w.bucket(bucketComments)
		if b == nil {
			return nil
		}
		key := append([]byte{commentSeenPrefix}, w.actor.Handle...)
		upto := int(b.Sequence())
		var seen mentionSeen
		if _, err := get(b, key, &seen); err != nil {
			return err
		}
		if seen.Upto >= upto {
			return nil
		}
		if err := put(b, key, mentionSeen{Upto: upto}); err != nil {
			return err
		}
		// Published, never stored: the member's other screens drop the note.
		w.events = append(w.events, Event{Kind: EventMentionsSeen, At: w.now, Actor: w.actor.Handle})
		return nil
	})
}

// checkCommentRecord checks one record of the comments bucket.
func checkCommentRecord(k, v []byte) (func() error, error) {
	if len(k) > 0 && k[0] == commentSeenPrefix {
		var seen mentionSeen
		if err := decodeStrict(v, &seen); err != nil {
			return nil, err
		}
		return nil, nil
	}
	text := len(k) == 9 && k[0] == commentTextPrefix // a mention in a story's or task's text
	if !text && (len(k) != 17 || (k[0] != commentStoryPrefix && k[0] != commentTaskPrefix)) {
		return nil, errors.New("not a comment key")
	}
	var c backlog.Comment
	if err := decodeStrict(v, &c); err != nil {
		return nil, err
	}
	if c.ID != btoi(k[len(k)-8:]) {
		return nil, fmt.Errorf("its id %d does not match its key", c.ID)
	}
	if text {
		if c.In == "" || len(c.Mentions) == 0 {
			return nil, errors.New("a mention in text names neither its field nor whom it mentions")
		}
		return nil, nil
	}
	if c.Text != CleanText(c.Text) {
		return nil, errors.New("its text is not clean")
	}
	if err := backlog.ValidateComment(c.Text); err != nil {
		return nil, err
	}
	return nil, nil // a removed member's comments stay
}

// StoryThread is the whole conversation about a story: the comments on it and
// on its tasks, oldest first.
func (s *Store) StoryThread(story int) (out []backlog.Comment, err error) {
	if out, err = s.StoryComments(story); err != nil {
		return nil, err
	}
	err = s.read(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketComments)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek([]byte{commentTaskPrefix}); k != nil && k[0] == commentTaskPrefix; k, v = c.Next() {
			var cm backlog.Comment
			if err := decodeStrict(v, &cm); err != nil {
				return err
			}
			if cm.Story == story {
				out = append(out, cm)
			}
		}
		return nil
	})
	slices.SortFunc(out, func(a, b backlog.Comment) int { return a.ID - b.ID })
	return out, err
}
