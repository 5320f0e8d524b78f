package store

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

func TestProposalsByRole(t *testing.T) {
	st, _ := newTestStore(t)
	lead := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "Lead's", Points: 3}))
	if lead.Status != backlog.StatusBacklog {
		t.Fatalf("the lead's story is %s", lead.Status)
	}
	prop := must[backlog.Story](t)(st.AddStory("bob", StoryInput{Title: "Bob's idea"}))
	if prop.Status != backlog.StatusProposed || prop.ProposedBy != "bob" {
		t.Fatalf("a member's story is %+v", prop)
	}
	if _, err := st.AddStory("gus", StoryInput{Title: "Guest's"}); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatalf("a guest proposed: %v", err)
	}
	list := must[[]backlog.Story](t)(st.Stories(0))
	if len(list) != 2 || list[1].ID != prop.ID || list[1].Status != backlog.StatusProposed {
		t.Fatalf("backlog %+v: the proposal is not at the bottom, marked", list)
	}
	// Not in the ordered backlog the lead plans from.
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "g", Start: sprint.DateOf(fixedNow), End: sprint.DateOf(fixedNow).AddDays(13)}))
	if err := st.AddStoryToSprint("alice", sp.ID, prop.ID); err == nil {
		t.Fatal("a proposal went into a sprint")
	}
	if _, err := st.AcceptStory("bob", prop.ID); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatalf("a member accepted: %v", err)
	}
	if _, err := st.DeclineStory("bob", prop.ID, "no"); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatalf("a member declined: %v", err)
	}
	if _, err := st.AcceptStory("alice", lead.ID); err == nil {
		t.Fatal("accepted a story that was no proposal")
	}
	acc := must[backlog.Story](t)(st.AcceptStory("alice", prop.ID))
	if acc.Status != backlog.StatusBacklog || acc.Rank != prop.Rank {
		t.Fatalf("accepted %+v, was rank %s", acc, prop.Rank)
	}
	check(t, st.AddStoryToSprint("alice", sp.ID, prop.ID))

	second := must[backlog.Story](t)(st.AddStory("bob", StoryInput{Title: "Another"}))
	if _, err := st.DeclineStory("alice", second.ID, "  "); err == nil {
		t.Fatal("declined without a reason")
	}
	dec := must[backlog.Story](t)(st.DeclineStory("alice", second.ID, "out of scope"))
	if dec.Status != backlog.StatusDeclined || dec.Declined != "out of scope" {
		t.Fatalf("declined %+v", dec)
	}
	for _, s := range must[[]backlog.Story](t)(st.Stories(0)) {
		if s.ID == second.ID {
			t.Fatal("a declined story is still listed")
		}
	}
	if err := st.MoveStory("alice", second.ID, Position{Top: true}); err == nil {
		t.Fatal("moved a declined story")
	}
	if d := must[[]backlog.Story](t)(st.DeclinedStories()); len(d) != 1 || d[0].ID != second.ID {
		t.Fatalf("declined stories %+v", d)
	}
	var kinds []EventKind
	for _, e := range must[[]Event](t)(st.StoryHistory(second.ID)) {
		kinds = append(kinds, e.Kind)
	}
	if len(kinds) != 2 || kinds[0] != EventStoryProposed || kinds[1] != EventStoryDeclined {
		t.Fatalf("history of the declined proposal: %v", kinds)
	}
	if p := must[[]string](t)(st.Check()); len(p) != 0 {
		t.Fatalf("check: %v", p)
	}
}

