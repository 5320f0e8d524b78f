// Package demo writes a realistic demo team into a new huddle file: members
// with SSH keys, a vision, quarterly OKRs, a backlog of product stories, a
// closed sprint with its full history and retrospective, and an active sprint
// on its sixth working day with stand-up notes.
//
// Everything is written through the store API, never bbolt directly, with the
// store's clock wound forward as the team's story unfolds, so every event in
// the log has a plausible time (weekdays, working hours) before now. The
// content is fixed tables and a fixed-seed generator: the same now gives the
// same file.
package demo

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
)

// ErrExists is wrapped when the demo file exists and force was not given.
var ErrExists = errors.New("refusing to overwrite an existing file")

// errInjected is the failure tests inject to check clean-up.
var errInjected = errors.New("injected failure")

// Summary counts what Create wrote.
type Summary struct {
	Path        string
	Team        string
	Lead        string // the lead's handle: open the demo as this member
	Quarter     backlog.Quarter
	Members     int
	Objectives  int
	KeyResults  int
	Stories     int // stories written, the retro actions' stories included
	Listed      int // stories in the backlog list (done stories leave it)
	Unestimated int // listed stories without points
	Sprints     int
	Tasks       int // across all sprints
	Notes       int // stand-up notes
	Rounds      int // past stand-up rounds, ended
	Cards       int // retro cards
	Actions     int // retro actions
	Events      int // entries in the event log

	Closed   string // the closed sprint, e.g. `#1 "Sprint 1"`
	Velocity int    // its velocity
	Returned int    // stories its close sent back to the backlog

	Active string // the active sprint, e.g. `#2 "Sprint 2"`
	Goal   string
	Day    int // working day of the active sprint at now
	Days   int // its working days
	// The active sprint's board.
	Todo, Doing, Done, Blocked int
}

// String is a short human summary of what was written.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Wrote %s: team %q, %d members (lead: %s)\n", s.Path, s.Team, s.Members, s.Lead)
	fmt.Fprintf(&b, "  vision, %d objectives with %d key results for %s\n", s.Objectives, s.KeyResults, s.Quarter)
	fmt.Fprintf(&b, "  %d stories (%d in the backlog list, %d unestimated), %d retro actions\n", s.Stories, s.Listed, s.Unestimated, s.Actions)
	fmt.Fprintf(&b, "  %d sprints, %d tasks; sprint %s closed with velocity %d, %s back in the backlog\n",
		s.Sprints, s.Tasks, s.Closed, s.Velocity, plural(s.Returned, "unfinished story", "unfinished stories"))
	fmt.Fprintf(&b, "  sprint %s active, day %d of %d: %d to do, %d in progress, %d done, %d blocked\n",
		s.Active, s.Day, s.Days, s.Todo, s.Doing, s.Done, s.Blocked)
	fmt.Fprintf(&b, "  goal: %s\n", s.Goal)
	fmt.Fprintf(&b, "  %d stand-up notes, %d past stand-up rounds, %d retro cards, %d events in the log", s.Notes, s.Rounds, s.Cards, s.Events)
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Create writes a new huddle file at path holding the demo team, dated
// relative to now, and closes it. It refuses an existing file unless force is
// set, in which case the old file is removed first (but never one that another
// huddle has open). On any error the half-written file is removed.
func Create(path string, now time.Time, force bool) (Summary, error) {
	return create(path, now, force, 0, english())
}

// CreateIn is Create with the team's content in a language: "en" (Create's
// team) or "zh", a team that writes in Chinese and whose members read huddle
// in Chinese.
func CreateIn(path string, now time.Time, force bool, lang string) (Summary, error) {
	switch lang {
	case "", "en":
		return Create(path, now, force)
	case "zh":
		c, err := chinese()
		if err != nil {
			return Summary{}, err
		}
		return create(path, now, force, 0, c)
	}
	return Summary{}, fmt.Errorf("the demo is written in en or zh, not %q", lang)
}

