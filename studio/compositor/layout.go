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
	Single      LayoutKind = "single"
	PiP         LayoutKind = "pip"
	SideBySide  LayoutKind = "side-by-side"
	Grid        LayoutKind = "grid"
	maxGridSrcs            = 4
)

// Layout says which sources are on air and where. Sources are source ids in
// cell order: single [main]; pip [main, inset]; side-by-side [main, second];
// grid up to four, row by row, where a missing or "" entry is a black cell.
type Layout struct {
	Kind    LayoutKind
	Sources []string
	PiP     PiPConfig
}

// PiPConfig places the picture-in-picture inset. Zero values mean the
// defaults, so a show file can leave the whole table out.
type PiPConfig struct {
	// Corner is "top-left", "top-right", "bottom-left" or "bottom-right"
	// (the default: it covers the least of a presenter framed in the centre).
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

// cells is how many rectangles a kind has: grid always has four, so a grid
// of three sources still keeps its quarters (the fourth is black).
func (k LayoutKind) cells() int {
	switch k {
	case Single:
		return 1
	case PiP, SideBySide:
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
// as wide as they are tall would show nobody. An unknown kind yields nil.
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
	case Grid:
		mx, my := even(w/2), even(h/2)
		return []image.Rectangle{
			image.Rect(0, 0, mx, my), image.Rect(mx, 0, w, my),
			image.Rect(0, my, mx, h), image.Rect(mx, my, w, h),
		}
	}
	return nil
}

func (l Layout) insetRect(canvas media.Size) image.Rectangle {
	p := l.PiP.withDefaults()
	w, h := canvas.W, canvas.H
	iw := max(2, min(w, roundEven(p.Scale*float64(w))))
	ih := max(2, min(h, even(iw*h/w)))
	m := min(roundEven(p.Margin*float64(w)), even(w-iw), even(h-ih))
	x, y := m, m
	switch p.Corner {
	case "top-right":
		x = w - iw - m
	case "bottom-left":
		y = h - ih - m
	case "top-left":
	default: // bottom-right; Validate rejects other spellings
		x, y = w-iw-m, h-ih-m
	}
	return image.Rect(x, y, x+iw, y+ih)
}

// Validate checks the layout on its own and, when known is not nil, that
// every source it names exists. The error names the problem.
func (l Layout) Validate(known func(id string) bool) error {
	n := l.Kind.cells()
	if n == 0 {
		return fmt.Errorf("%w %q (want single, pip, side-by-side or grid)", ErrUnknownLayout, l.Kind)
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
