package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/catalog"
	"github.com/vitrina-live/vitrina/studio/show"
	"github.com/vitrina-live/vitrina/studio/store"
)

// showCatalog imports the show's [show] catalog file (the same importer as
// `vitrina products import`, so a re-run updates rather than duplicates)
// and returns the catalog the cues look products up in. A show without a
// catalog file uses what was imported before, if anything.
func showCatalog(ctx context.Context, f *show.File, stores *runStores, log *slog.Logger) (show.Catalog, error) {
	dir, err := dataDir()
	if err != nil {
		return nil, err
	}
	db, err := stores.DB(ctx)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	if f.Show.Catalog != "" {
		path := f.Resolve(f.Show.Catalog)
		_, err := catalog.ImportFile(ctx, db, path, catalog.Options{ // it logs its own one-line summary
			Images: &catalog.ImageCache{Dir: filepath.Join(dir, "images")}, Logger: log})
		if err != nil {
			return nil, fmt.Errorf("%w: show.catalog %q: %v", studio.ErrBadInput, f.Show.Catalog, err)
		}
	}
	c, err := catalog.LoadShowCatalog(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	if len(f.Rundown) == 0 {
		return c, nil // the rundown is the catalog's order
	}
	r, problem := catalog.NewRundownCatalog(c, f.Rundown)
	if problem != "" {
		log.Warn(problem)
	}
	return r, nil
}

// saveRundown keeps the show's [[rundown]], as resolved against the
// catalog, with show id in the store, for the report and the moderators.
// A store that fails is logged: the show goes on.
func saveRundown(ctx context.Context, db *store.DB, id int64, c show.Catalog, log *slog.Logger) {
	r, ok := c.(*catalog.RundownCatalog)
	if !ok {
		return
	}
	if err := db.SetRundown(ctx, id, r.StoreEntries()); err != nil {
		log.Warn("the rundown is not kept in the store", "show", id, "err", err)
	}
}
