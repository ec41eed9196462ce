package chat

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Products named the way viewers name them: "the blue mug", "mug in blue"
// and "ceramic mug blue" all name "Ceramic mug, blue". Everything here is
// derived from the catalog's titles once, when the pipeline is built; a
// message costs one map lookup per word, and the few keys its words start.
//
// A title is cut into its name and its variant ("Ceramic mug" and "blue"
// of "Ceramic mug, blue"; see splitTitle). Products with the same name are
// the variants of one product, the first in the catalog's order its base.
// A key is a set of title words; a message names the key's product when it
// has every word of the key as a whole word, in any order:
//
//   - the title's words ("blue ceramic mug");
//   - the name's words without its numbers and one-letter words, with the
//     variant's ("electric kettle" of "Electric kettle 1.7 l"), when that
//     leaves two words or more and no other product's title has them all;
//   - the name's head word (its last word of three letters or more: "mug")
//     or its first such word (the noun in Russian or Spanish: "кружка" of
//     "Кружка керамическая") with the variant's words ("blue mug", "mug in
//     blue", "синяя кружка"), when no other product's title has them all;
//   - for the base only: the name's words ("ceramic mug"), as when the
//     catalog had no variants, and the head word alone ("mug") when no
//     other product's title has it.
//
// When a message matches keys of several products and one key's words are
// a part of another's, the larger one wins: "ceramic mug red" names the
// red mug, not also the base. "mug" when two products are mugs names none.
// Titles in Chinese or Japanese have no word breaks: they stay phrases.

// titleSeps cut a variant's title into its name and its variant part.
var titleSeps = []string{", ", " — ", " – ", " - ", " / "}

// splitTitle returns the name and the variant of a title: "Linen shirt"
// and "M" of "Linen shirt, M" or "Linen shirt — M"; variant is "" when the
// title has none.
func splitTitle(title string) (name, variant string) {
	for _, sep := range titleSeps {
		if i := strings.Index(title, sep); i > 0 {
			return strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		}
	}
	return strings.TrimSpace(title), ""
}

// names finds the products a message names by their title words.
type names struct {
	ids    map[string]int32 // title word → word id
	keys   []nameKey
	byWord [][]int32 // word id → the keys looked at when it is in a message
}

type nameKey struct {
	words   []int32 // sorted, distinct
	product int32
}

// titleWords is one product's title, as word ids.
type titleWords struct {
	all, name, short, variant []int32 // sorted sets; short: name without numbers and one-letter words
	head                      int32   // -1 when the name has no head word
	first                     int32   // the name's first word of three letters or more; -1 when none
	group                     string  // the folded name: products that share it are variants
}

// newNames compiles the keys of products. keyed[i] is false for a product
// that has none (no title, or a title in Chinese or Japanese).
func newNames(products []Product) (nm *names, keyed []bool) {
	nm = &names{ids: map[string]int32{}}
	keyed = make([]bool, len(products))
	titles := make([]titleWords, len(products))
	var with [][]int32 // word id → products whose title has it
	id := func(w string) int32 {
		if i, ok := nm.ids[w]; ok {
			return i
		}
		i := int32(len(nm.ids))
		nm.ids[w] = i
		with = append(with, nil)
		return i
	}
	for i, p := range products {
		name, variant := splitTitle(p.Title)
		nt, vt := tokenize(fold(name), plainMode), tokenize(fold(variant), plainMode)
		if len(vt) == 0 && variant != "" {
			nt = tokenize(fold(p.Title), plainMode) // a variant part with no words is the name's
		}
		if len(nt) == 0 || slices.ContainsFunc(nt, hasHan) || slices.ContainsFunc(vt, hasHan) {
			continue
		}
		tw := titleWords{head: -1, first: -1, group: strings.Join(nt, " ")}
		for _, w := range nt {
			tw.name = append(tw.name, id(w))
			if !minorWord(w) {
				tw.short = append(tw.short, id(w))
			}
			if utf8.RuneCountInString(w) >= 3 && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				tw.head = id(w)
				if tw.first < 0 {
					tw.first = tw.head
				}
			}
		}
		for _, w := range vt {
			tw.variant = append(tw.variant, id(w))
		}
		tw.name, tw.short, tw.variant = set(tw.name), set(tw.short), set(tw.variant)
		if len(tw.short) == 0 {
			tw.short = tw.name
		}
		tw.all = set(append(slices.Clone(tw.name), tw.variant...))
		titles[i] = tw
		keyed[i] = true
		for _, w := range tw.all {
			with[w] = append(with[w], int32(i))
		}
	}
	// only reports whether no product but those ok allows has every word of k.
	only := func(k []int32, ok func(j int) bool) bool {
		rare := k[0]
		for _, w := range k {
			if len(with[w]) < len(with[rare]) {
				rare = w
			}
		}
		for _, j := range with[rare] {
			if !ok(int(j)) && subset(k, titles[j].all) {
				return false
			}
		}
		return true
	}
	bases := map[string]bool{}
	for i := range products {
		if !keyed[i] {
			continue
		}
		tw := &titles[i]
		self := func(j int) bool { return j == i }
		group := func(j int) bool { return keyed[j] && titles[j].group == tw.group }
		nm.add(tw.all, i)
		if k := set(append(slices.Clone(tw.short), tw.variant...)); len(k) >= 2 && !slices.Equal(k, tw.all) && only(k, self) {
			nm.add(k, i)
		}
		for _, h := range []int32{tw.head, tw.first} {
			if k := set(append([]int32{h}, tw.variant...)); len(tw.variant) > 0 && h >= 0 && only(k, self) {
				nm.add(k, i)
			}
		}
		first := !bases[tw.group]
		bases[tw.group] = true
		if !first || len(tw.variant) == 0 {
			continue // a product without variants has no base to name
		}
		nm.add(tw.name, i)
		if !slices.Equal(tw.short, tw.name) && only(tw.short, group) {
			nm.add(tw.short, i)
		}
		if tw.head >= 0 && only([]int32{tw.head}, group) {
			nm.add([]int32{tw.head}, i)
		}
	}
	nm.index()
	return nm, keyed
}

