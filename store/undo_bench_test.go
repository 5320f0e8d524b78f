package store

import (
	"errors"
	"testing"
)

// BenchmarkUndoNothingToUndo is the worst case of one undo on a file of
// 10,000 stories and 50,000 events: a member with no change of their own, so
// the walk reads the whole window (undoWindow events) and the write rolls back.
func BenchmarkUndoNothingToUndo(b *testing.B) {
	st, err := Open(bigFixture(b, 10000, 50000), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.AddMember("alice", NewMember{Handle: "bob"}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.Undo("bob"); !errors.Is(err, ErrNothingToUndo) {
			b.Fatal(err)
		}
	}
}

// BenchmarkUndoLastDelete is the common case on the same file: the lead
// deletes a story (not timed) and undoes it (timed: the walk back to the
// newest event, the restore and its one fsynced write).
func BenchmarkUndoLastDelete(b *testing.B) {
	st, err := Open(bigFixture(b, 10000, 50000), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := st.DeleteStory("alice", 5000); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := st.Undo("alice"); err != nil {
			b.Fatal(err)
		}
	}
}
