package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
)

// Listing is one variant as the catalog list shows it: what a host picks to
// pin and what `vitrina products list --json` prints.
type Listing struct {
	SKU, Handle, Title, Vendor string
	Options                    []Option
	PriceMinor                 int64
	CompareAtMinor, Stock      *int64
	Images                     []string // local copies, the variant's own picture first
	Published                  bool
	Status                     string
}

// ListVariants lists every variant, products in the order they were first
// imported and variants in their product's order.
func ListVariants(ctx context.Context, q Querier) ([]Listing, error) {
	byHandle, err := LoadCatalog(ctx, q)
	if err != nil {
		return nil, err
	}
	products := make([]*Product, 0, len(byHandle))
	for _, p := range byHandle {
		products = append(products, p)
	}
	sort.Slice(products, func(i, j int) bool { return products[i].ID < products[j].ID })

	var out []Listing
	for _, p := range products {
		for _, v := range p.Variants {
			out = append(out, listingOf(p, v))
		}
	}
	return out, nil
}

func listingOf(p *Product, v Variant) Listing {
	return Listing{
		SKU: v.SKU, Handle: p.Handle, Title: p.Title, Vendor: p.Vendor,
		Options: v.Options, PriceMinor: v.PriceMinor,
		CompareAtMinor: v.CompareAtMinor, Stock: v.Stock,
		Images:    variantImages(p.Images, v.ImageSrc),
		Published: p.Published, Status: p.Status,
	}
}

// variantImages puts the variant's own picture (a colour's photo) first, then
// the product's others; images that could not be cached are left out, since
// a card can only show a file it has.
func variantImages(imgs []Image, own string) []string {
	out := []string{}
	for _, im := range imgs {
		if im.Src == own && own != "" && im.LocalPath != "" {
			out = append(out, im.LocalPath)
		}
	}
	for _, im := range imgs {
		if im.LocalPath != "" && (im.Src != own || own == "") {
			out = append(out, im.LocalPath)
		}
	}
	return out
}

// CachedImages maps each image source to the local copy an earlier import
// made of it, so a re-import does not fetch it again.
func CachedImages(ctx context.Context, q Querier) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT src, local_path FROM images WHERE local_path <> ''")
	if err != nil {
		return nil, fmt.Errorf("store: cached images: %w", err)
	}
	known := map[string]string{}
	for rows.Next() {
		var src, p string
		if err := rows.Scan(&src, &p); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: cached images: %w", err)
		}
		known[src] = p
	}
	return known, closeRows(rows, "cached images")
}

// FindListing finds one variant by SKU, or by product handle (then its
// first variant), the two ways show files and cues name a product.
// ErrNotFound when neither matches.
func FindListing(ctx context.Context, q Querier, ref string) (Listing, error) {
	handle, sku := ref, ""
	err := q.QueryRowContext(ctx, `SELECT p.handle FROM variants v JOIN products p ON p.id = v.product_id
		WHERE v.sku = ? AND v.sku <> ''`, ref).Scan(&handle)
	switch {
	case err == nil:
		sku = ref
	case err != sql.ErrNoRows:
		return Listing{}, fmt.Errorf("store: find %q: %w", ref, err)
	}
	p, err := LoadProduct(ctx, q, handle)
	if errors.Is(err, ErrNotFound) {
		return Listing{}, fmt.Errorf("store: %w: no variant has SKU %q and no product has that handle", ErrNotFound, ref)
	}
	if err != nil {
		return Listing{}, err
	}
	for _, v := range p.Variants {
		if sku == "" || v.SKU == sku {
			return listingOf(p, v), nil
		}
	}
	return Listing{}, fmt.Errorf("store: %w: product %q has no variants", ErrNotFound, handle)
}
