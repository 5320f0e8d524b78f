// Package gen writes large, realistic huddle teams for tests and benchmarks:
// a backlog of 1,000 to 100,000 stories and an event log of 10,000 to
// 1,000,000 events, with a year or less of closed two-week sprints and an
// active sprint on its sixth working day, every task claimed, moved and burnt
// down day by day. Everything goes through the store's API (one transaction
// per write, as people make them), on a clock wound forward through the
// history; only the fsync of each commit is skipped (store.Options.NoSync),
// which does not change what is written.
//
// The same Size always gives the same file content, so File keeps one copy
// per Size in the system's temporary directory and hands out copies of it.
package gen

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

// Version changes whenever the generator writes something different, so a
// kept copy from an older generator is not reused.
const Version = 3

// Size is how big a team's file is.
type Size struct {
	Name    string // "1k", "10k", "100k": the stories, for benchmark names
	Stories int    // stories in the backlog, sprints included
	Events  int    // events in the log, at least
}

// The sizes the benchmarks run at: Small by default, all three with
// HUDDLE_BENCH=full.
var (
	Small  = Size{Name: "1k", Stories: 1_000, Events: 10_000}
	Medium = Size{Name: "10k", Stories: 10_000, Events: 100_000}
	Large  = Size{Name: "100k", Stories: 100_000, Events: 1_000_000}
)

// Backlog10k is a long backlog with a short history: the size the board and
// the SSH benchmarks run at by default (10,000 stories are what a backlog
// screen and a board's team load has to cope with).
var Backlog10k = Size{Name: "10k-backlog", Stories: 10_000, Events: 20_000}

// Full reports whether HUDDLE_BENCH=full asks for every size.
func Full() bool { return os.Getenv("HUDDLE_BENCH") == "full" }

// Sizes are the sizes to benchmark: Small, or with HUDDLE_BENCH=full in the
// environment Small, Medium and Large.
func Sizes() []Size {
	if Full() {
		return []Size{Small, Medium, Large}
	}
	return []Size{Small}
}

// SizesFrom10k are the sizes of benchmarks that need 10,000 stories:
// Backlog10k, or with HUDDLE_BENCH=full Backlog10k, Medium and Large.
func SizesFrom10k() []Size {
	if Full() {
		return []Size{Backlog10k, Medium, Large}
	}
	return []Size{Backlog10k}
}

// Now is the moment every generated team is written up to: Monday 9 March
// 2026, 10:00 UTC, the sixth working day of the active sprint.
func Now() time.Time { return time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC) }

// Lead is the handle of the team's lead; Members are everyone, the lead first.
const Lead = "lead"

// Members of every generated team.
func Members() []string { return []string{Lead, "ana", "ben", "chen", "dia", "eli", "fay", "gus"} }

// Team describes a written file.
type Team struct {
	Path    string
	Size    Size
	Active  int // the active sprint's id
	Closed  int // closed sprints before it
	Tasks   int // tasks in the active sprint
	Writes  int // store writes made
	Events  uint64
	Stories int
}

const (
	storiesPerSprint = 10
	tasksPerStory    = 4
	sprintDays       = 10 // working days
)

// File returns a copy of the team of size s at a new path in dir, writing the
// kept copy first when there is none yet. A copy is a cold store: nothing of
// it is cached by any open store.
func File(dir string, s Size) (Team, error) {
	// The file schema is in the name: a kept file of an older schema would be
	// migrated by every cold open, and the benchmarks would time that.
	kept := filepath.Join(os.TempDir(), fmt.Sprintf("huddle-gen-v%d-s%d-%s-%d-%d.db", Version, store.SchemaVersion(), s.Name, s.Stories, s.Events))
	team, err := describe(kept, s)
	if err != nil {
		tmp := fmt.Sprintf("%s.%d.tmp", kept, os.Getpid())
		os.Remove(tmp)
		if team, err = Write(tmp, s); err != nil {
			os.Remove(tmp)
			return Team{}, err
		}
		if err := os.Rename(tmp, kept); err != nil {
			return Team{}, err
		}
	}
	team.Path = filepath.Join(dir, "team.db")
	if err := copyFile(kept, team.Path); err != nil {
		return Team{}, err
	}
	return team, nil
}

// describe reads a kept file's Team, or fails when there is no usable one.
func describe(path string, s Size) (Team, error) {
	if _, err := os.Stat(path); err != nil {
		return Team{}, err
	}
	st, err := store.Open(path, store.Options{ReadOnly: true, Now: Now})
	if err != nil {
		return Team{}, err
	}
	defer st.Close()
	sp, active, err := st.ActiveSprint()
	if err != nil || !active {
		return Team{}, errors.Join(err, errors.New("no active sprint"))
	}
	tasks, err := st.Tasks(sp.ID)
	if err != nil {
		return Team{}, err
	}
	events, err := lastSeq(st)
	if err != nil {
		return Team{}, err
	}
	if events < uint64(s.Events) {
		return Team{}, fmt.Errorf("%s holds %d events, want %d", path, events, s.Events)
	}
	return Team{Path: path, Size: s, Active: sp.ID, Closed: sp.ID - 1, Tasks: len(tasks), Events: events, Stories: s.Stories}, nil
}

