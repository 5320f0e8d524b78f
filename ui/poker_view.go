package ui

// Drawing the planning poker round: the story, who has voted (never a card
// before the reveal but your own), the cards, the spread and the timer after
// it, and the session's summary when it ends.

import (
	"fmt"
	"strings"
	"time"

	"huddle/backlog"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// View draws the round in the body's size.
func (p *pokerModel) View() string {
	st, w, tr := p.c.Styles, p.c.Width, p.c.Tr
	v := p.view
	switch {
	case p.err != nil:
		return st.Error.Render(common.Truncate(tr.Tf("poker.cannot_read", "Err", tr.Err(p.err)), w))
	case !p.loaded:
		return st.Subtle.Render(tr.T("poker.loading"))
	case v.Session.ID == 0:
		return joinLines([]string{st.Title.Render(tr.T("poker.title")), "",
			st.Empty.Render(common.Truncate(tr.T("poker.none1"), w)),
			st.Empty.Render(common.Truncate(tr.T("poker.none2"), w))})
	case !v.Session.Running():
		return p.summaryView()
	}
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	s := v.Session
	head := tr.Tf("poker.head", "N", s.Current+1, "Of", len(s.Stories), "Deck", deckName(tr, s.Deck))
	if r := v.Round; r != nil {
		head += tr.Tf("poker.round", "N", r.Attempt)
	}
	add(st.Title.Render(common.Truncate(head, w)))
	if story := v.Story; story != nil {
		pts := tr.T("backlog.page.unestimated")
		if story.Estimated() {
			pts = tr.Tn("backlog.points", story.Points)
		}
		right := st.Subtle.Render(pts + " · " + tr.Tf("backlog.page.value", "V", story.Value))
		left := st.Ref.Render(story.Ref()) + "  " + common.Line(story.Title)
		add(common.Spread(common.Truncate(left, max(w-common.Width(right)-2, 10)), right, w))
		if v.KR != "" {
			add(st.Subtle.Render(common.Truncate(tr.Tf("poker.serves", "KR", backlog.KRRef(story.KeyResult)+" "+common.Line(v.KR)), w)))
		}
		// The story's text gets what the rest leaves: a few lines at 80x24.
		room := max(p.c.Height-13, 2)
		desc, acc := room/2, room-room/2
		if story.Acceptance == "" {
			desc = room
		}
		if story.Description != "" {
			add(common.Wrap(story.Description, w, desc)...)
		}
		if story.Acceptance != "" {
			add(st.Subtle.Render(tr.T("backlog.page.acceptance")))
			add(common.Wrap(story.Acceptance, w, acc)...)
		}
	}
	add("")
	if r := v.Round; r != nil && !r.IsRevealed() {
		add(p.votingView()...)
	} else if r != nil {
		add(p.revealedView()...)
	}
	return joinLines(lines)
}

// votingView is who has voted and the cards to pick from.
func (p *pokerModel) votingView() []string {
	st, w, v, tr := p.c.Styles, p.c.Width, p.view, p.c.Tr
	r := v.Round
	var out []string
	count := tr.Tf("poker.voted_of", "N", len(r.Voters), "Of", v.Voters)
	if len(v.Present) == 0 {
		count = tr.Tn("poker.people_voted", len(r.Voters))
	}
	if len(v.Waiting) > 0 {
		count += tr.Tf("poker.waiting", "Who", strings.Join(v.Waiting, ", "))
	}
	out = append(out, st.Title.Render(common.Truncate(count, w)))
	var who []string
	for _, h := range r.Voters {
		who = append(who, st.Good.Render("✓ "+h))
	}
	for _, h := range v.Waiting {
		who = append(who, st.Subtle.Render("· "+h))
	}
	if len(who) > 0 {
		out = append(out, common.Truncate(strings.Join(who, "  "), w))
	}
	switch {
	case !v.CanVote:
		out = append(out, st.Subtle.Render(tr.T("poker.you_watch")))
	case v.Mine != "":
		out = append(out, tr.T("poker.your_card")+st.Selected.Render(" "+tr.PokerCard(v.Mine)+" ")+st.Subtle.Render("  "+tr.T("poker.pick_another")))
	default:
		out = append(out, tr.T("poker.pick"))
	}
	if v.CanVote {
		out = append(out, p.cardsView()...)
	}
	return out
}

// cardsView deals the deck: each card with its key, wrapped to the width.
func (p *pokerModel) cardsView() []string {
	st, w := p.c.Styles, p.c.Width
	var out []string
	line, lineW := "", 0
	for i, c := range p.view.Session.Deck.Cards() {
		label := fmt.Sprintf("%c:%s", pokerCardLetters[i], p.c.Tr.PokerCard(c))
		if c == p.view.Mine {
			label = st.Selected.Render(label)
		}
		cw := common.Width(label) + 2
		if lineW+cw-2 > w && line != "" {
			out = append(out, strings.TrimRight(line, " "))
			line, lineW = "", 0
		}
		line += label + "  "
		lineW += cw
	}
	return append(out, strings.TrimRight(line, " "))
}

// revealedView is the cards, the spread, the timer and what the lead may do.
func (p *pokerModel) revealedView() []string {
	st, w, v, tr := p.c.Styles, p.c.Width, p.view, p.c.Tr
	r := v.Round
	var cards []string
	for _, h := range r.Voters {
		cards = append(cards, h+" "+st.Ref.Render(tr.PokerCard(r.Votes[h])))
	}
	out := []string{st.Title.Render(tr.T("poker.revealed_title")), common.Truncate(strings.Join(cards, " · "), w)}
	if sp := v.Spread; sp != nil {
		switch {
		case sp.Agreed:
			out = append(out, st.Good.Render(common.Truncate(tr.Tf("poker.agreed", "N", sp.Low), w)))
		case sp.Explanation != "" && len(sp.HighVoters) > 0 && len(sp.LowVoters) > 0:
			explain := tr.Tf("poker.explain", "High", strings.Join(sp.HighVoters, ", ")+" "+r.Votes[sp.HighVoters[0]],
				"Low", strings.Join(sp.LowVoters, ", ")+" "+r.Votes[sp.LowVoters[0]])
			out = append(out, st.Warning.Render(common.Truncate(tr.Tf("poker.spread", "Low", sp.Low, "High", sp.High, "Explain", explain), w)))
		case sp.Estimates == 1:
			out = append(out, common.Truncate(tr.Tf("poker.one_estimate", "N", sp.Low), w))
		case sp.Estimates == 0:
			out = append(out, st.Warning.Render(tr.T("poker.no_estimate")))
		}
	}
	if !r.Open() {
		msg := tr.Tn("poker.accepted_pts", r.Accepted)
		if p.isLead() {
			msg += tr.T("poker.n_next")
		} else {
			msg += tr.T("poker.lead_moves_on")
		}
		return append(out, st.Good.Render(common.Truncate(msg, w)))
	}
	if left, ok := v.Session.DiscussionLeft(r.Revealed, p.c.Now()); ok {
		if left >= 0 {
			out = append(out, tr.Tf("poker.discussion_left", "Clock", clock(left)))
		} else {
			out = append(out, st.Warning.Render(tr.Tf("poker.discussion_over", "Clock", clock(-left))))
		}
	}
	if p.isLead() {
		val := tr.T("poker.pick_with_plus")
		if p.value != backlog.Unestimated {
			val = tr.Tn("backlog.points", p.value)
		}
		out = append(out, common.Truncate(tr.Tf("poker.ask_accept", "Value", val), w))
	} else {
		out = append(out, st.Subtle.Render(tr.T("poker.lead_accepts")))
	}
	return out
}

func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// summaryView is an ended session: what it estimated and how it went.
func (p *pokerModel) summaryView() string {
	st, w, v, tr := p.c.Styles, p.c.Width, p.view, p.c.Tr
	sum := v.Summary
	lines := []string{st.Title.Render(tr.T("poker.ended_title"))}
	lines = append(lines, common.Wrap(tr.Tf("poker.summary", "Stories", tr.Tn("backlog.stories", sum.Stories), "Points", sum.Points,
		"Rounds", tr.Tn("poker.rounds", sum.Rounds), "PerStory", clock(sum.PerStory), "Agreed", sum.FirstAgreed, "N", sum.Stories), w, 3)...)
	lines = append(lines, "")
	for _, id := range v.Session.Stories {
		pts := st.Warning.Render(tr.T("backlog.page.unestimated"))
		if n, ok := v.Points[id]; ok && n != backlog.Unestimated {
			pts = tr.Tn("backlog.points", n)
		}
		left := st.Ref.Render(backlog.StoryRef(id)) + "  " + common.Line(v.Titles[id])
		lines = append(lines, common.Spread(common.Truncate(left, max(w-14, 10)), pts, w))
	}
	return joinLines(append(lines, "", st.Subtle.Render(tr.T("poker.esc_closes"))))
}

// deckName is a deck as its reader calls it.
func deckName(tr *i18n.Tr, d backlog.Deck) string {
	switch d {
	case backlog.DeckFibonacci:
		return tr.T("poker.deck.fibonacci")
	case backlog.DeckTShirt:
		return tr.T("poker.deck.tshirt")
	}
	return string(d)
}
