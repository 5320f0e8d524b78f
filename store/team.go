package store

import (
	"errors"
	"fmt"
	"sort"

	"huddle/backlog"

	bolt "go.etcd.io/bbolt"
)

// Team returns the team's name and vision.
func (s *Store) Team() (backlog.Team, error) {
	var t backlog.Team
	err := s.read(func(tx *bolt.Tx) error {
		_, err := get(tx.Bucket(bucketTeam), keyTeam, &t)
		return err
	})
	return t, err
}

// Bootstrap makes handle the lead of a file that has no members yet, naming the
// team if it has no name. On a file with members it does nothing. It reports
// whether handle became the lead.
func (s *Store) Bootstrap(handle, teamName string) (bool, error) {
	handle = backlog.NormalizeHandle(handle)
	if err := backlog.ValidateHandle(handle); err != nil {
		return false, fmt.Errorf("cannot make %q the lead: %w (pass --as NAME)", handle, err)
	}
	if err := s.writable(); err != nil {
		// A read-only file with a team already has its lead.
		if has, _ := s.hasMembers(); has {
			return false, nil
		}
		return false, err
	}
	var events []Event
	created := false
	err := s.update(func(tx *bolt.Tx) error {
		members := tx.Bucket(bucketMembers)
		if k, _ := members.Cursor().First(); k != nil {
			return nil
		}
		now := s.now()
		id, err := nextID(members)
		if err != nil {
			return err
		}
		lead := backlog.Member{ID: id, Handle: handle, Role: backlog.RoleLead, HoursPerDay: backlog.DefaultHoursPerDay, Added: now}
		if err := put(members, []byte(handle), lead); err != nil {
			return err
		}
		var team backlog.Team
		if _, err := get(tx.Bucket(bucketTeam), keyTeam, &team); err != nil {
			return err
		}
		if team.Name == "" {
			team.Name = CleanTitle(teamName)
			if team.Name == "" {
				team.Name = "My team"
			}
			team.Created = now
			if err := put(tx.Bucket(bucketTeam), keyTeam, team); err != nil {
				return err
			}
		}
		w := &wtx{tx: tx, now: now, actor: lead}
		if err := w.emit(Event{Kind: EventMemberAdded, Fields: map[string]string{"member": handle, "role": string(backlog.RoleLead)},
			Text: eventf("%s started the team %q as its lead", handle, team.Name)}); err != nil {
			return err
		}
		events, created = w.events, true
		return nil
	})
	if err == nil {
		s.broker.publish(events)
	}
	return created, err
}

// SetTeamName renames the team (lead only).
func (s *Store) SetTeamName(actor, name string) error {
	name = CleanTitle(name)
	if name == "" {
		return errors.New("a team name cannot be empty")
	}
	return s.write(actor, leadOnly, "rename the team", func(w *wtx) error {
		var t backlog.Team
		if _, err := get(w.bucket(bucketTeam), keyTeam, &t); err != nil {
			return err
		}
		t.Name = name
		if err := put(w.bucket(bucketTeam), keyTeam, t); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventTeamRenamed, Text: eventf("team renamed to %s", name)})
	})
}

// SetVision sets the team's north star (lead only). Empty clears it.
func (s *Store) SetVision(actor, vision string) error {
	vision = CleanText(vision)
	if r := []rune(vision); len(r) > 1000 {
		return fmt.Errorf("a vision is one or two sentences; this one is %d characters (at most 1000)", len(r))
	}
	return s.write(actor, leadOnly, "set the vision", func(w *wtx) error {
		var t backlog.Team
		if _, err := get(w.bucket(bucketTeam), keyTeam, &t); err != nil {
			return err
		}
		t.Vision = vision
		if err := put(w.bucket(bucketTeam), keyTeam, t); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventVisionSet, Text: eventf("vision set")})
	})
}

// Members lists the team, lead first, then by handle.
func (s *Store) Members() (out []backlog.Member, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		out, err = membersIn(tx)
		return err
	})
	return out, err
}

