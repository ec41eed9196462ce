package assets

import (
	"embed"
	"io/fs"
)

// The subset Noto fonts that the overlays draw text with; see
// fonts/README.md for what each holds and scripts/subset-fonts.sh for how
// they are made.
//
//go:embed fonts/*.ttf fonts/*.otf
var fontFS embed.FS

// Fonts returns every shipped font file by its name, such as
// "NotoSans-Regular.ttf". Each call returns fresh copies.
func Fonts() map[string][]byte {
	out := map[string][]byte{}
	entries, err := fs.ReadDir(fontFS, "fonts")
	if err != nil {
		panic(err) // embedded at build time: cannot be missing
	}
	for _, e := range entries {
		b, err := fontFS.ReadFile("fonts/" + e.Name())
		if err != nil {
			panic(err)
		}
		out[e.Name()] = b
	}
	return out
}
