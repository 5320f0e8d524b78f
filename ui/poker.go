package ui

// The planning poker round: shown over the screen on every connected session
// while a session runs (esc hides it until the next story; P on the Backlog
// or the Sprint screen brings it back, and lets the lead start a session).
// Everything it shows comes from store.Poker, read after every store event,
// so every screen shows the same round and computes the same discussion
// timer from the stored reveal time.

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/common"
)

// pokerKeys are the round screen's keys. Cards are picked by letter (a..l,
// in deck order; the digits 0 1 2 3 5 8 and ? pick those cards too); the
// lead's keys are capitals.
type pokerKeys struct {
	Card, Reveal, Accept, Up, Down, Revote, Next, End, Hide key.Binding
	lead, running, revealed, voter                          bool
}

// pokerCardLetters are the keys of the cards, in deck order.
const pokerCardLetters = "abcdefghijkl"

func newPokerKeys() pokerKeys {
	return pokerKeys{
		Card:   key.NewBinding(key.WithKeys(strings.Split(pokerCardLetters, "")...), key.WithHelp("a-l", "poker.key.vote")),
		Reveal: key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "poker.key.reveal")),
		Accept: key.NewBinding(key.WithKeys("A", "enter"), key.WithHelp("A", "poker.key.accept")),
		Up:     key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+/-", "poker.key.value")),
		Down:   key.NewBinding(key.WithKeys("-")),
		Revote: key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "poker.key.revote")),
		Next:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "poker.key.next")),
		End:    key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "poker.key.end")),
		Hide:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "poker.key.hide")),
	}
}

func (k pokerKeys) ShortHelp() []key.Binding {
	var out []key.Binding
	if k.running && k.voter && !k.revealed {
		out = append(out, k.Card)
	}
	if k.lead && k.running {
		if k.revealed {
			out = append(out, k.Accept, k.Up, k.Revote)
		} else {
			out = append(out, k.Reveal)
		}
		out = append(out, k.Next, k.End)
	}
	return append(out, k.Hide)
}

func (k pokerKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// openPokerKey opens the round (or, for the lead, starts a session) from the
// Backlog and the Sprint screens.
func openPokerKey() key.Binding {
	return key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "poker.key.poker"))
}

// pokerModel is one session's view of the planning poker round.
type pokerModel struct {
	c       common.Common
	keys    pokerKeys
	view    store.PokerView
	loaded  bool
	gen     int
	err     error
	shown   bool // the overlay is up
	hidden  int  // the round this person hid with esc (0: none)
	value   int  // the value the lead is about to accept
	valueOf int  // the round value was set for
	tickGen int
	ticking bool
}

type pokerLoadedMsg struct {
	gen  int
	view store.PokerView
	err  error
}

// pokerTickMsg redraws the discussion timer.
type pokerTickMsg struct{ gen int }

func newPokerModel(c common.Common) *pokerModel {
	return &pokerModel{c: c, keys: newPokerKeys(), value: backlog.Unestimated}
}

func (p *pokerModel) SetCommon(c common.Common) { p.c = c }

// Load reads the round.
func (p *pokerModel) Load() tea.Cmd {
	p.gen++
	gen, st, actor := p.gen, p.c.Store, p.c.Actor
	return func() tea.Msg {
		v, err := st.Poker(actor)
		return pokerLoadedMsg{gen: gen, view: v, err: err}
	}
}

// Reload answers a store event: while a session runs or the round is up,
// every change may touch it (a vote, someone leaving, the story's text);
// otherwise only planning poker's own events do, so a team that is not
// estimating pays nothing for it.
func (p *pokerModel) Reload(msg eventMsg) tea.Cmd {
	if p.running() || p.shown || msg.Resync || msg.N > 1 || strings.HasPrefix(string(msg.Last.Kind), "poker.") {
		return p.Load()
	}
	return nil
}

// Visible says whether the round is drawn over the screen.
func (p *pokerModel) Visible() bool { return p.shown }

func (p *pokerModel) running() bool { return p.view.Session.Running() }

func (p *pokerModel) roundID() int {
	if p.view.Round == nil {
		return 0
	}
	return p.view.Round.ID
}

func (p *pokerModel) isLead() bool { return p.view.Session.Lead == p.c.Actor }

// Update takes the round's data, its timer, and (while shown) keys.
func (p *pokerModel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pokerLoadedMsg:
		if msg.gen != p.gen {
			return nil
		}
		p.view, p.err, p.loaded = msg.view, msg.err, true
		if p.running() && p.roundID() != p.hidden {
			p.shown = true // a round runs: everyone sees it, but who hid this one
		}
		// Otherwise it stays as it is: an ended session's summary (or the
		// empty state P opened) stays until esc.
		if r := p.view.Round; r != nil && r.IsRevealed() && p.valueOf != r.ID {
			p.valueOf, p.value = r.ID, p.view.Spread.Suggested
		}
		p.updateKeys()
		return p.tick()
	case pokerTickMsg:
		if msg.gen != p.tickGen {
			return nil
		}
		p.ticking = false
		return p.tick()
	case tea.KeyMsg:
		return p.handleKey(msg)
	}
	return nil
}

// tick keeps the discussion timer moving while it runs on screen.
func (p *pokerModel) tick() tea.Cmd {
	r := p.view.Round
	if p.ticking || !p.shown || r == nil || !r.IsRevealed() || !r.Open() || p.view.Session.Timer == 0 {
		return nil
	}
	if left, _ := p.view.Session.DiscussionLeft(r.Revealed, p.c.Now()); left < -time.Hour {
		return nil
	}
	p.ticking = true
	p.tickGen++
	gen := p.tickGen
	return p.c.Timers.Tick(time.Second, func(time.Time) tea.Msg { return pokerTickMsg{gen} })
}

