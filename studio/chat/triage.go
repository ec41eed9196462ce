package chat

import (
	"strings"
	"unicode"
)

// triage sorts messages into the host's queues: questions, want-it,
// mentions of the host, and the products they name. It reads the Plain
// tokens, so Russian, Chinese, Latvian, Spanish and Arabic stay
// themselves; it only reads, so it runs outside the pipeline's lock.
type triage struct {
	phrases  *matcher
	classes  []triageClass
	lengths  []int            // tokens per phrase, for whole-message phrases
	products *matcher         // keywords, and titles that have no words (Chinese, Japanese)
	names    *names           // titles, word by word in any order (naming.go)
	numbers  map[string][]int // lot number → product indices
	refs     []string
	hosts    map[string]bool
}

type triageResult struct {
	question, want, mention bool
	products                []int // indices into the product list
}

func newTriage(rs *Rules, products []Product) *triage {
	t := &triage{phrases: newMatcher(), products: newMatcher(), numbers: map[string][]int{}, hosts: map[string]bool{}}
	add := func(class triageClass, p string) {
		if t.phrases.add(p, len(t.classes), plainMode, nil) {
			t.classes = append(t.classes, class)
			t.lengths = append(t.lengths, len(t.phrases.phrases[len(t.phrases.phrases)-1].toks))
		}
	}
	for _, g := range triageLexicon {
		for _, p := range splitPhrases(g.phrases) {
			add(g.class, p)
		}
	}
	for _, p := range rs.Triage.Questions {
		add(tQuestion, p)
	}
	for _, p := range rs.Triage.Want {
		add(tWant, p)
	}
	var keyed []bool
	t.names, keyed = newNames(products)
	for i, p := range products {
		t.refs = append(t.refs, p.Ref)
		for _, k := range p.Keywords {
			t.products.add(k, i, plainMode, nil)
		}
		if !keyed[i] && p.Title != "" {
			t.products.add(p.Title, i, plainMode, nil)
		}
		if p.Number != "" {
			t.numbers[p.Number] = append(t.numbers[p.Number], i)
		}
	}
	for _, h := range rs.Triage.Hosts {
		t.hosts[fold(strings.TrimPrefix(strings.TrimSpace(h), "@"))] = true
	}
	return t
}

func (t *triage) classify(n *Normalized) triageResult {
	var r triageResult
	var buf [maxHits]hit
	var cls triageClass
	for _, h := range t.phrases.find(n.Plain, buf[:0]) {
		c := t.classes[h.tag]
		switch {
		case c&(tQuestionStart|tWantStart) != 0 && !atStart(n.Plain, int(h.pos)):
			continue
		case c&tWantAlone != 0 && (h.pos != 0 || t.lengths[h.tag] != len(n.Plain)):
			continue
		}
		cls |= c
	}
	asks := strings.ContainsAny(n.Folded, "?¿؟")
	// "Qué bonito!", "как красиво!", "what a dress!": an exclamation is
	// not a question, whatever word it starts with.
	exclaims := strings.HasSuffix(strings.TrimRightFunc(n.Folded, notPunct), "!") || strings.ContainsRune(n.Folded, '¡')
	r.question = asks || (!exclaims && cls&(tQuestion|tQuestionStart) != 0)
	r.want = (cls&(tWant|tWantStart|tWantAlone) != 0 || plusOne(n.Folded)) && cls&tNotWant == 0

	for _, h := range t.products.find(n.Plain, buf[:0]) {
		r.products = appendOnce(r.products, int(h.tag))
	}
	r.products = t.names.find(n.Plain, r.products)
	if len(r.products) > 0 && !r.question {
		r.want = true // naming a product, not asking about it, is wanting it
	}
	if num := lotNumber(n); num != "" {
		for _, i := range t.numbers[num] {
			r.products = appendOnce(r.products, i)
			r.want = true
		}
	}
	for _, m := range n.Mentions {
		if t.hosts[m] {
			r.mention = true
		}
	}
	return r
}

// atStart: the phrase opens the message, after at most two lead-in words.
func atStart(toks []string, pos int) bool {
	if pos > 2 {
		return false
	}
	for _, t := range toks[:pos] {
		if !leadIns[t] {
			return false
		}
	}
	return true
}

// notPunct trims emoji and spaces off the end before looking for "!".
func notPunct(r rune) bool { return r != '!' && !unicode.IsPunct(r) }

// plusOne finds "+1" (but not "+1 555 ..." or "2+1"), and a whole message
// of pluses ("+", "++", "➕").
func plusOne(f string) bool {
	for i := 0; ; {
		j := strings.Index(f[i:], "+1")
		if j < 0 {
			break
		}
		j += i
		after := f[j+2:]
		before := j == 0 || !isDigitByte(f[j-1])
		if before && (after == "" || !isDigitByte(after[0]) && !(after[0] == ' ' && len(after) > 1 && isDigitByte(after[1]))) {
			return true
		}
		i = j + 2
	}
	s := strings.TrimSpace(f)
	return s != "" && strings.Trim(s, "+➕! ") == ""
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// lotMarkers are words before a lot number: "number 12", "номер 12", "12号".
var lotMarkers = plainSet(`no nr num number item lot номер лот артикул numero numurs 编号 号码`)

// lotNumber returns the lot number a message names: the whole message
// ("12"), or a marked one ("#12", "№12", "number 12", "12号").
func lotNumber(n *Normalized) string {
	toks := n.Plain
	if len(toks) == 1 && isNumber(toks[0]) {
		return toks[0]
	}
	if i := strings.IndexByte(n.Folded, '#'); i >= 0 {
		j := i + 1
		for j < len(n.Folded) && isDigitByte(n.Folded[j]) {
			j++
		}
		if j > i+1 && j-i-1 <= 6 {
			return n.Folded[i+1 : j]
		}
	}
	for i, t := range toks {
		switch {
		case isNumber(t) && i > 0 && lotMarkers[toks[i-1]]:
			return t
		case isNumber(t) && i+1 < len(toks) && toks[i+1] == "号":
			return t
		case len(t) > 2 && (strings.HasPrefix(t, "no") || strings.HasPrefix(t, "nr")) && isNumber(t[2:]):
			return t[2:] // "№12" folds to "no12"
		}
	}
	return ""
}

func isNumber(s string) bool {
	if s == "" || len(s) > 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func appendOnce(xs []int, x int) []int {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
