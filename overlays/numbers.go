package overlays

import (
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/number"
)

// num formats a count for the locale: grouping separators and, in
// Arabic, Arabic-Indic digits.
func (r *Renderer) num(n int) string { return r.printer.Sprint(number.Decimal(n)) }

// pad2 formats a clock field: at least two digits, never grouped.
func (r *Renderer) pad2(n int) string {
	return r.printer.Sprint(number.Decimal(n, number.MinIntegerDigits(2), number.NoSeparator()))
}

// pluralForm is the CLDR plural form of the integer n in the locale.
func (r *Renderer) pluralForm(n int) plural.Form {
	if n < 0 {
		n = -n
	}
	return plural.Cardinal.MatchPlural(r.tag, n, 0, 0, 0, 0)
}

// clock formats a countdown: mm:ss, or h:mm:ss from an hour up. A part
// second counts as a whole one, so the clock reads 00:00 only when the
// time is really up.
func (r *Renderer) clock(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int((d + time.Second - 1) / time.Second)
	h, m, sec := s/3600, s/60%60, s%60
	if h > 0 {
		return r.printer.Sprint(number.Decimal(h, number.NoSeparator())) + ":" + r.pad2(m) + ":" + r.pad2(sec)
	}
	return r.pad2(m) + ":" + r.pad2(sec)
}

// span formats how long something lasts in the locale's units: "10 min",
// "1 h 30 min", "45 s". Seconds are shown only under ten minutes, where
// they still matter to a viewer.
func (r *Renderer) span(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	h, m, sec := s/3600, s/60%60, s%60
	var parts []string
	if h > 0 {
		parts = append(parts, r.phrase(wHours, h, "n", r.num(h)))
	}
	if m > 0 {
		parts = append(parts, r.phrase(wMinutes, m, "n", r.num(m)))
	}
	if sec > 0 && s < 600 {
		parts = append(parts, r.phrase(wSeconds, sec, "n", r.num(sec)))
	}
	return strings.Join(parts, " ")
}
