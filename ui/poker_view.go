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
)

// View draws the round in the body's size.
func (p *pokerModel) View() string {
	st, w := p.c.Styles, p.c.Width
	v := p.view
	switch {
	case p.err != nil:
		return st.Error.Render(common.Truncate("cannot read planning poker: "+p.err.Error(), w))
	case !p.loaded:
		return st.Subtle.Render("loading planning poker…")
	case v.Session.ID == 0:
		return joinLines([]string{st.Title.Render("Planning poker"), "",
			st.Empty.Render(common.Truncate("No estimation session yet. The lead presses P on the Backlog or the Sprint screen", w)),
			st.Empty.Render(common.Truncate("(or runs huddle poker start) to estimate the unestimated stories together.", w))})
	case !v.Session.Running():
		return p.summaryView()
	}
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	s := v.Session
	head := fmt.Sprintf("Planning poker · story %d of %d · %s deck", s.Current+1, len(s.Stories), s.Deck)
	if r := v.Round; r != nil {
		head += fmt.Sprintf(" · round %d", r.Attempt)
	}
	add(st.Title.Render(common.Truncate(head, w)))
	if story := v.Story; story != nil {
		pts := "unestimated"
		if story.Estimated() {
			pts = common.Plural(story.Points, "point", "points")
		}
		right := st.Subtle.Render(fmt.Sprintf("%s · value %d", pts, story.Value))
		left := st.Ref.Render(story.Ref()) + "  " + common.Line(story.Title)
		add(common.Spread(common.Truncate(left, max(w-common.Width(right)-2, 10)), right, w))
		if v.KR != "" {
			add(st.Subtle.Render(common.Truncate("serves "+backlog.KRRef(story.KeyResult)+" "+common.Line(v.KR), w)))
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
			add(st.Subtle.Render("Acceptance criteria"))
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
	st, w, v := p.c.Styles, p.c.Width, p.view
	r := v.Round
	var out []string
	count := fmt.Sprintf("%d of %d voted", len(r.Voters), v.Voters)
	if len(v.Present) == 0 {
		count = fmt.Sprintf("%s voted; the lead reveals", common.Plural(len(r.Voters), "person", "people"))
	}
	if len(v.Waiting) > 0 {
		count += " · waiting for " + strings.Join(v.Waiting, ", ")
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
		out = append(out, st.Subtle.Render("You watch: guests do not vote."))
	case v.Mine != "":
		out = append(out, "Your card: "+st.Selected.Render(" "+v.Mine+" ")+st.Subtle.Render("  (pick another to change it)"))
	default:
		out = append(out, "Pick a card:")
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
		label := fmt.Sprintf("%c:%s", pokerCardLetters[i], c)
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
	st, w, v := p.c.Styles, p.c.Width, p.view
	r := v.Round
	var cards []string
	for _, h := range r.Voters {
		cards = append(cards, h+" "+st.Ref.Render(r.Votes[h]))
	}
	out := []string{st.Title.Render("Revealed"), common.Truncate(strings.Join(cards, " · "), w)}
	if sp := v.Spread; sp != nil {
		switch {
		case sp.Agreed:
			out = append(out, st.Good.Render(common.Truncate(fmt.Sprintf("Everyone said %d", sp.Low), w)))
		case sp.Explanation != "":
			out = append(out, st.Warning.Render(common.Truncate(fmt.Sprintf("Spread %d–%d · %s", sp.Low, sp.High, sp.Explanation), w)))
		case sp.Estimates == 1:
			out = append(out, common.Truncate(fmt.Sprintf("One estimate: %d", sp.Low), w))
		case sp.Estimates == 0:
			out = append(out, st.Warning.Render("No estimate: nobody picked a number"))
		}
	}
	if !r.Open() {
		msg := fmt.Sprintf("Accepted: %s", common.Plural(r.Accepted, "point", "points"))
		if p.isLead() {
			msg += " · N next story"
		} else {
			msg += " · the lead moves on"
		}
		return append(out, st.Good.Render(common.Truncate(msg, w)))
	}
	if left, ok := v.Session.DiscussionLeft(r.Revealed, p.c.Now()); ok {
		if left >= 0 {
			out = append(out, "Discussion "+clock(left)+" left")
		} else {
			out = append(out, st.Warning.Render("Discussion over by "+clock(-left)))
		}
	}
	if p.isLead() {
		val := "pick one with +"
		if p.value != backlog.Unestimated {
			val = common.Plural(p.value, "point", "points")
		}
		out = append(out, common.Truncate(fmt.Sprintf("Accept %s? (A; +/- to change the value)", val), w))
	} else {
		out = append(out, st.Subtle.Render("The lead accepts a value or calls a re-vote."))
	}
	return out
}

func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// summaryView is an ended session: what it estimated and how it went.
func (p *pokerModel) summaryView() string {
	st, w, v := p.c.Styles, p.c.Width, p.view
	sum := v.Summary
	lines := []string{st.Title.Render("Planning poker ended")}
	lines = append(lines, common.Wrap(fmt.Sprintf("%s estimated · %d points added · %s · %s a story · the first vote agreed on %d of %d",
		common.Plural(sum.Stories, "story", "stories"), sum.Points, common.Plural(sum.Rounds, "round", "rounds"),
		clock(sum.PerStory), sum.FirstAgreed, sum.Stories), w, 3)...)
	lines = append(lines, "")
	for _, id := range v.Session.Stories {
		pts := st.Warning.Render("unestimated")
		if n, ok := v.Points[id]; ok && n != backlog.Unestimated {
			pts = common.Plural(n, "point", "points")
		}
		left := st.Ref.Render(backlog.StoryRef(id)) + "  " + common.Line(v.Titles[id])
		lines = append(lines, common.Spread(common.Truncate(left, max(w-14, 10)), pts, w))
	}
	return joinLines(append(lines, "", st.Subtle.Render("esc closes this summary")))
}
