package overlays

import "errors"

// Sentinel errors; returned errors wrap them with %w and the details.
var (
	// ErrCanvas: the canvas is too small for readable overlays.
	ErrCanvas = errors.New("overlays: canvas too small")
	// ErrTheme: a theme value is out of range (corner, scale, safe area).
	ErrTheme = errors.New("overlays: bad theme")
	// ErrNoRoom: the overlays' regions do not fit on the canvas at this
	// scale and safe area without overlapping.
	ErrNoRoom = errors.New("overlays: regions do not fit")
	// ErrLocale: the locale is not a BCP 47 tag.
	ErrLocale = errors.New("overlays: bad locale")
	// ErrFont: the theme's font is neither a shipped family nor a font file.
	ErrFont = errors.New("overlays: unknown font")
	// ErrCurrency: not an ISO 4217 code that golang.org/x/text knows.
	ErrCurrency = errors.New("overlays: unknown currency")
	// ErrPhoto: a product photo is missing or cannot be decoded.
	ErrPhoto = errors.New("overlays: photo")
)
