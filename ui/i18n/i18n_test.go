package i18n

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestMessagesInBothLanguages(t *testing.T) {
	en, zh := For(EN), For(ZH)
	if got := en.T("screen.backlog"); got != "Backlog" {
		t.Errorf("en: %q", got)
	}
	if got := zh.T("screen.backlog"); got != "待办列表" {
		t.Errorf("zh: %q", got)
	}
	if got := zh.Tf("header.you", "Who", "wei", "Role", zh.T("role.member")); got != "我：wei（成员）" {
		t.Errorf("zh with values: %q", got)
	}
	if got := en.Tn("header.guests", 1); got != "1 guest" {
		t.Errorf("en one: %q", got)
	}
	if got := en.Tn("header.guests", 3); got != "3 guests" {
		t.Errorf("en other: %q", got)
	}
	if got := zh.Tn("header.guests", 3); got != "3 位访客" {
		t.Errorf("zh plural: %q", got)
	}
	var zero Tr
	if zero.Lang() != EN || zero.T("screen.team") != "Team" {
		t.Errorf("the zero Tr should speak English")
	}
	if got := zh.T("no.such.id"); got != "no.such.id" {
		t.Errorf("an unknown id shows as itself, got %q", got)
	}
}

func TestErrorsAreTranslatedFromTheirFormat(t *testing.T) {
	zh := For(ZH)
	cases := []struct {
		err  error
		want string
	}{
		{errors.New("a story needs a title"), "故事需要一个标题"},
		{fmt.Errorf("%d points is not on the scale 0, 1, 2, 3, 5, 8, 13, 20, 40, 100", 4), "4 点不在估算刻度上（0、1、2、3、5、8、13、20、40、100）"},
		{fmt.Errorf("row 3: %w", errors.New("not found")), "row 3: 不存在"},
		{errors.New("something nobody listed"), "something nobody listed"},
	}
	for _, c := range cases {
		if got := zh.Err(c.err); got != c.want {
			t.Errorf("%q: got %q, want %q", c.err, got, c.want)
		}
		if got := For(EN).Err(c.err); got != c.err.Error() {
			t.Errorf("English changed %q into %q", c.err, got)
		}
	}
}

func TestChooseFollowsMemberThenEnvironment(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	cases := []struct {
		member string
		env    map[string]string
		want   Lang
		bad    bool
	}{
		{"zh", map[string]string{"HUDDLE_LANG": "en"}, ZH, false},
		{"", map[string]string{"HUDDLE_LANG": "zh", "LANG": "en_US.UTF-8"}, ZH, false},
		{"", map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, ZH, false},
		{"", map[string]string{"LC_MESSAGES": "zh_TW", "LANG": "en_US.UTF-8"}, ZH, false},
		{"", map[string]string{"LANG": "C.UTF-8"}, EN, false},
		{"", map[string]string{"LANG": "de_DE.UTF-8"}, EN, false},
		{"", map[string]string{"HUDDLE_LANG": "klingon", "LANG": "zh_CN.UTF-8"}, ZH, true},
		{"", nil, EN, false},
	}
	for _, c := range cases {
		got, err := Choose(env(c.env), c.member)
		if got != c.want || (err != nil) != c.bad {
			t.Errorf("member %q env %v: got %s, %v", c.member, c.env, got, err)
		}
	}
}

func TestDatesFollowTheLanguage(t *testing.T) {
	d := time.Date(2026, 11, 30, 9, 40, 0, 0, time.UTC)
	if got := For(ZH).Day(d); got != "11月30日 周一" {
		t.Errorf("zh: %q", got)
	}
	if got := For(EN).Day(d); got != "Mon Nov 30" {
		t.Errorf("en: %q", got)
	}
}

func BenchmarkPlainMessage(b *testing.B) {
	zh := For(ZH)
	zh.T("screen.backlog")
	for b.Loop() {
		zh.T("screen.backlog")
	}
}

func BenchmarkMessageWithValues(b *testing.B) {
	zh := For(ZH)
	for b.Loop() {
		zh.Tf("header.you", "Who", "wei", "Role", "成员")
	}
}

// BenchmarkLoadCatalog times what a process builds from the catalog when it
// first needs more than a lookup: go-i18n's bundle (the first plural or
// template message) and the compiled error and event formats (the first
// error or history line a Chinese reader sees). Plain lookups build nothing.
func BenchmarkLoadCatalog(b *testing.B) {
	for b.Loop() {
		if bu := loadBundle(); bu.err != nil {
			b.Fatal(bu.err)
		}
		if fs := (&catalog{}).compileFormats(); len(fs.errs) == 0 {
			b.Fatal("no error formats")
		}
	}
}

// TestEveryMessageIsFound holds the generator to the order find relies on:
// every message of catalogData is found by its language and id, and an id
// no language has is not.
func TestEveryMessageIsFound(t *testing.T) {
	for i := range catalogData {
		e := &catalogData[i]
		if got := find(Lang(e.lang), e.id); got != e {
			t.Fatalf("find(%s, %s) = %v, want entry %d", e.lang, e.id, got, i)
		}
	}
	if find(EN, "no.such.message") != nil || find(ZH, "") != nil {
		t.Fatal("found a message that is not in the catalog")
	}
}
