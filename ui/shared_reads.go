package ui

import (
	"fmt"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

// What every session reads again after each change, read once per commit of
// the file (store.SharedRead) for all of them: the header's team and active
// sprint, and, once per person, their member record and how many comments
// name them that they have not seen. Two hundred sessions on one board then
// make one read of each after a claim, not two hundred. The values are
// shared: read-only.
//
// Each read also carries its signature: all it holds written out as text,
// once per commit. Two reads with the same signature hold the same values,
// so a session tells that its header is unchanged by comparing two strings
// instead of the values themselves (a value that cannot be written out
// plainly, such as an error, gets a signature of its own every commit:
// never taken for unchanged).

// teamRead is the team and its active sprint, as the header shows them.
type teamRead struct {
	team   backlog.Team
	sprint sprint.Sprint
	active bool
	err    error
	sig    string // signature of the above
}

func sharedTeam(st *store.Store) teamRead {
	v, err := st.SharedRead("ui/team", func(st *store.Store) (any, error) {
		var r teamRead
		if r.team, r.err = st.Team(); r.err == nil {
			r.sprint, r.active, r.err = st.ActiveSprint()
		}
		r.sig = signature(r)
		return r, nil
	})
	if err != nil {
		return teamRead{err: err} // this session's own refusal (it ended)
	}
	return v.(teamRead)
}

// personRead is one person's member record, or why there is none, and how
// many comments name them that they have not seen (0 when they cannot be
// read).
type personRead struct {
	m        backlog.Member
	err      error
	mentions int
	sig      string // signature of the above
}

// sharedPerson is handle's personRead; err is this session's own refusal
// (it ended).
func sharedPerson(st *store.Store, handle string) (personRead, error) {
	v, err := st.SharedRead("ui/person/"+handle, func(st *store.Store) (any, error) {
		var r personRead
		r.m, r.err = st.Member(handle)
		if n, err := st.NewMentions(handle); err == nil {
			r.mentions = n
		}
		r.sig = signature(r)
		return r, nil
	})
	if err != nil {
		return personRead{err: err}, err
	}
	return v.(personRead), nil
}

// signature writes v out in Go syntax, unexported fields and all (map keys
// sorted; a pointer, an error among them, as its address).
func signature(v any) string { return fmt.Sprintf("%#v", v) }
