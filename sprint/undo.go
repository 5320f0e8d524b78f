package sprint

import "fmt"

// CanUndoNote says whether stand-up answers written for day may be changed
// back now, when new answers belong to noteDay (NoteDay): not once that
// stand-up is over, because what was said there stays as it was said.
func CanUndoNote(day, noteDay Date) error {
	if day.Before(noteDay) {
		return fmt.Errorf("the stand-up of %s is over; its answers stay as they were given", day)
	}
	return nil
}
