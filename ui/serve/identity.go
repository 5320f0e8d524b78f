package serve

import (
	"context"
	"sync/atomic"

	"huddle/store"
)

// sessionStore is the store a session works on: bound to the member record
// its key belonged to at sign-in (see store.BoundTo), so that removing the
// member, or giving their handle to someone new, ends what the session may
// do at once.
func (s *Server) sessionStore(who Identity) *store.Store {
	if who.Guest || who.Member.Handle == "" {
		st, err := s.cfg.Store.BoundTo(who.Handle)
		if err != nil {
			return s.cfg.Store.BoundToMember(who.Member) // unreadable now: the first read says why
		}
		return st
	}
	if who.Key != "" {
		return s.cfg.Store.BoundToMemberKey(who.Member, who.Key) // revoking the key ends it too
	}
	return s.cfg.Store.BoundToMember(who.Member)
}

// watchMembership ends a session (cancel, with ended set) as soon as its
// member is no longer the one it signed in as, or its key was revoked.
func watchMembership(ctx context.Context, st *store.Store, cancel context.CancelFunc, ended *atomic.Bool) {
	for e := range st.Subscribe(ctx) {
		switch e.Kind {
		case store.EventMemberRemoved, store.EventMemberAdded, store.EventMemberUpdated, store.EventResync:
			if !st.SessionValid() {
				ended.Store(true)
				cancel()
				return
			}
		}
	}
}
