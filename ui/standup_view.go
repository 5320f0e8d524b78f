package ui

import (
	"fmt"
	"strings"
	"time"

	"huddle/sprint"
	"huddle/ui/common"
	"huddle/ui/i18n"
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
		lines = errorLines(s.c.Styles, s.c.Tr.T("standup.what"), s.data.err, w)
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
			panel := []string{common.Truncate(s.c.Styles.Title.Render(s.c.Tr.T("standup.order_title"))+s.c.Styles.Subtle.Render(s.c.Tr.T("standup.order_keys")), s.c.Width)}
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
		return s.c.Styles.Subtle.Render(s.c.Tr.T("standup.loading"))
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
	st, w, d, tr := s.c.Styles, s.c.Width, s.data, s.c.Tr
	when := longDay(tr, d.day)
	switch {
	case d.day == d.today:
		when += tr.T("standup.today_mark")
	case d.held && d.round.Live():
		when += " · " + st.Warning.Render(tr.T("standup.left_open"))
	}
	left := st.Title.Render(tr.T("standup.title")) + when
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
		right = style.Render(tr.Tf("standup.round_time", "Elapsed", sprint.FormatClock(el), "Budget", sprint.FormatClock(su.Budget)))
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
		right = st.Subtle.Render(tr.Tf("standup.wrote", "N", wrote, "Of", speakers))
		if d.notesDay != d.day {
			right = st.Subtle.Render(tr.Tf("standup.wrote_for", "N", wrote, "Of", speakers, "Day", longDay(tr, d.notesDay)))
		}
	}
	return common.Spread(left, right, w)
}

// notesLines is the view before the round: what each member wrote ahead.
func (s *standupScreen) notesLines() []string {
	st, w, d, tr := s.c.Styles, s.c.Width, s.data, s.c.Tr
	var out []string
	intro := ""
	switch {
	case d.day != d.today:
		intro = tr.T("standup.intro.no_round")
	case s.role.CanLead():
		intro = tr.T("standup.intro.lead")
	case s.role.CanWrite():
		intro = tr.T("standup.intro.member")
	default:
		intro = tr.T("standup.intro.guest")
	}
	out = append(out, emptyState(st, intro, w)...)
	out = append(out, "")
	if len(d.notes) == 0 {
		return append(append(out, emptyState(st, tr.T("standup.empty.notes"), w)...), s.carriedLines()...)
	}
	if d.notesDay != d.day {
		out = append(out, common.Truncate("  "+st.Subtle.Render(tr.Tf("standup.ahead_for", "Day", longDay(tr, d.notesDay))), w), "")
	}
	out = append(out, s.noteLines()...)
	return append(out, s.carriedLines()...)
}

