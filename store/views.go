package store

import (
	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// Read models: what a screen or a command shows is one query in one read
// transaction, returning a value nobody changes after it is returned. The UI
// and the CLI only render them. StandupDay (standup_day.go) is the stand-up's;
// BoardView is the sprint screen's (plan, board and burndown).

// BoardView is one sprint as the sprint screen shows it: every sprint (for [
// and ]), the chosen one with its plan and tasks, its burndown, the velocity
// of the closed sprints, and the stories of tasks whose story left the sprint.
type BoardView struct {
	Today    sprint.Date
	Sprints  []sprint.Sprint
	Sprint   sprint.Sprint
	Found    bool // false when there is no sprint at all
	Plan     Plan // with the top of the backlog to pull from
	Burndown sprint.Burndown
	Velocity []sprint.SprintVelocity
	Others   []backlog.Story // stories of the sprint's tasks no longer in it
}

// BoardView reads sprint want (0: the one a screen shows first, see
// sprint.Pick: active, else planned, else closed) with the top backlogN
// stories, in one read transaction. It comes from the live board (live.go):
// after a claim only the claimed task is read again, and the burndown is
// made from the sprint's stored totals (burndown_totals.go).
func (s *Store) BoardView(want int, today sprint.Date, backlogN int) (BoardView, error) {
	var v BoardView
	err := s.read(func(tx *bolt.Tx) (err error) {
		v, err = s.live.boardAt(tx, want, today, backlogN)
		return err
	})
	return v, err
}

// boardViewIn reads a board from the file (without its burndown) and the
// sprint's burndown totals (nil when there is no sprint).
func boardViewIn(tx *bolt.Tx, want, backlogN int, stories func(int) ([]backlog.Story, error)) (v BoardView, totals *sprint.BurndownTotals, err error) {
	if v.Sprints, err = sprintsIn(tx); err != nil {
		return v, nil, err
	}
	for _, sp := range v.Sprints {
		if sp.ID == want {
			v.Sprint, v.Found = sp, true
		}
	}
	if !v.Found {
		v.Sprint, v.Found = sprint.Pick(v.Sprints, sprint.StatusActive, sprint.StatusPlanning, sprint.StatusClosed)
	}
	v.Velocity = sprint.VelocityOf(v.Sprints)
	if !v.Found {
		v.Plan.Backlog, err = storiesIn(tx, backlogN)
		return v, nil, err
	}
	if v.Plan, err = planWith(tx, v.Sprint.ID, backlogN, stories); err != nil {
		return v, nil, err
	}
	// Stories that left the sprint (sent back when it closed) still head
	// their tasks on its board.
	known := map[int]bool{}
	for _, st := range v.Plan.Stories {
		known[st.ID] = true
	}
	for _, t := range v.Plan.Tasks {
		if !known[t.Story] {
			known[t.Story] = true
			if st, err := storyIn(tx, t.Story); err == nil {
				v.Others = append(v.Others, st)
			}
		}
	}
	totals, err = totalsIn(tx, v.Sprint.ID)
	return v, totals, err
}

// ReadTransactions is how many read transactions the open file has started
// (bbolt's count): tests use it to check that a view is one read.
func (s *Store) ReadTransactions() int { return s.db.Stats().TxN }

// RetroView is the review and retro screen's sprint, as viewer sees it: the
// retro board with the cards viewer may see, their votes left, the actions
// agreed, the earlier actions this retro asks about, and the review.
type RetroView struct {
	Sprints   []sprint.Sprint
	Sprint    sprint.Sprint
	Found     bool
	Lead      bool // viewer may run the meeting
	Writer    bool // viewer may write cards, vote, record feedback
	Board     retro.Board
	Cards     []retro.CardView // visibility and anonymity applied
	VotesLeft int
	Actions   []retro.Action
	Pending   []retro.Action // earlier retros' actions this one asks about
	Answered  []retro.Action
	Review    ReviewSummary
}

// RetroView reads sprint want (0: sprint.PickForReview) for viewer in one read
// transaction. What every viewer sees alike (the sprints, the board, the
// actions, the review) is read once per commit for all sessions (sharedIn);
// the viewer's role, cards and votes are read for each.
func (s *Store) RetroView(want int, viewer string) (RetroView, error) {
	var v RetroView
	err := s.read(func(tx *bolt.Tx) error {
		shared, err := s.sharedIn(tx, "retro/"+strconv.Itoa(want), func() (any, error) {
			return retroSharedIn(tx, want, s.live.sprintStories(tx))
		})
		if err != nil {
			return err
		}
		v = shared.(RetroView)
		if m, err := memberIn(tx, viewer); err == nil {
			v.Lead, v.Writer = m.Role.CanLead(), m.Role.CanWrite()
		}
		if !v.Found {
			return nil
		}
		v.Cards, v.VotesLeft, err = visibleIn(tx, v.Board, viewer)
		return err
	})
	return v, err
}

// retroSharedIn reads the part of sprint want's RetroView that is the same
// for every viewer. It is shared: never changed after it is returned.
func retroSharedIn(tx *bolt.Tx, want int, sprintStories func(int) ([]backlog.Story, error)) (RetroView, error) {
	var v RetroView
	var err error
	if v.Sprints, err = sprintsIn(tx); err != nil {
		return v, err
	}
	for _, sp := range v.Sprints {
		if want != 0 && sp.ID == want {
			v.Sprint, v.Found = sp, true
		}
	}
	if !v.Found {
		v.Sprint, v.Found = sprint.PickForReview(v.Sprints)
	}
	if !v.Found {
		return v, nil
	}
	id := v.Sprint.ID
	if v.Board, _, err = boardIn(tx, id); err != nil {
		return v, err
	}
	if v.Actions, err = actionsIn(tx, func(a retro.Action) bool { return a.Sprint == id }); err != nil {
		return v, err
	}
	earlier, err := actionsIn(tx, func(a retro.Action) bool { return a.Sprint < id })
	if err != nil {
		return v, err
	}
	v.Pending, v.Answered = retro.PendingReview(earlier, id), retro.ReviewedAt(earlier, id)
	v.Review, err = reviewWith(tx, id, sprintStories)
	return v, err
}

// VisionView is what the Vision & OKRs screen shows: the team (its vision),
// the viewer's role, a quarter's objectives with their key results, and the
// stories serving each key result, read in one transaction.
type VisionView struct {
	Team       backlog.Team
	Role       backlog.Role // "" when the viewer is not a member (a guest)
	Objectives []ObjectiveWithKRs
	Work       map[int]backlog.KRWork
}

// VisionView reads the Vision & OKRs screen for viewer and quarter q.
func (s *Store) VisionView(viewer string, q backlog.Quarter) (VisionView, error) {
	var v VisionView
	err := s.read(func(tx *bolt.Tx) error {
		if m, err := memberIn(tx, viewer); err == nil {
			v.Role = m.Role
		}
		if _, err := get(tx.Bucket(bucketTeam), keyTeam, &v.Team); err != nil {
			return err
		}
		var err error
		if v.Objectives, err = objectivesIn(tx, q); err != nil {
			return err
		}
		all, err := s.live.allStories(tx)
		v.Work = krWorkOf(all)
		return err
	})
	return v, err
}

// BacklogView is what the Backlog screen shows: the stories in rank order
// (the top limit, or all when limit is 0), how many the backlog holds, the
// viewer's role and the key results stories may serve this quarter, read in
// one transaction. The stories come from the live backlog (live.go), shared by
// every session: when it is not built yet, the top limit are read through the
// session's cache (StoriesCached) so that a first screen draws at once.
type BacklogView struct {
	Stories    []backlog.Story // shared: read-only
	Total      int
	Role       backlog.Role // "" when the viewer is not a member (a guest)
	KeyResults []backlog.KeyResult
	// Snapshot is the live backlog the stories come from (nil for a first
	// page read before it was built): what sessions derive from it (the
	// filter's index) they share through its Memo.
	Snapshot *BacklogSnapshot
}

// BacklogView reads the Backlog screen for viewer, quarter q.
func (s *Store) BacklogView(viewer string, q backlog.Quarter, limit int, c *StoryCache) (BacklogView, error) {
	var v BacklogView
	err := s.read(func(tx *bolt.Tx) error {
		var err error
		snap := s.live.current(tx)
		switch {
		case snap == nil && limit > 0:
			if v.Stories, err = storiesCachedIn(tx, limit, c); err != nil {
				return err
			}
			v.Total = len(v.Stories)
			if len(v.Stories) == limit {
				v.Total = tx.Bucket(bucketStoryRank).Stats().KeyN
			}
		default:
			if snap == nil {
				if snap, err = s.live.backlogAt(tx); err != nil {
					return err
				}
			}
			v.Snapshot, v.Stories, v.Total = snap, snap.Stories, len(snap.Stories)
			if limit > 0 && len(v.Stories) > limit {
				v.Stories = v.Stories[:limit:limit]
			}
		}
		if m, err := memberIn(tx, viewer); err == nil {
			v.Role = m.Role
		}
		objs, err := objectivesIn(tx, q)
		for _, o := range objs {
			v.KeyResults = append(v.KeyResults, o.KeyResults...)
		}
		return err
	})
	return v, err
}
