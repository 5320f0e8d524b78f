package i18n

import (
	"strconv"
	"time"
)

// Dates are written the way each language writes them: "Mon Nov 30" and
// "11月30日 周一". Only these functions format a date a person reads.

var zhWeekdays = [7]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// Date is a day of the year: "Nov 30", "11月30日".
func (t Tr) Date(d time.Time) string {
	if t.Lang() == ZH {
		return strconv.Itoa(int(d.Month())) + "月" + strconv.Itoa(d.Day()) + "日"
	}
	return d.Format("Jan 2")
}

// Day is a day with its weekday: "Mon Nov 30", "11月30日 周一".
func (t Tr) Day(d time.Time) string {
	if t.Lang() == ZH {
		return t.Date(d) + " " + zhWeekdays[d.Weekday()]
	}
	return d.Format("Mon Jan 2")
}

// Weekday is the day's short name: "Mon", "周一".
func (t Tr) Weekday(d time.Time) string {
	if t.Lang() == ZH {
		return zhWeekdays[d.Weekday()]
	}
	return d.Format("Mon")
}

// DayTime is a day and a time of day: "Mon Nov 30 09:40", "11月30日 周一 09:40".
func (t Tr) DayTime(d time.Time) string { return t.Day(d) + " " + d.Format("15:04") }

// WeekdayTime is a weekday and a time: "Mon 09:40", "周一 09:40".
func (t Tr) WeekdayTime(d time.Time) string { return t.Weekday(d) + " " + d.Format("15:04") }

// DateTime is a date and time: "Nov 30 09:40", "11月30日 09:40".
func (t Tr) DateTime(d time.Time) string { return t.Date(d) + " " + d.Format("15:04") }

// Month is a month of a year: "Nov 2026", "2026年11月".
func (t Tr) Month(d time.Time) string {
	if t.Lang() == ZH {
		return strconv.Itoa(d.Year()) + "年" + strconv.Itoa(int(d.Month())) + "月"
	}
	return d.Format("Jan 2006")
}

// DayRange is a stretch of days: "Dec 22", "Dec 22-23", "Dec 30-Jan 2";
// "12月22日", "12月22日-23日", "12月30日-1月2日".
func (t Tr) DayRange(from, to time.Time) string {
	switch {
	case from.Equal(to):
		return t.Date(from)
	case from.Month() == to.Month() && from.Year() == to.Year():
		if t.Lang() == ZH {
			return t.Date(from) + "-" + strconv.Itoa(to.Day()) + "日"
		}
		return t.Date(from) + "-" + strconv.Itoa(to.Day())
	}
	return t.Date(from) + "-" + t.Date(to)
}
