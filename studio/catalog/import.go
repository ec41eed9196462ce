// Package catalog imports product catalogs exported from Shopify and
// WooCommerce into the store: it detects the format and the encoding, checks
// every row, caches the images, and writes the whole file in one transaction
// (or, with DryRun, only says what would change).
package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"

	"github.com/vitrina-live/vitrina/studio/store"
)

// MaxFileBytes caps the file read into memory: a 50,000-variant export is
// around 30 MB, so this leaves ample room while refusing a wrong file.
const MaxFileBytes = 512 << 20

// Options tune one import.
type Options struct {
	Encoding string      // "" detects (BOM, else UTF-8); see ParseEncoding
	DryRun   bool        // check and count, write nothing (no rows, no images)
	SkipBad  bool        // import the good rows of a file that has bad ones
	Images   *ImageCache // nil: record image sources but cache none
	BaseDir  string      // where relative image paths start; ImportFile uses the CSV's folder
	Logger   *slog.Logger
}

// Report is what an import found and did.
type Report struct {
	Format             Format
	Encoding           string
	Rows               int // data rows read, bad ones included
	DryRun             bool
	Products, Variants Counts
	Images             ImageCounts
	Errors             []RowError // bad rows: with SkipBad they were skipped, else nothing was written
	Warnings           []RowError // images not cached, products skipped on purpose
}

// ImportFile imports the CSV at path.
func ImportFile(ctx context.Context, db *store.DB, path string, opt Options) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadFile, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%w: over %d MiB", ErrTooLarge, MaxFileBytes>>20)
	}
	if opt.BaseDir == "" {
		opt.BaseDir = filepath.Dir(path)
	}
	return Import(ctx, db, data, opt)
}

// Import imports a CSV export held in memory. With bad rows and no SkipBad
// it writes nothing and returns the report with an error wrapping ErrBadRows.
func Import(ctx context.Context, db *store.DB, data []byte, opt Options) (*Report, error) {
	log := opt.Logger
	if log == nil {
		log = slog.Default()
	}
	enc, err := ParseEncoding(opt.Encoding)
	if err != nil {
		return nil, err
	}
	text, used, err := decodeText(data, enc)
	if err != nil {
		return nil, err
	}
	res, err := parse(text)
	if err != nil {
		return nil, err
	}
	rep := &Report{Format: res.format, Encoding: used, Rows: res.rows, DryRun: opt.DryRun,
		Errors: res.errs, Warnings: res.warns}
	if len(res.errs) > 0 && !opt.SkipBad {
		return rep, fmt.Errorf("%w: %d of %d, nothing imported: %s (fix them, or pass --skip-bad to import the other rows)",
			ErrBadRows, badRowCount(res.errs), res.rows, firstErrors(res.errs, 3))
	}

	known, err := store.CachedImages(ctx, db.Reader())
	if err != nil {
		return rep, err
	}
	if opt.DryRun {
		// Compare as if every image were cached where it was last time, so
		// a dry run reports what the import would change and fetches nothing.
		for _, it := range res.items {
			for i := range it.p.Images {
				it.p.Images[i].LocalPath = known[it.p.Images[i].Src]
			}
		}
		err = db.Read(ctx, func(tx *sql.Tx) error {
			existing, err := store.LoadCatalog(ctx, tx)
			if err != nil {
				return err
			}
			_, rep.Products, rep.Variants = plan(existing, res.items, len(res.errs) == 0)
			return nil
		})
		return rep, err
	}

	// Images are fetched before the write transaction: the network must
	// never hold the one writer.
	if opt.Images != nil {
		var warns []RowError
		rep.Images, warns = opt.Images.cacheImages(ctx, res.items, opt.BaseDir, known)
		rep.Warnings = append(rep.Warnings, warns...)
		sort.SliceStable(rep.Warnings, func(i, j int) bool { return rep.Warnings[i].Line < rep.Warnings[j].Line })
	}
	err = db.Write(ctx, func(tx *sql.Tx) error {
		existing, err := store.LoadCatalog(ctx, tx)
		if err != nil {
			return err
		}
		plans, prod, vars := plan(existing, res.items, len(res.errs) == 0)
		if err := apply(ctx, tx, plans); err != nil {
			return err
		}
		rep.Products, rep.Variants = prod, vars
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("writing the catalog: %w", err)
	}
	log.Info("catalog imported", "format", rep.Format, "rows", rep.Rows,
		"products_new", rep.Products.New, "products_updated", rep.Products.Updated,
		"variants_new", rep.Variants.New, "variants_updated", rep.Variants.Updated,
		"bad_rows_skipped", len(rep.Errors), "images_failed", rep.Images.Failed)
	return rep, nil
}