// create is Create with a failure injected at the failAt-th write (0: none).
func create(path string, now time.Time, force bool, failAt int, c content) (Summary, error) {
	if err := makeRoom(path, force); err != nil {
		return Summary{}, err
	}
	s := newSeeder(now, failAt)
	s.c = c
	st, err := store.Open(path, store.Options{Create: true, Now: s.clk.Now})
	if err != nil {
		if !errors.Is(err, store.ErrLocked) { // locked: someone else's file appeared meanwhile
			removeIfThere(path)
		}
		return Summary{}, err
	}
	s.st = st
	s.run()
	var sum Summary
	if s.err == nil {
		sum, s.err = s.summarize(path)
	}
	if cerr := st.Close(); s.err == nil && cerr != nil {
		s.err = fmt.Errorf("demo: closing %s: %w", path, cerr)
	}
	if s.err != nil {
		removeIfThere(path)
		return Summary{}, s.err
	}
	return sum, nil
}

// makeRoom checks that path is free, removing an old file when force is set.
func makeRoom(path string, force bool) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("demo: %w", err)
	case fi.IsDir():
		return fmt.Errorf("demo: %s is a directory", path)
	case !force:
		return fmt.Errorf("demo: %s already exists: %w", path, ErrExists)
	}
	// Never pull a file from under a huddle that has it open.
	if st, err := store.Open(path, store.Options{ReadOnly: true, LockTimeout: 100 * time.Millisecond}); err == nil {
		st.Close()
	} else if errors.Is(err, store.ErrLocked) {
		return fmt.Errorf("demo: not replacing %s: %w", path, err)
	}
	if err := os.Remove(path); err != nil {
		return fmt.Errorf("demo: removing the old file: %w", err)
	}
	return nil
}

// removeIfThere removes a half-written file; the caller reports the error that
// made it half-written, so a failure to remove it has nothing to add.
func removeIfThere(path string) { _ = os.Remove(path) }

// clock is the store's clock while the demo is written: it only moves forward
// and never passes limit (the real now).
type clock struct {
	t, limit time.Time
}

// Now is the current demo time (the store's Options.Now).
func (c *clock) Now() time.Time { return c.t }

// set moves the clock to t, unless that is backwards or past the limit.
func (c *clock) set(t time.Time) {
	if t.After(c.limit) {
		t = c.limit
	}
	if t.After(c.t) {
		c.t = t
	}
}

// seeder writes the demo through the store, stopping at the first error.
type seeder struct {
	c      content
	st     *store.Store
	clk    *clock
	rng    *rand.Rand
	now    time.Time
	err    error
	writes int
	failAt int

	krs      map[string]int // key result key -> ID
	stories  map[string]int // story key -> ID
	written  int            // stories written
	returned int            // stories the close of sprint 1 sent back
	notes    int
	cards    int

	// The calendar, all working days.
	setup          [3]sprint.Date // the days before sprint 1
	start1, end1   sprint.Date
	start2, end2   sprint.Date
	closed, active int // sprint IDs

	pace   time.Duration // when set, the time between writes (a stand-up's turns)
	rounds int
}

func newSeeder(now time.Time, failAt int) *seeder {
	s := &seeder{now: now, failAt: failAt, rng: rand.New(rand.NewPCG(0x4875646c65, 2026)),
		krs: map[string]int{}, stories: map[string]int{}}
	// The active sprint is on its sixth working day today (or on the last
	// working day, at a weekend); the closed one ran the two weeks before.
	day6 := sprint.DateOf(now)
	for !isWorkday(day6) {
		day6 = day6.AddDays(-1)
	}
	s.start2 = backWorkdays(day6, 5)
	s.end2 = s.start2.AddDays(13)
	s.end1 = s.start2.AddDays(-1)
	s.start1 = s.end1.AddDays(-13)
	for i := range s.setup {
		s.setup[i] = backWorkdays(s.start1, 3-i)
	}
	s.clk = &clock{limit: now}
	s.clk.t = s.timeOn(s.setup[0], 9, 0)
	if s.clk.t.After(now) {
		s.clk.t = now
	}
	return s
}

// isWorkday reports whether d is a working day of a Monday-to-Friday sprint.
func isWorkday(d sprint.Date) bool {
	return sprint.Sprint{Workdays: sprint.DefaultWorkdays}.IsWorkday(d)
}

