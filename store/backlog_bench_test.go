package store

import (
	"testing"
)

// BenchmarkMoveStory moves one story of 10,000 to the top and back to the
// bottom: each move is one write of one story (TestOneMoveWritesOneStoryRecord
// asserts the one story).
func BenchmarkMoveStory(b *testing.B) {
	st, err := Open(bigFixture(b, 10000, 10000), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pos := Position{Top: true}
		if i%2 == 1 {
			pos = Position{Bottom: true}
		}
		if err := st.MoveStory("alice", 5000, pos); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStoriesLimit40 reads the top 40 of 10,000 stories
// (TestStoriesLimitReadsOnlyThatMany asserts it reads no others).
func BenchmarkStoriesLimit40(b *testing.B) {
	st, err := Open(bigFixture(b, 10000, 10000), Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if list, err := st.Stories(40); err != nil || len(list) != 40 {
			b.Fatal(len(list), err)
		}
	}
}

// BenchmarkStoryHistory reads one story's history from a log of 50,000 events
// (what the detail view and `story show` do).
func BenchmarkStoryHistory(b *testing.B) {
	st, err := Open(bigFixture(b, 10000, 50000), Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if evs, err := st.StoryHistory(4321); err != nil || len(evs) != 1 {
			b.Fatal(len(evs), err)
		}
	}
}
