package ui

import (
	"errors"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/ui/i18n"
)

// What the Sprint screen offers: why says whether a key can work now, for
// this viewer, in this view and state. The footer and ? show only the keys
// it lets through, and a key pressed anyway says its reason in one line
// instead of opening a form or a question that would end in a refusal. The
// rules are the domain's (sprint.Sprint.CanStart, Task.NextStatus, MayTouch,
// roles); why only asks them.

// role is the viewer's role on the team ("" when not a member).
func (s *boardScreen) role() backlog.Role { return s.data.role }

// sprintIndex is the shown sprint's place among all sprints (-1 when none).
func (s *boardScreen) sprintIndex() int {
	for i, sp := range s.data.sprints {
		if sp.ID == s.data.sprint.ID {
			return i
		}
	}
	return -1
}

// otherActive is the active sprint other than the shown one, if any.
func (s *boardScreen) otherActive() *sprint.Sprint {
	for _, sp := range s.data.sprints {
		if sp.Status == sprint.StatusActive && sp.ID != s.data.sprint.ID {
			return &sp
		}
	}
	return nil
}

// why is nil when key b can work now, else the one-line reason it cannot.
func (s *boardScreen) why(b key.Binding) error {
	k, sp, actor, tr := s.keys, s.data.sprint, s.c.Actor, s.c.Tr
	is := func(o key.Binding) bool { return b.Help().Key == o.Help().Key }
	need := func(r backlog.Role, what string) error {
		role := s.role()
		if !role.CanWrite() && s.data.notMember != nil {
			return s.data.notMember // the store's own words: guests only read
		}
		if (r == backlog.RoleLead && !role.CanLead()) || !role.CanWrite() {
			return backlog.Forbidden(actor, role, what, r)
		}
		return nil
	}
	switch {
	case is(k.PrevSprint):
		if s.sprintIndex() <= 0 {
			return errors.New(tr.T("sprint.no_older"))
		}
		return nil
	case is(k.NextSprint):
		if i := s.sprintIndex(); i < 0 || i >= len(s.data.sprints)-1 {
			return errors.New(tr.T("sprint.newest"))
		}
		return nil
	case is(k.NewSprint):
		return need(backlog.RoleLead, tr.T("board.may.plan_sprints"))
	}
	if !s.loaded || !s.data.found {
		return nil // nothing is offered but n
	}
	switch s.view {
	case viewPlan:
		_, ok := s.plan.selected()
		pick := func(pane planPane, what string) error {
			if s.plan.pane != pane || !ok {
				return errors.New(tr.T(what))
			}
			return nil
		}
		switch {
		case is(k.Start):
			return first(need(backlog.RoleLead, tr.T("board.may.start_sprints")), sp.CanStart(len(s.data.tasks), s.otherActive()))
		case is(k.Close):
			return first(need(backlog.RoleLead, tr.T("board.may.close_sprints")), sp.CanClose())
		case is(k.Delete):
			return first(need(backlog.RoleLead, tr.T("board.may.delete_sprints")), sp.CanDelete())
		case is(k.Pull):
			return first(need(backlog.RoleLead, tr.T("board.may.plan_sprints")), sp.CanChange(), pick(paneBacklog, "plan.pick_backlog"))
		case is(k.PutBack):
			return first(need(backlog.RoleLead, tr.T("board.may.plan_sprints")), sp.CanChange(), pick(paneSprint, "plan.pick_sprint"))
		case is(k.AddTask):
			return first(need(backlog.RoleMember, tr.T("board.may.add_tasks")), sp.CanChange(), pick(paneSprint, "plan.pick_sprint"))
		case is(k.Edit):
			return first(need(backlog.RoleLead, tr.T("board.may.edit_sprints")), sp.CanChange())
		case is(k.Capacity):
			return first(need(backlog.RoleLead, tr.T("board.may.set_capacity")), sp.CanChange())
		}
	case viewBoard:
		if ok, err := s.correctionWhy(b, need); ok {
			return err
		}
		t, ok := s.selected()
		lead := s.role().CanLead()
		touch := func(act sprint.TaskAction) error { return sprint.MayTouch(t, actor, lead, act) }
		var err error
		switch {
		case is(k.Claim):
			err = first(need(backlog.RoleMember, tr.T("board.may.claim_tasks")), sp.CanChange(), selectedTask(tr, ok), mine(tr, t, actor), touch(sprint.ActClaim))
		case is(k.Assign):
			err = first(need(backlog.RoleLead, tr.T("board.may.assign_tasks")), sp.CanChange(), selectedTask(tr, ok))
		case is(k.Unclaim):
			err = first(need(backlog.RoleMember, tr.T("board.may.unclaim_tasks")), sp.CanChange(), selectedTask(tr, ok), claimed(tr, t), touch(sprint.ActUnclaim))
		case is(k.Forward):
			_, next := t.NextStatus()
			err = first(need(backlog.RoleMember, tr.T("board.may.move_tasks")), sp.CanChange(), selectedTask(tr, ok), next, touch(sprint.ActMove))
		case is(k.Back):
			_, prev := t.PrevStatus()
			err = first(need(backlog.RoleMember, tr.T("board.may.move_tasks")), sp.CanChange(), selectedTask(tr, ok), prev, touch(sprint.ActMove))
		case is(k.Remaining):
			err = first(need(backlog.RoleMember, tr.T("board.may.update_tasks")), sp.CanChange(), selectedTask(tr, ok), touch(sprint.ActHours))
		case is(k.Block):
			err = first(need(backlog.RoleMember, tr.T("board.may.block_tasks")), sp.CanChange(), selectedTask(tr, ok))
		}
		return err
	}
	return nil
}

// first is the first error that is not nil.
func first(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func selectedTask(tr *i18n.Tr, ok bool) error {
	if !ok {
		return errors.New(tr.T("board.no_task_here"))
	}
	return nil
}

func mine(tr *i18n.Tr, t sprint.Task, actor string) error {
	if t.Owner == actor {
		return errors.New(tr.Tf("board.yours_already", "Task", t.Ref()))
	}
	return nil
}

func claimed(tr *i18n.Tr, t sprint.Task) error {
	if t.Owner == "" {
		return errors.New(tr.Tf("board.nobody_has", "Task", t.Ref()))
	}
	return nil
}

func (s *boardScreen) offered(bs ...key.Binding) []key.Binding { return offeredBy(s.why, bs...) }

func (s *boardScreen) refusal(msg tea.KeyMsg, bs ...key.Binding) tea.Cmd {
	return refusalBy(s.why, sprintTag, msg, bs...)
}

// blockKey is b as it reads for the selected task: block, or unblock.
func (s *boardScreen) blockKey() key.Binding {
	b := s.keys.Block
	if t, ok := s.selected(); ok && t.Blocked != "" {
		b.SetHelp("b", "sprint.key.unblock")
	}
	return b
}
