package ui

import (
	"fmt"
	"strings"
	"time"

	"huddle/sprint"
	"huddle/ui/common"
)

// layout rebuilds everything that does not change with the clock. The
// one-second tick only redraws the countdown, the head and the speaker's state.
func (s *standupScreen) layout() {
	s.setMode()
	if !s.loaded || s.c.Width == 0 {
		return
	}
	w := s.c.Width
	var lines []string
	switch {
	case s.data.err != nil:
		lines = errorLines(s.c.Styles, "the stand-up", s.data.err, w)
	case s.mode == modeNotes:
		lines = s.notesLines()
	case s.mode == modeRollCall:
		lines = s.rollCallLines()
	case s.mode == modeSummary:
		lines = s.summaryLines()
	case s.mode == modeSpeaking:
		s.cachedBody = s.orderStrip() + "\n\n" + strings.Join(s.speakingBody(), "\n")
		if s.ordering {
			rows := s.orderRows()
			// Keep the selected row in view under the clock.
			room := max(s.c.Height-9, 1)
			from := min(max(s.cursor-room+1, 0), max(len(rows)-room, 0))
			panel := []string{common.Truncate(s.c.Styles.Title.Render("Order")+s.c.Styles.Subtle.Render(" · a absent/present · K/J move · L latecomer · o closes"), s.c.Width)}
			s.orderPanel = strings.Join(append(panel, rows[from:]...), "\n")
		}
		return
	}
	s.body.SetSize(w, max(s.c.Height-2, 1))
	s.body.SetLines(lines)
	if s.mode == modeRollCall {
		s.body.Show(s.cursor+2, s.cursor+2)
	}
	if n := len(s.parked()); s.mode == modeSummary && n > 0 {
		at := len(lines) - n + s.cursor
		s.body.Show(at, at)
	}
}

func (s *standupScreen) View() string {
	if !s.loaded {
		return s.c.Styles.Subtle.Render("Loading the stand-up…")
	}
	w, h := s.c.Width, s.c.Height
	var b strings.Builder
	b.WriteString(s.headLine())
	b.WriteString("\n\n")
	switch {
	case s.form != nil && s.mode == modeSpeaking && h >= 18:
		b.WriteString(s.clockView()) // the clock keeps running while answers are typed
		b.WriteString("\n")
		b.WriteString(s.form.View(s.c.Styles, w))
	case s.form != nil:
		b.WriteString(s.form.View(s.c.Styles, w))
	case s.mode == modeSpeaking && s.data.err == nil && s.ordering:
		b.WriteString(s.clockView())
		b.WriteString("\n")
		b.WriteString(s.orderPanel)
	case s.mode == modeSpeaking && s.data.err == nil:
		b.WriteString(s.speakingView())
	default:
		b.WriteString(s.body.View())
	}
	if s.confirm != nil {
		return common.Fit(b.String(), w, h-1) + "\n" + s.confirm.View(s.c.Styles, w)
	}
	return common.Fit(b.String(), w, h)
}

// headLine is the day, and the round's elapsed time against its budget.
func (s *standupScreen) headLine() string {
	st, w, d := s.c.Styles, s.c.Width, s.data
	when := d.day.Time().Format("Mon Jan 2")
	switch {
	case d.day == d.today:
		when += " (today)"
	case d.held && d.round.Live():
		when += " · " + st.Warning.Render("left open")
	}
	left := st.Title.Render("Stand-up · ") + when
	right := ""
	switch {
	case d.err != nil:
	case d.held && s.mode != modeNotes:
		su := d.round
		el := su.Elapsed(s.c.Now())
		style := st.Subtle
		if el > su.Budget {
			style = st.Error
		}
		right = style.Render(fmt.Sprintf("round %s / %s", sprint.FormatClock(el), sprint.FormatClock(su.Budget)))
		if bw := min(12, w/10); bw >= 4 && s.mode == modeSpeaking {
			right = st.Bar(float64(el)/float64(max(su.Budget, time.Second)), bw) + " " + right
		}
	case s.mode == modeNotes:
		speakers := 0
		for _, m := range d.members {
			if m.Role.CanWrite() {
				speakers++
			}
		}
		wrote := 0
		for _, n := range d.notes {
			if !n.Empty() {
				wrote++
			}
		}
		right = st.Subtle.Render(fmt.Sprintf("%d of %d wrote notes", wrote, speakers))
		if d.notesDay != d.day {
			right = st.Subtle.Render(fmt.Sprintf("%d of %d wrote for %s", wrote, speakers, d.notesDay.Time().Format("Mon Jan 2")))
		}
	}
	return common.Spread(left, right, w)
}

