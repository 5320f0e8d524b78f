package ui

// Drawing the Team screen: members, the selected member's keys and days
// off, and the holidays. Keys and forms are in team.go.

import (
	"fmt"
	"strings"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/ui/common"
)

func (s *teamScreen) View() string {
	st, w, h := s.c.Styles, s.c.Width, s.c.Height
	if !s.loaded {
		return st.Subtle.Render("Loading the team…")
	}
	if s.data.err != nil {
		return st.Error.Render(common.Truncate("Cannot read the team: "+s.data.err.Error(), w))
	}
	if s.form != nil {
		return common.Fit(s.form.View(st, w), w, h)
	}
	v := s.data.view
	online := 0
	for _, m := range v.Members {
		if s.online(m.Handle) {
			online++
		}
	}
	lines := []string{common.Spread(st.Title.Render(common.Truncate(v.Team.Name, w/2)),
		st.Subtle.Render(fmt.Sprintf("%s · %d online", plural(len(v.Members), "member", "members"), online)), w), ""}

	// The member table, a window around the selection.
	nameW := max(8, min(24, w-44))
	room := max(3, h-14)
	first := max(0, min(s.sel-room/2, len(v.Members)-room))
	for i := first; i < len(v.Members) && i < first+room; i++ {
		m := v.Members[i]
		mark := "  "
		if s.online(m.Handle) {
			mark = "● "
		}
		row := fmt.Sprintf("%s%s %s %-7s %5s/day  %s", mark, common.Pad(m.Handle, 12), common.Pad(common.Line(m.Name), nameW),
			m.Role, common.Hours(m.HoursPerDay), plural(len(m.Keys), "key", "keys"))
		if i == s.sel {
			lines = append(lines, st.Selected.Render(common.Truncate("> "+row, w)))
		} else {
			lines = append(lines, common.Truncate("  "+row, w))
		}
	}
	if len(v.Members) > room {
		lines = append(lines, st.Subtle.Render(fmt.Sprintf("  %d of %d members; ↑↓ for more", room, len(v.Members))))
	}

	// The selected member's keys and days off.
	if m, ok := s.member(); ok {
		lines = append(lines, "", st.Title.Render(common.Truncate(m.Handle+" "+common.Line(m.Name), w)))
		if len(m.Keys) == 0 {
			lines = append(lines, st.Subtle.Render("  no SSH key: signs in only on this machine"))
		}
		for _, k := range m.Keys {
			lines = append(lines, common.Truncate("  key "+backlog.KeyFingerprint(k)+"  "+keyComment(k), w))
		}
		lines = append(lines, common.Truncate("  days off: "+daysOffOf(v.Calendar, m.Handle), w))
	}

	// Holidays.
	lines = append(lines, "", st.Title.Render("Holidays"))
	if len(v.Calendar.Holidays) == 0 {
		lines = append(lines, emptyState(st, "No holidays: every Monday to Friday is a working day. The lead adds one with H.", w)...)
	}
	for _, hd := range v.Calendar.Holidays {
		lines = append(lines, common.Truncate(fmt.Sprintf("  %s %s %s", hd.Date, hd.Date.Time().Format("Mon"), common.Line(hd.Name)), w))
	}
	if !s.data.role.CanLead() {
		lines = append(lines, "", st.Subtle.Render(common.Truncate("Only the lead changes the team; everyone reads it.", w)))
	}
	return common.Fit(joinLines(lines), w, h)
}

// keyComment is the comment at the end of a public key line ("wei@laptop").
func keyComment(k string) string {
	if f := strings.Fields(k); len(f) > 2 {
		return strings.Join(f[2:], " ")
	}
	return ""
}

// daysOffOf lists a member's days off, or "none".
func daysOffOf(cal sprint.Calendar, handle string) string {
	var out []string
	for _, d := range cal.DaysOff {
		if d.Member != handle {
			continue
		}
		if d.From == d.To {
			out = append(out, shortDate(d.From))
		} else {
			out = append(out, shortDate(d.From)+"–"+shortDate(d.To))
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}
