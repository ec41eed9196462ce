package capture

import (
	"context"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// TestPattern is a synthetic camera: a solid background, a box bouncing
// around and a bar sweeping across so motion (and any stall) is obvious, the
// label in large letters, and a timecode strip at the top carrying the
// capture time for latency measurements.
type TestPattern struct {
	ID    string
	Size  media.Size // default 1280x720
	FPS   int        // default 30
	Color string     // background "#rrggbb"; default picked from a palette by ID
	Label string     // default ID
	// Clock stamps each frame's timecode; nil means time.Now. Tests inject a
	// clock to check the strip against known times.
	Clock func() time.Time

	base   *image.YCbCr // background and label, copied into every frame
	box    [3]uint8     // YCbCr of the bouncing box
	pool   *media.FramePool
	latest media.Latest
	log    *slog.Logger
}

// testPatternFramesKept is how many idle frames a pattern keeps: one on
// show, one being composed, and room for a preview or a slow consumer.
const testPatternFramesKept = 4

// palette holds dark, saturated backgrounds, so white text and the yellow
// box stand out and neighbouring sources in a grid look different.
var palette = []string{
	"#1f4e79", "#7a1f3d", "#1e6b52", "#6b4e16",
	"#4b2a7a", "#7a3b12", "#155e6b", "#5a5a1e",
}

// Info describes the pattern.
func (p *TestPattern) Info() media.Info {
	return media.Info{ID: p.ID, Kind: media.KindTestPattern, Label: p.label(), HasVideo: true, Size: p.Size, FPS: p.FPS}
}

func (p *TestPattern) label() string {
	if p.Label != "" {
		return p.Label
	}
	return p.ID
}

// Initialize applies the defaults, checks the fields and renders the parts
// of the picture that never change.
func (p *TestPattern) Initialize() error {
	if p.Size == (media.Size{}) {
		p.Size = media.Size{W: 1280, H: 720}
	}
	if p.FPS == 0 {
		p.FPS = 30
	}
	if p.Color == "" {
		h := fnv.New32a()
		h.Write([]byte(p.ID))
		p.Color = palette[h.Sum32()%uint32(len(palette))]
	}
	if p.Clock == nil {
		p.Clock = time.Now
	}
	if p.Size.W < 2*tcCells || p.Size.H < 64 || p.Size.W%2 != 0 || p.Size.H%2 != 0 {
		return fmt.Errorf("capture: test pattern %q: size %dx%d must be even and at least %dx64: %w",
			p.ID, p.Size.W, p.Size.H, 2*tcCells, ErrInvalidConfig)
	}
	if p.FPS < 1 || p.FPS > 240 {
		return fmt.Errorf("capture: test pattern %q: fps %d out of 1..240: %w", p.ID, p.FPS, ErrInvalidConfig)
	}
	bg, err := parseColor(p.Color)
	if err != nil {
		return fmt.Errorf("capture: test pattern %q: %w", p.ID, err)
	}
	p.log = slog.Default().With("source", p.ID, "kind", media.KindTestPattern)

	p.base = image.NewYCbCr(image.Rect(0, 0, p.Size.W, p.Size.H), image.YCbCrSubsampleRatio420)
	y, cb, cr := media.RGBToYCbCr(bg.R, bg.G, bg.B)
	media.Fill(p.base, y, cb, cr)
	text := renderText(p.label(), p.Size.H/4, p.Size.W*9/10)
	blitText(p.base, text, centreText(p.base, text, (p.Size.H-text.Rect.Dy())/2), 235)
	p.box[0], p.box[1], p.box[2] = media.RGBToYCbCr(255, 214, 0)
	p.pool = media.NewFramePool(p.Size, testPatternFramesKept)
	return nil
}

// Run draws a frame at once and then one per tick until ctx is done.
func (p *TestPattern) Run(ctx context.Context) error {
	if p.base == nil {
		return fmt.Errorf("capture: test pattern %q: Run before Initialize: %w", p.ID, ErrInvalidConfig)
	}
	p.log.Info("test pattern running", "size", fmt.Sprintf("%dx%d", p.Size.W, p.Size.H), "fps", p.FPS, "color", p.Color)
	tick := time.NewTicker(time.Second / time.Duration(p.FPS))
	defer tick.Stop()
	start := p.Clock()
	for seq := int64(0); ; seq++ {
		now := p.Clock()
		p.latest.Store(p.render(seq, now, now.Sub(start)))
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// LatestFrame returns the newest frame, or nil before Run has drawn one.
// The caller holds a reference: its Release lets the pattern redraw into
// the frame's buffer.
func (p *TestPattern) LatestFrame() *media.Frame { return p.latest.Load() }

// Close has nothing to release: Run owns the ticker.
func (p *TestPattern) Close() error { return nil }

// render draws frame seq into a frame from the pool: one no holder has any
// more, since the previous ones may still be in the compositor's or the
// encoder's hands.
func (p *TestPattern) render(seq int64, now time.Time, pts time.Duration) *media.Frame {
	f := p.pool.Get()
	img := f.Img
	copy(img.Y, p.base.Y)
	copy(img.Cb, p.base.Cb)
	copy(img.Cr, p.base.Cr)
	strip := TimecodeRect(p.Size)
	for _, m := range p.movers(seq, strip) {
		fillRect(img, m.r, m.c[0], m.c[1], m.c[2])
	}
	DrawTimecode(img, strip, now.UnixMilli(), uint32(seq))
	f.PTS, f.Seq = pts, seq
	return f
}

// movers places the sweep bar and the bouncing box for frame seq. Positions
// come from the frame number, not the wall clock, so a frame's picture is
// reproducible and a dropped tick shows as a jump.
func (p *TestPattern) movers(seq int64, strip image.Rectangle) []mover {
	w, h := p.Size.W, p.Size.H
	top := strip.Max.Y
	// The bar crosses the frame in two seconds; the box takes three seconds
	// across and two down, so its path does not repeat quickly.
	barW := max(2, w/80)
	barX := bounce(seq, 2*p.FPS, w-barW)
	side := max(8, h/6) &^ 1
	boxX := bounce(seq, 3*p.FPS, w-side)
	boxY := top + bounce(seq, 2*p.FPS, h-top-side)
	return []mover{ // the box passes over the bar
		{image.Rect(barX, top, barX+barW, h), [3]uint8{200, 128, 128}},
		{image.Rect(boxX, boxY, boxX+side, boxY+side), p.box},
	}
}

// mover is one moving rectangle and its YCbCr colour.
type mover struct {
	r image.Rectangle
	c [3]uint8
}

// bounce is a triangle wave: 0 → span in period frames, then back.
func bounce(seq int64, period, span int) int {
	if span <= 0 || period <= 0 {
		return 0
	}
	t := int(seq % int64(2*period))
	if t > period {
		t = 2*period - t
	}
	return t * span / period
}

// parseColor reads "#rrggbb".
func parseColor(s string) (color.RGBA, error) {
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil || len(s) != 7 || s[0] != '#' {
		return color.RGBA{}, fmt.Errorf("colour %q is not #rrggbb: %w", s, ErrInvalidConfig)
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}, nil
}