// membersIn lists the team, lead first, then by handle.
func membersIn(tx *bolt.Tx) ([]backlog.Member, error) {
	var out []backlog.Member
	err := tx.Bucket(bucketMembers).ForEach(func(k, v []byte) error {
		var m backlog.Member
		if _, err := get(tx.Bucket(bucketMembers), k, &m); err != nil {
			return err
		}
		out = append(out, m)
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Role == backlog.RoleLead) != (out[j].Role == backlog.RoleLead) {
			return out[i].Role == backlog.RoleLead
		}
		return out[i].Handle < out[j].Handle
	})
	return out, err
}

// Member returns one member by handle.
func (s *Store) Member(handle string) (backlog.Member, error) {
	var m backlog.Member
	err := s.read(func(tx *bolt.Tx) error {
		var found bool
		var err error
		m, found, err = s.decoded.get(tx.Bucket(bucketMembers), backlog.NormalizeHandle(handle))
		if err == nil && !found {
			err = notFound("member", handle)
		}
		return err
	})
	return m, err
}

// MemberByKey finds the member who owns an SSH public key (authorized-key line).
func (s *Store) MemberByKey(key string) (backlog.Member, error) {
	var m backlog.Member
	err := s.read(func(tx *bolt.Tx) error {
		h := tx.Bucket(bucketKeys).Get([]byte(backlog.KeyID(key)))
		if h == nil {
			return notFound("key", "for this session")
		}
		_, err := get(tx.Bucket(bucketMembers), h, &m)
		return err
	})
	return m, err
}

// NewMember is what a lead fills in to add someone.
type NewMember struct {
	Handle      string
	Name        string
	Role        backlog.Role
	Keys        []string
	HoursPerDay float64
}

// AddMember adds a person to the team (lead only).
func (s *Store) AddMember(actor string, in NewMember) (backlog.Member, error) {
	m := backlog.Member{
		Handle:      backlog.NormalizeHandle(in.Handle),
		Name:        CleanTitle(in.Name),
		Role:        in.Role,
		HoursPerDay: in.HoursPerDay,
	}
	if m.Role == "" {
		m.Role = backlog.RoleMember
	}
	if m.HoursPerDay == 0 {
		m.HoursPerDay = backlog.DefaultHoursPerDay
	}
	if err := m.Validate(); err != nil {
		return m, err
	}
	for _, k := range in.Keys {
		if err := backlog.ValidateKey(k); err != nil {
			return m, err
		}
		m.Keys = append(m.Keys, CleanTitle(k))
	}
	err := s.write(actor, leadOnly, "add members", func(w *wtx) error {
		b := w.bucket(bucketMembers)
		if b.Get([]byte(m.Handle)) != nil {
			return fmt.Errorf("%s is already a member", m.Handle)
		}
		if err := indexKeys(w.tx, m.Handle, m.Keys); err != nil {
			return err
		}
		id, err := nextID(b)
		if err != nil {
			return err
		}
		m.ID, m.Added = id, w.now
		if err := put(b, []byte(m.Handle), m); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventMemberAdded, Fields: map[string]string{"member": m.Handle, "role": string(m.Role)},
			Text: eventf("%s added %s as %s", w.actor.Handle, m.Handle, m.Role)})
	})
	return m, err
}

// indexKeys records handle as the owner of keys, refusing a key someone else owns.
func indexKeys(tx *bolt.Tx, handle string, keys []string) error {
	kb := tx.Bucket(bucketKeys)
	for _, k := range keys {
		id := []byte(backlog.KeyID(k))
		if owner := kb.Get(id); owner != nil && string(owner) != handle {
			return fmt.Errorf("that key already belongs to %s", owner)
		}
		if err := kb.Put(id, []byte(handle)); err != nil {
			return err
		}
	}
	return nil
}

// MemberChange is a partial update of a member; nil fields stay as they are.
type MemberChange struct {
	Name        *string
	Role        *backlog.Role
	HoursPerDay *float64
	AddKeys     []string
	Theme       *string // their colour theme (backlog.ThemeNames; "" the default)
	Lang        *string // their language (backlog.LangNames; "" the environment's)
}

