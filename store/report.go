package store

import (
	"sort"
	"strconv"

	"huddle/retro"
	"huddle/sprint"

	bolt "go.etcd.io/bbolt"
)

// ReportDay is the hours left at the end of one working day, replayed from
// the sprint's event log.
type ReportDay struct {
	Day       sprint.Date
	Remaining float64
	Ideal     float64
	Future    bool // the day has not ended yet
}

// ReportBlocker is something that blocked the team during the sprint: a stand-up
// answer to "what blocks me?" or a task flagged blocked.
type ReportBlocker struct {
	Day  sprint.Date
	Who  string
	Text string
	Task int // the blocked task, for task flags
}

// SprintReport is what the sprint report is written from.
type SprintReport struct {
	Review   ReviewSummary
	Burndown []ReportDay
	Blockers []ReportBlocker
	Board    retro.Board
	Cards    []retro.CardView // as nobody in particular sees them: no authors on an anonymous board
	Actions  []retro.Action   // agreed at this sprint's retro
	Reviewed []retro.Action   // earlier retros' actions answered at this one
}

// ReportBurndown replays task events (added, remaining, status) in log order and
// returns the hours left at the end of each working day of sp, up to today.
// It is kept simple on purpose: the sprint screen draws the full chart.
func ReportBurndown(sp sprint.Sprint, events []Event, today sprint.Date) []ReportDay {
	days := sp.WorkingDays()
	sorted := append([]Event(nil), events...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Seq < sorted[j].Seq })
	left := map[int]float64{}
	total := func() float64 {
		t := 0.0
		for _, h := range left {
			t += h
		}
		return t
	}
	baseline := sp.BaselineHours
	rows := make([]ReportDay, 0, len(days))
	i := 0
	for n, d := range days {
		for ; i < len(sorted) && !sprint.DateOf(sorted[i].At).After(d); i++ {
			e := sorted[i]
			switch e.Kind {
			case EventTaskAdded:
				left[e.Task] = e.Float("hours")
			case EventTaskRemaining, EventTaskStatus:
				if _, ok := e.Fields["remaining"]; ok {
					left[e.Task] = e.Float("remaining")
				}
			}
		}
		if baseline == 0 && n == 0 {
			baseline = total()
		}
		ideal := 0.0
		if len(days) > 0 {
			ideal = baseline * float64(len(days)-n-1) / float64(len(days))
		}
		rows = append(rows, ReportDay{Day: d, Remaining: total(), Ideal: ideal, Future: d.After(today)})
	}
	return rows
}

// Report gathers a sprint's report: the review, the burndown table, the
// blockers raised, the retro board and its actions.
func (s *Store) Report(sprintID int) (SprintReport, error) {
	var r SprintReport
	var err error
	if r.Review, err = s.Review(sprintID); err != nil {
		return r, err
	}
	sp := r.Review.Sprint
	events, err := s.SprintEvents(sprintID)
	if err != nil {
		return r, err
	}
	today := sprint.DateOf(s.now())
	if sp.Status == sprint.StatusClosed && !sp.Closed.IsZero() {
		today = sprint.DateOf(sp.Closed)
	}
	r.Burndown = ReportBurndown(sp, events, today)
	for _, e := range events {
		if e.Kind == EventTaskBlocked {
			r.Blockers = append(r.Blockers, ReportBlocker{Day: sprint.DateOf(e.At), Who: e.Actor, Text: e.Fields["reason"], Task: e.Task})
		}
	}
	err = s.read(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketNotes).Cursor()
		from, to := sp.Start.String(), sp.End.String()
		for k, v := c.Seek([]byte(from)); k != nil; k, v = c.Next() {
			if len(k) < len(to) || string(k[:len(to)]) > to {
				break
			}
			var n sprint.Note
			if _, err := get(tx.Bucket(bucketNotes), k, &n); err != nil {
				return err
			}
			_ = v
			if n.Blocker != "" {
				r.Blockers = append(r.Blockers, ReportBlocker{Day: n.Date, Who: n.Member, Text: n.Blocker})
			}
		}
		return nil
	})
	if err != nil {
		return r, err
	}
	sort.SliceStable(r.Blockers, func(i, j int) bool { return r.Blockers[i].Day.Before(r.Blockers[j].Day) })
	if r.Board, r.Cards, err = s.VisibleCards(sprintID, ""); err != nil {
		return r, err
	}
	r.Cards = retro.ByVotes(r.Cards)
	if r.Actions, err = s.Actions(sprintID); err != nil {
		return r, err
	}
	_, r.Reviewed, err = s.ActionsToReview(sprintID)
	return r, err
}

// Hours formats hours for reports: "12.5h".
func ReportHours(h float64) string { return strconv.FormatFloat(h, 'f', -1, 64) + "h" }
