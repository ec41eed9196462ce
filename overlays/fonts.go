package overlays

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/go-text/typesetting/font"

	"github.com/vitrina-live/vitrina/assets"
)

// shipped is the fallback order of the embedded families: Latin, Greek and
// Cyrillic first, then the scripts, then symbols. A family without a bold
// file (Chinese: 1.6 MB more) is emboldened when drawn.
var shipped = []struct{ name, regular, bold string }{
	{"Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"},
	{"Noto Sans Arabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"},
	{"Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"},
	{"Noto Sans SC", "NotoSansSC-Regular.otf", ""},
	{"Noto Sans Math", "NotoSansMath-Regular.ttf", ""},
	{"Noto Sans Symbols2", "NotoSansSymbols2-Regular.ttf", ""},
}

// family is one parsed family. font.Font is read-only once parsed, so the
// shipped ones are parsed once per process and shared; each Renderer wraps
// them in faces of its own, since faces keep caches.
type family struct {
	name          string
	regular, bold *font.Font // bold is nil when there is no bold file
}

var shippedFamilies = sync.OnceValues(func() ([]family, error) {
	files := assets.Fonts()
	var out []family
	for _, s := range shipped {
		f := family{name: s.name}
		var err error
		if f.regular, err = parseFont(files[s.regular]); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrFont, s.regular, err)
		}
		if s.bold != "" {
			if f.bold, err = parseFont(files[s.bold]); err != nil {
				return nil, fmt.Errorf("%w: %s: %w", ErrFont, s.bold, err)
			}
		}
		out = append(out, f)
	}
	return out, nil
})

func parseFont(b []byte) (*font.Font, error) {
	faces, err := font.ParseTTC(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return faces[0].Font, nil
}

// Families lists the shipped font families, in fallback order.
func Families() []string {
	var out []string
	for _, s := range shipped {
		out = append(out, s.name)
	}
	return out
}

// orderFamilies puts the theme's preferred family first: a shipped name
// (any case), or a TTF/OTF/TTC file, which is parsed here.
func orderFamilies(pref string) ([]family, error) {
	all, err := shippedFamilies()
	if err != nil {
		return nil, err
	}
	all = slices.Clone(all)
	if i := slices.IndexFunc(all, func(f family) bool { return strings.EqualFold(f.name, pref) }); i >= 0 {
		f := all[i]
		return append([]family{f}, slices.Delete(all, i, i+1)...), nil
	}
	switch strings.ToLower(filepath.Ext(pref)) {
	case ".ttf", ".otf", ".ttc":
		b, err := os.ReadFile(pref)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFont, err)
		}
		f, err := parseFont(b)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrFont, pref, err)
		}
		return append([]family{{name: pref, regular: f}}, all...), nil
	}
	return nil, fmt.Errorf("%w: %q (want one of %s, or a .ttf/.otf file)", ErrFont, pref, strings.Join(Families(), ", "))
}

// faceChain is one weight's fallback list: the first face that has a
// rune's glyph draws it. It is the shaping.Fontmap the segmenter uses, so
// fallback happens per run, never per string.
type faceChain struct {
	faces []*font.Face
	synth map[*font.Face]bool // regular faces standing in for a bold they lack
}

func newChains(fams []family) (regular, bold faceChain) {
	bold.synth = map[*font.Face]bool{}
	for _, f := range fams {
		regular.faces = append(regular.faces, font.NewFace(f.regular))
		if f.bold != nil {
			bold.faces = append(bold.faces, font.NewFace(f.bold))
		} else {
			face := font.NewFace(f.regular)
			bold.faces = append(bold.faces, face)
			bold.synth[face] = true
		}
	}
	return regular, bold
}

// ResolveFace implements shaping.Fontmap. A rune no face has goes to the
// first face; cleanText has removed those already, so this is only for
// default-ignorable marks the shaper hides.
func (c faceChain) ResolveFace(r rune) *font.Face {
	for _, f := range c.faces {
		if _, ok := f.NominalGlyph(r); ok {
			return f
		}
	}
	return c.faces[0]
}

// has reports whether some face has a glyph for r.
func (c faceChain) has(r rune) bool {
	for _, f := range c.faces {
		if _, ok := f.NominalGlyph(r); ok {
			return true
		}
	}
	return false
}