// notesLines is the view before the round: what each member wrote ahead.
func (s *standupScreen) notesLines() []string {
	st, w, d := s.c.Styles, s.c.Width, s.data
	var out []string
	intro := ""
	switch {
	case d.day != d.today:
		intro = "No round was held on this day."
	case s.role.CanLead():
		intro = "Press `s` to open today's stand-up: mark who is absent, then walk through the speakers with a countdown."
	case s.role.CanWrite():
		intro = "The lead opens the stand-up from this screen. Press `e` to write your answers ahead."
	default:
		intro = "The lead opens the stand-up from this screen; guests follow along."
	}
	out = append(out, emptyState(st, intro, w)...)
	out = append(out, "")
	if len(d.notes) == 0 {
		return append(append(out, emptyState(st, "No stand-up answers yet. Before the daily stand-up each member answers three questions: what did I do since the last stand-up toward the sprint goal, what will I do today, what blocks me. Write them here with `e` or with `huddle standup note`.", w)...), s.carriedLines()...)
	}
	if d.notesDay != d.day {
		out = append(out, common.Truncate("  "+st.Subtle.Render("Answers written ahead for the "+d.notesDay.Time().Format("Mon Jan 2")+" stand-up"), w), "")
	}
	out = append(out, s.noteLines()...)
	return append(out, s.carriedLines()...)
}

func (s *standupScreen) noteLines() []string {
	st, w, d := s.c.Styles, s.c.Width, s.data
	byMember := map[string]sprint.Note{}
	for _, n := range d.notes {
		byMember[n.Member] = n
	}
	type person struct{ handle, who string }
	var people []person
	known := map[string]bool{}
	for _, m := range d.members {
		known[m.Handle] = true
		if _, wrote := byMember[m.Handle]; !wrote && !m.Role.CanWrite() {
			continue // guests read along; they do not speak
		}
		who := m.Handle + " (" + string(m.Role) + ")"
		if m.Name != "" {
			who += " · " + m.Name
		}
		people = append(people, person{m.Handle, who})
	}
	for _, n := range d.notes {
		if !known[n.Member] {
			people = append(people, person{n.Member, n.Member + " (no longer on the team)"})
		}
	}
	const labelW = 11
	textW := max(w-2-labelW, 10)
	var out []string
	for i, p := range people {
		if i > 0 {
			out = append(out, "")
		}
		n, ok := byMember[p.handle]
		if !ok || n.Empty() {
			out = append(out, common.Truncate(st.Title.Render(common.Line(p.who))+st.Subtle.Render(" · no notes for this day"), w))
			continue
		}
		out = append(out, common.Truncate(st.Title.Render(common.Line(p.who)), w))
		answer := func(label, text string, labelStyle, style func(...string) string) {
			lines := common.Wrap(text, textW, 3)
			if len(lines) == 0 {
				lines = []string{st.Subtle.Render("-")}
			}
			for j, l := range lines {
				lab := ""
				if j == 0 {
					lab = label
				}
				out = append(out, "  "+labelStyle(common.Pad(lab, labelW))+style(l))
			}
		}
		answer("Yesterday", n.Yesterday, st.Subtle.Render, st.Empty.Render)
		answer("Today", n.Today, st.Subtle.Render, st.Empty.Render)
		if n.Blocker != "" {
			answer("! Blocker", n.Blocker, st.Blocked.Render, st.Blocked.Render)
		} else {
			answer("Blocker", "none", st.Subtle.Render, st.Subtle.Render)
		}
	}
	return out
}

// turnMark is a one-cell sign of a turn's state, readable without colour.
func turnMark(t sprint.Turn) string {
	switch t.State {
	case sprint.TurnSpoke:
		return "✓"
	case sprint.TurnSpeaking:
		return "▶"
	case sprint.TurnSkipped:
		return "↷"
	case sprint.TurnAbsent:
		return "✗"
	case sprint.TurnLeft:
		return "–"
	}
	return "·"
}

func turnWord(t sprint.Turn) string {
	switch t.State {
	case sprint.TurnSpoke:
		return "spoke"
	case sprint.TurnSpeaking:
		return "speaking"
	case sprint.TurnSkipped:
		return "skipped"
	case sprint.TurnAbsent:
		return "absent"
	case sprint.TurnLeft:
		return "left the team"
	}
	return "present"
}

