package ui

import (
	"errors"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/i18n"
)

// A member's language on the Team screen (l): each member chooses their own,
// the lead anyone's. The choice is stored with the member
// (store.MemberChange.Lang); every session of that member reads it with the
// header and switches language at once (lang.go).

// whyLang is nil when the viewer may choose the selected member's language.
func (s *teamScreen) whyLang() error {
	tr := s.c.Tr
	m, ok := s.member()
	switch {
	case !ok:
		return errors.New(tr.T("team.no_member_here"))
	case s.data.role.CanLead():
		return nil
	case !s.data.role.CanWrite():
		return errors.New(tr.T("team.lang.members_only"))
	case m.Handle != s.c.Actor:
		return errors.New(tr.Tf("team.lang.own_only", "Who", m.Handle))
	}
	return nil
}

// langChoices are the values of the language field and what a person reads
// for each: none (the environment decides), then each language in its own
// name.
func langChoices(tr *i18n.Tr) (values, shown []string) {
	values = append([]string{""}, backlog.LangNames()...)
	shown = []string{tr.T("team.lang.auto")}
	for _, l := range backlog.LangNames() {
		shown = append(shown, langName(tr, l))
	}
	return values, shown
}

// langName is a language as it calls itself ("English", "中文"), or the
// reader's word for "not chosen".
func langName(tr *i18n.Tr, l string) string {
	switch l {
	case string(i18n.EN):
		return "English"
	case string(i18n.ZH):
		return "中文"
	}
	return tr.T("team.lang.auto")
}

// openLang opens the language form for m.
func (s *teamScreen) openLang(m backlog.Member) {
	st, actor, tr := s.c.Store, s.c.Actor, *s.c.Tr
	values, shown := langChoices(&tr)
	f := newForm(s.c.Timers, tr.Tf("team.lang.title", "Who", m.Handle),
		fieldSpec{Label: tr.T("team.lang.label"), Value: m.Lang, Choices: values, Shown: shown, Hint: tr.T("team.lang.hint")})
	s.open("lang", f, func(f formValues) (string, error) {
		l := f.Value(0)
		got, err := st.UpdateMember(actor, m.Handle, store.MemberChange{Lang: &l})
		if err != nil {
			return "", err
		}
		if got.Lang == "" {
			return tr.Tf("team.lang.cleared", "Who", got.Handle), nil
		}
		say := tr
		if got.Handle == actor {
			say = i18n.For(i18n.Lang(got.Lang)) // this session switches to it now
		}
		return say.Tf("team.lang.set", "Who", got.Handle, "Lang", langName(&say, got.Lang)), nil
	})
}