// workingDays lists the working days from start to end, as a sprint counts them.
func workingDays(start, end sprint.Date) []sprint.Date {
	return sprint.Sprint{Start: start, End: end, Workdays: sprint.DefaultWorkdays}.WorkingDays()
}

// backWorkdays is the working day n working days before d.
func backWorkdays(d sprint.Date, n int) sprint.Date {
	for n > 0 {
		d = d.AddDays(-1)
		if isWorkday(d) {
			n--
		}
	}
	return d
}

// timeOn is hh:mm on day d in now's time zone.
func (s *seeder) timeOn(d sprint.Date, hh, mm int) time.Time {
	y, m, dd := d.Time().Date()
	return time.Date(y, m, dd, hh, mm, 0, 0, s.now.Location())
}

// at winds the clock forward to hh:mm on day d (never backwards, never past now).
func (s *seeder) at(d sprint.Date, hh, mm int) { s.clk.set(s.timeOn(d, hh, mm)) }

// do runs one store write, then lets a few minutes pass.
func (s *seeder) do(what string, fn func() error) {
	if s.err != nil {
		return
	}
	s.writes++
	err := errInjected
	if s.writes != s.failAt {
		err = fn()
	}
	if err != nil {
		s.err = fmt.Errorf("demo: %s: %w", what, err)
		return
	}
	if s.pace > 0 {
		s.clk.set(s.clk.t.Add(s.pace + time.Duration(s.rng.IntN(60))*time.Second))
		return
	}
	s.clk.set(s.clk.t.Add(time.Duration(2+s.rng.IntN(9)) * time.Minute))
}

// standup runs a past day's round: roll call, each present member in turn for
// two to three minutes, a blocker parked on some days, then the end.
func (s *seeder) standup(d sprint.Date, day int) {
	s.at(d, 9, 30)
	var absent []string
	if day == 3 {
		absent = []string{"tomas"}
	}
	present := len(s.c.members) + 1 - len(absent) // the others and the lead
	s.pace = 2 * time.Minute
	defer func() { s.pace = 0 }()
	s.do("start the stand-up", func() error { _, _, err := s.st.StartStandup(LeadHandle, d, absent); return err })
	for i := 0; i < present; i++ {
		s.do("next speaker", func() error { _, err := s.st.StepStandup(LeadHandle, d, store.RoundNext, ""); return err })
		if day == 4 && i == 2 {
			s.do("park a blocker", func() error {
				_, err := s.st.ParkBlocker(LeadHandle, d, store.ParkInput{Text: s.c.parked, RaisedBy: "lucas", Helper: LeadHandle})
				return err
			})
		}
	}
	s.do("end the stand-up", func() error { _, err := s.st.StepStandup(LeadHandle, d, store.RoundEnd, ""); return err })
	s.rounds++
}

func (s *seeder) run() {
	s.team()
	s.okrs()
	s.backlog()
	s.sprint1()
	s.sprint2()
}

// team: the lead bootstraps the file and adds the others.
func (s *seeder) team() {
	s.at(s.setup[0], 9, 0)
	s.do("bootstrap", func() error {
		ok, err := s.st.Bootstrap(LeadHandle, s.c.teamName)
		if err == nil && !ok {
			err = errors.New("the new file already has members")
		}
		return err
	})
	s.do("name the lead", func() error {
		name, hours := s.c.leadName, float64(leadHours)
		ch := store.MemberChange{Name: &name, HoursPerDay: &hours}
		if s.c.lang != "" {
			ch.Lang = &s.c.lang
		}
		_, err := s.st.UpdateMember(LeadHandle, LeadHandle, ch)
		return err
	})
	for _, m := range s.c.members {
		in := store.NewMember{Handle: m.handle, Name: m.name, Role: backlog.RoleMember, HoursPerDay: m.hours}
		if m.keyComment != "" {
			in.Keys = []string{s.fakeKey(m.keyComment)}
		}
		s.do("add "+m.handle, func() error { _, err := s.st.AddMember(LeadHandle, in); return err })
		if s.c.lang != "" {
			s.do("set the language of "+m.handle, func() error {
				_, err := s.st.UpdateMember(LeadHandle, m.handle, store.MemberChange{Lang: &s.c.lang})
				return err
			})
		}
	}
	s.do("set the vision", func() error { return s.st.SetVision(LeadHandle, s.c.vision) })
}

