package catalog

import (
	"errors"
	"strconv"
	"strings"
)

// Money is kept as integer minor units: hundredths of the shop currency's
// main unit, 19.99 → 1999. Both Shopify and WooCommerce export prices with a
// dot and at most two decimals, whatever the shop's display locale.

// maxMoneyDigits keeps a price far from int64 overflow (10^13 main units).
const maxMoneyDigits = 13

var (
	errPriceEmpty   = errors.New("empty")
	errPriceComma   = errors.New("not a price: write decimals with a dot, without thousands separators (12.99)")
	errPriceSyntax  = errors.New("not a price: want digits with an optional dot and up to two decimals (12.99)")
	errPriceNeg     = errors.New("a price cannot be negative")
	errPriceTooBig  = errors.New("price too large")
	errPriceDecimal = errors.New("more than two decimals: prices are kept in cents")
)

// ParseMoney parses a decimal price such as "19.99", "20", "0.5" or
// "19.9900" into minor units. It never goes through a float.
func ParseMoney(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errPriceEmpty
	}
	if s[0] == '-' {
		return 0, errPriceNeg
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if strings.ContainsRune(s, ',') {
		return 0, errPriceComma
	}
	if whole == "" && (!hasDot || frac == "") || !digits(whole) || !digits(frac) {
		return 0, errPriceSyntax
	}
	// Spreadsheets write 19.9900; extra decimals are fine while they are 0.
	for len(frac) > 2 && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	if len(frac) > 2 {
		return 0, errPriceDecimal
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > maxMoneyDigits {
		return 0, errPriceTooBig
	}
	var v int64
	for _, c := range whole {
		v = v*10 + int64(c-'0')
	}
	frac += strings.Repeat("0", 2-len(frac))
	return v*100 + int64(frac[0]-'0')*10 + int64(frac[1]-'0'), nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// FormatMoney writes minor units back as a decimal string with two places:
// 1999 → "19.99". JSON output uses it so no reader sees a float.
func FormatMoney(minor int64) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	cents := minor % 100
	s := strconv.FormatInt(minor/100, 10) + "."
	if cents < 10 {
		s += "0"
	}
	return sign + s + strconv.FormatInt(cents, 10)
}

// parseStock parses a stock count. Shopify allows negative stock (oversold),
// so a sign is accepted; decimals are not.
func parseStock(s string) (int64, error) {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		// Spreadsheets turn 12 into 12.0; accept that one harmless form.
		if w, f, ok := strings.Cut(s, "."); ok && strings.Trim(f, "0") == "" && w != "" {
			if v, err2 := strconv.ParseInt(w, 10, 64); err2 == nil {
				return v, nil
			}
		}
		return 0, errors.New("not a whole number")
	}
	return v, nil
}
