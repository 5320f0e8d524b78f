package cli

// The team as a whole (team show, rename, holidays) and the member commands
// that change a member after they were added (edit, days off, revoking a key).

import (
	"fmt"
	"strings"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
	"huddle/ui/common"

	"github.com/spf13/cobra"
)

func newTeamCmd(env *cliEnv) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "team",
		Short: env.tr.T("cmd.team.short"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	holiday := &cobra.Command{
		Use:   "holiday",
		Short: env.tr.T("cmd.team.holiday.short"),
		Long:  env.tr.T("cmd.team.holiday.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	holiday.AddCommand(newHolidayAddCmd(env), newHolidayRmCmd(env), newHolidayListCmd(env))
	cmd.AddCommand(newTeamShowCmd(env), newTeamRenameCmd(env), holiday)
	return cmd
}

// keyJSON is one SSH key as `team show --json` and `member list --json` name it.
type keyJSON struct {
	Fingerprint string `json:"fingerprint"`
	Type        string `json:"type"`
	Comment     string `json:"comment,omitempty"`
}

func keysJSON(keys []string) []keyJSON {
	out := []keyJSON{}
	for _, k := range keys {
		f := strings.Fields(k)
		j := keyJSON{Fingerprint: backlog.KeyFingerprint(k)}
		if len(f) > 0 {
			j.Type = f[0]
		}
		if len(f) > 2 {
			j.Comment = strings.Join(f[2:], " ")
		}
		out = append(out, j)
	}
	return out
}

// fingerprints lists a member's keys by fingerprint, for a table cell.
func fingerprints(keys []string) string {
	if len(keys) == 0 {
		return "-"
	}
	fps := make([]string, len(keys))
	for i, k := range keys {
		fps[i] = backlog.KeyFingerprint(k)
	}
	return strings.Join(fps, " ")
}

type dayOffJSON struct {
	From sprint.Date `json:"from"`
	To   sprint.Date `json:"to"`
}

type teamMemberJSON struct {
	Handle      string       `json:"handle"`
	Name        string       `json:"name"`
	Role        string       `json:"role"`
	HoursPerDay float64      `json:"hours_per_day"`
	Keys        []keyJSON    `json:"keys"`
	DaysOff     []dayOffJSON `json:"days_off"`
}

// teamJSON is the stable shape of `team show --json`.
type teamJSON struct {
	Name     string           `json:"name"`
	Vision   string           `json:"vision"`
	Members  []teamMemberJSON `json:"members"`
	Holidays []sprint.Holiday `json:"holidays"`
}

func newTeamShowCmd(env *cliEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show [--json]",
		Short: env.tr.T("cmd.team.show.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				v, err := st.TeamView()
				if err != nil {
					return err
				}
				out := teamJSON{Name: v.Team.Name, Vision: v.Team.Vision, Members: []teamMemberJSON{}, Holidays: v.Calendar.Holidays}
				if out.Holidays == nil {
					out.Holidays = []sprint.Holiday{}
				}
				for _, m := range v.Members {
					tm := teamMemberJSON{Handle: m.Handle, Name: m.Name, Role: string(m.Role), HoursPerDay: m.HoursPerDay, Keys: keysJSON(m.Keys), DaysOff: []dayOffJSON{}}
					for _, o := range v.Calendar.DaysOff {
						if o.Member == m.Handle {
							tm.DaysOff = append(tm.DaysOff, dayOffJSON{o.From, o.To})
						}
					}
					out.Members = append(out.Members, tm)
				}
				if asJSON {
					return printJSON(env, out)
				}
				w := env.out
				fmt.Fprintf(w, env.tr.T("cli.team.team")+"\n", out.Name)
				if out.Vision != "" {
					fmt.Fprintf(w, env.tr.T("cli.team.vision")+"\n", textLines(out.Vision, "        "))
				}
				fmt.Fprintln(w)
				rows := [][]string{{env.tr.T("cli.head.handle"), env.tr.T("cli.head.name"), env.tr.T("cli.head.role"), env.tr.T("cli.head.hours_day"), env.tr.T("cli.head.days_off")}}
				for _, m := range out.Members {
					var off []string
					for _, o := range m.DaysOff {
						off = append(off, env.tr.Tf("cli.team.days_off_range", "From", o.From.String(), "To", o.To.String()))
					}
					if len(off) == 0 {
						off = []string{"-"}
					}
					rows = append(rows, []string{m.Handle, m.Name, env.tr.Role(backlog.Role(m.Role)), fmt.Sprint(m.HoursPerDay), strings.Join(off, ", ")})
				}
				if err := writeTable(w, rows); err != nil {
					return err
				}
				fmt.Fprintln(w, "\n"+env.tr.T("cli.team.ssh_keys"))
				for _, m := range out.Members {
					for _, k := range m.Keys {
						fmt.Fprintf(w, "  %-10s %s %s %s\n", m.Handle, k.Fingerprint, k.Type, k.Comment)
					}
					if len(m.Keys) == 0 {
						fmt.Fprintf(w, env.tr.T("cli.team.none")+"\n", m.Handle)
					}
				}
				fmt.Fprintln(w, "\n"+env.tr.T("cli.team.holidays"))
				printHolidays(env, out.Holidays)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

func printHolidays(env *cliEnv, hs []sprint.Holiday) {
	if len(hs) == 0 {
		fmt.Fprintln(env.out, env.tr.T("cli.team.none_add_one_with"))
	}
	for _, h := range hs {
		fmt.Fprintf(env.out, "  %s %s %s\n", h.Date, h.Date.Time().Format("Mon"), h.Name)
	}
}

func newTeamRenameCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:     "rename NAME",
		Short:   env.tr.T("cmd.team.rename.short"),
		Example: `  huddle team rename "Pocketpay Onboarding"`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				if err := st.SetTeamName(env.actor(), args[0]); err != nil {
					return err
				}
				t, err := st.Team()
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.team.the_team_is_now")+"\n", t.Name)
				return nil
			})
		},
	}
}

