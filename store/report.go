package store

import (
	"bytes"
	"sort"
	"strconv"

	"huddle/retro"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// ReportBlocker is something that blocked the team during the sprint: a stand-up
// answer to "what blocks me?", a blocker parked at a stand-up, or a task flagged
// blocked.
type ReportBlocker struct {
	Day    sprint.Date
	Who    string
	Text   string
	Task   int  // the blocked task, for task flags and parked blockers about a task
	Parked bool // parked at the stand-up of Day
	// Resolved is the day a parked blocker was resolved (zero while open).
	Resolved sprint.Date
}

// SprintReport is what the sprint report is written from.
type SprintReport struct {
	Review ReviewSummary
	// Burndown is the sprint's chart, the same sprint.ComputeBurndown the
	// screen and `sprint burndown` show: one day per working day up to today.
	Burndown sprint.Burndown
	Blockers []ReportBlocker
	Board    retro.Board
	Cards    []retro.CardView // as nobody in particular sees them: no authors on an anonymous board
	Actions  []retro.Action   // agreed at this sprint's retro
	Reviewed []retro.Action   // earlier retros' actions answered at this one
}

// Report gathers a sprint's report: the review, the burndown, the blockers
// raised (answers, parked blockers and task flags), the retro board and its
// actions.
func (s *Store) Report(sprintID int) (r SprintReport, err error) {
	today := sprint.DateOf(s.now())
	err = s.read(func(tx *bolt.Tx) error {
		r, err = reportIn(tx, sprintID, today)
		return err
	})
	return r, err
}

// reportIn is Report inside one read.
func reportIn(tx *bolt.Tx, sprintID int, today sprint.Date) (SprintReport, error) {
	var r SprintReport
	var err error
	if r.Review, err = reviewIn(tx, sprintID); err != nil {
		return r, err
	}
	sp := r.Review.Sprint
	if r.Burndown, err = burndownIn(tx, sprintID, today); err != nil {
		return r, err
	}
	events, err := sprintEventsIn(tx, sprintID)
	if err != nil {
		return r, err
	}
	from, to := sp.Start.String(), sp.End.String()
	nb := tx.Bucket(bucketNotes)
	c := nb.Cursor()
	for k, _ := c.Seek([]byte(from)); k != nil; k, _ = c.Next() {
		if len(k) < len(to) || string(k[:len(to)]) > to {
			break
		}
		var n sprint.Note
		if _, err := get(nb, k, &n); err != nil {
			return r, err
		}
		if n.Blocker != "" {
			r.Blockers = append(r.Blockers, ReportBlocker{Day: n.Date, Who: n.Member, Text: n.Blocker})
		}
	}
	sb := tx.Bucket(bucketStandups)
	c = sb.Cursor()
	for k, _ := c.Seek([]byte(from)); k != nil && bytes.Compare(k[:min(len(k), len(to))], []byte(to)) <= 0; k, _ = c.Next() {
		var su sprint.Standup
		if _, err := get(sb, k, &su); err != nil {
			return r, err
		}
		if su.Sprint != 0 && su.Sprint != sp.ID {
			continue
		}
		for _, b := range su.Parking {
			rb := ReportBlocker{Day: su.Date, Who: b.RaisedBy, Text: b.Text, Task: b.Task, Parked: true}
			if !b.Open() {
				rb.Resolved = sprint.DateOf(b.Resolved)
			}
			r.Blockers = append(r.Blockers, rb)
		}
	}
	for _, e := range events {
		if e.Kind != EventTaskBlocked {
			continue
		}
		b := ReportBlocker{Day: sprint.DateOf(e.At), Who: e.Actor, Text: e.Fields["reason"], Task: e.Task}
		if !parkedAlready(r.Blockers, b) {
			r.Blockers = append(r.Blockers, b)
		}
	}
	sort.SliceStable(r.Blockers, func(i, j int) bool { return r.Blockers[i].Day.Before(r.Blockers[j].Day) })
	board, _, err := boardIn(tx, sprintID)
	if err != nil {
		return r, err
	}
	cards, _, err := visibleIn(tx, board, "") // as nobody in particular sees it
	if err != nil {
		return r, err
	}
	r.Board, r.Cards = board, retro.ByVotes(cards)
	if r.Actions, err = actionsIn(tx, func(a retro.Action) bool { return a.Sprint == sprintID }); err != nil {
		return r, err
	}
	earlier, err := actionsIn(tx, func(a retro.Action) bool { return a.Sprint < sprintID })
	r.Reviewed = retro.ReviewedAt(earlier, sprintID)
	return r, err
}

// parkedAlready reports whether a task flag is the same blocker as one parked
// that day with "flag the task" (one blocker, listed once).
func parkedAlready(list []ReportBlocker, flag ReportBlocker) bool {
	for _, b := range list {
		if b.Parked && b.Task == flag.Task && b.Day == flag.Day && b.Text == flag.Text {
			return true
		}
	}
	return false
}

// ReportHours formats hours for reports: "12.5h".
func ReportHours(h float64) string { return strconv.FormatFloat(h, 'f', -1, 64) + "h" }
