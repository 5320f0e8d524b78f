package ui

// Drawing the Team screen: members, the selected member's keys and days
// off, and the holidays. Keys and forms are in team.go.

import (
	"strings"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

func (s *teamScreen) View() string {
	st, w, h, tr := s.c.Styles, s.c.Width, s.c.Height, s.c.Tr
	if !s.loaded {
		return st.Subtle.Render(tr.T("team.loading"))
	}
	if s.data.err != nil {
		return st.Error.Render(common.Truncate(tr.Tf("team.cannot_read", "Err", tr.Err(s.data.err)), w))
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
		st.Subtle.Render(tr.Tn("team.members", len(v.Members))+" · "+tr.Tf("team.online", "N", online)), w), ""}

	// The member table, a window around the selection.
	roleW := 7
	for _, r := range []backlog.Role{backlog.RoleLead, backlog.RoleMember, backlog.RoleGuest} {
		roleW = max(roleW, common.Width(tr.Role(r)))
	}
	nameW := max(8, min(24, w-44))
	room := max(3, h-14)
	first := max(0, min(s.sel-room/2, len(v.Members)-room))
	for i := first; i < len(v.Members) && i < first+room; i++ {
		m := v.Members[i]
		mark := "  "
		if s.online(m.Handle) {
			mark = "● "
		}
		row := mark + common.Pad(m.Handle, 12) + " " + common.Pad(common.Line(m.Name), nameW) + " " + common.Pad(tr.Role(m.Role), roleW) + " " +
			tr.Tf("team.per_day", "Hours", common.PadLeft(common.Hours(m.HoursPerDay), 5)) + "  " + tr.Tn("team.keys", len(m.Keys))
		if i == s.sel {
			lines = append(lines, st.Selected.Render(common.Truncate("> "+row, w)))
		} else {
			lines = append(lines, common.Truncate("  "+row, w))
		}
	}
	if len(v.Members) > room {
		lines = append(lines, st.Subtle.Render("  "+tr.Tf("team.window", "Shown", room, "N", len(v.Members))))
	}

	// The selected member's keys and days off.
	if m, ok := s.member(); ok {
		lines = append(lines, "", st.Title.Render(common.Truncate(m.Handle+" "+common.Line(m.Name), w)))
		if len(m.Keys) == 0 {
			lines = append(lines, st.Subtle.Render("  "+tr.T("team.no_key")))
		}
		for _, k := range m.Keys {
			lines = append(lines, common.Truncate("  "+tr.Tf("team.key_line", "Key", backlog.KeyFingerprint(k)+"  "+keyComment(k)), w))
		}
		lines = append(lines, common.Truncate("  "+tr.Tf("team.days_off", "Days", daysOffOf(tr, v.Calendar, m.Handle)), w))
		if m.Lang != "" {
			lines = append(lines, common.Truncate("  "+tr.Tf("team.lang.line", "Lang", langName(tr, m.Lang)), w))
		}
	}

	// Holidays.
	lines = append(lines, "", st.Title.Render(tr.T("team.holidays")))
	if len(v.Calendar.Holidays) == 0 {
		lines = append(lines, emptyState(st, tr.T("team.no_holidays"), w)...)
	}
	for _, hd := range v.Calendar.Holidays {
		lines = append(lines, common.Truncate("  "+hd.Date.String()+" "+tr.Weekday(hd.Date.Time())+" "+common.Line(hd.Name), w))
	}
	if !s.data.role.CanLead() {
		lines = append(lines, "", st.Subtle.Render(common.Truncate(tr.T("team.lead_only"), w)))
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
func daysOffOf(tr *i18n.Tr, cal sprint.Calendar, handle string) string {
	var out []string
	for _, d := range cal.DaysOff {
		if d.Member != handle {
			continue
		}
		if d.From == d.To {
			out = append(out, tr.Date(d.From.Time()))
		} else {
			out = append(out, tr.Date(d.From.Time())+"–"+tr.Date(d.To.Time()))
		}
	}
	if len(out) == 0 {
		return tr.T("team.none")
	}
	return strings.Join(out, ", ")
}
