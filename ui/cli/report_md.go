package cli

import (
	"fmt"
	"io"
	"strings"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/i18n"
)

// mdText puts typed text on one Markdown line.
func mdText(s string) string { return strings.Join(strings.Fields(s), " ") }

func mdPoints(tr i18n.Tr, p int) string {
	if p < 0 {
		return tr.T("report.report_md.unestimated")
	}
	return tr.Tn("cli.n.point", p)
}

// writeRetroMarkdown writes a retro board as Markdown, as nobody in particular
// sees it: hidden cards stay hidden in the write phase, and an anonymous
// board names no author.
func writeRetroMarkdown(tr i18n.Tr, w io.Writer, level string, b retro.Board, cards []retro.CardView, actions, reviewed []retro.Action) {
	anon := ""
	if b.Anonymous {
		anon = tr.T("report.report_md.anonymous")
	}
	fmt.Fprintf(w, tr.T("report.report_md.retrospective")+"\n"+"\n", level)
	fmt.Fprintf(w, tr.T("report.report_md.board_phase_votes_each")+"\n"+"\n", b.Template, anon, tr.RetroPhase(b.Phase), b.VoteBudget, b.MaxPerCard)
	if len(reviewed) > 0 {
		fmt.Fprintf(w, tr.T("report.report_md.actions_from_earlier_retros")+"\n"+"\n", level)
		for _, a := range reviewed {
			fmt.Fprintf(w, "- %s %s: **%s**\n", backlog.StoryRef(a.Story), mdText(a.Text), tr.ActionStatus(a.Status))
		}
		fmt.Fprintln(w)
	}
	for i, col := range b.Template.Columns() {
		fmt.Fprintf(w, "%s# %s\n\n", level, tr.RetroColumn(col))
		n, hidden := 0, 0
		for _, c := range retro.ByVotes(cards) {
			if min(max(c.Column, 0), len(b.Template.Columns())-1) != i {
				continue
			}
			if c.Hidden {
				hidden++
				continue
			}
			n++
			line := "- " + mdText(c.Text)
			var meta []string
			if v := c.TotalVotes(); v > 0 {
				meta = append(meta, tr.Tn("cli.n.vote", v))
			}
			if c.Author != "" && !b.Anonymous {
				meta = append(meta, c.Author)
			}
			if len(meta) > 0 {
				line += " (" + strings.Join(meta, ", ") + ")"
			}
			fmt.Fprintln(w, line)
			for _, g := range c.Grouped {
				fmt.Fprintf(w, "  - %s\n", mdText(g))
			}
		}
		if hidden > 0 {
			fmt.Fprintf(w, tr.T("report.report_md.hidden_until_the_lead")+"\n", tr.Tn("cli.n.card", hidden))
		}
		if n == 0 && hidden == 0 {
			fmt.Fprintln(w, tr.T("report.report_md.no_cards"))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%s# %s\n\n", level, tr.T("cli.retro.actions_agreed"))
	if len(actions) == 0 {
		fmt.Fprintln(w, tr.T("report.report_md.none"))
	}
	for _, a := range actions {
		var meta []string
		if a.Owner != "" {
			meta = append(meta, tr.Tf("report.report_md.owner", "Who", a.Owner))
		}
		if a.Due != 0 {
			meta = append(meta, tr.Tf("report.report_md.due", "Sprint", sprint.SprintRef(a.Due)))
		}
		meta = append(meta, tr.ActionStatus(a.Status))
		fmt.Fprintf(w, "- %s %s (%s)\n", backlog.StoryRef(a.Story), mdText(a.Text), strings.Join(meta, ", "))
	}
	if warn := retro.ActionWarning(len(actions)); warn != "" {
		fmt.Fprintf(w, "\n> %s.\n", tr.Message(warn))
	}
}

// writeReportMarkdown writes the sprint report a team pastes into its wiki.
func writeReportMarkdown(tr i18n.Tr, w io.Writer, r store.SprintReport) {
	rv := r.Review
	sp := rv.Sprint
	fmt.Fprintf(w, tr.T("report.report_md.sprint_report")+"\n"+"\n", sp.Ref(), mdText(sp.Name))
	goal := mdLines(sp.Goal)
	if goal == "" {
		goal = tr.T("report.report_md.no_goal")
	}
	fmt.Fprintf(w, tr.T("report.report_md.goal")+"\n"+"\n", goal)
	fmt.Fprintf(w, tr.T("report.report_md.to"), sp.Start, sp.End, tr.SprintStatus(sp.Status))
	if cal := sp.NotesLine(); cal != "" {
		fmt.Fprintf(w, tr.T("report.report_md.not_working"), mdText(cal))
	}
	fmt.Fprint(w, "\n\n")

	fmt.Fprint(w, tr.T("report.report_md.committed_and_done")+"\n"+"\n")
	committedPts := rv.DonePoints + rv.NotDonePoints
	fmt.Fprint(w, tr.T("report.report_md.stories_points")+"\n")
	fmt.Fprintf(w, tr.T("report.report_md.committed")+"\n", len(rv.Done)+len(rv.NotDone), committedPts)
	fmt.Fprintf(w, tr.T("report.report_md.done")+"\n", len(rv.Done), rv.DonePoints)
	fmt.Fprintf(w, tr.T("report.report_md.not_done")+"\n"+"\n", len(rv.NotDone), rv.NotDonePoints)
	if sp.BaselinePoints != 0 && sp.BaselinePoints != committedPts {
		fmt.Fprintf(w, tr.T("report.report_md.at_the_start_the")+"\n"+"\n", tr.Tn("cli.n.point", sp.BaselinePoints))
	}
	for _, part := range []struct {
		name    string
		stories []backlog.Story
	}{{tr.T("report.report_md.done_head"), rv.Done}, {tr.T("report.report_md.not_done_head"), rv.NotDone}} {
		if len(part.stories) == 0 {
			continue
		}
		fmt.Fprintf(w, tr.T("report.report_md.part")+"\n\n", part.name)
		for _, st := range part.stories {
			fmt.Fprintf(w, "- %s %s (%s)\n", st.Ref(), mdText(st.Title), mdPoints(tr, st.Points))
			mdChecklist(w, st)
		}
		fmt.Fprintln(w)
	}

	writeBurndownMarkdown(tr, w, sp, r.Burndown)
	writeBlockersMarkdown(tr, w, r.Blockers)

	fmt.Fprint(w, tr.T("report.report_md.review_feedback")+"\n"+"\n")
	if len(rv.Feedback) == 0 {
		fmt.Fprintln(w, tr.T("report.report_md.none_recorded"))
	}
	for _, f := range rv.Feedback {
		fmt.Fprintf(w, "- %s\n", mdFeedbackLine(tr, f))
	}
	fmt.Fprintln(w)
	writeRetroMarkdown(tr, w, "##", r.Board, r.Cards, r.Actions, r.Reviewed)
}

func mdFeedbackLine(tr i18n.Tr, f retro.Feedback) string {
	line := mdText(f.Text)
	if f.From != "" {
		line += " — " + mdText(f.From)
	}
	switch {
	case f.Story != 0 && f.Converted:
		line += tr.Tf("report.report_md.to_new_story", "Story", backlog.StoryRef(f.Story))
	case f.Story != 0:
		line += tr.Tf("report.report_md.on_story", "Story", backlog.StoryRef(f.Story))
	}
	return line
}

func mdRoundTenth(f float64) float64 {
	return float64(int(f*10+0.5)) / 10
}

// writeBurndownMarkdown writes the burndown table: the same series as the
// screen and `sprint burndown` (sprint.ComputeBurndown), one row per working
// day, with the scope, and "–" for days that have not ended.
func writeBurndownMarkdown(tr i18n.Tr, w io.Writer, sp sprint.Sprint, b sprint.Burndown) {
	fmt.Fprint(w, tr.T("report.report_md.burndown")+"\n"+"\n")
	if n := len(b.Days); n > 0 {
		last := b.Days[n-1]
		fmt.Fprintf(w, tr.T("report.report_md.of_left_at_the")+"\n"+"\n", store.ReportHours(last.RemainingHours), store.ReportHours(last.ScopeHours), last.Date)
	} else {
		fmt.Fprint(w, tr.T("report.report_md.the_sprint_has_not")+"\n"+"\n")
	}
	fmt.Fprint(w, tr.T("report.report_md.day_date_hours_left")+"\n")
	for i, d := range sp.WorkingDays() {
		left, scope, change := "–", "–", ""
		ideal := b.BaselineHours * float64(len(sp.WorkingDays())-i-1) / float64(max(len(sp.WorkingDays()), 1))
		if i < len(b.Days) {
			row := b.Days[i]
			left, scope, ideal = store.ReportHours(row.RemainingHours), store.ReportHours(row.ScopeHours), row.IdealHours
			if row.ScopeChange != 0 {
				change = fmt.Sprintf("%+gh", row.ScopeChange)
			}
		}
		fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s |\n", i+1, d, left, store.ReportHours(mdRoundTenth(ideal)), scope, change)
	}
	fmt.Fprintln(w)
}

// writeBlockersMarkdown lists the blockers raised during the sprint: stand-up
// answers, blockers parked at stand-ups (with whether they were resolved) and
// tasks flagged blocked.
func writeBlockersMarkdown(tr i18n.Tr, w io.Writer, list []store.ReportBlocker) {
	fmt.Fprint(w, tr.T("report.report_md.blockers_raised")+"\n"+"\n")
	if len(list) == 0 {
		fmt.Fprintln(w, tr.T("report.report_md.none"))
	}
	for _, b := range list {
		switch {
		case b.Parked:
			about := ""
			if b.Task != 0 {
				about = " (" + sprint.TaskRef(b.Task) + ")"
			}
			state := tr.T("report.report_md.open")
			if !b.Resolved.IsZero() {
				state = tr.Tf("report.report_md.resolved", "Day", b.Resolved.String())
			}
			fmt.Fprintf(w, tr.T("report.report_md.parked_at_the_stand")+"\n", b.Day, b.Who, about, mdText(b.Text), state)
		case b.Task != 0:
			fmt.Fprintf(w, tr.T("report.report_md.flagged_blocked")+"\n", b.Day, b.Who, sprint.TaskRef(b.Task), mdText(b.Text))
		default:
			fmt.Fprintf(w, tr.T("report.report_md.at_the_stand_up")+"\n", b.Day, b.Who, mdText(b.Text))
		}
	}
	fmt.Fprintln(w)
}
