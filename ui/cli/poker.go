package cli

// huddle poker: planning poker from the command line, locally or over SSH.
// The live round is the same one every screen shows; a vote before the
// meeting (async) waits hidden for its story's reveal.

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/i18n"
)

func newPokerCmd(env *cliEnv) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "poker",
		Short: env.tr.T("cmd.poker.short"),
		Long:  env.tr.T("cmd.poker.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newPokerStartCmd(env), newPokerVoteCmd(env), newPokerRevealCmd(env), newPokerAcceptCmd(env),
		newPokerRevoteCmd(env), newPokerNextCmd(env), newPokerEndCmd(env), newPokerShowCmd(env))
	return cmd
}

// pokerStory reads an optional story argument (0: the one on the table).
func pokerStory(args []string) (int, error) {
	if len(args) == 0 {
		return 0, nil
	}
	return backlog.ParseStoryRef(args[0])
}

func newPokerStartCmd(env *cliEnv) *cobra.Command {
	var deck, tshirt string
	var timer time.Duration
	var limit int
	cmd := &cobra.Command{
		Use:   "start [S-1 S-2 ...] [--deck fibonacci|tshirt] [--timer 2m]",
		Short: env.tr.T("cmd.poker.start.short"),
		Example: `  huddle poker start
  huddle poker start S-12 S-14 --timer 3m
  huddle poker start --deck tshirt --tshirt XS=1,S=2,M=3,L=5,XL=8`,
		RunE: func(cmd *cobra.Command, args []string) error {
			in := store.PokerStartInput{Deck: backlog.Deck(deck), Timer: timer, Limit: limit}
			for _, a := range args {
				id, err := backlog.ParseStoryRef(a)
				if err != nil {
					return err
				}
				in.Stories = append(in.Stories, id)
			}
			if tshirt != "" {
				m, err := backlog.ParseTShirtMap(tshirt)
				if err != nil {
					return err
				}
				in.TShirt = m
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := st.PokerStart(env.actor(), in)
				if err != nil {
					return err
				}
				refs := make([]string, len(s.Stories))
				for i, id := range s.Stories {
					refs[i] = backlog.StoryRef(id)
				}
				fmt.Fprintf(env.out, env.tr.T("cli.poker.planning_poker_started_deck")+"\n", s.Deck, strings.Join(refs, ", "), backlog.StoryRef(s.Story()))
				if s.Deck == backlog.DeckTShirt {
					fmt.Fprintf(env.out, env.tr.T("cli.poker.t_shirt_sizes")+"\n", s.TShirt)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&deck, "deck", "fibonacci", env.tr.T("cmd.poker.start.flag_deck"))
	cmd.Flags().StringVar(&tshirt, "tshirt", "", env.tr.T("cmd.poker.start.flag_tshirt"))
	cmd.Flags().DurationVar(&timer, "timer", 0, env.tr.T("cmd.poker.start.flag_timer"))
	cmd.Flags().IntVar(&limit, "limit", 10, env.tr.T("cmd.poker.start.flag_limit"))
	return cmd
}

func newPokerVoteCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "vote [S-12] CARD",
		Short: env.tr.T("cmd.poker.vote.short"),
		Example: `  huddle poker vote 5
  huddle poker vote S-12 8
  huddle poker vote S-12 coffee`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := pokerStory(args[:len(args)-1])
			if err != nil {
				return err
			}
			card := args[len(args)-1]
			return env.withStore(readWrite, func(st *store.Store) error {
				r, err := st.PokerVote(env.actor(), id, card)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.poker.you_voted_on_nobody")+"\n", backlog.StoryRef(r.Story), env.tr.Tn("cli.n.vote", len(r.Voters)))
				if r.IsRevealed() {
					fmt.Fprintln(env.out, env.tr.T("cli.poker.everyone_present_has_voted"))
					pokerPrintRound(env.tr, env.out, r)
				}
				return nil
			})
		},
	}
}

func newPokerRevealCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "reveal [S-12]",
		Short: env.tr.T("cmd.poker.reveal.short"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := pokerStory(args)
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				r, err := st.PokerReveal(env.actor(), id)
				if err != nil {
					return err
				}
				pokerPrintRound(env.tr, env.out, r)
				return nil
			})
		},
	}
}

func newPokerAcceptCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:     "accept [S-12] POINTS",
		Short:   env.tr.T("cmd.poker.accept.short"),
		Example: "  huddle poker accept S-12 5",
		Args:    cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := pokerStory(args[:len(args)-1])
			if err != nil {
				return err
			}
			points, err := strconv.Atoi(strings.TrimSpace(args[len(args)-1]))
			if err != nil {
				return fmt.Errorf("%q is not a number of points (0, 1, 2, 3, 5, 8, 13, 20, 40, 100)", args[len(args)-1])
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				r, err := st.PokerAccept(env.actor(), id, points)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.poker.is_now_points_round")+"\n", backlog.StoryRef(r.Story), r.Accepted, r.Attempt, r.Spent(r.Ended).Round(time.Second))
				return nil
			})
		},
	}
}

func newPokerRevoteCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "revote [S-12]",
		Short: env.tr.T("cmd.poker.revote.short"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := pokerStory(args)
			if err != nil {
				return err
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				r, err := st.PokerRevote(env.actor(), id)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.poker.round_on_vote_again")+"\n", r.Attempt, backlog.StoryRef(r.Story))
				return nil
			})
		},
	}
}

func newPokerNextCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "next",
		Short: env.tr.T("cmd.poker.next.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				s, err := st.PokerNext(env.actor())
				if err != nil {
					return err
				}
				if !s.Running() {
					return pokerPrintSummary(env, st)
				}
				fmt.Fprintf(env.out, env.tr.T("cli.poker.on_the_table_of")+"\n", backlog.StoryRef(s.Story()), s.Current+1, len(s.Stories))
				return nil
			})
		},
	}
}

func newPokerEndCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "end",
		Short: env.tr.T("cmd.poker.end.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				if _, err := st.PokerEnd(env.actor()); err != nil {
					return err
				}
				return pokerPrintSummary(env, st)
			})
		},
	}
}

func pokerPrintSummary(env *cliEnv, st *store.Store) error {
	v, err := st.Poker(env.actor())
	if err != nil {
		return err
	}
	s := v.Summary
	fmt.Fprintf(env.out, env.tr.T("cli.poker.planning_poker_ended_estimated")+"\n",
		env.tr.Tn("cli.n.story", s.Stories), s.Points, env.tr.Tn("cli.n.round", s.Rounds), s.Time.Round(time.Second), s.PerStory.Round(time.Second), s.FirstAgreed, s.Stories)
	return nil
}

func newPokerShowCmd(env *cliEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show [S-12] [--json]",
		Short: env.tr.T("cmd.poker.show.short"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := pokerStory(args)
			if err != nil {
				return err
			}
			return env.withStore(readOnly, func(st *store.Store) error {
				if id != 0 {
					rounds, err := st.PokerRounds(id)
					if err != nil {
						return err
					}
					if asJSON {
						return printJSON(env, struct {
							Story  string               `json:"story"`
							Rounds []backlog.PokerRound `json:"rounds"`
						}{backlog.StoryRef(id), append([]backlog.PokerRound{}, rounds...)})
					}
					if len(rounds) == 0 {
						fmt.Fprintf(env.out, env.tr.T("cli.poker.has_no_planning_poker")+"\n", backlog.StoryRef(id))
					}
					for _, r := range rounds {
						pokerPrintRound(env.tr, env.out, r)
					}
					return nil
				}
				v, err := st.Poker(env.actor())
				if err != nil {
					return err
				}
				if asJSON {
					if v.Rounds == nil {
						v.Rounds = []backlog.PokerRound{}
					}
					return printJSON(env, v)
				}
				pokerPrintView(env.tr, env.out, v)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

// pokerPrintRound is one round's record: who voted, the cards once revealed, the outcome.
func pokerPrintRound(tr i18n.Tr, w io.Writer, r backlog.PokerRound) {
	fmt.Fprintf(w, tr.T("cli.poker.round_deck"), backlog.StoryRef(r.Story), r.Attempt, r.Deck)
	switch {
	case !r.IsRevealed():
		fmt.Fprintf(w, tr.T("cli.poker.hidden_until_the_reveal"), tr.Tn("cli.n.vote", len(r.Voters)))
		if len(r.Voters) > 0 {
			fmt.Fprintf(w, " (%s)", strings.Join(r.Voters, ", "))
		}
		fmt.Fprintln(w)
	default:
		parts := make([]string, 0, len(r.Voters))
		for _, h := range r.Voters {
			parts = append(parts, h+" "+r.Votes[h])
		}
		fmt.Fprintf(w, "%s\n", strings.Join(parts, ", "))
		sp := backlog.SpreadOf(r)
		switch {
		case sp.Agreed:
			fmt.Fprintf(w, tr.T("cli.poker.everyone_said")+"\n", sp.Low)
		case sp.Explanation != "":
			fmt.Fprintf(w, tr.T("cli.poker.spread")+"\n", sp.Low, sp.High, sp.Explanation)
		}
	}
	switch r.Outcome {
	case backlog.OutcomeAccepted:
		fmt.Fprintf(w, tr.T("cli.poker.accepted_points_after")+"\n", r.Accepted, r.Spent(r.Ended).Round(time.Second))
	case backlog.OutcomeRevote:
		fmt.Fprintf(w, tr.T("cli.poker.voted_again_after")+"\n", r.Spent(r.Ended).Round(time.Second))
	case backlog.OutcomeSkipped:
		fmt.Fprintln(w, tr.T("cli.poker.skipped_without_an_estimate"))
	}
}

func pokerPrintView(tr i18n.Tr, w io.Writer, v store.PokerView) {
	s := v.Session
	if s.ID == 0 {
		fmt.Fprintln(w, tr.T("cli.poker.no_planning_poker_session"))
		return
	}
	if !s.Running() {
		sum := v.Summary
		fmt.Fprintf(w, tr.T("cli.poker.the_last_planning_poker")+"\n",
			s.Started.UTC().Format("2006-01-02"), tr.Tn("cli.n.story", sum.Stories), sum.Points, sum.PerStory.Round(time.Second), sum.FirstAgreed, sum.Stories)
		return
	}
	fmt.Fprintf(w, tr.T("cli.poker.planning_poker_deck_story")+"\n", s.Deck, s.Current+1, len(s.Stories))
	if v.Story != nil {
		fmt.Fprintf(w, "%s  %s\n", v.Story.Ref(), v.Story.Title)
	}
	if r := v.Round; r != nil {
		if !r.IsRevealed() {
			if len(v.Present) == 0 {
				fmt.Fprintf(w, tr.T("cli.poker.voted_nobody_is_connected"), len(r.Voters))
			} else {
				fmt.Fprintf(w, tr.T("cli.poker.of_voted"), len(r.Voters), v.Voters)
			}
			if len(v.Waiting) > 0 {
				fmt.Fprintf(w, tr.T("cli.poker.waiting_for"), strings.Join(v.Waiting, ", "))
			}
			fmt.Fprintln(w)
			if v.Mine != "" {
				fmt.Fprintf(w, tr.T("cli.poker.your_card")+"\n", v.Mine)
			}
		}
		pokerPrintRound(tr, w, *r)
	}
}
