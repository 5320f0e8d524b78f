package cli

import (
	"fmt"
	"io"
	"strings"

	"huddle/backlog"
	"huddle/retro"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"
)

// mdText puts typed text on one Markdown line.
func mdText(s string) string { return strings.Join(strings.Fields(s), " ") }

func mdPoints(p int) string {
	if p < 0 {
		return "unestimated"
	}
	if p == 1 {
		return "1 point"
	}
	return fmt.Sprintf("%d points", p)
}

// writeRetroMarkdown writes a retro board as Markdown, as nobody in particular
// sees it: hidden cards stay hidden in the write phase, and an anonymous
// board names no author.
func writeRetroMarkdown(w io.Writer, level string, b retro.Board, cards []retro.CardView, actions, reviewed []retro.Action) {
	anon := ""
	if b.Anonymous {
		anon = ", anonymous"
	}
	fmt.Fprintf(w, "%s Retrospective\n\n", level)
	fmt.Fprintf(w, "Board: %s%s; phase: %s; %d votes each, at most %d on one card.\n\n", b.Template, anon, b.Phase, b.VoteBudget, b.MaxPerCard)
	if len(reviewed) > 0 {
		fmt.Fprintf(w, "%s# Actions from earlier retros\n\n", level)
		for _, a := range reviewed {
			fmt.Fprintf(w, "- %s %s: **%s**\n", backlog.StoryRef(a.Story), mdText(a.Text), a.Status)
		}
		fmt.Fprintln(w)
	}
	for i, col := range b.Template.Columns() {
		fmt.Fprintf(w, "%s# %s\n\n", level, col)
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
				meta = append(meta, mdPlural(v, "vote", "votes"))
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
			fmt.Fprintf(w, "- _%s hidden until the lead reveals the board_\n", mdPlural(hidden, "card", "cards"))
		}
		if n == 0 && hidden == 0 {
			fmt.Fprintln(w, "- _no cards_")
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%s# %s\n\n", level, retro.ActionsListTitle)
	if len(actions) == 0 {
		fmt.Fprintln(w, "- _none_")
	}
	for _, a := range actions {
		var meta []string
		if a.Owner != "" {
			meta = append(meta, "owner "+a.Owner)
		}
		if a.Due != 0 {
			meta = append(meta, "due "+sprint.SprintRef(a.Due))
		}
		meta = append(meta, string(a.Status))
		fmt.Fprintf(w, "- %s %s (%s)\n", backlog.StoryRef(a.Story), mdText(a.Text), strings.Join(meta, ", "))
	}
	if warn := retro.ActionWarning(len(actions)); warn != "" {
		fmt.Fprintf(w, "\n> %s.\n", warn)
	}
}

func mdPlural(n int, one, many string) string { return common.Plural(n, one, many) }

// writeReportMarkdown writes the sprint report a team pastes into its wiki.
func writeReportMarkdown(w io.Writer, r store.SprintReport) {
	rv := r.Review
	sp := rv.Sprint
	fmt.Fprintf(w, "# Sprint report: %s %s\n\n", sp.Ref(), mdText(sp.Name))
	goal := mdLines(sp.Goal)
	if goal == "" {
		goal = "_no goal was set_"
	}
	fmt.Fprintf(w, "**Goal:** %s\n\n", goal)
	fmt.Fprintf(w, "%s to %s, %s.", sp.Start, sp.End, sp.Status)
	if cal := sp.NotesLine(); cal != "" {
		fmt.Fprintf(w, " Not working: %s.", mdText(cal))
	}
	fmt.Fprint(w, "\n\n")

	fmt.Fprintf(w, "## Committed and done\n\n")
	committedPts := rv.DonePoints + rv.NotDonePoints
	fmt.Fprintf(w, "| | Stories | Points |\n|---|---:|---:|\n")
	fmt.Fprintf(w, "| Committed | %d | %d |\n", len(rv.Done)+len(rv.NotDone), committedPts)
	fmt.Fprintf(w, "| Done | %d | %d |\n", len(rv.Done), rv.DonePoints)
	fmt.Fprintf(w, "| Not done | %d | %d |\n\n", len(rv.NotDone), rv.NotDonePoints)
	if sp.BaselinePoints != 0 && sp.BaselinePoints != committedPts {
		fmt.Fprintf(w, "At the start the sprint committed %s; the scope changed during it.\n\n", mdPlural(sp.BaselinePoints, "point", "points"))
	}
	for _, part := range []struct {
		name    string
		stories []backlog.Story
	}{{"Done", rv.Done}, {"Not done", rv.NotDone}} {
		if len(part.stories) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s:\n\n", part.name)
		for _, st := range part.stories {
			fmt.Fprintf(w, "- %s %s (%s)\n", st.Ref(), mdText(st.Title), mdPoints(st.Points))
			mdChecklist(w, st)
		}
		fmt.Fprintln(w)
	}

	writeBurndownMarkdown(w, sp, r.Burndown)
	writeBlockersMarkdown(w, r.Blockers)

	fmt.Fprintf(w, "## Review feedback\n\n")
	if len(rv.Feedback) == 0 {
		fmt.Fprintln(w, "- _none recorded_")
	}
	for _, f := range rv.Feedback {
		fmt.Fprintf(w, "- %s\n", mdFeedbackLine(f))
	}
	fmt.Fprintln(w)
	writeRetroMarkdown(w, "##", r.Board, r.Cards, r.Actions, r.Reviewed)
}

func mdFeedbackLine(f retro.Feedback) string {
	line := mdText(f.Text)
	if f.From != "" {
		line += " — " + mdText(f.From)
	}
	switch {
	case f.Story != 0 && f.Converted:
		line += " → new story " + backlog.StoryRef(f.Story)
	case f.Story != 0:
		line += " → on " + backlog.StoryRef(f.Story)
	}
	return line
}

func mdRoundTenth(f float64) float64 {
	return float64(int(f*10+0.5)) / 10
}

// writeBurndownMarkdown writes the burndown table: the same series as the
// screen and `sprint burndown` (sprint.ComputeBurndown), one row per working
// day, with the scope, and "–" for days that have not ended.
func writeBurndownMarkdown(w io.Writer, sp sprint.Sprint, b sprint.Burndown) {
	fmt.Fprintf(w, "## Burndown\n\n")
	if n := len(b.Days); n > 0 {
		last := b.Days[n-1]
		fmt.Fprintf(w, "%s of %s left at the end of %s.\n\n", store.ReportHours(last.RemainingHours), store.ReportHours(last.ScopeHours), last.Date)
	} else {
		fmt.Fprintf(w, "The sprint has not reached its first working day.\n\n")
	}
	fmt.Fprintf(w, "| Day | Date | Hours left | Ideal | Scope | Scope change |\n|---:|---|---:|---:|---:|---:|\n")
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
func writeBlockersMarkdown(w io.Writer, list []store.ReportBlocker) {
	fmt.Fprintf(w, "## Blockers raised\n\n")
	if len(list) == 0 {
		fmt.Fprintln(w, "- _none_")
	}
	for _, b := range list {
		switch {
		case b.Parked:
			about := ""
			if b.Task != 0 {
				about = " (" + sprint.TaskRef(b.Task) + ")"
			}
			state := "open"
			if !b.Resolved.IsZero() {
				state = "resolved " + b.Resolved.String()
			}
			fmt.Fprintf(w, "- %s, %s parked at the stand-up%s: %s — %s\n", b.Day, b.Who, about, mdText(b.Text), state)
		case b.Task != 0:
			fmt.Fprintf(w, "- %s, %s flagged %s blocked: %s\n", b.Day, b.Who, sprint.TaskRef(b.Task), mdText(b.Text))
		default:
			fmt.Fprintf(w, "- %s, %s at the stand-up: %s\n", b.Day, b.Who, mdText(b.Text))
		}
	}
	fmt.Fprintln(w)
}
