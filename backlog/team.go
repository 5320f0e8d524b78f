// Package backlog holds the product side of huddle: the team and its members,
// the vision, quarterly objectives with key results, and the ordered story
// backlog. It is pure Go: no I/O, no clock (time is passed in), no UI.
package backlog

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Role says what a member may do. Roles are enforced by the store, not by screens.
type Role string

const (
	RoleLead   Role = "lead"   // plans, runs the meetings, reorders
	RoleMember Role = "member" // claims, updates, writes cards, votes
	RoleGuest  Role = "guest"  // reads
)

// ParseRole accepts "lead", "member" or "guest" in any case.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case RoleLead, RoleMember, RoleGuest:
		return r, nil
	}
	return "", fmt.Errorf("unknown role %q: use lead, member or guest", s)
}

// CanWrite reports whether the role may change shared work (tasks, notes, cards, votes).
func (r Role) CanWrite() bool { return r == RoleLead || r == RoleMember }

// CanLead reports whether the role may plan, reorder and run meetings.
func (r Role) CanLead() bool { return r == RoleLead }

// ErrForbidden is returned (wrapped) when a role may not do something.
var ErrForbidden = errors.New("not allowed")

// Forbidden builds an error that says who tried what and which role it needs.
func Forbidden(handle string, role Role, what string, need Role) error {
	// The two roles a refusal asks for, and the three a person may have, are
	// written out whole so that each sentence reads whole in every language.
	switch need {
	case RoleLead:
		return fmt.Errorf("%w: %s is %s; only a lead can %s", ErrForbidden, handle, article(role), what)
	case RoleMember:
		return fmt.Errorf("%w: %s is %s; only a member can %s", ErrForbidden, handle, article(role), what)
	}
	return fmt.Errorf("%w: %s is %s; only a %s can %s", ErrForbidden, handle, article(role), need, what)
}

func article(r Role) string {
	switch r {
	case "":
		return "not a member of this team"
	case RoleLead:
		return "a lead"
	case RoleMember:
		return "a member"
	case RoleGuest:
		return "a guest"
	}
	return "a " + string(r)
}

// GuestPrefix starts the name a guest session acts under ("guest:1a2b3c4d").
// Handles cannot contain ':', so a guest can never be mistaken for a member.
const GuestPrefix = "guest:"

// IsGuest reports whether handle names a guest session rather than a member.
func IsGuest(handle string) bool { return strings.HasPrefix(handle, GuestPrefix) }

// Team is the single team a huddle file belongs to.
type Team struct {
	Name    string    `json:"name"`
	Vision  string    `json:"vision"`
	Created time.Time `json:"created"`
}

// Member is one person on the team. Their SSH public keys identify them on the server.
type Member struct {
	// ID tells apart two people who had the same handle at different times:
	// a session is bound to the ID it signed in as (0 in files from before IDs).
	ID          int       `json:"id,omitempty"`
	Handle      string    `json:"handle"`
	Name        string    `json:"name"`
	Role        Role      `json:"role"`
	Keys        []string  `json:"keys,omitempty"`
	HoursPerDay float64   `json:"hours_per_day"`
	Added       time.Time `json:"added"`
	// Theme is the colour theme they chose (ThemeNames); "" is the default.
	Theme string `json:"theme,omitempty"`
	// Lang is the language they chose (LangNames); "" lets the environment decide.
	Lang string `json:"lang,omitempty"`
}

// DefaultHoursPerDay is the focus time assumed for a member who has not set theirs.
const DefaultHoursPerDay = 6

// DisplayName is the name to show, falling back to the handle.
func (m Member) DisplayName() string {
	if m.Name != "" {
		return m.Name
	}
	return m.Handle
}

// ValidateHandle checks a member handle: 1-32 of a-z, 0-9, '-', '_' and '.', starting with a letter or digit.
func ValidateHandle(h string) error {
	if h == "" {
		return errors.New("a handle cannot be empty")
	}
	if len(h) > 32 {
		return fmt.Errorf("handle %q is too long (at most 32 characters)", h)
	}
	for i, c := range h {
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || (i > 0 && (c == '-' || c == '_' || c == '.'))
		if !ok {
			return fmt.Errorf("handle %q may use only lowercase letters, digits, '-', '_' and '.', starting with a letter or digit", h)
		}
	}
	return nil
}

// NormalizeHandle lowercases and trims a handle typed by a person.
func NormalizeHandle(h string) string { return strings.ToLower(strings.TrimSpace(h)) }

// Validate checks a member before it is saved.
func (m Member) Validate() error {
	if err := ValidateHandle(m.Handle); err != nil {
		return err
	}
	if _, err := ParseRole(string(m.Role)); err != nil {
		return err
	}
	if m.HoursPerDay < 0 || m.HoursPerDay > 24 {
		return fmt.Errorf("hours per day must be between 0 and 24, not %g", m.HoursPerDay)
	}
	if err := ValidateTheme(m.Theme); err != nil {
		return err
	}
	return ValidateLang(m.Lang)
}

// HasKey reports whether the member owns the given authorized-key line (compared by type and key data).
func (m Member) HasKey(key string) bool {
	want := KeyID(key)
	for _, k := range m.Keys {
		if KeyID(k) == want {
			return true
		}
	}
	return false
}

// KeyID reduces an authorized_keys line ("ssh-ed25519 AAAA... comment") to "type data",
// so the same key with another comment is the same key.
func KeyID(key string) string {
	f := strings.Fields(key)
	if len(f) >= 2 {
		return f[0] + " " + f[1]
	}
	return strings.TrimSpace(key)
}

// ValidateKey does a light syntax check of an authorized-key line.
func ValidateKey(key string) error {
	f := strings.Fields(key)
	if len(f) < 2 || !(strings.HasPrefix(f[0], "ssh-") || strings.HasPrefix(f[0], "ecdsa-") || strings.HasPrefix(f[0], "sk-")) {
		return fmt.Errorf("%q does not look like an SSH public key (expected e.g. \"ssh-ed25519 AAAA... name\")", shorten(key, 40))
	}
	return nil
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// KeyFingerprint is an authorized-key line's SHA256 fingerprint, as
// `ssh-keygen -l` prints it ("SHA256:..."): how a key is named when it is
// listed or revoked.
func KeyFingerprint(key string) string {
	f := strings.Fields(key)
	if len(f) < 2 {
		return ""
	}
	data, err := base64.StdEncoding.DecodeString(f[1])
	if err != nil {
		data = []byte(f[1]) // not base64: still one name per key
	}
	sum := sha256.Sum256(data)
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:])
}

// FindKey picks the member's key named by fp: its fingerprint (with or
// without "SHA256:"), an unambiguous start of it of at least 6 characters,
// or the key itself.
func (m Member) FindKey(fp string) (string, error) {
	fp = strings.TrimSpace(fp)
	want := strings.TrimPrefix(fp, "SHA256:")
	var found []string
	for _, k := range m.Keys {
		got := strings.TrimPrefix(KeyFingerprint(k), "SHA256:")
		switch {
		case got == want || KeyID(k) == KeyID(fp):
			return k, nil
		case len(want) >= 6 && strings.HasPrefix(got, want):
			found = append(found, k)
		}
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("%s has no key %s (see huddle member list)", m.Handle, shorten(fp, 60))
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("%s starts %d of %s's keys; give more of the fingerprint", fp, len(found), m.Handle)
}
