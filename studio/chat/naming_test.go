package chat

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// mugShop has a product with two variants, one that shares its noun, and
// a variant product alone.
var mugShop = []Product{
	{Ref: "MUG-BLUE", Title: "Ceramic mug, blue", Number: "3",
		Keywords: []string{"синяя кружка", "кружк* син*", "蓝色杯子"}},
	{Ref: "MUG-RED", Title: "Ceramic mug, red", Number: "4"},
	{Ref: "TRAVEL", Title: "Travel mug", Number: "5"},
	{Ref: "SHIRT-M", Title: "Linen shirt, M", Number: "6"},
}

// named runs text through a pipeline with products and returns the refs
// its decision names, sorted.
func named(t *testing.T, p *Pipeline, text string) []string {
	t.Helper()
	d := p.Process(Message{User: "viewer", Text: text, Time: t0})
	got := slices.Clone(d.Products)
	slices.Sort(got)
	return got
}

// Viewers name a product in their own words and order; a word that only
// looks like a title word, or a name two products share, names nothing.
func TestProductsNamedInAnyOrder(t *testing.T) {
	p := New(Config{Products: mugShop})
	for _, tt := range []struct {
		text string
		want string // refs, comma-separated; "" for none
	}{
		{"the blue mug", "MUG-BLUE"},
		{"mug in blue", "MUG-BLUE"},
		{"Blue Mug!!", "MUG-BLUE"},
		{"ＢＬＵＥ MÜG", "MUG-BLUE"}, // fullwidth and diacritics fold
		{"blue ceramic mug", "MUG-BLUE"},
		{"two blue mugs please", "MUG-BLUE"},
		{"ceramic mug", "MUG-BLUE"},                    // the base: the first variant
		{"I'd like the ceramic mug in red", "MUG-RED"}, // the variant, not also the base
		{"red mug", "MUG-RED"},
		{"mug", ""}, // two products are mugs
		{"which mug is that?", ""},
		{"travel mug", "TRAVEL"},
		{"the mug for travel", "TRAVEL"},
		{"the blue mug and the red mug", "MUG-BLUE,MUG-RED"},
		{"the linen shirt", "SHIRT-M"},
		{"shirt!", "SHIRT-M"}, // the only shirt: the base's head word
		{"shirt in M", "SHIRT-M"},
		{"m", ""},
		{"3", "MUG-BLUE"},
		{"#5 please", "TRAVEL"},
		// False positives: not whole words, or no name.
		{"blueberry", ""},
		{"blueberry mugshot", ""},
		{"mugshot", ""},
		{"I'm blue today", ""},
		{"blue", ""},
		{"red or blue?", ""},
		{"ceramic is fragile", ""},
		{"I travel a lot", ""},
		// Keywords are phrases, in any script.
		{"синяя кружка!", "MUG-BLUE"},
		{"кружку синюю хочу", "MUG-BLUE"}, // "кружк* син*": any ending
		{"синюю кружку", ""},              // inflected, and no keyword in that order
		{"我要蓝色杯子", "MUG-BLUE"},
		{"蓝色 杯子", "MUG-BLUE"},
		{"蓝色的杯子", ""},
	} {
		want := []string(nil)
		if tt.want != "" {
			want = strings.Split(tt.want, ",")
		}
		if got := named(t, p, tt.text); !slices.Equal(got, want) {
			t.Errorf("%q: products %v, want %v", tt.text, got, want)
		}
	}
}

