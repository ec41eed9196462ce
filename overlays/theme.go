package overlays

import (
	"fmt"
	"image/color"
	"math"
	"strings"
)

// Theme is the look of every overlay of a show. Colours are Go's
// color.RGBA: alpha-premultiplied, so a half-transparent black panel is
// {0, 0, 0, 128} and a colour's components never exceed its alpha.
type Theme struct {
	Accent color.RGBA // brand colour: prices, keyword pill, bars, labels
	Text   color.RGBA // text on panels
	Panel  color.RGBA // panel background, usually a little transparent
	Muted  color.RGBA // secondary text: old price, specs, validity
	Sale   color.RGBA // urgency: discount, LIVE, the last 10 s, SOLD OUT
	// Font is the preferred family: a shipped one ("Noto Sans", "Noto Sans
	// Arabic", ...; see Families) or the path of a TTF/OTF file. It comes
	// first; the shipped fonts still fill in what it lacks.
	Font string
	// Corner is where the product card sits on a horizontal canvas:
	// "bottom-left" (default), "bottom-right", "top-left" or "top-right".
	// On a vertical canvas the card always spans the bottom.
	Corner string
	// Scale multiplies every size; 1 is the default design, sized from the
	// canvas's short side so 720p and 1080p look the same.
	Scale float64
	// SafeArea is the fraction of each edge kept clear (TV and phone
	// overscan, the platforms' own buttons); 0.05 by default.
	SafeArea float64
}

// DefaultTheme is a dark translucent panel with an amber accent: legible on
// bright and dark video alike.
func DefaultTheme() Theme {
	return Theme{
		Accent:   color.RGBA{0xFF, 0xC2, 0x1A, 0xFF},
		Text:     color.RGBA{0xFF, 0xFF, 0xFF, 0xFF},
		Panel:    premul(0x14, 0x16, 0x1E, 0xE0),
		Muted:    color.RGBA{0xB4, 0xBB, 0xC7, 0xFF},
		Sale:     color.RGBA{0xF0, 0x2D, 0x3A, 0xFF},
		Font:     "Noto Sans",
		Corner:   "bottom-left",
		Scale:    1,
		SafeArea: 0.05,
	}
}

// premul makes a premultiplied colour from straight components.
func premul(r, g, b, a uint8) color.RGBA {
	m := func(c uint8) uint8 { return uint8((int(c)*int(a) + 127) / 255) }
	return color.RGBA{m(r), m(g), m(b), a}
}

// withAlpha scales a premultiplied colour's opacity by f in [0, 1].
func withAlpha(c color.RGBA, f float64) color.RGBA {
	m := func(v uint8) uint8 { return uint8(math.Round(float64(v) * f)) }
	return color.RGBA{m(c.R), m(c.G), m(c.B), m(c.A)}
}

// normalize fills zero values with the defaults, so a Theme built by hand
// with only the colours it cares about still works, and rejects values
// that cannot be laid out.
func (t Theme) normalize() (Theme, error) {
	d := DefaultTheme()
	for _, p := range []struct{ c, def *color.RGBA }{
		{&t.Accent, &d.Accent}, {&t.Text, &d.Text}, {&t.Panel, &d.Panel}, {&t.Muted, &d.Muted}, {&t.Sale, &d.Sale},
	} {
		if *p.c == (color.RGBA{}) {
			*p.c = *p.def
		}
		if c := *p.c; c.R > c.A || c.G > c.A || c.B > c.A {
			return t, fmt.Errorf("%w: colour %v is not premultiplied (a component exceeds alpha)", ErrTheme, c)
		}
	}
	if t.Font == "" {
		t.Font = d.Font
	}
	t.Corner = strings.ToLower(strings.TrimSpace(t.Corner))
	switch t.Corner {
	case "":
		t.Corner = d.Corner
	case "bottom-left", "bottom-right", "top-left", "top-right":
	default:
		return t, fmt.Errorf("%w: corner %q (want bottom-left, bottom-right, top-left or top-right)", ErrTheme, t.Corner)
	}
	if t.Scale == 0 {
		t.Scale = 1
	}
	if math.IsNaN(t.Scale) || t.Scale < 0.5 || t.Scale > 2 {
		return t, fmt.Errorf("%w: scale %v (want 0.5..2)", ErrTheme, t.Scale)
	}
	if t.SafeArea == 0 {
		t.SafeArea = d.SafeArea
	}
	if math.IsNaN(t.SafeArea) || t.SafeArea < 0 || t.SafeArea > 0.2 {
		return t, fmt.Errorf("%w: safe area %v (want 0..0.2 of each edge)", ErrTheme, t.SafeArea)
	}
	return t, nil
}

// onColor picks dark or light text for a filled shape, by the fill's
// luminance, so a light accent gets dark text and a dark one white.
func onColor(fill color.RGBA) color.RGBA {
	if fill.A == 0 {
		return color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	}
	// Un-premultiply before judging brightness.
	l := (0.2126*float64(fill.R) + 0.7152*float64(fill.G) + 0.0722*float64(fill.B)) / float64(fill.A)
	if l > 0.6 {
		return color.RGBA{0x14, 0x16, 0x1E, 0xFF}
	}
	return color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
}
