package overlays

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/currency"
	"golang.org/x/text/number"
)

// symbolAfter says, by language, whether the currency symbol follows the
// amount (after a no-break space) or precedes it with no space, as CLDR's
// currency patterns do: "$1,299.00", "12,99 €", "1 299,00 ₽", "¥129.00",
// "١٢٫٩٩ US$". golang.org/x/text formats the number (digits, decimal and
// grouping separators) and names the symbol for the locale, but its
// currency formatter always writes "symbol, space, amount", so the
// position comes from this table; languages not in it keep x/text's order.
var symbolAfter = map[string]bool{
	"en": false, "zh": false, "lv": true, "ru": true, "ar": true, // the shipped locales
	"ja": false, "ko": false,
	"de": true, "fr": true, "es": true, "it": true, "pl": true, "cs": true, "uk": true,
	"lt": true, "et": true, "fi": true, "sv": true,
}

// FormatPrice formats an amount in minor units (cents) of an ISO 4217
// currency for the renderer's locale. An unknown or empty currency still
// gives a usable string (the amount with two decimals and the code as
// given) along with an error wrapping ErrCurrency, so a card can show it
// and warn.
func (r *Renderer) FormatPrice(minor int64, code string) (string, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	unit, err := currency.ParseISO(code)
	if err != nil || code == "" {
		amount := r.printer.Sprint(number.Decimal(float64(minor)/100, number.Scale(2)))
		if code == "" {
			return amount, fmt.Errorf("%w: no currency given", ErrCurrency)
		}
		return amount + "\u00a0" + code, fmt.Errorf("%w: %q", ErrCurrency, code)
	}
	scale, _ := currency.Standard.Rounding(unit)
	amount := r.printer.Sprint(number.Decimal(float64(minor)/math.Pow10(scale), number.Scale(scale)))
	sym := r.printer.Sprint(currency.Symbol(unit))
	// x/text's Chinese yuan is the full-width ￥, which sits badly next to
	// half-width digits; the half-width ¥ is what Chinese shops print.
	sym = strings.NewReplacer("￥", "¥", "＄", "$").Replace(sym)
	after, known := symbolAfter[r.base]
	switch {
	case !known:
		return sym + "\u00a0" + amount, nil
	case after:
		return amount + "\u00a0" + sym, nil
	default:
		// CLDR's currency spacing: a symbol that ends in a letter ("SAR",
		// "RUB") is kept apart from the digits.
		if r, _ := utf8.DecodeLastRuneInString(sym); unicode.IsLetter(r) {
			return sym + "\u00a0" + amount, nil
		}
		return sym + amount, nil
	}
}

// discountPercent is the saving from compareAt to price in whole percent,
// or 0 when there is none worth showing.
func discountPercent(price, compareAt int64) int {
	if compareAt <= 0 || price < 0 || price >= compareAt {
		return 0
	}
	return int(math.Round(float64(compareAt-price) * 100 / float64(compareAt)))
}