func (p *pokerModel) updateKeys() {
	p.keys.running, p.keys.lead = p.running(), p.isLead()
	p.keys.revealed = p.view.Round != nil && p.view.Round.IsRevealed()
	p.keys.voter = p.view.CanVote
}

// Open shows the round; for the lead with no session running it starts one
// on the backlog's stories to estimate.
func (p *pokerModel) Open() tea.Cmd {
	p.hidden, p.shown = 0, true
	if p.running() {
		return nil
	}
	st, actor, tr := p.c.Store, p.c.Actor, *p.c.Tr
	return tea.Batch(p.Load(), writeCmd("poker", func() (string, error) {
		s, err := st.PokerStart(actor, store.PokerStartInput{})
		if err != nil {
			return "", err
		}
		return tr.Tn("poker.started", len(s.Stories)), nil
	}))
}

func (p *pokerModel) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := p.keys
	if key.Matches(msg, k.Hide) {
		p.shown, p.hidden = false, max(p.roundID(), -1)
		if !p.running() {
			p.hidden = 0
		}
		return nil
	}
	if !p.running() {
		return nil
	}
	st, actor, r, tr := p.c.Store, p.c.Actor, p.view.Round, *p.c.Tr
	revealed := r != nil && r.IsRevealed()
	if card, ok := p.cardFor(msg.String()); ok && !revealed && p.view.CanVote {
		return writeCmd("poker", func() (string, error) {
			if _, err := st.PokerVote(actor, 0, card); err != nil {
				return "", err
			}
			return tr.Tf("poker.voted", "Card", tr.PokerCard(card)), nil
		})
	}
	if !p.isLead() {
		return nil
	}
	switch {
	case key.Matches(msg, k.Reveal) && !revealed:
		return writeCmd("poker", func() (string, error) { _, err := st.PokerReveal(actor, 0); return tr.T("poker.revealed"), err })
	case key.Matches(msg, k.Accept) && revealed && r.Open():
		v := p.value
		if v == backlog.Unestimated {
			return func() tea.Msg {
				return writeResultMsg{Tag: "poker", Err: errors.New(tr.T("poker.no_value"))}
			}
		}
		return writeCmd("poker", func() (string, error) {
			rr, err := st.PokerAccept(actor, 0, v)
			if err != nil {
				return "", err
			}
			return tr.Tn("poker.accepted", v, "Ref", backlog.StoryRef(rr.Story)), nil
		})
	case key.Matches(msg, k.Up) && revealed:
		p.value = stepPoints(p.value, 1)
	case key.Matches(msg, k.Down) && revealed:
		p.value = stepPoints(p.value, -1)
	case key.Matches(msg, k.Revote):
		return writeCmd("poker", func() (string, error) { _, err := st.PokerRevote(actor, 0); return tr.T("poker.vote_again"), err })
	case key.Matches(msg, k.Next):
		return writeCmd("poker", func() (string, error) { _, err := st.PokerNext(actor); return tr.T("poker.next_story"), err })
	case key.Matches(msg, k.End):
		return writeCmd("poker", func() (string, error) { _, err := st.PokerEnd(actor); return tr.T("poker.ended"), err })
	}
	return nil
}

// cardFor is the card a key picks: its letter, or the card's own name for
// single-character cards (0 1 2 3 5 8 ?).
func (p *pokerModel) cardFor(k string) (string, bool) {
	cards := p.view.Session.Deck.Cards()
	if i := indexByte(pokerCardLetters, k); i >= 0 && i < len(cards) {
		return cards[i], true
	}
	if slices.Contains(cards, k) && len(k) == 1 {
		return k, true
	}
	return "", false
}

func indexByte(s, k string) int {
	if len(k) != 1 {
		return -1
	}
	for i := 0; i < len(s); i++ {
		if s[i] == k[0] {
			return i
		}
	}
	return -1
}

// stepPoints moves a value one step along the points scale.
func stepPoints(p, dir int) int {
	scale := backlog.PointScale[:]
	i := slices.Index(scale, p)
	switch {
	case i < 0 && dir > 0:
		return scale[0]
	case i < 0:
		return scale[len(scale)-1]
	}
	return scale[max(0, min(len(scale)-1, i+dir))]
}

// Keys are the round's keys for the footer.
func (p *pokerModel) Keys() help.KeyMap { return p.keys }

// pokerOpens says whether a key opens planning poker on a screen: P, on
// the Backlog and the Sprint (plan) screens.
func pokerOpens(id screenID, msg tea.KeyMsg) bool {
	return (id == screenBacklog || id == screenSprint) && key.Matches(msg, openPokerKey())
}

// pokerFooter adds P to the full help (?) of the screens it opens from (nil
// elsewhere); the short footer stays the screen's own.
func pokerFooter(id screenID, k help.KeyMap) help.KeyMap {
	if id != screenBacklog && id != screenSprint {
		return nil
	}
	return withPokerKey{k}
}

type withPokerKey struct{ help.KeyMap }

// FullHelp puts P at the foot of the screen's last column, so the help
// keeps its width.
func (w withPokerKey) FullHelp() [][]key.Binding {
	cols := slices.Clone(w.KeyMap.FullHelp())
	if len(cols) == 0 {
		return [][]key.Binding{{openPokerKey()}}
	}
	cols[len(cols)-1] = append(slices.Clone(cols[len(cols)-1]), openPokerKey())
	return cols
}

// bodyView is what the body shows: the round while it is up, else the screen.
func (m *Model) bodyView() string {
	if m.poker.Visible() {
		return m.poker.View()
	}
	return m.screens[m.active].View()
}
