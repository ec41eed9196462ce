package catalog

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/vitrina-live/vitrina/studio/store"
)

// FuzzImport feeds arbitrary bytes to the importer against one database
// that keeps what earlier inputs imported, so SKU moves and option matches
// across files get exercised too. It checks what a user relies on:
//   - the importer never panics;
//   - every failure is the file's fault (ErrBadFile), never a database error
//     such as a unique constraint the plan failed to respect;
//   - every reported line is a line of the file;
//   - importing the same file again changes nothing.
//
// The seed corpus is testdata/fuzz/FuzzImport plus the samples below. Each
// input touches SQLite, so minimizing one is slow; run it as
//
//	go test -run '^$' -fuzz FuzzImport -fuzztime 60s -fuzzminimizetime 3s ./studio/catalog/
func FuzzImport(f *testing.F) {
	for _, name := range []string{"shopify_products.csv", "woocommerce_products.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, false)
		f.Add(b, true)
	}
	f.Add([]byte(russianShopify), false)
	f.Add([]byte("Handle,Title,Variant SKU,Variant Price\nh,T,S1,1.00\nh,,S1,2.00\n"), true)
	f.Add([]byte("ID,Type,SKU,Name,Regular price,Parent,Attribute 1 name,Attribute 1 value(s)\n1,variable,P,Pants,,,Size,\"S, M\"\n2,variation,P-S,,5,P,Size,S\n"), false)

	db, err := store.OpenDir(context.Background(), f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))

	f.Fuzz(func(t *testing.T, data []byte, skipBad bool) {
		ctx := context.Background()
		rep, err := Import(ctx, db, data, Options{SkipBad: skipBad, Logger: quiet})
		if err != nil && !errors.Is(err, ErrBadFile) {
			t.Fatalf("an error that is not the file's fault: %v", err)
		}
		if rep == nil {
			return
		}
		text, _, derr := decodeText(data, EncodingAuto)
		if derr != nil {
			t.Fatalf("a report for a file that does not decode: %v", derr)
		}
		lines := bytes.Count(text, []byte{'\n'}) + 1
		for _, e := range append(append([]RowError(nil), rep.Errors...), rep.Warnings...) {
			if e.Line < 1 || e.Line > lines {
				t.Fatalf("%v: the file has %d lines", e, lines)
			}
		}
		if err != nil {
			return
		}
		again, err := Import(ctx, db, data, Options{SkipBad: skipBad, DryRun: true, Logger: quiet})
		if err != nil {
			t.Fatalf("the dry run of a file that just imported failed: %v", err)
		}
		if again.Products.New+again.Products.Updated+again.Variants.New+again.Variants.Updated+again.Variants.Removed != 0 {
			t.Fatalf("re-importing the same file would change products %+v variants %+v", again.Products, again.Variants)
		}
	})
}