// fakeKey makes an ed25519 authorized-key line with random key bytes: the
// right shape for the screens, but nobody holds a private key for it.
func (s *seeder) fakeKey(comment string) string {
	blob := binary.BigEndian.AppendUint32(nil, 11)
	blob = append(blob, "ssh-ed25519"...)
	blob = binary.BigEndian.AppendUint32(blob, 32)
	for range 4 {
		blob = binary.BigEndian.AppendUint64(blob, s.rng.Uint64())
	}
	return "ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob) + " " + comment
}

func (s *seeder) okrs() {
	s.at(s.setup[0], 10, 30)
	q := backlog.QuarterOf(s.now)
	for _, o := range s.c.objectives {
		var obj backlog.Objective
		s.do("add objective", func() (err error) { obj, err = s.st.AddObjective(LeadHandle, q, o.title); return err })
		for _, k := range o.krs {
			s.do("add key result", func() error {
				kr, err := s.st.AddKeyResult(LeadHandle, backlog.KeyResult{ObjectiveID: obj.ID, Name: k.name, Unit: k.unit,
					Baseline: k.baseline, Target: k.target, Current: k.baseline})
				s.krs[k.key] = kr.ID
				return err
			})
		}
	}
}

func (s *seeder) addStory(sp storySpec) {
	s.do("add story "+sp.title, func() error {
		in := store.StoryInput{Title: sp.title, Description: sp.desc, Acceptance: sp.accept, Points: sp.points,
			Value: sp.value, KeyResult: s.krs[sp.kr], Labels: []string{sp.labels}}
		st, err := s.st.AddStory(LeadHandle, in)
		if sp.key != "" {
			s.stories[sp.key] = st.ID
		}
		s.written++
		return err
	})
}

// backlog: refinement over two days before the first sprint.
func (s *seeder) backlog() {
	half := len(s.c.initialStories) / 2
	s.at(s.setup[1], 9, 30)
	for _, sp := range s.c.initialStories[:half] {
		s.addStory(sp)
	}
	s.at(s.setup[2], 9, 30)
	for _, sp := range s.c.initialStories[half:] {
		s.addStory(sp)
	}
}

// live is a task being played through a sprint.
type live struct {
	taskSpec
	id        int
	remaining float64
}

// plan creates a sprint, pulls its stories in and breaks them into tasks.
func (s *seeder) plan(name, goal string, start, end sprint.Date, storyKeys []string, specs []taskSpec) (int, []*live) {
	var sp sprint.Sprint
	s.do("create sprint", func() (err error) {
		sp, err = s.st.CreateSprint(LeadHandle, store.NewSprint{Name: name, Goal: goal, Start: start, End: end})
		return err
	})
	for _, k := range storyKeys {
		s.do("pull "+k+" into the sprint", func() error { return s.st.AddStoryToSprint(LeadHandle, sp.ID, s.stories[k]) })
	}
	var tasks []*live
	for _, ts := range specs {
		tasks = append(tasks, s.addTask(ts))
	}
	return sp.ID, tasks
}

func (s *seeder) addTask(ts taskSpec) *live {
	l := &live{taskSpec: ts, remaining: ts.hours}
	who := ts.owner
	if who == "" {
		who = LeadHandle
	}
	s.do("add task "+ts.title, func() error {
		t, err := s.st.AddTask(who, s.stories[ts.story], ts.title, ts.hours)
		l.id = t.ID
		return err
	})
	return l
}