// lastSeq is the sequence number of the newest event, found by seeking
// (Events(after, 1) is one cursor seek), not by reading the log.
func lastSeq(st *store.Store) (uint64, error) {
	empty := func(after uint64) (bool, error) {
		evs, err := st.Events(after, 1)
		return len(evs) == 0, err
	}
	hi := uint64(1)
	for {
		e, err := empty(hi)
		if err != nil {
			return 0, err
		}
		if e {
			break
		}
		hi *= 2
	}
	lo := uint64(0) // the smallest after with nothing past it is the last seq
	for lo < hi {
		mid := (lo + hi) / 2
		e, err := empty(mid)
		if err != nil {
			return 0, err
		}
		if e {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// clock is the store's clock while a team is written: set by the writer.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

// writer makes a team's writes and counts them.
type writer struct {
	st     *store.Store
	clk    *clock
	writes int
	err    error
}

// do runs one write unless an earlier one failed.
func (w *writer) do(what string, f func() error) {
	if w.err != nil {
		return
	}
	w.writes++
	if err := f(); err != nil {
		w.err = fmt.Errorf("%s: %w", what, err)
	}
}

// Write writes a new team of size s at path (which must not exist).
func Write(path string, s Size) (Team, error) {
	if s.Stories < storiesPerSprint*2 || s.Events < s.Stories {
		return Team{}, fmt.Errorf("a team of %d stories and %d events is too small", s.Stories, s.Events)
	}
	now := Now()
	active := sprint.DateOf(now).AddDays(-7) // Monday a week ago: today is working day 6
	// Closed sprints before it: about 5,000 events each, at most a year of them.
	closed := min(max(s.Events/5000, 2), 26)
	first := active.AddDays(-14 * closed)
	clk := &clock{t: first.Time().Add(-24 * time.Hour).Add(9 * time.Hour)}
	st, err := store.Open(path, store.Options{Create: true, Now: clk.Now, NoSync: true})
	if err != nil {
		return Team{}, err
	}
	defer st.Close()
	w := &writer{st: st, clk: clk}

	w.do("bootstrap", func() error { _, err := st.Bootstrap(Lead, "Generated team"); return err })
	for _, h := range Members()[1:] {
		w.do("add "+h, func() error {
			_, err := st.AddMember(Lead, store.NewMember{Handle: h, Role: backlog.RoleMember, HoursPerDay: 6})
			return err
		})
	}
	w.stories(s.Stories)

	// Events left for the sprints' history, shared by the closed sprints
	// and the six days of the active one.
	budget := s.Events - s.Stories - w.writes // each imported story is one event
	perDay := max(budget/(closed*sprintDays+6), 1)
	var team Team
	for i := 0; i <= closed; i++ {
		start := first.AddDays(14 * i)
		days := sprintDays
		if i == closed {
			days = 6
		}
		id := w.sprint(i+1, start, days, perDay, i < closed)
		if i == closed {
			team.Active = id
		}
	}
	w.activeSprintExtras(team.Active, sprint.DateOf(now))
	if w.err != nil {
		return Team{}, w.err
	}
	// Top up to the size asked for: updates on the active sprint's tasks today.
	tasks, err := st.Tasks(team.Active)
	if err != nil {
		return Team{}, err
	}
	events, err := lastSeq(st)
	if err != nil {
		return Team{}, err
	}
	for i := 0; events < uint64(s.Events) && len(tasks) > 0; i++ {
		t := tasks[i%len(tasks)]
		w.clk.t = now.Add(-15 * time.Minute) // after the extras, before Now
		w.do("top up", func() error { _, err := st.SetRemaining(t.Owner, t.ID, t.Remaining); return err })
		events++
	}
	if w.err != nil {
		return Team{}, w.err
	}
	if events, err = lastSeq(st); err != nil {
		return Team{}, err
	}
	team.Path, team.Size, team.Closed, team.Tasks, team.Writes, team.Events, team.Stories = path, s, closed, len(tasks), w.writes, events, s.Stories
	return team, nil
}

// stories imports n stories in batches, as `huddle import` would.
func (w *writer) stories(n int) {
	labels := []string{"mobile", "web", "api", "ux", "growth", "payments", "onboarding"}
	verbs := []string{"Show", "Export", "Import", "Sync", "Filter", "Sort", "Share", "Archive"}
	things := []string{"the card list", "payment history", "the sign-up form", "team settings", "the activity feed", "receipts", "notifications", "the audit log"}
	const batch = 2000
	for done := 0; done < n; done += batch {
		ins := make([]store.StoryInput, 0, batch)
		for i := done; i < min(done+batch, n); i++ {
			ins = append(ins, store.StoryInput{
				Title:       fmt.Sprintf("%s %s for returning users (%d)", verbs[i%len(verbs)], things[(i/len(verbs))%len(things)], i+1),
				Description: "As a returning user I want this so that I get to my money faster. " + strings.Repeat("Details follow. ", i%4),
				Points:      backlog.PointScale[i%len(backlog.PointScale)],
				Value:       i%100 + 1,
				Labels:      []string{labels[i%len(labels)]},
			})
		}
		w.do("import stories", func() error {
			_, rej, err := w.st.ImportStories(Lead, ins, false)
			if err == nil && len(rej) > 0 {
				err = fmt.Errorf("%d stories rejected: %v", len(rej), rej[0])
			}
			return err
		})
	}
}

// at sets the clock to minute m of the working day d (09:00 to 17:00).
func (w *writer) at(d sprint.Date, minute int) {
	w.clk.t = d.Time().Add(9*time.Hour + time.Duration(minute)*time.Minute)
}

// sprint plans sprint n from start (a Monday) with the top stories of the
// backlog, starts it, and works on it for days working days with about perDay
// events a day; closed sprints are closed at the end.
func (w *writer) sprint(n int, start sprint.Date, days, perDay int, closeIt bool) int {
	st := w.st
	w.at(start.AddDays(-3), 0) // the Friday before: planning
	var sp sprint.Sprint
	w.do("create sprint", func() (err error) {
		sp, err = st.CreateSprint(Lead, store.NewSprint{Goal: fmt.Sprintf("Sprint %d: returning users pay in two taps", n), Start: start, End: start.AddDays(11)})
		return err
	})
	var top []backlog.Story
	w.do("read backlog", func() (err error) { top, err = st.Stories(storiesPerSprint); return err })
	var tasks []sprint.Task
	for si, s := range top {
		w.do("pull story", func() error { return st.AddStoryToSprint(Lead, sp.ID, s.ID) })
		for k := range tasksPerStory {
			w.do("add task", func() error {
				t, err := st.AddTask(Lead, s.ID, fmt.Sprintf("Step %d of S-%d: build, test and review", k+1, s.ID), float64(4+(si+k)%3*4))
				tasks = append(tasks, t)
				return err
			})
		}
	}
	w.at(start, 0)
	w.do("start sprint", func() error { return st.StartSprint(Lead, sp.ID) })
	members := Members()
	for i, t := range tasks {
		owner := members[i%len(members)]
		w.do("claim", func() error { _, err := st.ClaimTask(owner, t.ID, ""); return err })
		tasks[i].Owner = owner
	}
	// Each working day, updates spread over the tasks: hours left fall
	// towards zero by the end, tasks start and finish along the way (a few
	// stay unfinished and go back to the backlog when the sprint closes).
	day := start
	for d := 1; d <= days; d++ {
		for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			day = day.AddDays(1)
		}
		for u := range perDay {
			i := u % len(tasks)
			t := &tasks[i]
			if closeIt || d < days {
				w.at(day, u*480/perDay)
			} else {
				// Today, up to Now: the history is written in time order
				// (a change older than the newest replays its day).
				w.at(day, u*30/perDay)
			}
			if t.Status == sprint.TaskDone {
				continue
			}
			finish := 2 + (i*7)%(sprintDays+2) // working day it is done on; > 10 never
			left := t.Estimate * float64(max(finish-d, 0)) / float64(finish)
			switch {
			case t.Status == sprint.TaskTodo:
				w.do("start task", func() error { _, err := st.SetTaskStatus(t.Owner, t.ID, sprint.TaskDoing); return err })
				t.Status = sprint.TaskDoing
			case d >= finish && u >= len(tasks):
				w.do("finish task", func() error { _, err := st.SetTaskStatus(t.Owner, t.ID, sprint.TaskDone); return err })
				t.Status = sprint.TaskDone
			default:
				// Hours left as people report them through the day.
				left += float64((u/len(tasks))%3) * 0.5
				w.do("hours left", func() error { _, err := st.SetRemaining(t.Owner, t.ID, left); return err })
			}
		}
		day = day.AddDays(1)
	}
	if closeIt {
		w.at(start.AddDays(11), 480)
		w.do("close sprint", func() error { _, err := st.CloseSprint(Lead, sp.ID); return err })
	}
	return sp.ID
}

// activeSprintExtras writes what the other screens show for today: stand-up
// notes and a few retro cards on the active sprint.
func (w *writer) activeSprintExtras(active int, today sprint.Date) {
	for i, h := range Members() {
		w.at(today, 30+i)
		y, td, b := "Finished the review of the sign-up form", "Payment history screen, then pairing", ""
		if i%3 == 0 {
			b = "Waiting for the payments sandbox keys"
		}
		w.do("note", func() error {
			_, err := w.st.SaveNote(h, today, store.NoteInput{Yesterday: &y, Today: &td, Blocker: &b})
			return err
		})
		w.do("card", func() error {
			_, err := w.st.AddCard(h, active, i%2, fmt.Sprintf("Card %d: pairing on reviews kept the board moving", i+1))
			return err
		})
	}
}
