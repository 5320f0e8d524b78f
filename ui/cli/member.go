package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"huddle/backlog"
	"huddle/store"
	"huddle/ui/common"

	"github.com/spf13/cobra"
)

func newMemberCmd(env *cliEnv) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "member",
		Short: env.tr.T("cmd.member.short"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newMemberAddCmd(env), newMemberListCmd(env), newMemberRemoveCmd(env), newMemberKeyCmd(env),
		newMemberEditCmd(env), newMemberOffCmd(env)) // edit, off: team.go
	return cmd
}

func newMemberAddCmd(env *cliEnv) *cobra.Command {
	var role, name, keyFile string
	var keys []string
	var hours float64
	cmd := &cobra.Command{
		Use:   "add HANDLE",
		Short: env.tr.T("cmd.member.add.short"),
		Long:  env.tr.T("cmd.member.add.long"),
		Example: `  huddle member add alice --name "Alice Chen" --key "ssh-ed25519 AAAA... alice@laptop"
  huddle member add bob --key-file bob.pub --hours 5
  huddle member add carol --role guest`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := backlog.ParseRole(role)
			if err != nil {
				return err
			}
			if keyFile != "" {
				k, err := readKeyFile(env, keyFile)
				if err != nil {
					return err
				}
				keys = append(keys, k...)
			}
			if !env.isRemote() && backlog.NormalizeHandle(args[0]) == env.actor() && !fileExists(env.dbPath()) {
				// Adding yourself to a file that does not exist yet: the
				// file is made with you as its lead, with what you gave.
				if cmd.Flags().Changed("role") && r != backlog.RoleLead {
					return fmt.Errorf("%s does not exist yet; its first person leads it, so %s cannot be a %s (drop --role)", env.dbPath(), args[0], r)
				}
				return env.withStore(create, func(st *store.Store) error {
					ch := store.MemberChange{AddKeys: keys, HoursPerDay: &hours}
					if name != "" {
						ch.Name = &name
					}
					m, err := st.UpdateMember(env.actor(), env.actor(), ch)
					if err != nil {
						return err
					}
					fmt.Fprintf(env.out, env.tr.T("cli.member.created_with_as_its")+"\n", st.Path(), m.Handle, len(m.Keys), common.Shown(m.HoursPerDay))
					return nil
				})
			}
			return env.withStore(create, func(st *store.Store) error {
				m, err := st.AddMember(env.actor(), store.NewMember{Handle: args[0], Name: name, Role: r, Keys: keys, HoursPerDay: hours})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.member.added_as_key_day")+"\n", m.Handle, env.tr.Role(m.Role), len(m.Keys), common.Shown(m.HoursPerDay))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&role, "role", "member", env.tr.T("cmd.common.flag_role"))
	cmd.Flags().StringVar(&name, "name", "", env.tr.T("cmd.common.flag_name"))
	cmd.Flags().StringArrayVar(&keys, "key", nil, env.tr.T("cmd.member.add.flag_key"))
	cmd.Flags().StringVar(&keyFile, "key-file", "", env.tr.T("cmd.member.add.flag_key_file"))
	cmd.Flags().Float64Var(&hours, "hours", backlog.DefaultHoursPerDay, env.tr.T("cmd.common.flag_hours"))
	return cmd
}

func newMemberKeyCmd(env *cliEnv) *cobra.Command {
	var keyFile string
	var keys []string
	cmd := &cobra.Command{
		Use:   "key HANDLE --key KEY | --key-file FILE | key remove HANDLE FINGERPRINT",
		Short: env.tr.T("cmd.member.key.short"),
		Example: `  huddle member key alice --key-file ~/.ssh/id_ed25519.pub
  huddle member key remove alice SHA256:6fJ...   (fingerprints: huddle member list)`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 3 && args[0] == "remove" {
				return nil
			}
			if len(args) > 0 && args[0] == "remove" {
				return fmt.Errorf("write it as: huddle member key remove HANDLE FINGERPRINT (fingerprints: huddle member list)")
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 3 {
				return removeMemberKey(env, args[1], args[2])
			}
			if keyFile != "" {
				k, err := readKeyFile(env, keyFile)
				if err != nil {
					return err
				}
				keys = append(keys, k...)
			}
			if len(keys) == 0 {
				return fmt.Errorf("give a key with --key or --key-file")
			}
			return env.withStore(readWrite, func(st *store.Store) error {
				m, err := st.UpdateMember(env.actor(), args[0], store.MemberChange{AddKeys: keys})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.member.now_has_key")+"\n", m.Handle, len(m.Keys))
				return nil
			})
		},
	}
	cmd.Flags().StringArrayVar(&keys, "key", nil, env.tr.T("cmd.member.key.flag_key"))
	cmd.Flags().StringVar(&keyFile, "key-file", "", env.tr.T("cmd.member.key.flag_key_file"))
	return cmd
}

// fileExists says whether path names something (local callers only).
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}

// maxKeyFileBytes caps a key file (a few dozen keys fit easily).
const maxKeyFileBytes = 64 << 10

// readKeyFile reads public keys, one a line, from a file or ("-") standard input.
func readKeyFile(env *cliEnv, path string) ([]string, error) {
	data, err := env.openInput(path, "--key-file", "ssh HOST member key NAME --key-file - < KEY.pub", maxKeyFileBytes)
	if err != nil {
		return nil, err
	}
	if path == "-" {
		path = "standard input"
	}
	var keys []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			keys = append(keys, line)
		}
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("%s holds no keys", path)
	}
	return keys, nil
}

// memberJSON is the stable shape of `member list --json`.
type memberJSON struct {
	Handle      string   `json:"handle"`
	Name        string   `json:"name"`
	Role        string   `json:"role"`
	HoursPerDay float64  `json:"hours_per_day"`
	Keys        []string `json:"keys"`
	// Fingerprints name the keys, in the same order (member key remove takes one).
	Fingerprints []string `json:"fingerprints"`
}

func newMemberListCmd(env *cliEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: env.tr.T("cmd.member.list.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return env.withStore(readOnly, func(st *store.Store) error {
				members, err := st.Members()
				if err != nil {
					return err
				}
				if asJSON {
					out := make([]memberJSON, 0, len(members))
					for _, m := range members {
						keys := m.Keys
						if keys == nil {
							keys = []string{}
						}
						fps := []string{}
						for _, k := range keys {
							fps = append(fps, backlog.KeyFingerprint(k))
						}
						out = append(out, memberJSON{m.Handle, m.Name, string(m.Role), m.HoursPerDay, keys, fps})
					}
					return printJSON(env, out)
				}
				rows := [][]string{{env.tr.T("cli.head.handle"), env.tr.T("cli.head.name"), env.tr.T("cli.head.role"), env.tr.T("cli.head.hours_day"), env.tr.T("cli.head.keys")}}
				for _, m := range members {
					rows = append(rows, []string{m.Handle, m.Name, env.tr.Role(m.Role), fmt.Sprint(m.HoursPerDay), fingerprints(m.Keys)})
				}
				return writeTable(env.out, rows)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, env.tr.T("cmd.common.flag_json"))
	return cmd
}

func newMemberRemoveCmd(env *cliEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "remove HANDLE",
		Short: env.tr.T("cmd.member.remove.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.withStore(readWrite, func(st *store.Store) error {
				if err := st.RemoveMember(env.actor(), args[0]); err != nil {
					return err
				}
				fmt.Fprintf(env.out, env.tr.T("cli.backlog.removed")+"\n", args[0])
				return nil
			})
		},
	}
}
