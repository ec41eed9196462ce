package platform

import (
	"fmt"
	"regexp"
	"unicode"
	"unicode/utf8"
)

// Event is the data of one message type: it names its type and checks its
// own fields.
type Event interface {
	Type() Type
	Validate() error
}

// invalid is a validation error that names the type and the field, so the
// sender reads what to fix: `invalid message: stock.update: stock: -1 is below 0`.
func invalid(t Type, field, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s: %s", ErrInvalid, t, field, fmt.Sprintf(format, args...))
}

// checkText checks free text: valid UTF-8, within min..max characters, and
// no control characters but newlines and tabs where multiline is true.
func checkText(t Type, field, s string, min, max int, multiline bool) error {
	if !utf8.ValidString(s) {
		return invalid(t, field, "not valid UTF-8")
	}
	n := utf8.RuneCountInString(s)
	switch {
	case n < min && min == 1:
		return invalid(t, field, "required, and empty")
	case n < min:
		return invalid(t, field, "%d characters, want at least %d", n, min)
	case n > max:
		return invalid(t, field, "%d characters, the limit is %d", n, max)
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) {
			return invalid(t, field, "control character %U", r)
		}
	}
	return nil
}

// checkSKU: a SKU or handle is 1 to 64 characters, no control characters.
func checkSKU(t Type, field, sku string) error {
	return checkText(t, field, sku, 1, 64, false)
}

var (
	viewerPattern   = regexp.MustCompile(`^v[0-9]{1,12}$`)
	currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)
	nickPattern     = regexp.MustCompile(`^[\p{L}\p{N}_\-. ]+$`)
	kindPattern     = regexp.MustCompile(`^[a-z]{1,16}$`)
)

// checkViewer: the relay names viewers "v" and a number.
func checkViewer(t Type, field, v string) error {
	if !viewerPattern.MatchString(v) {
		return invalid(t, field, "%q is not a viewer id such as \"v12\"", v)
	}
	return nil
}

func checkCurrency(t Type, field, c string) error {
	if c != "" && !currencyPattern.MatchString(c) {
		return invalid(t, field, "%q is not an ISO 4217 code such as \"EUR\"", c)
	}
	return nil
}

// CheckNick checks a viewer's nickname: 1 to 32 letters, digits, spaces,
// dots, dashes and underscores.
func CheckNick(nick string) error {
	if err := checkText(TypeHello, "nick", nick, 1, MaxNickRunes, false); err != nil {
		return err
	}
	if !nickPattern.MatchString(nick) {
		return invalid(TypeHello, "nick", "%q: use letters, digits, spaces, '.', '-' and '_'", nick)
	}
	return nil
}

func checkRange(t Type, field string, v, lo, hi int64) error {
	if v < lo {
		return invalid(t, field, "%d is below %d", v, lo)
	}
	if v > hi {
		return invalid(t, field, "%d is above %d", v, hi)
	}
	return nil
}

// maxMinor bounds prices (in minor units): ten billion units of anything.
const maxMinor = 1e12

// maxTime bounds unix-millisecond times: the year 2286.
const maxTime = 1e13