func (s *standupScreen) noteLines() []string {
	st, w, d, tr := s.c.Styles, s.c.Width, s.data, s.c.Tr
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
		who := tr.Tf("standup.who_role", "Who", m.Handle, "Role", tr.Role(m.Role))
		if m.Name != "" {
			who += " · " + m.Name
		}
		people = append(people, person{m.Handle, who})
	}
	for _, n := range d.notes {
		if !known[n.Member] {
			people = append(people, person{n.Member, tr.Tf("standup.left_team", "Who", n.Member)})
		}
	}
	labelW := 11
	for _, id := range []string{"standup.note.yesterday", "standup.note.today", "standup.note.blocker", "standup.note.has_blocker"} {
		labelW = max(labelW, common.Width(tr.T(id))+2)
	}
	textW := max(w-2-labelW, 10)
	var out []string
	for i, p := range people {
		if i > 0 {
			out = append(out, "")
		}
		n, ok := byMember[p.handle]
		if !ok || n.Empty() {
			out = append(out, common.Truncate(st.Title.Render(common.Line(p.who))+st.Subtle.Render(tr.T("standup.no_notes")), w))
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
		answer(tr.T("standup.note.yesterday"), n.Yesterday, st.Subtle.Render, st.Empty.Render)
		answer(tr.T("standup.note.today"), n.Today, st.Subtle.Render, st.Empty.Render)
		if n.Blocker != "" {
			answer(tr.T("standup.note.has_blocker"), n.Blocker, st.Blocked.Render, st.Blocked.Render)
		} else {
			answer(tr.T("standup.note.blocker"), tr.T("standup.note.none"), st.Subtle.Render, st.Subtle.Render)
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

func turnWord(tr *i18n.Tr, t sprint.Turn) string {
	switch t.State {
	case sprint.TurnSpoke:
		return tr.T("standup.turn.spoke")
	case sprint.TurnSpeaking:
		return tr.T("standup.turn.speaking")
	case sprint.TurnSkipped:
		return tr.T("standup.turn.skipped")
	case sprint.TurnAbsent:
		return tr.T("standup.turn.absent")
	case sprint.TurnLeft:
		return tr.T("standup.turn.left")
	}
	return tr.T("standup.turn.present")
}

func (s *standupScreen) rollCallLines() []string {
	st, w, su, tr := s.c.Styles, s.c.Width, s.data.round, s.c.Tr
	out := []string{common.Truncate(st.Title.Render(tr.T("standup.roll_call"))+st.Subtle.Render(tr.Tf("standup.roll_call_facts",
		"N", su.Present(), "Of", len(su.Turns), "Each", sprint.FormatClock(su.Timebox()), "Budget", sprint.FormatClock(su.Budget), "Order", orderWord(tr, su.Order))), w), ""}
	out = append(out, s.orderRows()...)
	out = append(out, "")
	if su.Present() == 0 {
		out = append(out, common.Truncate("  "+st.Warning.Render(tr.T("standup.all_absent")), w))
	}
	hint := tr.T("standup.roll_call_hint")
	if !s.role.CanLead() {
		hint = tr.T("standup.roll_call_hint_member")
	}
	return append(out, emptyState(st, hint, w)...)
}

// orderRows are the round's turns, one a line, the selected one marked.
func (s *standupScreen) orderRows() []string {
	st, w, su, tr := s.c.Styles, s.c.Width, s.data.round, s.c.Tr
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
		state := turnWord(tr, t)
		style := st.Empty
		if t.State == sprint.TurnAbsent || t.State == sprint.TurnLeft {
			style = st.Subtle
		}
		wrote := ""
		if n := s.noteOf(t.Member); !n.Empty() {
			wrote = tr.T("standup.wrote_answers")
			if n.Blocker != "" {
				wrote = tr.T("standup.wrote_answers_blocker")
			}
		}
		late := ""
		if t.Late {
			late = tr.T("standup.late_mark")
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

func orderWord(tr *i18n.Tr, o sprint.Order) string {
	if o == sprint.OrderRandom {
		return tr.T("standup.order.random")
	}
	return tr.T("standup.order.rotating")
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
	q := s.c.Tr.StandupQuestions(s.data.settings)
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
	st, d, tr := s.c.Styles, s.data, s.c.Tr
	title := tr.T("standup.since.title")
	if d.hasSince {
		title += tr.Tf("standup.since.from", "When", tr.WeekdayTime(d.since.Since))
	}
	out := []string{st.Title.Render(common.Truncate(title, w))}
	if d.round.Sprint == 0 {
		return append(out, st.Subtle.Render(common.Truncate(tr.T("standup.since.no_sprint"), w)))
	}
	a, ok := d.since.Activity[member]
	if !ok || a.Empty() {
		return append(out, st.Subtle.Render(common.Truncate(tr.T("standup.since.nothing"), w)))
	}
	parts := activityLines(tr, a)
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
	st, w, su, now, tr := s.c.Styles, s.c.Width, s.data.round, s.c.Now(), s.c.Tr
	sp, _ := su.Speaker()
	rem := su.Remaining(now)
	clockStyle, state := st.Good, tr.Tf("standup.clock.left", "Time", sprint.FormatClock(rem))
	switch {
	case su.Status == sprint.StandupPaused:
		clockStyle, state = st.Subtle, tr.T("standup.clock.paused")
	case rem < 0:
		clockStyle, state = st.Error, tr.Tf("standup.clock.over", "Time", sprint.FormatClock(-rem))
	case su.Warning(now):
		clockStyle, state = st.Warning, tr.Tf("standup.clock.wrap_up", "Time", sprint.FormatClock(rem))
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
		name += tr.T("standup.late_mark")
	}
	info := [3]string{
		st.Title.Render(name),
		st.Subtle.Render(tr.Tf("standup.clock.speaker", "N", pos, "Of", total, "Timebox", sprint.FormatClock(su.Timebox()))),
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
	return common.Truncate(st.Subtle.Render(s.c.Tr.T("standup.order_title")+" ")+strings.Join(parts, "  "), w)
}

// summaryLines is the kept record of an ended round.
func (s *standupScreen) summaryLines() []string {
	st, w, su, tr := s.c.Styles, s.c.Width, s.data.round, s.c.Tr
	sum := su.Summarize(s.c.Now())
	var out []string
	head := tr.Tf("standup.sum.ended", "At", su.Ended.Format("15:04"), "Took", sprint.FormatClock(sum.Total), "Budget", sprint.FormatClock(su.Budget))
	if su.Live() {
		head = tr.Tf("standup.sum.open_since", "At", tr.WeekdayTime(su.Updated), "Took", sprint.FormatClock(sum.Total), "Budget", sprint.FormatClock(su.Budget))
	}
	if sum.OverBudget > 0 {
		head += st.Error.Render(tr.Tf("standup.sum.over", "Time", sprint.FormatClock(sum.OverBudget)))
	}
	head += st.Subtle.Render(tr.Tf("standup.sum.counts", "Spoke", sum.Spoke, "Skipped", sum.Skipped, "Absent", sum.Absent))
	out = append(out, common.Truncate(st.Title.Render(tr.T("standup.sum.title"))+head, w))
	if su.ClosedLate {
		out = append(out, common.Truncate("  "+st.Warning.Render(tr.T("standup.sum.closed_late")), w))
	}
	if su.Live() {
		hint := tr.T("standup.sum.left_open_lead")
		if !s.role.CanLead() {
			hint = tr.T("standup.sum.left_open_member")
		}
		out = append(out, emptyState(st, hint, w)...)
	}
	out = append(out, "")
	nameW := 6
	late := tr.T("standup.late_mark")
	for _, t := range su.Turns {
		nameW = max(nameW, min(common.Width(t.Member)+max(common.Width(late), 7), 24))
	}
	wordW := 13
	for _, id := range []string{"standup.turn.spoke", "standup.turn.skipped", "standup.turn.absent", "standup.turn.left", "standup.turn.not_reached"} {
		wordW = max(wordW, common.Width(tr.T(id)))
	}
	for _, t := range su.Turns {
		name := t.Member
		if t.Late {
			name += late
		}
		spoke := ""
		if t.Spoke > 0 || t.State == sprint.TurnSpoke {
			spoke = sprint.FormatClock(t.Spoke)
		}
		word := turnWord(tr, t)
		if t.State == sprint.TurnWaiting {
			word = tr.T("standup.turn.not_reached")
		}
		row := fmt.Sprintf("  %s %s %s %s", turnMark(t), common.Pad(name, nameW), common.Pad(word, wordW), common.PadLeft(spoke, 6))
		style := st.Empty
		if t.State == sprint.TurnAbsent || t.State == sprint.TurnLeft {
			style = st.Subtle
		}
		line := style.Render(row)
		if t.Overrun > 0 {
			line += "  " + st.Error.Render(tr.Tf("standup.sum.overrun", "Time", sprint.FormatClock(t.Overrun)))
		}
		out = append(out, common.Truncate(line, w))
	}
	out = append(out, "")
	rows := s.parked()
	if len(rows) == 0 {
		out = append(out, st.Title.Render(tr.T("standup.parking_title")), st.Subtle.Render(common.Truncate("  "+tr.T("standup.parking.empty"), w)))
		return out
	}
	out = append(out, common.Truncate(st.Title.Render(tr.T("standup.parking_title"))+st.Subtle.Render(tr.Tf("standup.parking.open", "N", sum.OpenBlockers+len(s.data.carried))), w))
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
			who += " · " + tr.Tf("standup.parking.helps", "Who", b.Helper)
		}
		if !b.Open() {
			who += " · " + tr.Tf("standup.parking.resolved_by", "Who", b.ResolvedBy)
		}
		if row.carried {
			who += " · " + tr.Tf("standup.parking.parked", "Day", longDay(tr, row.day))
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
	st, w, tr := s.c.Styles, s.c.Width, s.c.Tr
	if len(s.data.carried) == 0 {
		return nil
	}
	out := []string{"", common.Truncate(st.Title.Render(tr.T("standup.still_open")), w)}
	for _, c := range s.data.carried {
		who := " · " + c.RaisedBy + " · " + tr.Tf("standup.parking.parked", "Day", longDay(tr, c.Day))
		if c.Task != 0 {
			who += " · " + sprint.TaskRef(c.Task)
		}
		out = append(out, common.Truncate("  "+st.Blocked.Render("[ ] "+common.Line(c.Text))+st.Subtle.Render(who), w))
	}
	return out
}

// carriedFor is the speaker's blockers still open from earlier stand-ups.
func (s *standupScreen) carriedFor(member string, w int) []string {
	st, tr := s.c.Styles, s.c.Tr
	var out []string
	for _, c := range s.data.carried {
		if c.RaisedBy != member {
			continue
		}
		if out == nil {
			out = []string{st.Subtle.Render(common.Truncate(tr.T("standup.still_open"), w))}
		}
		out = append(out, common.Truncate("  "+st.Blocked.Render(common.Line(c.Text))+st.Subtle.Render(" · "+tr.Tf("standup.parking.parked", "Day", longDay(tr, c.Day))), w))
	}
	return out
}
