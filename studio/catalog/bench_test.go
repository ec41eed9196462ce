package catalog

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"testing"
)

// shopify50k is a Shopify export of 10,000 products with 5 sizes each:
// 50,000 variant rows with the full 49-column header, an HTML body on every
// product's first row and an image URL per product.
func shopify50k(tb testing.TB) []byte {
	tb.Helper()
	src := readTestdata(tb, "shopify_products.csv")
	header, err := csv.NewReader(bytes.NewReader(src)).Read()
	if err != nil {
		tb.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	sizes := []string{"XS", "S", "M", "L", "XL"}
	for p := range 10000 {
		for i, size := range sizes {
			r := make([]string, len(header))
			set := func(k, v string) { r[col[k]] = v }
			set("Handle", fmt.Sprintf("product-%05d", p))
			if i == 0 {
				set("Title", fmt.Sprintf("Худи «Модель %d», oversize", p))
				set("Body (HTML)", "<p>Тёплое худи, 100% хлопок.</p>\n<ul>\n<li>Стирка при 30 °C</li>\n</ul>")
				set("Vendor", "Гжель & Co.")
				set("Type", "Hoodie")
				set("Tags", "гжель, oversize")
				set("Published", "TRUE")
				set("Option1 Name", "Size")
				set("Image Src", fmt.Sprintf("https://cdn.shopify.com/s/files/1/0612/files/p%05d.jpg?v=1", p))
				set("Image Position", "1")
				set("Status", "active")
			}
			set("Option1 Value", size)
			set("Variant SKU", fmt.Sprintf("P%05d-%s", p, size))
			set("Variant Inventory Tracker", "shopify")
			set("Variant Inventory Qty", fmt.Sprint((p+i)%50))
			set("Variant Price", fmt.Sprintf("%d.%02d", 10+p%90, (p*7+i)%100))
			set("Variant Compare At Price", fmt.Sprintf("%d.00", 120))
			w.Write(r)
		}
	}
	w.Flush()
	return buf.Bytes()
}

// BenchmarkImport50k imports the 50,000-row export into an empty catalog
// (images recorded, not fetched: that is network time, not import time),
// and then again into the filled one, where every row is unchanged.
func BenchmarkImport50k(b *testing.B) {
	data := shopify50k(b)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	b.Run("new", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			b.StopTimer()
			db, _ := openDB(b)
			b.StartTimer()
			rep, err := Import(context.Background(), db, data, Options{Logger: quiet})
			if err != nil || rep.Variants.New != 50000 {
				b.Fatalf("%v, %+v", err, rep)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/import")
	})
	b.Run("reimport", func(b *testing.B) {
		db, _ := openDB(b)
		if _, err := Import(context.Background(), db, data, Options{Logger: quiet}); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			rep, err := Import(context.Background(), db, data, Options{Logger: quiet})
			if err != nil || rep.Variants.Unchanged != 50000 {
				b.Fatalf("%v, %+v", err, rep)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/import")
	})
}

// The 50,000-row file is imported on every test run too, for correctness
// at that size (the time is the benchmark's business: a shared machine makes
// a timing assertion flaky).
func TestImport50kRows(t *testing.T) {
	data := shopify50k(t)
	db, _ := openDB(t)
	rep, err := Import(context.Background(), db, data, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 50000 || rep.Products.New != 10000 || rep.Variants.New != 50000 {
		t.Errorf("report %+v", rep)
	}
	if n := countRows(t, db, "variants"); n != 50000 {
		t.Errorf("%d variants stored", n)
	}
}
