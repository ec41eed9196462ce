package compositor

import (
	"fmt"
	"image"

	"github.com/vitrina-live/vitrina/studio/media"
)

// LayoutKind names an arrangement of sources on the canvas, as the show file
// spells it.
type LayoutKind string

const (
	Single     LayoutKind = "single"
	PiP        LayoutKind = "pip"
	SideBySide LayoutKind = "side-by-side"
	Grid       LayoutKind = "grid"
	// Stack puts one source over another whatever the canvas shape: on a
	// phone's 9:16 canvas, the close-up of the product over the wide shot.
	Stack LayoutKind = "stack"
	// Rail shows one source full width above a band kept black at the
	// bottom, where the product card sits without covering the picture.
	Rail        LayoutKind = "rail"
	maxGridSrcs            = 4
)

// Layout says which sources are on air and where. Sources are source ids in
// cell order: single [main]; pip [main, inset]; side-by-side [main, second];
// stack [top, bottom]; rail [main]; grid up to four, row by row, where a
// missing or "" entry is a black cell.
type Layout struct {
	Kind    LayoutKind
	Sources []string
	PiP     PiPConfig
	// Rail is the height of rail's bottom band as a fraction of the canvas
	// height, in (0, 0.75]; 0 means the default, a quarter.
	Rail float64
}

const (
	defaultRail = 0.25
	maxRail     = 0.75
)

// PiPConfig places the picture-in-picture inset. Zero values mean the
// defaults, so a show file can leave the whole table out.
type PiPConfig struct {
	// Corner is "top-left", "top-right", "bottom-left" or "bottom-right"
	// (the default: it covers the least of a presenter framed in the centre).
	// On a portrait canvas the corners are those of its upper third.
	Corner string
	// Scale is the inset width as a fraction of the canvas width, in
	// (0, 1]; default 0.25. The inset keeps the canvas aspect ratio.
	Scale float64
	// Margin is the gap to the canvas edges as a fraction of the canvas
	// width, used on both axes so the gap looks the same; default 0.03.
	// Negative means no gap at all (0 already means "default").
	Margin float64
}

const (
	defaultPiPCorner = "bottom-right"
	defaultPiPScale  = 0.25
	defaultPiPMargin = 0.03
)

func (p PiPConfig) withDefaults() PiPConfig {
	if p.Corner == "" {
		p.Corner = defaultPiPCorner
	}
	if p.Scale == 0 {
		p.Scale = defaultPiPScale
	}
	if p.Margin == 0 {
		p.Margin = defaultPiPMargin
	}
	if p.Margin < 0 {
		p.Margin = 0
	}
	return p
}

// sources is how many sources a kind takes (grid: up to that many); 0 for
// an unknown kind. Rects may return more cells than that: grid keeps its
// quarters with three sources, and rail's band is a cell with no source;
// a cell without a source is black.
func (k LayoutKind) sources() int {
	switch k {
	case Single, Rail:
		return 1
	case PiP, SideBySide, Stack:
		return 2
	case Grid:
		return maxGridSrcs
	}
	return 0
}

// Rects returns where each cell goes on a canvas of the given size, in cell
// order (Sources[i] fills Rects[i]). Every edge is even so chroma planes line
// up. The PiP inset comes last, so it is drawn over the main picture.
// Side-by-side splits the longer axis: left and right halves on a landscape
// canvas, top and bottom on a portrait (9:16) one, where slivers a quarter
// as wide as they are tall would show nobody. Stack always splits top and
// bottom; rail's second cell is its empty band. On a portrait canvas the
// PiP inset stays in the upper third (see insetRect). An unknown kind
// yields nil.
func (l Layout) Rects(canvas media.Size) []image.Rectangle {
	w, h := canvas.W, canvas.H
	full := image.Rect(0, 0, w, h)
	switch l.Kind {
	case Single:
		return []image.Rectangle{full}
	case PiP:
		return []image.Rectangle{full, l.insetRect(canvas)}
	case SideBySide:
		if h > w {
			mid := even(h / 2)
			return []image.Rectangle{image.Rect(0, 0, w, mid), image.Rect(0, mid, w, h)}
		}
		mid := even(w / 2)
		return []image.Rectangle{image.Rect(0, 0, mid, h), image.Rect(mid, 0, w, h)}
	case Stack:
		mid := even(h / 2)
		return []image.Rectangle{image.Rect(0, 0, w, mid), image.Rect(0, mid, w, h)}
	case Rail:
		band := l.railHeight(h)
		return []image.Rectangle{image.Rect(0, 0, w, h-band), image.Rect(0, h-band, w, h)}
	case Grid:
		mx, my := even(w/2), even(h/2)
		return []image.Rectangle{
			image.Rect(0, 0, mx, my), image.Rect(mx, 0, w, my),
			image.Rect(0, my, mx, h), image.Rect(mx, my, w, h),
		}
	}
	return nil
}

