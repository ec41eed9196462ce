package capture

import (
	"context"
	"fmt"
	"image"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// FrameReader is an open camera. Read blocks until the next picture and
// returns an error when the device stops (unplugged, taken away, closed);
// the image is the reader's and valid until the next Read. Close may be
// called from another goroutine to unblock a Read.
type FrameReader interface {
	Read() (image.Image, error)
	Close() error
}

// Camera is a video capture device through pion/mediadevices. It converts
// whatever the driver yields to I420 at Size. When the device fails or
// vanishes it shows a "camera lost" slate, looks for the device every
// second and carries on when it returns: Run ends only with its context,
// because the program must not stop over one camera.
type Camera struct {
	ID string
	// Device is the label or ID `vitrina devices` prints; "" takes the
	// system's preferred camera.
	Device string
	Size   media.Size // zero keeps the camera's own size (rounded to even)
	FPS    int        // the mode asked of the driver; default 30
	// Open opens the device; nil uses the mediadevices driver. Tests inject
	// a stand-in for hardware here.
	Open func(device string) (FrameReader, error)

	retry  time.Duration // how often a lost device is looked for
	log    *slog.Logger
	latest atomic.Pointer[media.Frame]

	mu      sync.Mutex
	pending FrameReader // opened by Initialize, taken by Run
	label   string
	native  media.Size // last size the device delivered
}

// Info describes the camera; Size is the configured one, or the device's
// once a frame has arrived.
func (c *Camera) Info() media.Info {
	c.mu.Lock()
	defer c.mu.Unlock()
	size := c.Size
	if size == (media.Size{}) {
		size = c.native
	}
	return media.Info{ID: c.ID, Kind: media.KindCamera, Label: c.label, HasVideo: true, Size: size, FPS: c.FPS}
}

// Initialize checks the fields and opens the device, so a camera that is
// not there is reported before the show starts.
func (c *Camera) Initialize() error {
	if c.FPS == 0 {
		c.FPS = 30
	}
	if c.FPS < 1 || c.FPS > 240 {
		return fmt.Errorf("capture: camera %q: fps %d out of 1..240: %w", c.ID, c.FPS, ErrInvalidConfig)
	}
	if c.Size != (media.Size{}) && (c.Size.W < 2 || c.Size.H < 2 || c.Size.W%2 != 0 || c.Size.H%2 != 0) {
		return fmt.Errorf("capture: camera %q: size %dx%d must be even: %w", c.ID, c.Size.W, c.Size.H, ErrInvalidConfig)
	}
	if c.Open == nil {
		size, fps := c.Size, c.FPS
		if size == (media.Size{}) {
			size = media.Size{W: 1280, H: 720} // the mode to ask for; frames keep what comes
		}
		c.Open = func(device string) (FrameReader, error) { return openCameraDriver(device, size, fps) }
	}
	if c.retry == 0 {
		c.retry = time.Second
	}
	c.log = slog.Default().With("source", c.ID, "kind", media.KindCamera)
	c.label = c.Device
	if c.label == "" {
		c.label = "camera"
	}
	r, err := c.Open(c.Device)
	if err != nil {
		return fmt.Errorf("capture: camera %q: %w", c.ID, err)
	}
	c.mu.Lock()
	c.setLabelLocked(r)
	c.pending = &onceFrames{FrameReader: r}
	c.mu.Unlock()
	return nil
}

// Run publishes the camera's frames, or the slate while it is lost, until
// ctx is done.
func (c *Camera) Run(ctx context.Context) error {
	c.mu.Lock()
	r := c.pending
	c.pending = nil
	c.mu.Unlock()
	if r == nil {
		return fmt.Errorf("capture: camera %q: Run without Initialize: %w", c.ID, ErrInvalidConfig)
	}
	start := time.Now()
	var seq int64
	c.log.Info("camera running", "device", c.Info().Label)
	for {
		err := c.pump(ctx, r, start, &seq)
		_ = r.Close()
		if ctx.Err() != nil {
			return nil
		}
		// Logged once per loss; the retries below stay quiet.
		c.log.Warn("camera lost; showing a slate and looking for it every second", "device", c.Info().Label, "err", err)
		if r = c.awaitDevice(ctx, start, &seq); r == nil {
			return nil
		}
		c.log.Info("camera back", "device", c.Info().Label)
	}
}

// pump converts and publishes frames until the reader fails or ctx ends.
func (c *Camera) pump(ctx context.Context, r FrameReader, start time.Time, seq *int64) error {
	// A driver read can block for seconds; closing the reader is the only
	// way to get it back when the show stops.
	stop := context.AfterFunc(ctx, func() { _ = r.Close() })
	defer stop()
	for {
		img, err := r.Read()
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		size := c.Size
		if size == (media.Size{}) {
			size = evenSize(img.Bounds())
		}
		c.mu.Lock()
		c.native = evenSize(img.Bounds())
		c.mu.Unlock()
		c.latest.Store(&media.Frame{Img: toI420(img, size), PTS: time.Since(start), Seq: *seq})
		*seq++
	}
}

// awaitDevice shows the slate and tries to reopen the device every retry
// interval. It returns the reopened reader, or nil when ctx is done.
func (c *Camera) awaitDevice(ctx context.Context, start time.Time, seq *int64) FrameReader {
	info := c.Info()
	size := info.Size
	if size == (media.Size{}) {
		size = media.Size{W: 1280, H: 720}
	}
	s := newSlate(size, "CAMERA LOST", info.Label)
	lostAt := time.Now()
	tick := time.NewTicker(c.retry)
	defer tick.Stop()
	for {
		c.latest.Store(&media.Frame{Img: s.frame(time.Since(lostAt)), PTS: time.Since(start), Seq: *seq})
		*seq++
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		r, err := c.Open(c.Device)
		if err == nil {
			c.mu.Lock()
			c.setLabelLocked(r)
			c.mu.Unlock()
			return &onceFrames{FrameReader: r}
		}
		c.log.Debug("camera still missing", "err", err)
	}
}

// setLabelLocked takes the device's own name when the reader knows it.
func (c *Camera) setLabelLocked(r FrameReader) {
	if l, ok := r.(interface{ Label() string }); ok && l.Label() != "" {
		c.label = l.Label()
	}
}

// LatestFrame returns the newest camera frame or slate, nil before the first.
func (c *Camera) LatestFrame() *media.Frame { return c.latest.Load() }

// Close releases a device opened by Initialize that Run never took.
func (c *Camera) Close() error {
	c.mu.Lock()
	r := c.pending
	c.pending = nil
	c.mu.Unlock()
	if r != nil {
		return r.Close()
	}
	return nil
}

// onceFrames makes Close idempotent and makes a second caller wait for the
// first: Run closes the reader after the context's watcher may have.
type onceFrames struct {
	FrameReader
	once sync.Once
	err  error
}

func (o *onceFrames) Close() error {
	o.once.Do(func() { o.err = o.FrameReader.Close() })
	return o.err
}
