package show

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// RundownItem is one [[rundown]] entry: a product in the order the host
// plans to present it, with its planned minutes and the notes and FAQ only
// the host and the moderators see (never on air). A show file without
// [[rundown]] has the catalog's order instead.
//
// faq is a list of strings, each a question with its answer as the host
// wants to read it: "Microwave safe? Yes, up to 800 W."
//
// keywords are more ways viewers name the product in chat ("blue mug",
// "синяя кружка", "蓝色杯子"): phrases that count as interest in it, on top
// of its title's words and its claim number.
type RundownItem struct {
	Product  string   `toml:"product"` // SKU or handle of the catalog
	Minutes  *float64 `toml:"minutes"` // planned minutes on air; nil when not planned
	Notes    string   `toml:"notes"`
	FAQ      []string `toml:"faq"`
	Keywords []string `toml:"keywords"`
}

// Limits of a rundown entry, so a pasted document cannot swamp the pane.
const (
	MaxRundown      = 500  // entries
	MaxRundownNotes = 4000 // characters of notes
	MaxRundownFAQ   = 50   // questions an entry
	maxFAQRunes     = 1000 // characters a question with its answer
	MaxKeywords     = 20   // chat keywords an entry
	maxKeywordRunes = 100  // characters a keyword
	maxPlanMinutes  = 24 * 60
)

// Planned is the planned time on air, 0 when the entry plans none.
func (r RundownItem) Planned() time.Duration {
	if r.Minutes == nil {
		return 0
	}
	return time.Duration(*r.Minutes * float64(time.Minute)).Round(time.Second)
}

// validateRundown checks [[rundown]]: a product each, once; minutes above
// 0; notes and FAQ of a sane size. Whether the catalog knows the products
// is checked when the show starts, when the catalog is loaded.
func (f *File) validateRundown() error {
	if len(f.Rundown) > MaxRundown {
		return bad("rundown: %d entries, at most %d", len(f.Rundown), MaxRundown)
	}
	first := map[string]int{}
	for i := range f.Rundown {
		r := &f.Rundown[i]
		where := fmt.Sprintf("rundown[%d]", i)
		r.Product = strings.TrimSpace(r.Product)
		if r.Product == "" {
			return bad("%s: product is required (a SKU or handle of the catalog)", where)
		}
		where = fmt.Sprintf("rundown[%d] (%q)", i, r.Product)
		if utf8.RuneCountInString(r.Product) > 64 {
			return bad("%s: product is longer than 64 characters", where)
		}
		if j, dup := first[r.Product]; dup {
			return bad("%s: product is listed twice (first at rundown[%d])", where, j)
		}
		first[r.Product] = i
		if m := r.Minutes; m != nil && (math.IsNaN(*m) || *m <= 0 || *m > maxPlanMinutes) {
			return bad("%s: minutes %g: want planned minutes above 0 (at most %d), or leave the key out", where, *m, maxPlanMinutes)
		}
		if !utf8.ValidString(r.Notes) || utf8.RuneCountInString(r.Notes) > MaxRundownNotes {
			return bad("%s: notes: at most %d characters of text", where, MaxRundownNotes)
		}
		if len(r.FAQ) > MaxRundownFAQ {
			return bad("%s: faq: %d questions, at most %d", where, len(r.FAQ), MaxRundownFAQ)
		}
		for k, q := range r.FAQ {
			if strings.TrimSpace(q) == "" {
				return bad("%s: faq[%d] is empty", where, k)
			}
			if !utf8.ValidString(q) || utf8.RuneCountInString(q) > maxFAQRunes {
				return bad("%s: faq[%d]: at most %d characters of text", where, k, maxFAQRunes)
			}
		}
		if err := validateKeywords(r.Keywords, where); err != nil {
			return err
		}
	}
	return nil
}

// validateKeywords checks an entry's chat keywords and trims them: each a
// phrase with a letter in it, of a sane size. A keyword of digits alone
// would take every message with that number in it; the claim number is the
// catalog's.
func validateKeywords(kws []string, where string) error {
	if len(kws) > MaxKeywords {
		return bad("%s: keywords: %d, at most %d", where, len(kws), MaxKeywords)
	}
	for k := range kws {
		kw := strings.TrimSpace(kws[k])
		switch {
		case kw == "":
			return bad("%s: keywords[%d] is empty", where, k)
		case !utf8.ValidString(kw) || utf8.RuneCountInString(kw) > maxKeywordRunes:
			return bad("%s: keywords[%d]: at most %d characters of text", where, k, maxKeywordRunes)
		case strings.IndexFunc(kw, unicode.IsLetter) < 0:
			return bad("%s: keywords[%d] %q has no letter: a keyword is words viewers write (the claim number is the catalog's)", where, k, kw)
		}
		kws[k] = kw
	}
	return nil
}