func newHolidayAddCmd(env *cliEnv) *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:     "add DATE [--name NAME]",
		Short:   env.tr.T("cmd.team.holiday.add.short"),
		Example: `  huddle team holiday add 2026-12-25 --name Christmas`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := sprint.ParseDate(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				h, err := st.AddHoliday(env.actor(), d, name)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.team.is_holiday")+"\n", h.Date, longWeekday(env.tr, h.Date.Time()), suffix(env.tr.T("cli.team.name_sep"), h.Name))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&name, "name", "", env.tr.T("cmd.team.holiday.add.flag_name"))
	return cmd
}

func suffix(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}

func newHolidayRmCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "rm DATE",
		Short: env.tr.T("cmd.team.holiday.rm.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := sprint.ParseDate(args[0])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				if err := st.RemoveHoliday(env.actor(), d); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.team.is_working_day_again")+"\n", d)
				return nil
			})
		},
	}
}

func newHolidayListCmd(env *cliEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: env.tr.T("cmd.team.holiday.list.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				cal, err := st.Calendar()
				if err != nil {
					return err
				}
				hs := cal.Holidays
				if hs == nil {
					hs = []sprint.Holiday{}
				}
				if asJSON {
					return printJSON(env, hs)
				}
				printHolidays(env, hs)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

func newMemberEditCmd(env *cliEnv) *cobra.Command {
	var role, name, lang string
	var hours float64
	cmd := &cobra.Command{
		Use:   "edit HANDLE [--role R] [--hours H] [--name N] [--lang en|zh]",
		Short: env.tr.T("cmd.member.edit.short"),
		Example: `  huddle member edit wei --hours 4
  huddle member edit lucas --role guest`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var ch store.MemberChange
			if cmd.Flags().Changed("role") {
				r, err := backlog.ParseRole(role)
				if err != nil {
					return err
				}
				ch.Role = &r
			}
			if cmd.Flags().Changed("hours") {
				ch.HoursPerDay = &hours
			}
			if cmd.Flags().Changed("name") {
				ch.Name = &name
			}
			if cmd.Flags().Changed("lang") {
				if err := backlog.ValidateLang(lang); err != nil {
					return err
				}
				ch.Lang = &lang
			}
			if ch.Role == nil && ch.HoursPerDay == nil && ch.Name == nil && ch.Lang == nil {
				return fmt.Errorf("nothing to change: give --role, --hours, --name or --lang")
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				m, err := st.UpdateMember(env.actor(), args[0], ch)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.team.h_day")+"\n", m.Handle, m.DisplayName(), env.tr.Role(m.Role), common.Shown(m.HoursPerDay))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&role, "role", "", env.tr.T("cmd.common.flag_role"))
	cmd.Flags().Float64Var(&hours, "hours", 0, env.tr.T("cmd.common.flag_hours"))
	cmd.Flags().StringVar(&name, "name", "", env.tr.T("cmd.common.flag_name"))
	cmd.Flags().StringVar(&lang, "lang", "", env.tr.T("cmd.member.edit.flag_lang"))
	return cmd
}

func newMemberOffCmd(env *cliEnv) *cobra.Command {
	var clear bool
	cmd := &cobra.Command{
		Use:   "off HANDLE FROM TO [--clear]",
		Short: env.tr.T("cmd.member.off.short"),
		Long:  env.tr.T("cmd.member.off.long"),
		Example: `  huddle member off priya 2026-12-22 2026-12-23
  huddle member off priya 2026-12-23 2026-12-23 --clear`,
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			from, err := sprint.ParseDate(args[1])
			if err != nil {
				return err
			}
			to, err := sprint.ParseDate(args[2])
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				mine, err := st.SetDaysOff(env.actor(), args[0], from, to, clear)
				if err != nil {
					return err
				}
				var off []string
				for _, o := range mine {
					off = append(off, env.tr.Tf("cli.team.days_off_range", "From", o.From.String(), "To", o.To.String()))
				}
				if len(off) == 0 {
					off = []string{env.tr.T("cli.team.none_word")}
				}
				fmt.Fprintf(env.out, env.tr.T("cli.team.s_days_off")+"\n", backlog.NormalizeHandle(args[0]), strings.Join(off, ", "))
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&clear, "clear", false, env.tr.T("cmd.member.off.flag_clear"))
	return cmd
}

// removeMemberKey is `member key remove HANDLE FINGERPRINT`: revoke one of a
// member's SSH keys (lead only).
func removeMemberKey(env *cliEnv, handle, fp string) error {
	return env.withStore(readWrite, func(st *store.Store) error {
		k, err := st.RemoveMemberKey(env.actor(), handle, fp)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.out, env.tr.T("cli.team.revoked_key")+"\n", backlog.NormalizeHandle(handle), backlog.KeyFingerprint(k))
		return nil
	})
}
