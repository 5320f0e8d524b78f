package ui

import (
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

// teamRead is the team and its active sprint, as the header shows them.
type teamRead struct {
	team   backlog.Team
	sprint sprint.Sprint
	active bool
	err    error
}

func sharedTeam(st *store.Store) teamRead {
	v, err := st.SharedRead("ui/team", func(st *store.Store) (any, error) {
		var r teamRead
		if r.team, r.err = st.Team(); r.err == nil {
			r.sprint, r.active, r.err = st.ActiveSprint()
		}
		return r, nil
	})
	if err != nil {
		return teamRead{err: err} // this session's own refusal (it ended)
	}
	return v.(teamRead)
}

// memberRead is one person's member record, or why there is none.
type memberRead struct {
	m   backlog.Member
	err error
}

func sharedMember(st *store.Store, handle string) (backlog.Member, error) {
	v, err := st.SharedRead("ui/member/"+handle, func(st *store.Store) (any, error) {
		m, err := st.Member(handle)
		return memberRead{m, err}, nil
	})
	if err != nil {
		return backlog.Member{}, err
	}
	r := v.(memberRead)
	return r.m, r.err
}

// sharedNewMentions is how many comments name handle that they have not seen
// (0 when they cannot be read).
func sharedNewMentions(st *store.Store, handle string) int {
	v, err := st.SharedRead("ui/mentions/"+handle, func(st *store.Store) (any, error) {
		ms, err := st.MentionsOf(handle)
		if err != nil {
			return 0, nil
		}
		return ms.New, nil
	})
	if err != nil {
		return 0
	}
	return v.(int)
}
