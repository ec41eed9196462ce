// Package assets embeds what the binary ships with: the default show, and
// later fonts, icons and the demo catalog.
package assets

import "embed"

//go:embed shows/default.toml
var FS embed.FS

// DefaultShow is the show `make run` starts when no show file is given.
func DefaultShow() []byte {
	b, err := FS.ReadFile("shows/default.toml")
	if err != nil {
		panic(err) // embedded at build time: cannot be missing
	}
	return b
}
