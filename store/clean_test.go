package store

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Real attack strings: what a hostile title could try to make a teammate's terminal do.
var attackSeeds = []string{
	"\x1b]52;c;ZWNobyBwd25lZA==\x07",                         // OSC 52: write the clipboard
	"\x1b]52;c;ZWNobyBwd25lZA==\x1b\\",                       // OSC 52 with ST
	"\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", // OSC 8 hyperlink
	"\x1b[2J\x1b[H\x1b[10;20Hfake prompt$ ",                  // CSI clear and cursor moves
	"\x1b[?1049h\x1b[?25l",                                   // alt screen, hide cursor
	"\u009b31mred\u009b0m",                                   // 8-bit CSI as UTF-8 C1
	"\x9b31mred\x9b0m",                                       // 8-bit CSI as a raw byte
	"\u009d0;title\u009c",                                    // 8-bit OSC and ST
	"\x1b]0;unterminated title",                              // unterminated OSC
	"\x1bP+q544e\x1b\\",                                      // DCS request
	"abc\u202eevil\u202cdef\u2066x\u2069",                    // bidi override and isolate
	"tab\tnew\nline\rcr\x00nul\x7fdel\x08bs",                 // C0 controls
	"新用户7日内完成核心功能操作的比例 🚀👩‍💻",                                 // CJK and emoji must survive
	"\x1b(0lqk\x1b(B",                                        // charset switch (nF escape)
	"\x1b",                                                   // lone ESC
	"\xff\xfe broken utf8",
}

func unsafeRune(r rune, allowNewline bool) bool {
	switch {
	case r == '\n' || r == '\t':
		return !allowNewline
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case isBidiControl(r):
		return true
	}
	return false
}

func checkClean(t *testing.T, in, out string, title bool) {
	if !utf8.ValidString(out) {
		t.Fatalf("invalid UTF-8 out of %q: %q", in, out)
	}
	for _, r := range out {
		if unsafeRune(r, !title) {
			t.Fatalf("clean(%q) = %q keeps %U", in, out, r)
		}
	}
	limit := MaxText
	if title {
		limit = MaxTitle
	}
	if n := utf8.RuneCountInString(out); n > limit {
		t.Fatalf("length %d over %d", n, limit)
	}
}

func FuzzCleanLeavesNoControls(f *testing.F) {
	for _, s := range attackSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkClean(t, in, CleanTitle(in), true)
		checkClean(t, in, CleanText(in), false)
	})
}

func TestCleanKeepsPrintableText(t *testing.T) {
	cases := map[string]string{
		"新用户7日内完成核心功能操作的比例 🚀👩‍💻":                                 "新用户7日内完成核心功能操作的比例 🚀👩‍💻",
		"\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\": "click",
		"\x1b[2J\x1b[Hhello":           "hello",
		"\u009b31mred\u009b0m":         "red",
		"\x9b31mred\x9b0m":             "red",
		"abc\u202eevil\u202cdef":       "abcevildef",
		"a\x1b]0;unterminated title":   "a",
		"  many   spaces\tand\nlines ": "many spaces and lines",
		"\x1b(0lqk\x1b(B":              "lqk",
	}
	for in, want := range cases {
		if got := CleanTitle(in); got != want {
			t.Errorf("CleanTitle(%q) = %q, want %q", in, got, want)
		}
	}
	if got := CleanText("para one\r\n\r\npara two  \n"); got != "para one\n\npara two" {
		t.Errorf("CleanText = %q", got)
	}
	if got := CleanText(strings.Repeat("x", MaxText+50)); len(got) != MaxText {
		t.Errorf("long text %d", len(got))
	}
}
