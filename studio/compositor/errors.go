package compositor

import "errors"

// Sentinel errors. Callers test for them with errors.Is; the messages that
// wrap them name the offending value (a source id, a size, a layout kind) so
// the one line a user sees says what to fix.
var (
	// ErrBadSize: a canvas size that is odd, too small or too large.
	ErrBadSize = errors.New("compositor: bad canvas size")
	// ErrBadFPS: a canvas frame rate outside 1..120.
	ErrBadFPS = errors.New("compositor: bad frame rate")
	// ErrUnknownLayout: a layout kind other than single, pip, side-by-side,
	// grid, stack or rail.
	ErrUnknownLayout = errors.New("compositor: unknown layout kind")
	// ErrSourceCount: the wrong number of sources for the layout kind.
	ErrSourceCount = errors.New("compositor: wrong number of sources for layout")
	// ErrUnknownSource: a layout names a source the canvas does not have.
	ErrUnknownSource = errors.New("compositor: unknown source")
	// ErrBadPiP: a picture-in-picture corner, scale or margin out of range.
	ErrBadPiP = errors.New("compositor: bad picture-in-picture settings")
	// ErrBadRail: a rail band height outside (0, 0.75] of the canvas.
	ErrBadRail = errors.New("compositor: bad rail height")
	// ErrBadView: a source view with an unknown fit or an inverted crop.
	ErrBadView = errors.New("compositor: bad source view")
	// ErrBadTransition: an unknown transition kind or a negative duration.
	ErrBadTransition = errors.New("compositor: bad transition")
	// ErrRunning: Run called while another Run of the same canvas is active.
	ErrRunning = errors.New("compositor: canvas already running")
)