func (s *standupScreen) rollCallLines() []string {
	st, w, su := s.c.Styles, s.c.Width, s.data.round
	out := []string{common.Truncate(st.Title.Render("Roll call")+st.Subtle.Render(fmt.Sprintf(" · %d of %d present · %s each · %s budget · order: %s",
		su.Present(), len(su.Turns), sprint.FormatClock(su.Timebox()), sprint.FormatClock(su.Budget), orderWord(su.Order))), w), ""}
	out = append(out, s.orderRows()...)
	out = append(out, "")
	if su.Present() == 0 {
		out = append(out, common.Truncate("  "+st.Warning.Render("Everyone is marked absent: mark someone present, or end the round with x."), w))
	}
	hint := "Mark who is absent with `a`, move people with `K` and `J`, add a latecomer with `L`; `enter` gives the first speaker the word."
	if !s.role.CanLead() {
		hint = "The lead is taking the roll call. Press `e` to write your answers before your turn."
	}
	return append(out, emptyState(st, hint, w)...)
}

// orderRows are the round's turns, one a line, the selected one marked.
func (s *standupScreen) orderRows() []string {
	st, w, su := s.c.Styles, s.c.Width, s.data.round
	var out []string
	nameW := 4
	for _, t := range su.Turns {
		nameW = max(nameW, common.Width(t.Member))
	}
	nameW = min(nameW, 20)
	for i, t := range su.Turns {
		marker := "  "
		if i == s.cursor {
			marker = "> "
		}
		state := turnWord(t)
		style := st.Empty
		if t.State == sprint.TurnAbsent || t.State == sprint.TurnLeft {
			style = st.Subtle
		}
		wrote := ""
		if n := s.noteOf(t.Member); !n.Empty() {
			wrote = "wrote answers"
			if n.Blocker != "" {
				wrote += ", has a blocker"
			}
		}
		late := ""
		if t.Late {
			late = " (late)"
		}
		row := fmt.Sprintf("%s%2d. %s %s  %s", marker, i+1, common.Pad(t.Member+late, nameW), turnMark(t), common.Pad(state, 8))
		line := style.Render(row) + "  " + st.Subtle.Render(wrote)
		if i == s.cursor {
			line = st.Selected.Render(common.Truncate(row, w)) + "  " + st.Subtle.Render(wrote)
		}
		out = append(out, common.Truncate(line, w))
	}
	return out
}

func orderWord(o sprint.Order) string {
	if o == sprint.OrderRandom {
		return "random"
	}
	return "rotating"
}

// speakingBody is the part of the speaking view under the order strip: the
// speaker's answers and what they changed since the last stand-up.
func (s *standupScreen) speakingBody() []string {
	w, h := s.c.Width, s.c.Height
	sp, _ := s.data.round.Speaker()
	answerLines := 2
	if h >= 30 {
		answerLines = 4
	}
	if w >= 100 {
		sinceW := min(44, w/3)
		qw := w - sinceW - 3
		left := append(s.answerLines(sp.Member, qw, answerLines), s.carriedFor(sp.Member, qw)...)
		right := s.sinceLines(sp.Member, sinceW, 0)
		return common.Columns([][]string{left, right}, []int{qw, sinceW}, 3)
	}
	out := append(s.answerLines(sp.Member, w, answerLines), s.carriedFor(sp.Member, w)...)
	return append(append(out, ""), s.sinceLines(sp.Member, w, 3)...)
}

func (s *standupScreen) answerLines(member string, w, maxLines int) []string {
	st := s.c.Styles
	q := s.data.settings.WithDefaults().Questions
	a := s.noteOf(member).Answers()
	var out []string
	for i := range 3 {
		out = append(out, st.Subtle.Render(common.Truncate(q[i], w)))
		lines := common.Wrap(a[i], w-2, maxLines)
		if len(lines) == 0 {
			out = append(out, "  "+st.Subtle.Render("—"))
			continue
		}
		style := st.Empty
		if i == 2 {
			style = st.Blocked
		}
		for _, l := range lines {
			out = append(out, "  "+style.Render(l))
		}
	}
	return out
}

// sinceLines is "since last stand-up" for member, from the event log.
func (s *standupScreen) sinceLines(member string, w, maxLines int) []string {
	st, d := s.c.Styles, s.data
	title := "Since last stand-up"
	if d.hasSince {
		title += " · from " + d.since.Since.Format("Mon 15:04")
	}
	out := []string{st.Title.Render(common.Truncate(title, w))}
	if d.round.Sprint == 0 {
		return append(out, st.Subtle.Render(common.Truncate("no active sprint: questions only", w)))
	}
	a, ok := d.since.Activity[member]
	if !ok || a.Empty() {
		return append(out, st.Subtle.Render(common.Truncate("no task changes in the log", w)))
	}
	parts := a.Lines()
	if maxLines > 0 {
		for _, l := range common.Wrap(strings.Join(parts, " · "), w, maxLines) {
			out = append(out, st.Empty.Render(l))
		}
		return out
	}
	for _, p := range parts {
		for _, l := range common.Wrap(p, w-2, 2) {
			out = append(out, "  "+st.Empty.Render(l))
		}
	}
	return out
}

