package backlog

// RestoredStatus is the status a deleted story returns to: the one it had
// when it was deleted (from, as its delete recorded it). Where the delete did
// not record it, a story that belongs to a sprint was done (a planned story
// cannot be deleted) and any other was in the backlog.
func RestoredStatus(from StoryStatus, sprint int) StoryStatus {
	switch {
	case from == StatusBacklog || from == StatusDone:
		return from
	case sprint != 0:
		return StatusDone
	}
	return StatusBacklog
}