// With one kind of mug in the catalog, "mug" names its base; the title
// without its numbers names a product, unless another has the same words.
func TestProductsNamedByTheirNoun(t *testing.T) {
	p := New(Config{Products: []Product{
		{Ref: "MUG-BLUE", Title: "Ceramic mug, blue"},
		{Ref: "MUG-RED", Title: "Ceramic mug, red"},
		{Ref: "KETTLE", Title: "Electric kettle 1.7 l"},
		{Ref: "GLASS-2", Title: "Glass 250 ml"},
		{Ref: "GLASS-5", Title: "Glass 500 ml"},
		{Ref: "TEA", Title: "绿茶"},
		{Ref: "TEE", Title: "T-shirt"},
		{Ref: "KR-BLUE", Title: "Кружка керамическая, синяя"},
		{Ref: "TAZA-AZUL", Title: "Taza de cerámica, azul"},
	}})
	for text, want := range map[string][]string{
		"mug":                        {"MUG-BLUE"},
		"2 mugs!":                    {"MUG-BLUE"},
		"red mug":                    {"MUG-RED"},
		"the electric kettle please": {"KETTLE"},
		"kettle":                     nil, // a product without variants: its name, not its noun
		"glass ml":                   nil, // both glasses
		"glass 500 ml":               {"GLASS-5"},
		"500 ml glass":               {"GLASS-5"},
		"我要绿茶":                       {"TEA"},
		"t-shirt please":             {"TEE"},
		"nice shirt":                 nil,         // "shirt" is not its name
		"синяя кружка?":              {"KR-BLUE"}, // the first word: the noun in Russian
		"кружку синюю":               nil,         // inflected: only keywords help
		"la taza azul":               {"TAZA-AZUL"},
		"taza de cerámica":           {"TAZA-AZUL"},
	} {
		if got := named(t, p, text); !slices.Equal(got, want) {
			t.Errorf("%q: products %v, want %v", text, got, want)
		}
	}
}

// The "Asked about" strip counts each way of naming a product under it.
func TestInterestInViewersWords(t *testing.T) {
	p := New(Config{Products: mugShop})
	for i, text := range []string{"the blue mug", "mug in blue", "синяя кружка", "red mug", "mugshot lol"} {
		p.Process(Message{User: string(rune('a' + i)), Text: text, Time: t0.Add(time.Duration(i) * time.Second)})
	}
	got := p.Interest(t0.Add(10*time.Second), time.Minute)
	want := []Interest{{Ref: "MUG-BLUE", Mentions: 3, People: 3, Window: time.Minute},
		{Ref: "MUG-RED", Mentions: 1, People: 1, Window: time.Minute}}
	if !slices.Equal(got, want) {
		t.Errorf("interest %+v, want %+v", got, want)
	}
}

func TestSplitTitle(t *testing.T) {
	for title, want := range map[string][2]string{
		"Linen shirt, M":    {"Linen shirt", "M"},
		"Linen shirt — M":   {"Linen shirt", "M"},
		"Mug / blue":        {"Mug", "blue"},
		"Travel mug":        {"Travel mug", ""},
		"Bag, leather, red": {"Bag", "leather, red"},
	} {
		if n, v := splitTitle(title); n != want[0] || v != want[1] {
			t.Errorf("splitTitle(%q) = %q, %q; want %q, %q", title, n, v, want[0], want[1])
		}
	}
}

// BenchmarkNameProducts is what naming products by their title words adds
// to each message of BenchmarkPipeline's mix: with its two products, and
// with a 600-product catalog of 200 products in three colours.
func BenchmarkNameProducts(b *testing.B) {
	plain := make([][]string, len(benchTexts))
	for i, s := range benchTexts {
		n := Normalize(s)
		plain[i] = n.Plain
	}
	big := make([]Product, 0, 600)
	for i := range 200 {
		for _, c := range []string{"red", "blue", "green"} {
			big = append(big, Product{Ref: fmt.Sprint(i, c), Title: fmt.Sprintf("Item%d shirt, %s", i, c)})
		}
	}
	for _, c := range []struct {
		name     string
		products []Product
	}{{"two", triageProducts}, {"600", big}} {
		nm, _ := newNames(c.products)
		b.Run(c.name, func(b *testing.B) {
			var out []int
			for i := 0; i < b.N; i++ {
				out = nm.find(plain[i%len(plain)], out[:0])
			}
		})
	}
}

// BenchmarkNameKeys is the cost of compiling a 3,000-product catalog's
// names, paid once per show.
func BenchmarkNameKeys(b *testing.B) {
	big := make([]Product, 0, 3000)
	for i := range 1000 {
		for _, c := range []string{"red", "blue", "green"} {
			big = append(big, Product{Ref: fmt.Sprint(i, c), Title: fmt.Sprintf("Item%d linen shirt, %s", i, c)})
		}
	}
	for i := 0; i < b.N; i++ {
		newNames(big)
	}
}
