package chat

import (
	"fmt"
	"os"
	"strconv"
)

// Product is what triage needs of a catalog product: how viewers name it.
// A message names it by its title's words in any order (naming.go), by
// one of its keywords, or by its number.
type Product struct {
	Ref   string // SKU or handle; what Decision.Products lists
	Title string
	// Keywords are more phrases viewers use for it ("purple one", "синяя
	// кружка", "蓝色杯子"), matched as phrases: their words in order, whole
	// words, where "*" is any ending ("кружк*") and a lone "*" up to three
	// words.
	Keywords []string
	// Number is the lot number the host says on air ("number 12"); a
	// message that is just the number, or "#12", wants it.
	Number string
}

// LoadProducts reads a product list file:
//
//	[[product]]
//	ref = "GZ-PUR-S"
//	title = "Gauze shirt, purple"
//	keywords = ["gauze shirt", "gauze"]
//	number = 12
func LoadProducts(path string) ([]Product, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadProducts, err)
	}
	return ParseProducts(data)
}

// ParseProducts reads a product list file's contents.
func ParseProducts(data []byte) ([]Product, error) {
	var f struct {
		Product []struct {
			Ref      string   `toml:"ref"`
			Title    string   `toml:"title"`
			Keywords []string `toml:"keywords"`
			Number   any      `toml:"number"` // 12 or "12"
		} `toml:"product"`
	}
	if err := decodeStrict(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadProducts, err)
	}
	seen := map[string]bool{}
	out := make([]Product, 0, len(f.Product))
	for i, p := range f.Product {
		if p.Ref == "" {
			return nil, fmt.Errorf("%w: product %d has no ref", ErrBadProducts, i+1)
		}
		if seen[p.Ref] {
			return nil, fmt.Errorf("%w: product %q listed twice", ErrBadProducts, p.Ref)
		}
		seen[p.Ref] = true
		num := ""
		switch v := p.Number.(type) {
		case nil:
		case int64:
			num = strconv.FormatInt(v, 10)
		case string:
			num = v
		default:
			return nil, fmt.Errorf("%w: product %q: number must be a number or a string", ErrBadProducts, p.Ref)
		}
		out = append(out, Product{Ref: p.Ref, Title: p.Title, Keywords: p.Keywords, Number: num})
	}
	return out, nil
}
