package ui

import (
	"errors"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
)

// Screen 6, the team: its name, the members (role, hours a day, days off,
// SSH keys, who is online) and the holidays. Everyone reads; the lead changes
// them through forms, and a key that cannot work says why in one line.

// teamKeys are the keys of the Team screen.
type teamKeys struct {
	moveKeys
	Rename, Add, Edit, AddKey, Revoke, DaysOff, Holiday, Unholiday key.Binding
	Lang                                                           key.Binding // team_lang.go
}

func newTeamKeys() teamKeys {
	return teamKeys{
		moveKeys:  newMoveKeys("member"),
		Rename:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "team.key.rename")),
		Add:       key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "team.key.add")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "team.key.edit")),
		AddKey:    key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "team.key.add_key")),
		Revoke:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "team.key.revoke")),
		DaysOff:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "team.key.days_off")),
		Holiday:   key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "team.key.holiday")),
		Unholiday: key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "team.key.unholiday")),
		Lang:      key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "team.key.lang")),
	}
}

// teamMsg carries what the Team screen shows.
type teamMsg struct {
	gen    int
	view   store.TeamView
	online []string
	role   backlog.Role
	err    error
}

// teamScreen is screen 6.
type teamScreen struct {
	c    common.Common
	keys teamKeys

	gen    int
	loaded bool
	data   teamMsg
	sel    int    // the selected member
	selH   string // their handle, kept across reloads

	form   *form
	onSave func(f *form) tea.Cmd
	tag    string
}

func newTeamScreen(c common.Common) *teamScreen {
	return &teamScreen{c: c, keys: remapKeys(c, "team", newTeamKeys())}
}

// teamTag prefixes the write tags of this screen.
const teamTag = "team:"

func (s *teamScreen) Title() string { return s.c.Tr.T("screen.team") }

// Loaded reports whether the screen's first load has arrived.
func (s *teamScreen) Loaded() bool { return s.loaded }

func (s *teamScreen) Capturing() bool           { return s.form != nil }
func (s *teamScreen) SetCommon(c common.Common) { s.c = c }

func (s *teamScreen) Load() tea.Cmd {
	s.gen++
	gen, st, actor := s.gen, s.c.Store, s.c.Actor
	return func() tea.Msg {
		v, err := st.TeamView()
		msg := teamMsg{gen: gen, view: v, online: st.Online(), err: err}
		if m, err := st.Member(actor); err == nil {
			msg.role = m.Role
		}
		return msg
	}
}

func (s *teamScreen) Keys() help.KeyMap {
	if s.form != nil {
		return s.form.Keys()
	}
	k := s.keys
	change := s.offered(k.Rename, k.Add, k.Edit, k.AddKey, k.Revoke, k.DaysOff, k.Holiday, k.Unholiday, k.Lang)
	short := append([]key.Binding{combined("↑↓", "team.key.member", k.Up, k.Down)}, change...)
	return sprintKeyMap{short: short, full: fullHelp([]key.Binding{k.Up, k.Down, k.Top, k.Bottom}, change)}
}

// member is the selected member, if any.
func (s *teamScreen) member() (backlog.Member, bool) {
	ms := s.data.view.Members
	if s.sel < 0 || s.sel >= len(ms) {
		return backlog.Member{}, false
	}
	return ms[s.sel], true
}

// why is nil when key b can work now, else the one-line reason it cannot.
func (s *teamScreen) why(b key.Binding) error {
	tr := s.c.Tr
	if !s.loaded {
		return errors.New(tr.T("team.still_loading"))
	}
	if b.Help().Key == s.keys.Lang.Help().Key {
		return s.whyLang()
	}
	if !s.data.role.CanLead() {
		what := map[string]string{"r": "rename the team", "a": "add members", "e": "change members", "K": "add SSH keys",
			"x": "revoke SSH keys", "o": "set days off", "H": "add holidays", "D": "remove holidays"}[b.Help().Key]
		if what == "" {
			what = "change the team"
		}
		return backlog.Forbidden(s.c.Actor, s.data.role, what, backlog.RoleLead)
	}
	m, ok := s.member()
	switch b.Help().Key {
	case s.keys.Edit.Help().Key, s.keys.AddKey.Help().Key, s.keys.DaysOff.Help().Key:
		if !ok {
			return errors.New(tr.T("team.no_member_here"))
		}
	case s.keys.Revoke.Help().Key:
		if !ok || len(m.Keys) == 0 {
			return errors.New(tr.Tf("team.no_key_to_revoke", "Who", m.Handle))
		}
	case s.keys.Unholiday.Help().Key:
		if len(s.data.view.Calendar.Holidays) == 0 {
			return errors.New(tr.T("team.no_holidays_to_remove"))
		}
	}
	return nil
}

func (s *teamScreen) offered(bs ...key.Binding) []key.Binding { return offeredBy(s.why, bs...) }