// speakingView draws the countdown and the cached body. It runs every second
// for every session watching, so it formats only what the clock changes.
func (s *standupScreen) speakingView() string {
	return s.clockView() + "\n" + s.cachedBody
}

// clockView is the large countdown with the speaker beside it.
func (s *standupScreen) clockView() string {
	st, w, su, now := s.c.Styles, s.c.Width, s.data.round, s.c.Now()
	sp, _ := su.Speaker()
	rem := su.Remaining(now)
	clockStyle, state := st.Good, sprint.FormatClock(rem)+" left"
	switch {
	case su.Status == sprint.StandupPaused:
		clockStyle, state = st.Subtle, "PAUSED · space resumes"
	case rem < 0:
		clockStyle, state = st.Error, "OVER by "+sprint.FormatClock(-rem)
	case su.Warning(now):
		clockStyle, state = st.Warning, sprint.FormatClock(rem)+" left · last 20%, wrap up"
	}
	big := bigText(sprint.FormatClock(rem))
	bigW := common.Width(big[0])
	pos, total := 0, 0
	for i, t := range su.Turns {
		if t.State != sprint.TurnAbsent && t.State != sprint.TurnLeft {
			total++
			if i <= su.Current {
				pos++
			}
		}
	}
	name := sp.Member
	if sp.Late {
		name += " (late)"
	}
	info := [3]string{
		st.Title.Render(name),
		st.Subtle.Render(fmt.Sprintf("speaker %d of %d · timebox %s", pos, total, sprint.FormatClock(su.Timebox()))),
		clockStyle.Render(state),
	}
	var b strings.Builder
	for i := range 3 {
		line := "  " + clockStyle.Render(big[i])
		if w >= bigW+12 {
			line += "   " + common.Truncate(info[i], w-bigW-5)
		}
		if i == 0 && s.bell {
			line = "\a" + line // the terminal bell, once, as the speaker runs out of time
		}
		b.WriteString(common.Truncate(line, w))
		b.WriteByte('\n')
	}
	if w < bigW+12 {
		b.WriteString(common.Truncate(info[0]+" "+info[2], w))
		b.WriteByte('\n')
	}
	return b.String()
}

// orderStrip is the round's order in one line: ✓ spoke, ▶ speaking, ↷ skipped, ✗ absent.
func (s *standupScreen) orderStrip() string {
	st, w, su := s.c.Styles, s.c.Width, s.data.round
	var parts []string
	for _, t := range su.Turns {
		p := turnMark(t) + t.Member
		switch t.State {
		case sprint.TurnSpeaking:
			p = st.Title.Render(p)
		case sprint.TurnAbsent, sprint.TurnLeft, sprint.TurnSpoke:
			p = st.Subtle.Render(p)
		case sprint.TurnSkipped:
			p = st.Warning.Render(p)
		}
		parts = append(parts, p)
	}
	return common.Truncate(st.Subtle.Render("Order ")+strings.Join(parts, "  "), w)
}

