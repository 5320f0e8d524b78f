package i18n

import (
	"testing"
	"time"
)

func TestDayRange(t *testing.T) {
	d := func(m time.Month, day int) time.Time { return time.Date(2026, m, day, 0, 0, 0, 0, time.UTC) }
	en, zh := For(EN), For(ZH)
	cases := []struct {
		from, to time.Time
		en, zh   string
	}{
		{d(12, 22), d(12, 22), "Dec 22", "12月22日"},
		{d(12, 22), d(12, 23), "Dec 22-23", "12月22日-23日"},
		{d(12, 30), d(1, 2).AddDate(1, 0, 0), "Dec 30-Jan 2", "12月30日-1月2日"},
	}
	for _, c := range cases {
		if got := en.DayRange(c.from, c.to); got != c.en {
			t.Errorf("en %v-%v: %q, want %q", c.from, c.to, got, c.en)
		}
		if got := zh.DayRange(c.from, c.to); got != c.zh {
			t.Errorf("zh %v-%v: %q, want %q", c.from, c.to, got, c.zh)
		}
	}
}
