package serve

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"
)

// logPanic writes one log line for a recovered panic: where, the value and
// the innermost frames of huddle's own code, quoted so that nothing a caller
// typed (a panic value may carry it) reaches the log as terminal escapes or
// extra lines.
func (s *Server) logPanic(where string, r any) {
	s.logf("serve.log.panic", "Where", where, "Value", strconv.Quote(fmt.Sprint(r)), "Site", strconv.Quote(panicSite(debug.Stack())))
}

// panicSite is the first function of huddle's own below the panic in a
// stack, as "package.Func (file.go:123)", or "" when there is none.
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	seenPanic := false
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			seenPanic = true
			continue
		}
		if !seenPanic || !strings.HasPrefix(l, "huddle/") || i+1 >= len(lines) {
			continue
		}
		fn := l
		if j := strings.LastIndex(fn, "("); j > 0 {
			fn = fn[:j]
		}
		file := strings.TrimSpace(lines[i+1])
		if j := strings.LastIndex(file, "/"); j >= 0 {
			file = file[j+1:]
		}
		if j := strings.Index(file, " "); j >= 0 {
			file = file[:j]
		}
		return fn + " (" + file + ")"
	}
	return ""
}

// panicked is what a screen's program reports when its model panicked.
type panicked struct{ value any }

// safeModel runs a screen's model under recovery: a panic in Init, Update,
// View or a command the model returns ends that screen (tea.Quit) and is
// remembered for the session to report, instead of reaching bubbletea's own
// handler, which prints a stack on the server's terminal. (Commands inside a
// tea.Sequence are out of reach; bubbletea's handler still catches those.)
type safeModel struct {
	m    tea.Model
	fail *atomic.Pointer[panicked]
	quit func() // the program's Quit, for a panic in View
}

func newSafeModel(m tea.Model) *safeModel {
	return &safeModel{m: m, fail: &atomic.Pointer[panicked]{}}
}

// bind tells the model its program, so that a panic in View can end it.
func (sm *safeModel) bind(p *tea.Program) { sm.quit = p.Quit }

// failed is the recovered panic, or nil.
func (sm *safeModel) failed() *panicked { return sm.fail.Load() }

func (sm *safeModel) Init() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			sm.fail.CompareAndSwap(nil, &panicked{r})
			cmd = tea.Quit
		}
	}()
	return sm.wrap(sm.m.Init())
}

func (sm *safeModel) Update(msg tea.Msg) (model tea.Model, cmd tea.Cmd) {
	if p, ok := msg.(panicked); ok {
		sm.fail.CompareAndSwap(nil, &p)
		return sm, tea.Quit
	}
	if sm.failed() != nil {
		return sm, nil
	}
	defer func() {
		if r := recover(); r != nil {
			sm.fail.CompareAndSwap(nil, &panicked{r})
			model, cmd = sm, tea.Quit
		}
	}()
	m, c := sm.m.Update(msg)
	sm.m = m
	return sm, sm.wrap(c)
}

func (sm *safeModel) View() (v string) {
	if sm.failed() != nil {
		return ""
	}
	defer func() {
		if r := recover(); r != nil {
			sm.fail.CompareAndSwap(nil, &panicked{r})
			if sm.quit != nil {
				go sm.quit() // View runs in the program's loop: do not wait on it
			}
			v = ""
		}
	}()
	return sm.m.View()
}

// wrap runs cmd under recovery; a panic becomes a panicked message.
func (sm *safeModel) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = panicked{r}
			}
		}()
		msg = cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			out := make(tea.BatchMsg, len(b))
			for i, c := range b {
				out[i] = sm.wrap(c)
			}
			return out
		}
		return msg
	}
}
