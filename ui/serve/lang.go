package serve

import (
	"github.com/charmbracelet/ssh"

	"huddle/ui/i18n"
)

// tr is the translator for what the server itself tells a session: the
// language who chose (read afresh, so a change made during the session
// counts; the record they signed in with once they are gone), else the one
// the client's environment names (HUDDLE_LANG, LC_ALL, LC_MESSAGES, LANG sent
// with SendEnv), else English. Before sign-in who is zero: the environment
// alone decides.
func (s *Server) tr(sess ssh.Session, who Identity) i18n.Tr {
	lang := who.Member.Lang
	if who.Handle != "" && !who.Guest && s.cfg.Store != nil {
		if m, err := s.cfg.Store.Member(who.Handle); err == nil && m.ID == who.Member.ID {
			lang = m.Lang
		}
	}
	l, _ := i18n.Choose(environ(sess.Environ()).Getenv, lang) // a bad HUDDLE_LANG means the locale, else English
	return i18n.For(l)
}
