package store

import (
	"fmt"

	"huddle/sprint"
)

// eventf writes the one-line English sentence of an event (Event.Text). Every
// sentence is written through it with a constant format: a reader in another
// language sees it translated by matching that format (ui/i18n, the catalog's
// ev.* entries, whose English text is the format as written here), which also
// translates the history written before, so a format changed here needs its
// catalog entry changed too (the catalog test says so).
func eventf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

// storiesText is "1 story" or "3 stories", inside an event's sentence.
func storiesText(n int) string {
	if n == 1 {
		return eventf("1 story")
	}
	return eventf("%d stories", n)
}

// broughtText says a task came into a sprint: brought in, or carried over
// from the task of a closed sprint (from, its ref) as a new one.
func broughtText(actor, from string, t sprint.Task, into string) string {
	if from == "" {
		return eventf("%s brought %s (%gh left) into %s", actor, t.Ref(), t.Remaining, into)
	}
	return eventf("%s carried %s over as %s (%gh left) into %s", actor, from, t.Ref(), t.Remaining, into)
}
