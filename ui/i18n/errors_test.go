package i18n

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"huddle/backlog"
	"huddle/sprint"
	"huddle/store"
)

// TestEveryErrorFormatMatchesItself writes each error format of the catalog
// with distinct values and checks that the Chinese reader gets that entry's
// Chinese text with the same values: no other, more specific-looking entry
// takes the message, and every value lands in its place.
func TestEveryErrorFormatMatchesItself(t *testing.T) {
	c := catalogMaps()
	if c.loadErr != nil {
		t.Fatal(c.loadErr)
	}
	zh := For(ZH)
	for id := range c.ids[EN] {
		if !strings.HasPrefix(id, "err.") {
			continue
		}
		en := c.plain[EN][id]
		var args []any
		var pieces []any
		for i, m := range verbRE.FindAllStringSubmatch(en, -1) {
			if m[0] == "%%" {
				continue
			}
			var v any
			switch m[2] {
			case "d":
				v = 11 + i
			case "g", "f", "e":
				v = 1.5 + float64(i)
			case "w":
				v = fmt.Errorf("zz%d", i)
			default:
				v = fmt.Sprintf("zz%d", i)
			}
			args = append(args, v)
			verb := m[0]
			if m[2] == "w" {
				verb = "%v"
			}
			pieces = append(pieces, fmt.Sprintf(verb, v))
		}
		msg := fmt.Errorf(en, args...).Error()
		want := fmt.Sprintf(asStrings(c.plain[ZH][id]), pieces...)
		if got := zh.Message(msg); got != want {
			t.Errorf("%s: %q reads %q, want %q", id, msg, got, want)
		}
		if got := For(EN).Message(msg); got != msg {
			t.Errorf("%s: English changed %q into %q", id, msg, got)
		}
	}
}

// TestDomainErrorsReadInChinese takes errors as the rules and the store make
// them and reads them as a Chinese member would.
func TestDomainErrorsReadInChinese(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "team.db"), store.Options{Create: true,
		Now: func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Bootstrap("maya", "Pocketpay"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddMember("maya", store.NewMember{Handle: "wei", Role: backlog.RoleMember, HoursPerDay: 6}); err != nil {
		t.Fatal(err)
	}
	_, memberMissing := st.Member("lin")
	_, storyMissing := st.Story(42)
	refused := st.SetVision("wei", "Pay in three taps")
	_, noTitle := st.AddStory("maya", store.StoryInput{Title: "  "})
	task := sprint.Task{ID: 7, Owner: "wei"}
	lateSprint := sprint.Sprint{Name: "Sprint 3", Start: sprint.DateOf(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)), End: sprint.DateOf(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)), Workdays: sprint.DefaultWorkdays}
	cases := []struct {
		what string
		err  error
		want string
	}{
		{"a refusal by role, the action named by the store", refused,
			"不允许：wei 是成员；只有负责人才能设置愿景"},
		{"a refusal of another member's task", sprint.MayTouch(task, "lin", false, sprint.ActHours),
			"T-7 是 wei 的任务；只有 wei 或负责人可以更新它的工时"},
		{"a member not found", memberMissing, "找不到成员 lin"},
		{"a story not found", storyMissing, "找不到故事 S-42"},
		{"a validation with numbers", lateSprint.Validate(),
			"冲刺为期 1 到 4 周；2026-11-02 到 2026-12-31 是 60 天"},
		{"a validation without values", noTitle, "故事需要一个标题"},
		{"a wrapped chain", fmt.Errorf("cannot undo %q: %w", "maya added S-3", sprint.MayTouch(task, "lin", false, sprint.ActMove)),
			"无法撤销 \"maya added S-3\"：T-7 是 wei 的任务；只有 wei 或负责人可以移动它"},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: no error", c.what)
			continue
		}
		if got := For(ZH).Err(c.err); got != c.want {
			t.Errorf("%s: %q reads %q, want %q", c.what, c.err, got, c.want)
		}
	}
	if !errors.Is(memberMissing, store.ErrNotFound) {
		t.Errorf("a member not found is no longer store.ErrNotFound: %v", memberMissing)
	}
}

// BenchmarkErrChain times translating one refusal as a screen shows it: the
// catalog's formats are tried in turn (most specific first), and the values
// taken out are translated again ("not allowed", "a member", "set the vision").
func BenchmarkErrChain(b *testing.B) {
	zh := For(ZH)
	err := backlog.Forbidden("wei", backlog.RoleMember, "set the vision", backlog.RoleLead)
	zh.Err(err)
	for b.Loop() {
		zh.Err(err)
	}
}

// BenchmarkErrUnlisted times a message no format matches: every format is
// tried, then the message is split at ": " and each half tried again.
func BenchmarkErrUnlisted(b *testing.B) {
	zh := For(ZH)
	err := errors.New("something: nobody listed this")
	zh.Err(err)
	for b.Loop() {
		zh.Err(err)
	}
}
