package ui

import (
	"context"
	"strings"
	"testing"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

func activeSprint(st *store.Store) (sprint.Sprint, error) {
	sp, _, err := st.ActiveSprint()
	return sp, err
}

func storyRefs(stories []backlog.Story) string {
	var out []string
	for _, s := range stories {
		out = append(out, s.Ref())
	}
	return strings.Join(out, " ")
}

func TestZUndoesYourLastChange(t *testing.T) {
	t.Parallel()
	st := demoStore(t)
	must[backlog.Member](t)(st.AddMember("alice", store.NewMember{Handle: "gus", Role: "guest"}))
	ctx, stop := context.WithCancel(t.Context())
	m := newModelCtx(t, ctx, st, "alice", 80, 24)
	stop() // store events are delivered by hand below
	b := backlogOf(m)
	before := storyRefs(b.stories)
	press(t, m, "j", "j", "j", "j") // S-6, in the backlog
	victim, _ := b.Selected()
	press(t, m, "x", "y")
	if storyRefs(b.stories) == before {
		t.Fatal("the delete did not happen")
	}

	// While text is typed, z is text: the filter gets it, nothing is undone.
	press(t, m, "/", "z")
	if b.Filter() != "z" || storyRefs(must[[]backlog.Story](t)(st.Stories(0))) == before {
		t.Fatalf("z in the filter: filter %q", b.Filter())
	}
	press(t, m, "esc")

	press(t, m, "z")
	if want := "undone: alice deleted " + victim.Ref() + " " + victim.Title; !strings.Contains(m.View(), want) || m.statusErr {
		t.Fatalf("z did not say %q:\n%s", want, m.View())
	}
	send(t, m, eventMsg{N: 1}) // the undo's event reaches the screen
	if got := storyRefs(b.stories); got != before {
		t.Fatalf("after z the backlog is\n%s\nnot\n%s", got, before)
	}
	if got := must[backlog.Story](t)(st.Story(victim.ID)); got.Status != backlog.StatusBacklog {
		t.Fatalf("%s is %s", victim.Ref(), got.Status)
	}

	// Someone else's change since: z refuses in one line and says who.
	sp := must[sprint.Sprint](t)(activeSprint(st))
	var free sprint.Task
	for _, tk := range must[[]sprint.Task](t)(st.Tasks(sp.ID)) {
		if tk.Owner == "" && tk.Status == sprint.TaskTodo {
			free = tk
		}
	}
	must[sprint.Task](t)(st.ClaimTask("bob", free.ID, ""))
	must[sprint.Task](t)(st.SetRemaining("alice", free.ID, 1))
	bob := newModel(t, st, "bob", 80, 24)
	press(t, bob, "z")
	if !bob.statusErr || !strings.Contains(bob.status, "alice changed "+free.Ref()+" since") || strings.Contains(bob.status, "\n") {
		t.Fatalf("bob's z after alice's change: %q", bob.status)
	}
	if got := must[sprint.Task](t)(st.Task(free.ID)); got.Owner != "bob" || got.Remaining != 1 {
		t.Fatalf("a refused undo changed %+v", got)
	}

	// A guest has nothing to undo: the reason shows, nothing changes.
	g := newModel(t, st, "gus", 80, 24)
	n := len(must[[]store.Event](t)(st.Events(0, 0)))
	press(t, g, "z")
	if !g.statusErr || !strings.Contains(g.View(), "guest") || len(must[[]store.Event](t)(st.Events(0, 0))) != n {
		t.Fatalf("a guest's z:\n%s", g.View())
	}
}
