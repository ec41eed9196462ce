package chat

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// phoneRule holds messages with a phone number: taking a buyer off the
// platform is how scams start, and a viewer who posts their own number
// should not have it on air. Soft: a known buyer sorting out a delivery
// is trusted.
type phoneRule struct{ cfg PhoneConfig }

func (r *phoneRule) name() string   { return "phone" }
func (r *phoneRule) soft() bool     { return true }
func (r *phoneRule) action() Action { return r.cfg.Action }

// phoneCues are words that say a number nearby is a phone number; with one
// of them a shorter number counts (Latvian numbers have 8 digits).
var phoneCues = cueMatcher(`phone | tel | call | whatsapp | viber | telegram | text | телефон | тел | звони
	звоните | позвони | вотсап | ватсап | 电话 | 手机 | 微信 | 同号 | llama | llamame | telefono | celular | movil
	talrunis | zvani | zvaniet | واتساب | هاتف`)

// orderCues say a long number is an order or a parcel, not a phone.
var orderCues = cueMatcher(`order | tracking | track | parcel | invoice | заказ | заказа | трек | посылка | pedido
	seguimiento | factura | pasutijums | pasutijuma | sutijums | 订单 | 单号 | 快递 | طلب | الطلب`)

func cueMatcher(phrases string) *matcher {
	m := newMatcher()
	for i, p := range splitPhrases(phrases) {
		m.add(p, i, plainMode, nil)
	}
	return m
}

func (m *matcher) any(toks []string) bool {
	var buf [1]hit
	return len(m.find(toks, buf[:0])) > 0
}

func (r *phoneRule) check(c *checkCtx) (bool, string) {
	if digitCount(c.norm.Folded) < min(r.cfg.MinDigits, 8) {
		return false, "" // most messages: no need to look for cue words
	}
	minDigits := r.cfg.MinDigits
	cue := phoneCues.any(c.norm.Plain)
	if cue {
		minDigits = min(minDigits, 8)
	}
	order := !cue && orderCues.any(c.norm.Plain)
	if n := findPhone(c.norm.Folded, minDigits, r.cfg.MaxDigits, cue, order); n > 0 {
		return true, "phone number (" + strconv.Itoa(n) + " digits)"
	}
	return false, ""
}

// findPhone returns the digit count of the first phone number in s, or 0.
// A number is digits with spaces, dashes, dots or brackets between them,
// minDigits to maxDigits digits in all, and either a leading '+', or a
// bracketed area code, or digits in groups that are not thousands
// ("1 000 000" is a count, "912 345 67 89" a phone), or 10 or more digits
// in a row (Chinese and Russian mobiles written solid); without '+' or
// brackets, not when the message speaks of an order or a parcel. Any shape counts when a cue word
// ("whatsapp", "звони") is near.
func findPhone(s string, minDigits, maxDigits int, cue, order bool) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != '+' && !unicode.IsDigit(r) {
			i += size
			continue
		}
		plus := r == '+'
		var groups [24]int
		ng, digits, seps, bracket := 0, 0, 0, false
		inGroup := false
		j := i
		if plus {
			j += size
		}
		for j < len(s) && ng < len(groups) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsDigit(r) {
				if !inGroup {
					ng++
					inGroup = true
				}
				groups[ng-1]++
				digits++
				seps = 0
			} else if r == ' ' || r == '-' || r == '.' || r == '(' || r == ')' {
				bracket = bracket || r == '('
				inGroup = false
				if seps++; seps > 2 {
					break
				}
			} else {
				break
			}
			j += n
		}
		i = max(j, i+size)
		if digits < minDigits || digits > maxDigits {
			continue
		}
		g := groups[:ng]
		switch {
		case plus || bracket || cue:
			return digits
		case len(g) == 1 && digits >= 10 && !order:
			return digits
		case len(g) > 1 && !thousands(g) && !order:
			return digits
		}
	}
	return 0
}

// thousands reports groups shaped like a large number: 1–3 digits, then
// groups of exactly 3.
func thousands(g []int) bool {
	if g[0] > 3 {
		return false
	}
	for _, n := range g[1:] {
		if n != 3 {
			return false
		}
	}
	return true
}

func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	if n == 0 && !isASCII(s) {
		for _, r := range s {
			if r >= utf8.RuneSelf && unicode.IsDigit(r) {
				n++
			}
		}
	}
	return n
}
