package store

import (
	"slices"

	"huddle/backlog"
	"huddle/sprint"
)

// Mentions in text other than comments: an @handle written into a story's
// title, description or acceptance criteria, or a task's title, is recorded
// in the comments bucket when it is new (the same write), so that it is
// listed in that member's mentions as a comment would be:
//
//	x<id>   a backlog.Comment whose In names the field ("description", "task"…),
//	        Text is the text written, and Mentions the members newly named
//
// The id comes from the comments bucket's sequence, so "seen up to" covers
// both kinds.
const commentTextPrefix = 'x'

// Fields a text mention is in.
const (
	mentionInTitle       = "title"
	mentionInDescription = "description"
	mentionInAcceptance  = "acceptance"
	mentionInTask        = "task"
)

// noteTextMentions records the members after names that before did not (the
// writer never mentions themself). A file without the comments bucket
// records nothing.
func noteTextMentions(w *wtx, story, task int, in, before, after string) error {
	isMember := func(h string) bool {
		m, err := memberIn(w.tx, h)
		return err == nil && m.Role != "" && h != w.actor.Handle
	}
	had := backlog.Mentions(before, isMember)
	var fresh []string
	for _, h := range backlog.Mentions(after, isMember) {
		if !slices.Contains(had, h) {
			fresh = append(fresh, h)
		}
	}
	b := w.bucket(bucketComments)
	if len(fresh) == 0 || b == nil {
		return nil
	}
	id, err := nextID(b)
	if err != nil {
		return err
	}
	c := backlog.Comment{ID: id, Story: story, Task: task, Author: w.actor.Handle, At: w.now, Text: after, Mentions: fresh, In: in}
	return put(b, append([]byte{commentTextPrefix}, itob(id)...), c)
}

// noteStoryMentions records the new mentions of a story's text fields.
func noteStoryMentions(w *wtx, before, after backlog.Story) error {
	for _, f := range []struct{ in, a, b string }{
		{mentionInTitle, before.Title, after.Title},
		{mentionInDescription, before.Description, after.Description},
		{mentionInAcceptance, before.Acceptance, after.Acceptance},
	} {
		if err := noteTextMentions(w, after.ID, 0, f.in, f.a, f.b); err != nil {
			return err
		}
	}
	return nil
}

// noteTaskMentions records the new mentions of a task's title.
func noteTaskMentions(w *wtx, before string, t sprint.Task) error {
	return noteTextMentions(w, t.Story, t.ID, mentionInTask, before, t.Title)
}