// add adds key k of product i, once. A product's keys are added one
// after another, so only the last few are compared.
func (nm *names) add(k []int32, i int) {
	for j := len(nm.keys) - 1; j >= 0 && int(nm.keys[j].product) == i; j-- {
		if slices.Equal(nm.keys[j].words, k) {
			return
		}
	}
	nm.keys = append(nm.keys, nameKey{words: slices.Clone(k), product: int32(i)})
}

// index files each key under its word that the fewest keys have, so a
// message's common words ("mug") start few checks.
func (nm *names) index() {
	uses := make([]int, len(nm.ids))
	for _, k := range nm.keys {
		for _, w := range k.words {
			uses[w]++
		}
	}
	nm.byWord = make([][]int32, len(nm.ids))
	for i, k := range nm.keys {
		rare := k.words[0]
		for _, w := range k.words {
			if uses[w] < uses[rare] {
				rare = w
			}
		}
		nm.byWord[rare] = append(nm.byWord[rare], int32(i))
	}
}

// maxNamed bounds the distinct title words read from one message.
const maxNamed = 32

// find appends to out (once each) the products the words toks name.
func (nm *names) find(toks []string, out []int) []int {
	if nm == nil || len(nm.keys) == 0 {
		return out
	}
	var pb [maxNamed]int32
	present := pb[:0]
	for _, t := range toks {
		w, ok := nm.ids[t]
		if !ok {
			w, ok = nm.plural(t)
		}
		if ok && !slices.Contains(present, w) {
			if present = append(present, w); len(present) == maxNamed {
				break
			}
		}
	}
	if len(present) == 0 {
		return out
	}
	var mb [maxHits]int32
	matched := mb[:0]
	for _, w := range present {
		for _, k := range nm.byWord[w] {
			if len(matched) < maxHits && allIn(nm.keys[k].words, present) {
				matched = append(matched, k)
			}
		}
	}
	for a, ka := range matched {
		wa := nm.keys[ka].words
		beaten := false
		for b, kb := range matched {
			if wb := nm.keys[kb].words; b != a && len(wa) < len(wb) && subset(wa, wb) {
				beaten = true // a larger key names a more specific product
				break
			}
		}
		if !beaten {
			out = appendOnce(out, int(nm.keys[ka].product))
		}
	}
	return out
}

// plural is the title word of an English plural: "mugs", "glasses".
func (nm *names) plural(t string) (int32, bool) {
	n := len(t)
	if n < 4 || t[n-1] != 's' {
		return 0, false
	}
	if w, ok := nm.ids[t[:n-1]]; ok {
		return w, true
	}
	if t[n-2] == 'e' {
		w, ok := nm.ids[t[:n-2]]
		return w, ok
	}
	return 0, false
}

// minorWord: a number or a single letter ("1.7 l"), which viewers leave out.
func minorWord(w string) bool {
	return utf8.RuneCountInString(w) == 1 || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

func hasHan(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return isHan(r)
}

// set sorts xs and removes repeats, in place.
func set(xs []int32) []int32 {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// subset: every element of the sorted set a is in the sorted set b.
func subset(a, b []int32) bool {
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j == len(b) || b[j] != x {
			return false
		}
		j++
	}
	return true
}

func allIn(k, present []int32) bool {
	for _, w := range k {
		if !slices.Contains(present, w) {
			return false
		}
	}
	return true
}