func (s *teamScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case teamMsg:
		if msg.gen != s.gen {
			return nil
		}
		s.loaded, s.data = true, msg
		s.sel = max(0, min(s.sel, len(msg.view.Members)-1))
		for i, m := range msg.view.Members {
			if m.Handle == s.selH {
				s.sel = i
			}
		}
	case writeResultMsg:
		if s.form != nil && msg.Tag == s.tag {
			if msg.Err != nil {
				s.form.SetError(trErr(s.c.Tr, msg.Err))
				return nil
			}
			s.form, s.onSave = nil, nil
		}
	case tea.KeyMsg:
		return s.key(msg)
	}
	return nil
}

func (s *teamScreen) key(msg tea.KeyMsg) tea.Cmd {
	if s.form != nil {
		switch out, _ := s.form.Update(msg); out {
		case formCancelled:
			s.form, s.onSave = nil, nil
		case formSubmitted:
			return s.onSave(s.form)
		}
		return nil
	}
	k := s.keys
	if sel, ok := k.step(msg, s.sel, len(s.data.view.Members), max(s.c.Height/3, 1)); ok {
		s.sel = sel
		if m, ok := s.member(); ok {
			s.selH = m.Handle
		}
		return nil
	}
	if cmd := refusalBy(s.why, teamTag, msg, k.Rename, k.Add, k.Edit, k.AddKey, k.Revoke, k.DaysOff, k.Holiday, k.Unholiday, k.Lang); cmd != nil {
		return cmd
	}
	st, actor, tr := s.c.Store, s.c.Actor, *s.c.Tr
	m, _ := s.member()
	roles := []string{string(backlog.RoleMember), string(backlog.RoleLead), string(backlog.RoleGuest)}
	roleNames := []string{tr.T("role.member"), tr.T("role.lead"), tr.T("role.guest")}
	switch {
	case key.Matches(msg, k.Lang):
		s.openLang(m)
	case key.Matches(msg, k.Rename):
		s.open("rename", newForm(s.c.Timers, tr.T("team.form.rename"), fieldSpec{Label: tr.T("team.form.name"), Value: s.data.view.Team.Name}),
			func(f formValues) (string, error) {
				name := f.Value(0)
				return tr.Tf("team.renamed", "Name", name), st.SetTeamName(actor, name)
			})
	case key.Matches(msg, k.Add):
		s.open("add", newForm(s.c.Timers, tr.T("team.form.add"),
			fieldSpec{Label: tr.T("team.form.handle"), Placeholder: "wei", Hint: tr.T("team.form.handle_hint")},
			fieldSpec{Label: tr.T("team.form.name"), Placeholder: tr.T("team.form.name_placeholder")},
			fieldSpec{Label: tr.T("team.form.ssh_key"), Placeholder: "ssh-ed25519 AAAA… wei@laptop", Hint: tr.T("team.form.ssh_key_hint"), CharLimit: 2000},
			fieldSpec{Label: tr.T("team.form.role"), Value: string(backlog.RoleMember), Choices: roles, Shown: roleNames}),
			func(f formValues) (string, error) {
				in := store.NewMember{Handle: f.Value(0), Name: f.Value(1), Role: backlog.Role(f.Value(3))}
				if k := strings.TrimSpace(f.Value(2)); k != "" {
					in.Keys = []string{k}
				}
				m, err := st.AddMember(actor, in)
				return tr.Tf("team.added", "Who", m.Handle, "Role", tr.Role(m.Role)), err
			})
	case key.Matches(msg, k.Edit):
		s.open("edit", newForm(s.c.Timers, tr.Tf("team.form.edit", "Who", m.Handle),
			fieldSpec{Label: tr.T("team.form.name"), Value: m.Name},
			fieldSpec{Label: tr.T("team.form.hours"), Value: common.Num(m.HoursPerDay), CharLimit: 5, Hint: tr.T("team.form.hours_hint")},
			fieldSpec{Label: tr.T("team.form.role"), Value: string(m.Role), Choices: roles, Shown: roleNames}),
			func(f formValues) (string, error) {
				name, role := f.Value(0), backlog.Role(f.Value(2))
				h, err := sprint.ParseHours(f.Value(1))
				if err != nil {
					return "", err
				}
				ch := store.MemberChange{Name: &name, HoursPerDay: &h}
				if role != m.Role {
					ch.Role = &role
				}
				got, err := st.UpdateMember(actor, m.Handle, ch)
				return tr.Tf("team.edited", "Who", got.Handle, "Name", got.Name, "Role", tr.Role(got.Role), "Hours", common.Hours(got.HoursPerDay)), err
			})
	case key.Matches(msg, k.AddKey):
		s.open("key", newForm(s.c.Timers, tr.Tf("team.form.add_key", "Who", m.Handle),
			fieldSpec{Label: tr.T("team.form.key"), Placeholder: "ssh-ed25519 AAAA… " + m.Handle + "@laptop", Hint: tr.T("team.form.key_hint"), CharLimit: 2000}),
			func(f formValues) (string, error) {
				_, err := st.UpdateMember(actor, m.Handle, store.MemberChange{AddKeys: []string{f.Value(0)}})
				return tr.Tf("team.key_added", "Who", m.Handle), err
			})
	case key.Matches(msg, k.Revoke):
		var fps []string
		for _, key := range m.Keys {
			fps = append(fps, backlog.KeyFingerprint(key))
		}
		s.open("revoke", newForm(s.c.Timers, tr.Tf("team.form.revoke", "Who", m.Handle),
			fieldSpec{Label: tr.T("team.form.key"), Value: fps[0], Choices: fps, Hint: tr.T("team.form.revoke_hint")}),
			func(f formValues) (string, error) {
				_, err := st.RemoveMemberKey(actor, m.Handle, f.Value(0))
				return tr.Tf("team.revoked", "Who", m.Handle, "Key", f.Value(0)), err
			})
	case key.Matches(msg, k.DaysOff):
		today := sprint.DateOf(s.c.Now()).String()
		s.open("off", newForm(s.c.Timers, tr.Tf("team.form.days_off", "Who", m.Handle),
			fieldSpec{Label: tr.T("team.form.from"), Value: today, CharLimit: 10, Hint: "YYYY-MM-DD"},
			fieldSpec{Label: tr.T("team.form.to"), Value: today, CharLimit: 10, Hint: tr.T("team.form.to_hint")},
			fieldSpec{Label: tr.T("team.form.action"), Value: "add", Choices: []string{"add", "clear"}, Shown: []string{tr.T("team.form.action_add"), tr.T("team.form.action_clear")}, Hint: tr.T("team.form.action_hint")}),
			func(f formValues) (string, error) {
				from, err := sprint.ParseDate(strings.TrimSpace(f.Value(0)))
				if err != nil {
					return "", err
				}
				to, err := sprint.ParseDate(strings.TrimSpace(f.Value(1)))
				if err != nil {
					return "", err
				}
				clear := f.Value(2) == "clear"
				_, err = st.SetDaysOff(actor, m.Handle, from, to, clear)
				if clear {
					return tr.Tf("team.works_again", "Who", m.Handle, "From", from, "To", to), err
				}
				return tr.Tf("team.is_off", "Who", m.Handle, "From", from, "To", to), err
			})
	case key.Matches(msg, k.Holiday):
		s.open("holiday", newForm(s.c.Timers, tr.T("team.form.holiday"),
			fieldSpec{Label: tr.T("team.form.date"), Placeholder: "2026-12-25", CharLimit: 10, Hint: tr.T("team.form.date_hint")},
			fieldSpec{Label: tr.T("team.form.name"), Placeholder: tr.T("team.form.holiday_placeholder")}),
			func(f formValues) (string, error) {
				d, err := sprint.ParseDate(strings.TrimSpace(f.Value(0)))
				if err != nil {
					return "", err
				}
				h, err := st.AddHoliday(actor, d, f.Value(1))
				return tr.Tf("team.holiday_added", "Date", h.Date), err
			})
	case key.Matches(msg, k.Unholiday):
		var days []string
		for _, h := range s.data.view.Calendar.Holidays {
			days = append(days, h.Date.String())
		}
		s.open("unholiday", newForm(s.c.Timers, tr.T("team.form.unholiday"),
			fieldSpec{Label: tr.T("team.form.date"), Value: days[0], Choices: days, Hint: tr.T("team.form.choose_hint")}),
			func(f formValues) (string, error) {
				d, err := sprint.ParseDate(f.Value(0))
				if err != nil {
					return "", err
				}
				return tr.Tf("team.holiday_removed", "Date", d), st.RemoveHoliday(actor, d)
			})
	}
	return nil
}

// open shows a form whose save runs write in a command.
// (the values are read here, not in the command: the form stays open and
// editable while the write runs).
func (s *teamScreen) open(what string, f *form, write func(f formValues) (string, error)) {
	s.form, s.tag = f, teamTag+what
	s.onSave = func(f *form) tea.Cmd {
		vals := make(formValues, len(f.fields))
		for i := range vals {
			vals[i] = f.Value(i)
		}
		return writeCmd(s.tag, func() (string, error) { return write(vals) })
	}
}

// formValues are a submitted form's values.
type formValues []string

// Value is field i's value.
func (v formValues) Value(i int) string { return v[i] }

// online reports whether handle has a session open.
func (s *teamScreen) online(handle string) bool { return slices.Contains(s.data.online, handle) }

// Typing and Asking tell the root about the keyboard (input.go): a pasted key
// line goes into the form's field whole, as text.
func (s *teamScreen) Typing() bool { return s.form != nil && s.form.Typing() }
func (s *teamScreen) Asking() bool { return false }