func TestCommentsAndMentions(t *testing.T) {
	st, clk := newTestStore(t)
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "Pay", Points: 3}))
	sp := must[sprint.Sprint](t)(st.CreateSprint("alice", NewSprint{Goal: "g", Start: sprint.DateOf(fixedNow), End: sprint.DateOf(fixedNow).AddDays(13)}))
	check(t, st.AddStoryToSprint("alice", sp.ID, s.ID))
	task := must[sprint.Task](t)(st.AddTask("alice", s.ID, "Form", 4))

	if _, err := st.AddStoryComment("gus", s.ID, "hi"); !errors.Is(err, backlog.ErrForbidden) {
		t.Fatalf("a guest commented: %v", err)
	}
	if _, err := st.AddStoryComment("bob", s.ID, " \x1b[2J "); err == nil {
		t.Fatal("an empty comment after cleaning was taken")
	}
	if _, err := st.AddStoryComment("bob", s.ID, strings.Repeat("x", backlog.MaxComment+1)); err == nil {
		t.Fatal("an over-long comment was taken")
	}
	if _, err := st.AddStoryComment("bob", 99, "hi"); err == nil {
		t.Fatal("a comment on a missing story")
	}
	c1 := must[backlog.Comment](t)(st.AddStoryComment("bob", s.ID, "ask @alice and @nobody, not me@bob.org\x1b]0;x\x07"))
	if c1.Author != "bob" || c1.Text != "ask @alice and @nobody, not me@bob.org" || len(c1.Mentions) != 1 || c1.Mentions[0] != "alice" {
		t.Fatalf("comment %+v", c1)
	}
	clk.Advance(time.Minute)
	c2 := must[backlog.Comment](t)(st.AddTaskComment("alice", task.ID, "@bob done?\nline two"))
	if c2.Task != task.ID || c2.Story != s.ID || c2.Text != "@bob done?\nline two" {
		t.Fatalf("task comment %+v", c2)
	}
	if cs := must[[]backlog.Comment](t)(st.StoryComments(s.ID)); len(cs) != 1 || cs[0].ID != c1.ID {
		t.Fatalf("story comments %+v", cs)
	}
	if cs := must[[]backlog.Comment](t)(st.TaskComments(task.ID)); len(cs) != 1 || cs[0].ID != c2.ID {
		t.Fatalf("task comments %+v", cs)
	}
	hist := must[[]Event](t)(st.StoryHistory(s.ID))
	if last := hist[len(hist)-1]; last.Kind != EventCommentAdded || last.Task != task.ID {
		t.Fatalf("last history entry %+v", last)
	}

	m := must[Mentions](t)(st.MentionsOf("alice"))
	if m.New != 1 || len(m.Comments) != 1 || m.Comments[0].ID != c1.ID {
		t.Fatalf("alice's mentions %+v", m)
	}
	check(t, st.MarkMentionsSeen("alice"))
	if m := must[Mentions](t)(st.MentionsOf("alice")); m.New != 0 || len(m.Comments) != 1 {
		t.Fatalf("after seen %+v", m)
	}
	if m := must[Mentions](t)(st.MentionsOf("bob")); m.New != 1 {
		t.Fatalf("bob's mentions %+v: alice's seen marker is not his", m)
	}
	must[backlog.Comment](t)(st.AddStoryComment("bob", s.ID, "again @alice"))
	if m := must[Mentions](t)(st.MentionsOf("alice")); m.New != 1 || len(m.Comments) != 2 || m.Comments[0].Text != "again @alice" {
		t.Fatalf("a new mention after seen %+v", m)
	}
	if p := must[[]string](t)(st.Check()); len(p) != 0 {
		t.Fatalf("check: %v", p)
	}

	// Export and import carry comments and markers.
	var buf bytes.Buffer
	check(t, st.ExportJSON(&buf))
	dst := filepath.Join(t.TempDir(), "copy.db")
	if _, err := ImportJSON(bytes.NewReader(buf.Bytes()), dst); err != nil {
		t.Fatal(err)
	}
	cp, err := Open(dst, Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if cs := must[[]backlog.Comment](t)(cp.StoryComments(s.ID)); len(cs) != 2 {
		t.Fatalf("imported comments %+v", cs)
	}
	if m := must[Mentions](t)(cp.MentionsOf("alice")); m.New != 1 {
		t.Fatalf("imported marker %+v", m)
	}
}

// Migration 6 adds the comments bucket; read-only, a file before it has no comments.
func TestMigration6AddsComments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huddle.db")
	st, err := Open(path, Options{Create: true, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	must[bool](t)(st.Bootstrap("alice", "Rocket"))
	s := must[backlog.Story](t)(st.AddStory("alice", StoryInput{Title: "A"}))
	if err := st.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketComments); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(5))
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open before comments: %v", err)
	}
	if cs := must[[]backlog.Comment](t)(ro.StoryComments(s.ID)); len(cs) != 0 {
		t.Fatalf("comments before migration 6: %+v", cs)
	}
	ro.Close()
	st, err = Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v := readSchemaOf(t, st); v != SchemaVersion() {
		t.Fatalf("schema %d after migrating", v)
	}
	must[backlog.Comment](t)(st.AddStoryComment("alice", s.ID, "works"))
}

func readSchemaOf(t *testing.T, st *Store) (v int) {
	t.Helper()
	_ = st.db.View(func(tx *bolt.Tx) error { v = readSchema(tx); return nil })
	return v
}