// UpdateMember changes a member (lead only; members may change their own name
// and hours, but not their role or keys). Only the lead binds SSH keys, to
// anyone: a key is who a person is on the server, and nobody can prove
// through the server that they hold a key they are not connected with, so
// the lead checks that with its owner (see README, "Keys").
func (s *Store) UpdateMember(actor, handle string, ch MemberChange) (backlog.Member, error) {
	handle = backlog.NormalizeHandle(handle)
	var m backlog.Member
	need, what := leadOnly, "change other members"
	switch {
	case len(ch.AddKeys) > 0:
		what = "add SSH keys (ask the lead: huddle member key NAME --key ...)"
	case handle == actor && ch.Role == nil:
		need = anyMember
	}
	update := func(w *wtx) error {
		b := w.bucket(bucketMembers)
		found, err := get(b, []byte(handle), &m)
		if err != nil {
			return err
		}
		if !found {
			return notFound("member", handle)
		}
		if ch.Name != nil {
			m.Name = CleanTitle(*ch.Name)
		}
		if ch.Role != nil {
			if m.Role == backlog.RoleLead && *ch.Role != backlog.RoleLead {
				if err := keepOneLead(w.tx, handle); err != nil {
					return err
				}
			}
			m.Role = *ch.Role
		}
		if ch.HoursPerDay != nil {
			m.HoursPerDay = *ch.HoursPerDay
		}
		if ch.Theme != nil {
			m.Theme = *ch.Theme
		}
		if ch.Lang != nil {
			m.Lang = *ch.Lang
		}
		for _, k := range ch.AddKeys {
			if err := backlog.ValidateKey(k); err != nil {
				return err
			}
			if !m.HasKey(k) {
				m.Keys = append(m.Keys, CleanTitle(k))
			}
		}
		if err := m.Validate(); err != nil {
			return err
		}
		if err := indexKeys(w.tx, m.Handle, m.Keys); err != nil {
			return err
		}
		if err := put(b, []byte(handle), m); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventMemberUpdated, Fields: map[string]string{"member": handle}, Text: eventf("%s updated %s", w.actor.Handle, handle)})
	}
	// Default capacities in open sprints follow new hours per day (calendar.go).
	err := s.write(actor, need, what, func(w *wtx) error { return followCapacity(w, func() error { return update(w) }) })
	return m, err
}

// keepOneLead refuses to demote or remove the last lead.
func keepOneLead(tx *bolt.Tx, leaving string) error {
	leads := 0
	err := tx.Bucket(bucketMembers).ForEach(func(k, v []byte) error {
		var m backlog.Member
		if _, err := get(tx.Bucket(bucketMembers), k, &m); err != nil {
			return err
		}
		if m.Role == backlog.RoleLead && m.Handle != leaving {
			leads++
		}
		return nil
	})
	if err == nil && leads == 0 {
		err = fmt.Errorf("%s is the only lead; make someone else lead first", leaving)
	}
	return err
}

// RemoveMember takes someone off the team (lead only). Their past work stays in the log.
func (s *Store) RemoveMember(actor, handle string) error {
	handle = backlog.NormalizeHandle(handle)
	return s.write(actor, leadOnly, "remove members", func(w *wtx) error {
		b := w.bucket(bucketMembers)
		var m backlog.Member
		found, err := get(b, []byte(handle), &m)
		if err != nil {
			return err
		}
		if !found {
			return notFound("member", handle)
		}
		if m.Role == backlog.RoleLead {
			if err := keepOneLead(w.tx, handle); err != nil {
				return err
			}
		}
		for _, k := range m.Keys {
			if err := w.bucket(bucketKeys).Delete([]byte(backlog.KeyID(k))); err != nil {
				return err
			}
		}
		if err := b.Delete([]byte(handle)); err != nil {
			return err
		}
		if err := dropDaysOff(w.tx, handle); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventMemberRemoved, Fields: map[string]string{"member": handle}, Text: eventf("%s removed %s", w.actor.Handle, handle)})
	})
}

// hasMembers reports whether the file has anyone on its team.
func (s *Store) hasMembers() (bool, error) {
	has := false
	err := s.read(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketMembers).Cursor().First()
		has = k != nil
		return nil
	})
	return has, err
}
