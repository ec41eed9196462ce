package chat

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// link is a web address found in a message.
type link struct {
	host       string
	obfuscated bool // "example .com", "example dot com", "example[.]com"
}

// maxLinks bounds the links looked at in one message.
const maxLinks = 8

// tldTight are the top-level domains that make "word.tld" a link when
// written without spaces. Two-letter ones that are common words or
// abbreviations ("it", "in", "is", "me" ...) are left out on purpose: "ok.so"
// and "do.it" are chat, not links; ".me", ".to" and ".ly" stay because
// shorteners and spam use them and they are not words a sentence ends on.
var tldTight = setOf(`com net org edu gov info biz xyz top club site online shop store live link click
	win vip icu fun buzz work app dev page bio pro mobi name tel
	ru su ua by kz lv lt ee pl de fr es pt nl uk eu cz sk ro hu gr tr il ae sa eg ma
	cn hk tw jp kr vn th id sg ph my au nz ca us mx ar br cl co
	ly gg io tv fm ai tk ml ga cf gq cc ws pw sh st gl gd me to ee рф`)

// tldSpaced are the domains that still make a link when the dot is spaced
// out or spelt ("example . com", "example dot ru"): only endings that are
// never ordinary words.
var tldSpaced = setOf(`com net org ru xyz biz tk cn lv info online site рф`)

// dotWords spell a dot out.
var dotWords = setOf(`dot d0t dott tochka точка punto punkts 点 نقطة`)

// shorteners hide where a link goes; a decision's reason says so.
var shorteners = setOf(`bit.ly tinyurl.com goo.gl t.co is.gd cutt.ly ow.ly buff.ly rebrand.ly
	shorturl.at tiny.cc t.me wa.me linktr.ee clck.ru vk.cc u.to`)

// setOf is a set of words in the Latin form (links are found there).
func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[latin(fold(w))] = true
	}
	return m
}

// plainSet is a set of words in the folded form of Normalized.Plain.
func plainSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[fold(w)] = true
	}
	return m
}

// linkItem is one piece of a message as the link finder sees it.
type linkItem struct {
	text   string // a label; empty for a dot
	dot    bool
	obf    bool // a spelt-out or bracketed dot, or a comma
	spaced bool // whitespace or a bracket before it
	scheme bool // a label followed by "://"
}

// findLinks finds the web addresses in a Latin-form text: with a scheme,
// "www.", bare domains ("bit.ly/x") and obfuscated ones.
func findLinks(s string) []link {
	if !mayHaveLink(s) {
		return nil
	}
	var buf [32]linkItem
	items := linkItems(s, buf[:0])
	var out []link
	add := func(host string, obf bool) {
		for _, l := range out {
			if l.host == host {
				return
			}
		}
		if len(out) < maxLinks {
			out = append(out, link{host: host, obfuscated: obf})
		}
	}
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.scheme && i+1 < len(items) && items[i+1].text != "" {
			host, j := hostFrom(items, i+1)
			add(host, false)
			i = j
			continue
		}
		if !it.dot || i == 0 || i+1 >= len(items) || items[i-1].text == "" || items[i+1].text == "" {
			continue
		}
		tld := items[i+1].text
		tight := !it.obf && !it.spaced && !items[i+1].spaced
		if (tight && tldTight[tld]) || (!tight && tldSpaced[tld]) {
			start := i - 1
			for start >= 2 && items[start-1].dot && !items[start-1].obf && !items[start-1].spaced &&
				!items[start].spaced && items[start-2].text != "" {
				start -= 2
			}
			host, j := hostFrom(items, start)
			add(host, !tight)
			i = j
		}
	}
	return out
}

// hostFrom joins label, dot, label ... from items[i] while the dots are
// tight, and returns the host and the index of its last item.
func hostFrom(items []linkItem, i int) (string, int) {
	var b strings.Builder
	b.WriteString(items[i].text)
	j := i
	for j+2 < len(items) && items[j+1].dot && items[j+2].text != "" {
		if items[j+1].obf || items[j+1].spaced || items[j+2].spaced {
			if !tldSpaced[items[j+2].text] {
				break
			}
		}
		b.WriteByte('.')
		b.WriteString(items[j+2].text)
		j += 2
	}
	return b.String(), j
}

// linkItems cuts s into labels and dots, at most 512 of them. Chinese
// characters are one label each (so 点 can be a dot); anything else that
// is neither a label, a dot nor a space is an empty item that ends a host.
func linkItems(s string, items []linkItem) []linkItem {
	spaced := false
	push := func(it linkItem) {
		it.spaced = spaced
		if it.text != "" && dotWords[it.text] {
			it = linkItem{dot: true, obf: true, spaced: spaced}
		}
		items = append(items, it)
		spaced = false
	}
	for i := 0; i < len(s) && len(items) < 512; {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isHan(r):
			push(linkItem{text: s[i : i+size]})
			i += size
		case isLabelRune(r):
			j := i
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !isLabelRune(r2) || isHan(r2) {
					break
				}
				j += n
			}
			it := linkItem{text: s[i:j]}
			if strings.HasPrefix(s[j:], "://") {
				it.scheme = true
				j += 3
			}
			push(it)
			i = j
		case r == '.' || r == '。' || r == '·' || r == '•' || r == '∙' || r == ',':
			push(linkItem{dot: true, obf: r != '.'})
			i += size
		case r == ' ' || strings.ContainsRune("()[]{}<>", r):
			spaced = true
			i += size
		default:
			push(linkItem{})
			i += size
		}
	}
	return items
}

// mayHaveLink is a cheap first look: a link needs a dot, a spelt-out dot
// or a scheme, and most chat has none of them.
func mayHaveLink(s string) bool {
	if strings.IndexByte(s, '.') >= 0 || strings.IndexByte(s, ',') >= 0 || strings.Contains(s, "://") ||
		strings.Contains(s, "dot") || strings.Contains(s, "d0t") || strings.Contains(s, "punt") {
		return true
	}
	if isASCII(s) {
		return false
	}
	for _, d := range otherDots {
		if strings.Contains(s, d) {
			return true
		}
	}
	return false
}

// otherDots are the non-ASCII dots and spelt dots mayHaveLink looks for.
var otherDots = func() []string {
	out := []string{"。", "·", "•", "∙"}
	for w := range dotWords {
		if !isASCII(w) {
			out = append(out, w)
		}
	}
	return out
}()

func isLabelRune(r rune) bool {
	return r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// allowedHost reports whether host is one of the allowed domains or under
// one of them.
func allowedHost(host string, allow []string) bool {
	host = strings.TrimPrefix(host, "www.")
	for _, a := range allow {
		if host == a || strings.HasSuffix(host, "."+a) {
			return true
		}
	}
	return false
}

// normalizeHost prepares an allow-list entry: "https://www.Shop.example/"
// becomes "shop.example".
func normalizeHost(h string) string {
	h = latin(fold(strings.TrimSpace(h)))
	if i := strings.Index(h, "://"); i >= 0 {
		h = h[i+3:]
	}
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		h = h[:i]
	}
	return strings.TrimPrefix(h, "www.")
}