// work plays one working day of a sprint: tasks start from startHour, blocks
// come and go late morning, and from wrapHour finished tasks are moved to done
// and the others get their remaining hours.
func (s *seeder) work(day int, d sprint.Date, tasks []*live, startHour, wrapHour int) {
	s.at(d, startHour, 0)
	for _, t := range tasks {
		if t.owner != "" && t.start == day {
			s.do("claim "+t.title, func() error { _, err := s.st.ClaimTask(t.owner, t.id, ""); return err })
			s.do("start "+t.title, func() error { _, err := s.st.SetTaskStatus(t.owner, t.id, sprint.TaskDoing); return err })
		}
	}
	s.at(d, 11, 30)
	for _, t := range tasks {
		if t.block == day {
			s.do("block "+t.title, func() error { _, err := s.st.BlockTask(t.owner, t.id, t.reason); return err })
		}
		if t.unblock == day {
			s.do("unblock "+t.title, func() error { _, err := s.st.UnblockTask(t.owner, t.id); return err })
		}
	}
	s.at(d, wrapHour, 0)
	for _, t := range tasks {
		switch {
		case t.owner == "" || t.start == 0 || day < t.start || day > t.end:
		case day == t.end:
			s.do("finish "+t.title, func() error { _, err := s.st.SetTaskStatus(t.owner, t.id, sprint.TaskDone); return err })
			t.remaining = 0
		case t.block != 0 && day >= t.block && (t.unblock == 0 || day < t.unblock):
			// Blocked: no progress today.
		default:
			// A straight burn from the estimate to zero over the task's days.
			left := math.Max(1, math.Round(t.hours*float64(t.end-day)/float64(t.end-t.start+1)))
			if left < t.remaining {
				s.do("burn "+t.title, func() error { _, err := s.st.SetRemaining(t.owner, t.id, left); return err })
				t.remaining = left
			}
		}
	}
}

func (s *seeder) moveKRs(sprintNo, day int, d sprint.Date) {
	s.at(d, 17, 15)
	for _, m := range krMoves {
		if m.sprint == sprintNo && m.day == day {
			s.do("update "+m.kr, func() error { _, err := s.st.SetKeyResultCurrent(LeadHandle, s.krs[m.kr], m.value); return err })
		}
	}
}

func (s *seeder) card(c cardSpec) {
	s.do("retro card", func() error { _, err := s.st.AddCard(c.author, s.closed, c.column, c.text); return err })
	s.cards++
}

// sprint1 plans, runs, reviews, closes and retros the closed sprint.
func (s *seeder) sprint1() {
	s.at(s.setup[2], 14, 0)
	var tasks []*live
	s.closed, tasks = s.plan(s.c.sprintNames[0], s.c.sprint1Goal, s.start1, s.end1, sprint1Stories, s.c.sprint1Tasks)
	days := workingDays(s.start1, s.end1)
	s.at(days[0], 9, 15)
	s.do("start sprint 1", func() error { return s.st.StartSprint(LeadHandle, s.closed) })
	last := len(days)
	for i, d := range days {
		day := i + 1
		if day == 4 {
			// Testing found a layout bug on small Android phones: a scope change.
			s.at(d, 9, 40)
			s.addStory(s.c.scopeStory)
			s.do("pull the bug into the sprint", func() error {
				return s.st.AddStoryToSprint(LeadHandle, s.closed, s.stories[s.c.scopeStory.key])
			})
			tasks = append(tasks, s.addTask(s.c.scopeTask))
		}
		wrap := 15
		if day == last {
			wrap = 11
		}
		s.work(day, d, tasks, 10, wrap)
		if day == last {
			break // the review and the retrospective follow
		}
		for _, c := range s.c.retroCards {
			if c.day == day {
				s.at(d, 17, 0)
				s.card(c)
			}
		}
		s.moveKRs(1, day, d)
	}
	end := days[last-1]
	// The review: stakeholders' feedback becomes backlog items.
	s.at(end, 14, 0)
	for _, sp := range s.c.feedbackStories {
		s.addStory(sp)
	}
	s.at(end, 15, 0)
	s.do("close sprint 1", func() error {
		res, err := s.st.CloseSprint(LeadHandle, s.closed)
		s.returned = len(res.Returned)
		return err
	})
	// The retrospective.
	s.at(end, 15, 30)
	for _, c := range s.c.retroCards {
		if c.day == last {
			s.card(c)
		}
	}
	s.at(end, 16, 30)
	for i, a := range s.c.retroActions {
		s.do("retro action", func() error {
			act, err := s.st.AddAction(LeadHandle, s.closed, a.text, a.owner)
			s.stories[fmt.Sprintf("action%d", i+1)] = act.Story
			s.written++
			return err
		})
	}
	s.do("close the retro", func() error { _, err := s.st.SetRetroPhase(LeadHandle, s.closed, retro.PhaseDone); return err })
	s.moveKRs(1, last, end)
}

