package ui

import (
	"errors"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
)

// What the Review & Retro screen offers (see board_offer.go): why is nil when
// a key can work now, for this viewer, else its one-line reason.

// role is the viewer's role as the retro view tells it.
func (s *retroScreen) role() backlog.Role {
	switch {
	case s.data.lead:
		return backlog.RoleLead
	case s.data.writer:
		return backlog.RoleMember
	}
	return backlog.RoleGuest
}

func (s *retroScreen) why(b key.Binding) error {
	k, d, tr := s.keys, s.data, s.c.Tr
	is := func(o key.Binding) bool { return b.Help().Key == o.Help().Key && b.Help().Desc == o.Help().Desc }
	need := func(r backlog.Role, what string) error {
		role := s.role()
		if (r == backlog.RoleLead && !role.CanLead()) || !role.CanWrite() {
			return backlog.Forbidden(s.c.Actor, role, what, r)
		}
		return nil
	}
	i := slices.IndexFunc(d.sprints, func(sp sprint.Sprint) bool { return sp.ID == d.sprint.ID })
	switch {
	case is(k.PrevSprint):
		if !d.found || i <= 0 {
			return errors.New(tr.T("sprint.no_older"))
		}
		return nil
	case is(k.NextSprint):
		if !d.found || i < 0 || i >= len(d.sprints)-1 {
			return errors.New(tr.T("sprint.newest"))
		}
		return nil
	}
	if !d.found {
		return nil
	}
	p := d.board.Phase
	switch {
	case is(k.NextPhase):
		if err := need(backlog.RoleLead, tr.T("retro.may.run")); err != nil {
			return err
		}
		if p == retro.PhaseDone {
			return errors.New(tr.T("retro.no_next_phase"))
		}
	case is(k.PrevPhase):
		if err := need(backlog.RoleLead, tr.T("retro.may.run")); err != nil {
			return err
		}
		if p == retro.PhaseWrite {
			return errors.New(tr.Tf("retro.no_prev_phase", "Phase", tr.RetroPhase(retro.PhaseWrite)))
		}
	case is(k.Group), is(k.Ungroup), is(k.Timer), is(k.Setup), is(k.Earlier), is(k.Action):
		return need(backlog.RoleLead, tr.T("retro.may.run"))
	case is(k.ToStory), is(k.Attach):
		return need(backlog.RoleLead, tr.T("retro.may.feedback_stories"))
	case is(k.Check):
		return need(backlog.RoleLead, tr.T("retro.may.tick_acceptance"))
	case is(k.New), is(k.Edit), is(k.Delete):
		if err := need(backlog.RoleMember, tr.T("retro.may.write_cards")); err != nil {
			return err
		}
		return d.board.CanWriteCard()
	case is(k.Vote), is(k.Unvote):
		if err := need(backlog.RoleMember, tr.T("retro.may.vote")); err != nil {
			return err
		}
		if p != retro.PhaseVote {
			return errors.New(tr.Tf("retro.not_vote_phase", "Vote", tr.RetroPhase(retro.PhaseVote), "Phase", tr.RetroPhase(p)))
		}
	case is(k.Feedback):
		return need(backlog.RoleMember, tr.T("retro.may.record_feedback"))
	}
	return nil
}

func (s *retroScreen) offered(bs ...key.Binding) []key.Binding { return offeredBy(s.why, bs...) }

func (s *retroScreen) refusal(msg tea.KeyMsg, bs ...key.Binding) tea.Cmd {
	return refusalBy(s.why, "retro:", msg, bs...)
}