// insetRect places the PiP inset in its corner. On a portrait canvas (a
// phone screen) the lower part belongs to the product card and the chat, so
// the inset lives in the upper third: "top" corners put it at the top,
// "bottom" ones at the bottom of that third, and it shrinks to fit there.
func (l Layout) insetRect(canvas media.Size) image.Rectangle {
	p := l.PiP.withDefaults()
	w, h := canvas.W, canvas.H
	iw := max(2, min(w, roundEven(p.Scale*float64(w))))
	ih := max(2, min(h, even(iw*h/w)))
	band := h // the inset's rows: the whole canvas, or a portrait's upper third
	if h > w {
		band = max(2, even(h/3))
		if limit := max(2, band-2*roundEven(p.Margin*float64(w))); ih > limit {
			ih = even(limit)
			iw = max(2, min(w, even(ih*w/h)))
		}
	}
	m := min(roundEven(p.Margin*float64(w)), even(w-iw), even(band-ih))
	x, y := m, m
	switch p.Corner {
	case "top-right":
		x = w - iw - m
	case "bottom-left":
		y = band - ih - m
	case "top-left":
	default: // bottom-right; Validate rejects other spellings
		x, y = w-iw-m, band-ih-m
	}
	return image.Rect(x, y, x+iw, y+ih)
}

// railHeight is the height of rail's band on a canvas h pixels high: even,
// and leaving at least two rows of picture.
func (l Layout) railHeight(h int) int {
	f := l.Rail
	if f <= 0 {
		f = defaultRail
	}
	return max(2, min(roundEven(f*float64(h)), even(h-2)))
}

// Validate checks the layout on its own and, when known is not nil, that
// every source it names exists. The error names the problem.
func (l Layout) Validate(known func(id string) bool) error {
	n := l.Kind.sources()
	if n == 0 {
		return fmt.Errorf("%w %q (want single, pip, side-by-side, grid, stack or rail)", ErrUnknownLayout, l.Kind)
	}
	if l.Kind == Grid {
		if len(l.Sources) < 1 || len(l.Sources) > maxGridSrcs {
			return fmt.Errorf("%w: grid takes 1 to %d sources, got %d", ErrSourceCount, maxGridSrcs, len(l.Sources))
		}
	} else if len(l.Sources) != n {
		return fmt.Errorf("%w: %s takes %d, got %d", ErrSourceCount, l.Kind, n, len(l.Sources))
	}
	for i, id := range l.Sources {
		if id == "" {
			if l.Kind == Grid {
				continue // an explicitly empty grid cell
			}
			return fmt.Errorf("%w: %s source %d is empty", ErrUnknownSource, l.Kind, i+1)
		}
		if known != nil && !known(id) {
			return fmt.Errorf("%w %q in %s layout", ErrUnknownSource, id, l.Kind)
		}
	}
	if l.Kind == PiP {
		return l.PiP.validate()
	}
	if l.Rail < 0 || l.Rail > maxRail {
		return fmt.Errorf("%w: %g (want a fraction of the canvas height in (0, %g])", ErrBadRail, l.Rail, maxRail)
	}
	return nil
}

func (p PiPConfig) validate() error {
	switch p.Corner {
	case "", "top-left", "top-right", "bottom-left", "bottom-right":
	default:
		return fmt.Errorf("%w: corner %q (want top-left, top-right, bottom-left or bottom-right)", ErrBadPiP, p.Corner)
	}
	if p.Scale < 0 || p.Scale > 1 {
		return fmt.Errorf("%w: scale %g (want a fraction of the canvas width in (0, 1])", ErrBadPiP, p.Scale)
	}
	if p.Margin >= 0.5 {
		return fmt.Errorf("%w: margin %g (want less than 0.5 of the canvas width)", ErrBadPiP, p.Margin)
	}
	return nil
}

// clone copies the Sources slice so a caller that reuses its slice cannot
// change the layout under the compositor.
func (l Layout) clone() Layout {
	l.Sources = append([]string(nil), l.Sources...)
	return l
}

// even rounds down to an even number (toward minus infinity, so negative
// positions of layers also land on chroma sample boundaries).
func even(n int) int { return n &^ 1 }

// roundEven rounds to the nearest even integer.
func roundEven(f float64) int {
	return 2 * int(f/2+0.5)
}
