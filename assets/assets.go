// Package assets embeds what the binary ships with: the default show, and
// the demo catalog; fonts.go adds the overlay fonts.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed shows/default.toml catalog
var FS embed.FS

// DefaultShow is the show `make run` starts when no show file is given.
func DefaultShow() []byte {
	b, err := FS.ReadFile("shows/default.toml")
	if err != nil {
		panic(err) // embedded at build time: cannot be missing
	}
	return b
}

// DemoCatalog is the small shop the default show sells from: a Shopify CSV
// (catalog/demo.csv) and its product photos beside it.
func DemoCatalog() fs.FS {
	sub, err := fs.Sub(FS, "catalog")
	if err != nil {
		panic(err)
	}
	return sub
}
