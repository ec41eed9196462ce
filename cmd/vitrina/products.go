package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/catalog"
	"github.com/vitrina-live/vitrina/studio/store"
)

// cmdProducts is `vitrina products import|list`.
func cmdProducts(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: products: want `products import FILE.csv` or `products list`", errUsage)
	}
	switch args[0] {
	case "import":
		return cmdProductsImport(args[1:], stdout, stderr)
	case "list":
		return cmdProductsList(args[1:], stdout)
	}
	return fmt.Errorf("%w: products: unknown subcommand %q (want import or list)", errUsage, args[0])
}

func cmdProductsImport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("products import")
	dry := fs.Bool("dry-run", false, "say what would change and write nothing")
	skipBad := fs.Bool("skip-bad", false, "import the good rows of a file with bad ones")
	enc := fs.String("encoding", "", "utf-8, utf-16, windows-1251 or windows-1252 (default: detect)")
	// The file may come before or after the flags: `import x.csv --dry-run`.
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %s: %v", errUsage, fs.Name(), err)
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: products import: want FILE.csv (a Shopify or WooCommerce product export)", errUsage)
	}
	file := fs.Arg(0)
	if err := parseFlags(fs, fs.Args()[1:]); err != nil {
		return err
	}
	if _, err := catalog.ParseEncoding(*enc); err != nil {
		return fmt.Errorf("%w: --encoding: %w", errUsage, err)
	}
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("%w: %s: no such file", studio.ErrBadInput, file)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dir, err := dataDir()
	if err != nil {
		return err
	}
	db, err := store.OpenDir(ctx, dir)
	if err != nil {
		return fmt.Errorf("opening the catalog: %w", err)
	}
	defer db.Close()

	log := newLogger(stderr)
	rep, err := catalog.ImportFile(ctx, db, file, catalog.Options{
		Encoding: *enc, DryRun: *dry, SkipBad: *skipBad, Logger: log,
		// The report lists failed images; logging them as well would say it twice.
		Images: &catalog.ImageCache{Dir: filepath.Join(dir, "images")},
	})
	if rep != nil {
		// Every bad row goes to stdout as part of the report; stderr gets
		// the one-line error with the first few.
		if err != nil && len(rep.Errors) > 0 {
			fmt.Fprintf(stdout, "%s: nothing imported, bad rows:\n", filepath.Base(file))
			for _, e := range rep.Errors {
				fmt.Fprintf(stdout, "  %s\n", e.Error())
			}
		} else if err == nil {
			fmt.Fprint(stdout, rep.Summary())
		}
	}
	if err != nil {
		if errors.Is(err, catalog.ErrBadFile) {
			return fmt.Errorf("%w: %s: %w", studio.ErrBadInput, filepath.Base(file), err)
		}
		return fmt.Errorf("%s: %w", filepath.Base(file), err)
	}
	return nil
}

// productJSON is one line of `products list --json`, a contract scripts use.
// Prices are decimal strings with two places ("49.00"), so no reader turns
// them into floats and back; price_minor has the same value as an integer
// number of cents for programs that add them up.
type productJSON struct {
	SKU            string         `json:"sku"`
	Handle         string         `json:"handle"`
	Title          string         `json:"title"`
	Options        []store.Option `json:"options"`
	Price          string         `json:"price"`
	CompareAtPrice *string        `json:"compare_at_price"`
	PriceMinor     int64          `json:"price_minor"`
	CompareAtMinor *int64         `json:"compare_at_minor"`
	Stock          *int64         `json:"stock"` // null: the shop does not track it
	Images         []string       `json:"images"`
	Vendor         string         `json:"vendor"`
	Published      bool           `json:"published"`
	Status         string         `json:"status"`
}

func cmdProductsList(args []string, stdout io.Writer) error {
	fs := newFlags("products list")
	asJSON := fs.Bool("json", false, "print a JSON array, one object per variant")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	dir, err := dataDir()
	if err != nil {
		return err
	}
	ctx := context.Background()
	db, err := store.OpenDir(ctx, dir)
	if err != nil {
		return fmt.Errorf("opening the catalog: %w", err)
	}
	defer db.Close()
	ls, err := store.ListVariants(ctx, db.Reader())
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]productJSON, 0, len(ls))
		for _, l := range ls {
			j := productJSON{SKU: l.SKU, Handle: l.Handle, Title: l.Title, Options: l.Options,
				Price: catalog.FormatMoney(l.PriceMinor), PriceMinor: l.PriceMinor,
				CompareAtMinor: l.CompareAtMinor, Stock: l.Stock, Images: l.Images,
				Vendor: l.Vendor, Published: l.Published, Status: l.Status}
			if j.Options == nil {
				j.Options = []store.Option{}
			}
			if l.CompareAtMinor != nil {
				s := catalog.FormatMoney(*l.CompareAtMinor)
				j.CompareAtPrice = &s
			}
			out = append(out, j)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(ls) == 0 {
		fmt.Fprintln(stdout, "the catalog is empty: import one with `vitrina products import FILE.csv`")
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SKU\tPRICE\tWAS\tSTOCK\tPRODUCT")
	for _, l := range ls {
		was, stock := "", "-"
		if l.CompareAtMinor != nil {
			was = catalog.FormatMoney(*l.CompareAtMinor)
		}
		if l.Stock != nil {
			stock = fmt.Sprint(*l.Stock)
		}
		title := l.Title
		var opts []string
		for _, o := range l.Options {
			opts = append(opts, o.Value)
		}
		if len(opts) > 0 {
			title += " — " + strings.Join(opts, " / ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", l.SKU, catalog.FormatMoney(l.PriceMinor), was, stock, title)
	}
	return tw.Flush()
}