// summaryLines is the kept record of an ended round.
func (s *standupScreen) summaryLines() []string {
	st, w, su := s.c.Styles, s.c.Width, s.data.round
	sum := su.Summarize(s.c.Now())
	var out []string
	head := fmt.Sprintf("Ended %s · %s of %s", su.Ended.Format("15:04"), sprint.FormatClock(sum.Total), sprint.FormatClock(su.Budget))
	if su.Live() {
		head = fmt.Sprintf("Left open since %s · %s of %s", su.Updated.Format("Mon 15:04"), sprint.FormatClock(sum.Total), sprint.FormatClock(su.Budget))
	}
	if sum.OverBudget > 0 {
		head += st.Error.Render(" (over by " + sprint.FormatClock(sum.OverBudget) + ")")
	}
	head += st.Subtle.Render(fmt.Sprintf(" · %d spoke, %d skipped, %d absent", sum.Spoke, sum.Skipped, sum.Absent))
	out = append(out, common.Truncate(st.Title.Render("Summary · ")+head, w))
	if su.ClosedLate {
		out = append(out, common.Truncate("  "+st.Warning.Render("This round was left open and was closed the next day with what it had."), w))
	}
	if su.Live() {
		hint := "This round was left open. Starting today's (s) closes it with what it had."
		if !s.role.CanLead() {
			hint = "This round was left open; the lead closes it by starting today's."
		}
		out = append(out, emptyState(st, hint, w)...)
	}
	out = append(out, "")
	nameW := 6
	for _, t := range su.Turns {
		nameW = max(nameW, min(common.Width(t.Member)+7, 24))
	}
	for _, t := range su.Turns {
		name := t.Member
		if t.Late {
			name += " (late)"
		}
		spoke := ""
		if t.Spoke > 0 || t.State == sprint.TurnSpoke {
			spoke = sprint.FormatClock(t.Spoke)
		}
		word := turnWord(t)
		if t.State == sprint.TurnWaiting {
			word = "not reached"
		}
		row := fmt.Sprintf("  %s %s %s %s", turnMark(t), common.Pad(name, nameW), common.Pad(word, 13), common.PadLeft(spoke, 6))
		style := st.Empty
		if t.State == sprint.TurnAbsent || t.State == sprint.TurnLeft {
			style = st.Subtle
		}
		line := style.Render(row)
		if t.Overrun > 0 {
			line += "  " + st.Error.Render("+"+sprint.FormatClock(t.Overrun)+" over")
		}
		out = append(out, common.Truncate(line, w))
	}
	out = append(out, "")
	rows := s.parked()
	if len(rows) == 0 {
		out = append(out, st.Title.Render("Parking lot"), st.Subtle.Render(common.Truncate("  No blockers were parked. Press b to park one.", w)))
		return out
	}
	out = append(out, common.Truncate(st.Title.Render("Parking lot")+st.Subtle.Render(fmt.Sprintf(" · %d open · for the people involved, after the round", sum.OpenBlockers+len(s.data.carried))), w))
	for i, row := range rows {
		b := row.b
		marker := "  "
		if i == s.cursor {
			marker = "> "
		}
		box := "[ ]"
		style := st.Blocked
		if !b.Open() {
			box, style = "[x]", st.Subtle
		}
		who := " · " + b.RaisedBy
		if b.Task != 0 {
			who += " · " + sprint.TaskRef(b.Task)
		}
		if b.Helper != "" {
			who += " · " + b.Helper + " helps"
		}
		if !b.Open() {
			who += " · resolved by " + b.ResolvedBy
		}
		if row.carried {
			who += " · parked " + row.day.Time().Format("Mon Jan 2")
		}
		text := fmt.Sprintf("%s%s %d. ", marker, box, b.ID)
		// Keep who raised it and who helps in view: the text gives way first.
		textW := max(w-common.Width(text)-common.Width(who), min(20, w/2))
		body := style.Render(common.Truncate(common.Line(b.Text), textW))
		line := text + body + st.Subtle.Render(who)
		if i == s.cursor {
			line = st.Selected.Render(text) + body + st.Subtle.Render(who)
		}
		out = append(out, common.Truncate(line, w))
	}
	return out
}

// carriedLines lists the open blockers parked at earlier stand-ups: they come
// back at every stand-up until someone resolves them.
func (s *standupScreen) carriedLines() []string {
	st, w := s.c.Styles, s.c.Width
	if len(s.data.carried) == 0 {
		return nil
	}
	out := []string{"", common.Truncate(st.Title.Render("Still open from earlier stand-ups"), w)}
	for _, c := range s.data.carried {
		who := " · " + c.RaisedBy + " · parked " + c.Day.Time().Format("Mon Jan 2")
		if c.Task != 0 {
			who += " · " + sprint.TaskRef(c.Task)
		}
		out = append(out, common.Truncate("  "+st.Blocked.Render("[ ] "+common.Line(c.Text))+st.Subtle.Render(who), w))
	}
	return out
}

// carriedFor is the speaker's blockers still open from earlier stand-ups.
func (s *standupScreen) carriedFor(member string, w int) []string {
	st := s.c.Styles
	var out []string
	for _, c := range s.data.carried {
		if c.RaisedBy != member {
			continue
		}
		if out == nil {
			out = []string{st.Subtle.Render(common.Truncate("Still open from earlier stand-ups", w))}
		}
		out = append(out, common.Truncate("  "+st.Blocked.Render(common.Line(c.Text))+st.Subtle.Render(" · parked "+c.Day.Time().Format("Mon Jan 2")), w))
	}
	return out
}
