package serve

import (
	"strings"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

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

// tooManySessions refuses a session beyond its connection's limit. The
// refusal goes out before the session's environment does (a client sends
// SendEnv on the session it opens), so only a member's own setting can tell
// the language: without one it says it in English and Chinese, on one line.
func (s *Server) tooManySessions(ctx ssh.Context) string {
	if pk, ok := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey); ok && pk != nil && s.cfg.Store != nil {
		m, err := s.cfg.Store.MemberByKey(strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk))))
		if l, known := i18n.ParseLang(m.Lang); err == nil && m.Lang != "" && known {
			return i18n.For(l).T("serve.too_many_sessions")
		}
	}
	return i18n.For(i18n.EN).T("serve.too_many_sessions") + " / " + i18n.For(i18n.ZH).T("serve.too_many_sessions")
}
