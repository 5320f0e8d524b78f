package demo

import (
	"path/filepath"
	"regexp"
	"testing"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
)

// The Chinese demo is the English team's plan written in Chinese: the same
// people (ASCII handles), the same counts and days, every text Chinese, and
// every member reading huddle in Chinese.
func TestChineseDemo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	sum, err := CreateIn(path, thursday, false, "zh")
	if err != nil {
		t.Fatal(err)
	}
	_, en := newDemo(t, thursday)
	type shape struct {
		Members, Objectives, KeyResults, Stories, Listed, Unestimated, Sprints, Tasks, Notes, Rounds, Cards, Actions int
		Velocity, Returned, Day, Days, Todo, Doing, Done, Blocked                                                    int
	}
	of := func(s Summary) shape {
		return shape{s.Members, s.Objectives, s.KeyResults, s.Stories, s.Listed, s.Unestimated, s.Sprints, s.Tasks, s.Notes, s.Rounds, s.Cards, s.Actions,
			s.Velocity, s.Returned, s.Day, s.Days, s.Todo, s.Doing, s.Done, s.Blocked}
	}
	if of(sum) != of(en) {
		t.Errorf("the Chinese team differs from the English one:\n zh %+v\n en %+v", of(sum), of(en))
	}
	st := reopen(t, path, thursday)
	var texts []string
	team := must[backlog.Team](t)(st.Team())
	texts = append(texts, team.Name, team.Vision)
	ascii := regexp.MustCompile(`^[a-z][a-z0-9._-]*$`)
	for _, m := range must[[]backlog.Member](t)(st.Members()) {
		if !ascii.MatchString(m.Handle) || m.Lang != "zh" {
			t.Errorf("member %q reads %q", m.Handle, m.Lang)
		}
		texts = append(texts, m.Name)
	}
	for _, o := range must[[]store.ObjectiveWithKRs](t)(st.Objectives(backlog.QuarterOf(thursday))) {
		texts = append(texts, o.Title)
		for _, kr := range o.KeyResults {
			texts = append(texts, kr.Name)
		}
	}
	for _, s := range must[[]backlog.Story](t)(st.Stories(0)) {
		texts = append(texts, s.Title, s.Description, s.Acceptance)
	}
	for _, sp := range must[[]sprint.Sprint](t)(st.Sprints()) {
		texts = append(texts, sp.Name, sp.Goal)
		for _, task := range must[[]sprint.Task](t)(st.Tasks(sp.ID)) {
			texts = append(texts, task.Title, task.Blocked)
		}
		for _, c := range must[[]retro.Card](t)(st.Cards(sp.ID)) {
			texts = append(texts, c.Text)
		}
	}
	for _, n := range must[[]sprint.Note](t)(st.Notes(sprint.DateOf(thursday))) {
		texts = append(texts, n.Yesterday, n.Today, n.Blocker)
	}
	if len(texts) < 150 {
		t.Fatalf("only %d texts read back", len(texts))
	}
	for _, s := range texts {
		if s != "" && !hasCJK(s) {
			t.Errorf("not Chinese: %q", s)
		}
	}
	if _, err := CreateIn(filepath.Join(t.TempDir(), "x.db"), thursday, false, "fr"); err == nil {
		t.Error("a demo in French was written")
	}
}

// Every English text of the demo has its Chinese (chinese fails otherwise).
func TestEveryDemoTextHasChinese(t *testing.T) {
	if _, err := chinese(); err != nil {
		t.Fatal(err)
	}
}
