package common

import (
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

func TestTruncateMeasuresDisplayWidth(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"hello", 10, "hello"},
		{"hello world", 8, "hello w…"},
		{"新用户7日内完成核心功能", 9, "新用户7…"}, // 2+2+2+1 cells, then "…"
		{"新用户7日内完成核心功能", 8, "新用户7…"}, // a wide rune never straddles the edge
		{"新用户", 6, "新用户"},
		{"abc", 0, ""},
	} {
		got := Truncate(tc.in, tc.w)
		if got != tc.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
		if ansi.StringWidth(got) > tc.w {
			t.Errorf("Truncate(%q, %d) is %d cells", tc.in, tc.w, ansi.StringWidth(got))
		}
	}
}

func TestPadFillsExactly(t *testing.T) {
	for _, s := range []string{"", "ab", "新用户", "新用户7日内完成核心功能", "a very long line of text"} {
		for w := 1; w < 12; w++ {
			if got := ansi.StringWidth(Pad(s, w)); got != w {
				t.Errorf("Pad(%q, %d) is %d cells", s, w, got)
			}
			if got := ansi.StringWidth(PadLeft(s, w)); got != w {
				t.Errorf("PadLeft(%q, %d) is %d cells", s, w, got)
			}
		}
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w, n int
		want []string
	}{
		{"needs the task API from T-2 merged first", 20, 0, []string{"needs the task API", "from T-2 merged", "first"}},
		{"! blocked: 等待市场部确认文案", 20, 0, []string{"! blocked: 等待市场", "部确认文案"}},
		{"one two three four five six", 9, 2, []string{"one two", "three…"}},
		{"first line\n\nsecond   line", 40, 0, []string{"first line", "second line"}},
		{"abcdefghijklmnop", 5, 0, []string{"abcde", "fghij", "klmno", "p"}},
		{"", 10, 0, nil},
		{"文档扫描 SDK 接入很顺利，上个冲刺", 21, 0, []string{"文档扫描 SDK 接入很顺", "利，上个冲刺"}}, // ， never starts a line
		{"接入很顺利。", 10, 0, []string{"接入很顺", "利。"}},
	} {
		got := Wrap(tc.in, tc.w, tc.n)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Wrap(%q, %d, %d) = %q, want %q", tc.in, tc.w, tc.n, got, tc.want)
		}
		for _, l := range got {
			if ansi.StringWidth(l) > tc.w {
				t.Errorf("Wrap(%q, %d): line %q is too wide", tc.in, tc.w, l)
			}
		}
	}
}

func TestFitAndSpread(t *testing.T) {
	got := Fit("a\n新用户7日内完成核心功能\nc\nd", 6, 3)
	if got != "a\n新用…\nc" { // 新用户 and … would be 7 cells
		t.Errorf("Fit = %q", got)
	}
	if got := Fit("a", 5, 3); got != "a\n\n" {
		t.Errorf("Fit pads to %q", got)
	}
	if got := Spread("left", "right", 12); got != "left   right" {
		t.Errorf("Spread = %q", got)
	}
	if got := Spread("a long left side", "right", 12); got != "a long… right" && ansi.StringWidth(got) != 12 {
		t.Errorf("Spread = %q (%d cells)", got, ansi.StringWidth(got))
	}
}

func TestColumnsAndSplit(t *testing.T) {
	if got := Split(80, 3, 2); got[0]+got[1]+got[2]+4 != 80 {
		t.Errorf("Split(80, 3, 2) = %v", got)
	}
	rows := Columns([][]string{{"新用户7日内完成", "x"}, {"b"}}, []int{6, 3}, 2)
	if rows[0] != "新用…   b" || rows[1] != "x" {
		t.Errorf("Columns = %q", rows)
	}
}

func TestStylesAreBoundToTheirRenderer(t *testing.T) {
	plain := lipgloss.NewRenderer(io.Discard)
	plain.SetColorProfile(termenv.Ascii)
	colour := lipgloss.NewRenderer(io.Discard)
	colour.SetColorProfile(termenv.TrueColor)
	a, b := NewStyles(plain), NewStyles(colour)
	if got := a.Warning.Render("?"); got != "?" {
		t.Errorf("ASCII session renders %q", got)
	}
	if got := b.Warning.Render("?"); !strings.Contains(got, "\x1b[") {
		t.Errorf("true-colour session renders %q without colour", got)
	}
	if got := a.Bar(0.5, 4); got != "██░░" {
		t.Errorf("Bar = %q", got)
	}
}

func TestNumbers(t *testing.T) {
	for in, want := range map[float64]string{30: "30", 2.5: "2.5", 0.1 + 0.2: "0.3", 1.0 / 3: "0.33"} {
		if got := Num(in); got != want {
			t.Errorf("Num(%v) = %q, want %q", in, got, want)
		}
	}
	if Percent(0.525) != "53%" || Percent(1) != "100%" {
		t.Error("Percent rounds wrong")
	}
}

func TestWidthFastPathAgreesWithAnsi(t *testing.T) {
	for _, s := range []string{"", "plain ascii", "T-40 · 6h left", "新用户7日", "🚀 go", "\x1b[1mbold\x1b[0m", "tab\there", "é"} {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi says %d", s, got, want)
		}
		for w := 0; w <= 12; w++ {
			if got, want := Truncate(s, w), func() string {
				if w <= 0 {
					return ""
				}
				if ansi.StringWidth(s) <= w {
					return s
				}
				return ansi.Truncate(s, w, Ellipsis)
			}(); got != want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", s, w, got, want)
			}
		}
	}
}

// Width's fast path counts symbols and CJK itself: every rune it counts must
// measure as ansi.StringWidth measures it, alone and among the text around it,
// including the marks and selectors that join a grapheme cluster.
func TestWidthFastPathRunesAgreeWithAnsi(t *testing.T) {
	for r := rune(0x80); r <= 0xffff; r++ {
		w := simpleWidth(r)
		if w == 0 {
			continue
		}
		s := string(r)
		for _, in := range []string{s, "a" + s + "b", s + s, "\x1b[1m" + s + "\x1b[0m", s + "é", "新" + s} {
			if got, want := Width(in), ansi.StringWidth(in); got != want {
				t.Fatalf("Width(%q) = %d, ansi says %d", in, got, want)
			}
		}
	}
	pieces := []string{"a", "T-40", " ", "·", "…", "─", "█", "░", "→", "新", "用", "，", "é", "e\u0301", "\u0301", "\u200d",
		"\ufe0f", "↔", "↔\ufe0f", "✅", "🚀", "👍🏽", "1\ufe0f\u20e3", "🇩🇪", "\x1b[1m", "\x1b[38;5;212m", "\x1b[0m", "\x1b]8;;x\x1b\\",
		"\x1b", "\x1b[", "\t", "\u00ad", "한", "\u1161", "ｱ", "\u3099", "\u0600"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("Width(%q) = %d, ansi says %d", s, got, want)
		}
	}
}