// sprint2 plans the active sprint on its first morning and plays it up to today.
func (s *seeder) sprint2() {
	s.at(s.start2, 9, 30)
	var tasks []*live
	s.active, tasks = s.plan(s.c.sprintNames[1], s.c.sprint2Goal, s.start2, s.end2, sprint2Stories, s.c.sprint2Tasks)
	s.at(s.start2, 11, 0)
	s.do("start sprint 2", func() error { return s.st.StartSprint(LeadHandle, s.active) })
	for i, d := range workingDays(s.start2, s.end2)[:6] {
		day := i + 1
		s.at(d, 9, 0)
		for _, n := range s.c.notes {
			if n.day == day {
				s.do("stand-up note", func() error {
					_, err := s.st.SaveNote(n.member, d, store.NoteInput{Yesterday: &n.yesterday, Today: &n.today, Blocker: &n.blocks})
					return err
				})
				s.notes++
			}
		}
		if day == 6 {
			break // today: the stand-up is about to start
		}
		if day >= 2 {
			s.standup(d, day)
		}
		start := 10
		if day == 1 {
			start = 13 // after planning
		}
		s.work(day, d, tasks, start, 15)
		s.moveKRs(2, day, d)
	}
}

// summarize reads back what was written.
func (s *seeder) summarize(path string) (Summary, error) {
	sum := Summary{Path: path, Lead: LeadHandle, Quarter: backlog.QuarterOf(s.now), Stories: s.written, Notes: s.notes, Rounds: s.rounds, Cards: s.cards}
	team, err := s.st.Team()
	if err != nil {
		return sum, err
	}
	sum.Team = team.Name
	members, err := s.st.Members()
	if err != nil {
		return sum, err
	}
	sum.Members = len(members)
	objs, err := s.st.Objectives(sum.Quarter)
	if err != nil {
		return sum, err
	}
	sum.Objectives = len(objs)
	for _, o := range objs {
		sum.KeyResults += len(o.KeyResults)
	}
	listed, err := s.st.Stories(0)
	if err != nil {
		return sum, err
	}
	sum.Listed = len(listed)
	for _, st := range listed {
		if !st.Estimated() {
			sum.Unestimated++
		}
	}
	sprints, err := s.st.Sprints()
	if err != nil {
		return sum, err
	}
	sum.Sprints = len(sprints)
	for _, sp := range sprints {
		tasks, err := s.st.Tasks(sp.ID)
		if err != nil {
			return sum, err
		}
		sum.Tasks += len(tasks)
		switch sp.ID {
		case s.closed:
			sum.Closed = fmt.Sprintf("%s %q", sp.Ref(), sp.Name)
			sum.Velocity = sp.Velocity
		case s.active:
			sum.Active = fmt.Sprintf("%s %q", sp.Ref(), sp.Name)
			sum.Goal = sp.Goal
			sum.Day, sum.Days = sp.DayOf(sprint.DateOf(s.now))
			for _, t := range tasks {
				switch t.Status {
				case sprint.TaskTodo:
					sum.Todo++
				case sprint.TaskDoing:
					sum.Doing++
				case sprint.TaskDone:
					sum.Done++
				}
				if t.Blocked != "" {
					sum.Blocked++
				}
			}
		}
	}
	sum.Returned = s.returned
	actions, err := s.st.Actions(s.closed)
	if err != nil {
		return sum, err
	}
	sum.Actions = len(actions)
	all, err := s.st.Events(0, 0)
	sum.Events = len(all)
	return sum, err
}
