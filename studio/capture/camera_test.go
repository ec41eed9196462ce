package capture

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/studio/media"
)

// fakeCamera stands in for hardware: it delivers img every tick, and after
// `frames` frames (when frames > 0) it fails as an unplugged USB camera
// does, calling unplug first.
type fakeCamera struct {
	img    image.Image
	tick   time.Duration
	frames int
	unplug func()

	closed    chan struct{}
	closeOnce sync.Once
	closes    atomic.Int32
}

var errUnplugged = errors.New("VIDIOC_DQBUF: no such device")

func newFakeCamera(img image.Image, frames int, unplug func()) *fakeCamera {
	return &fakeCamera{img: img, tick: 5 * time.Millisecond, frames: frames, unplug: unplug, closed: make(chan struct{})}
}

func (f *fakeCamera) Read() (image.Image, error) {
	select {
	case <-f.closed:
		return nil, ErrClosed
	case <-time.After(f.tick): // the pace of a real sensor
	}
	if f.frames > 0 {
		f.frames--
		if f.frames == 0 {
			f.unplug()
			return nil, errUnplugged
		}
	}
	return f.img, nil
}

func (f *fakeCamera) Close() error {
	f.closes.Add(1)
	f.closeOnce.Do(func() { close(f.closed) })
	return nil
}

func solidYCbCr(w, h int, ratio image.YCbCrSubsampleRatio, c color.RGBA) *image.YCbCr {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), ratio)
	y, cb, cr := media.RGBToYCbCr(c.R, c.G, c.B)
	media.Fill(img, y, cb, cr)
	return img
}

func colourIs(img *image.YCbCr, want color.RGBA) bool {
	wy, wcb, wcr := media.RGBToYCbCr(want.R, want.G, want.B)
	got := img.YCbCrAt(img.Rect.Dx()/2, img.Rect.Dy()/2)
	return absDiff(got.Y, wy) <= 3 && absDiff(got.Cb, wcb) <= 3 && absDiff(got.Cr, wcr) <= 3
}

// isSlate recognises the camera-lost slate: dark grey corners and large
// white text in the middle.
func isSlate(img *image.YCbCr) bool {
	corner := img.YCbCrAt(4, img.Rect.Dy()-4)
	if absDiff(corner.Y, slateLuma) > 2 || absDiff(corner.Cb, 128) > 2 {
		return false
	}
	return whitePixels(img, image.Rect(0, img.Rect.Dy()/4, img.Rect.Dx(), img.Rect.Dy()*3/4)) > 500
}

// captureLog routes the default logger into a buffer for one test.
func captureLog(t *testing.T) *syncBuffer {
	buf := &syncBuffer{}
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(old) })
	return buf
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestCameraLostAndBack(t *testing.T) {
	defer goleak.VerifyNone(t)
	logs := captureLog(t)
	green, blue := color.RGBA{40, 200, 60, 255}, color.RGBA{30, 60, 220, 255}
	var plugged atomic.Bool
	plugged.Store(true)
	var opens, failedOpens atomic.Int32
	// The first device delivers 4:2:2 at 640x480 (what a USB camera's YUYV
	// mode decodes to) and is pulled out after 10 frames; the one that comes
	// back delivers RGBA at 320x240.
	open := func(device string) (FrameReader, error) {
		n := opens.Add(1)
		if device != "usb-cam" {
			t.Errorf("opened %q, want the configured device", device)
		}
		if !plugged.Load() {
			failedOpens.Add(1)
			return nil, ErrNoDevice
		}
		if n == 1 {
			return newFakeCamera(solidYCbCr(640, 480, image.YCbCrSubsampleRatio422, green), 10, func() { plugged.Store(false) }), nil
		}
		rgba := image.NewRGBA(image.Rect(0, 0, 320, 240))
		for i := 0; i < len(rgba.Pix); i += 4 {
			rgba.Pix[i], rgba.Pix[i+1], rgba.Pix[i+2], rgba.Pix[i+3] = blue.R, blue.G, blue.B, 255
		}
		return newFakeCamera(rgba, 0, nil), nil
	}
	cam := &Camera{ID: "closeup", Device: "usb-cam", Size: media.Size{W: 1280, H: 720}, Open: open, retry: 20 * time.Millisecond}
	if err := cam.Initialize(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- cam.Run(ctx) }()

	frameWhere := func(what string, ok func(*media.Frame) bool) *media.Frame {
		var found *media.Frame
		waitFor(t, 5*time.Second, what, func() bool {
			f := cam.LatestFrame()
			if f != nil && ok(f) {
				found = f
				return true
			}
			return false
		})
		if got := sizeOf(found.Img); got != cam.Size {
			t.Fatalf("%s at %v, want the camera's %v", what, got, cam.Size)
		}
		return found
	}
	frameWhere("green camera frames", func(f *media.Frame) bool { return colourIs(f.Img, green) })
	first := frameWhere("the camera-lost slate", func(f *media.Frame) bool { return isSlate(f.Img) })
	frameWhere("the slate to update while the device is away", func(f *media.Frame) bool {
		return isSlate(f.Img) && f.Seq > first.Seq+1
	})
	waitFor(t, 5*time.Second, "repeated looks for the device", func() bool { return failedOpens.Load() >= 3 })
	plugged.Store(true)
	back := frameWhere("blue frames from the returned camera", func(f *media.Frame) bool { return colourIs(f.Img, blue) })
	if back.Seq <= first.Seq {
		t.Errorf("frame numbers went back: slate %d, camera %d", first.Seq, back.Seq)
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v after cancel, want nil", err)
	}
	if n := strings.Count(logs.String(), "camera lost"); n != 1 {
		t.Errorf("logged the loss %d times over %d failed opens, want once:\n%s", n, failedOpens.Load(), logs)
	}
	if !strings.Contains(logs.String(), "camera back") {
		t.Errorf("the return was not logged:\n%s", logs)
	}
}

func TestCameraStopsWhileReadBlocks(t *testing.T) {
	defer goleak.VerifyNone(t)
	fake := newFakeCamera(nil, 0, nil)
	fake.tick = time.Hour // a camera that never delivers: only Close gets Read back
	cam := &Camera{ID: "stuck", Open: func(string) (FrameReader, error) { return fake, nil }}
	if err := cam.Initialize(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- cam.Run(ctx) }()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel while a read was blocked")
	}
	if n := fake.closes.Load(); n != 1 {
		t.Errorf("device closed %d times, want once", n)
	}
}

// TestCameraConvertsToI420 covers what drivers hand over: the picture must
// arrive as I420 at the asked size with its colours in their places.
func TestCameraConvertsToI420(t *testing.T) {
	red, blue := color.RGBA{200, 40, 40, 255}, color.RGBA{30, 60, 220, 255}
	split := func(w, h int, ratio image.YCbCrSubsampleRatio) *image.YCbCr {
		img := solidYCbCr(w, h, ratio, red)
		right := solidYCbCr(w, h, ratio, blue)
		for y := range h {
			for x := w / 2; x < w; x++ {
				img.Y[img.YOffset(x, y)] = right.Y[right.YOffset(x, y)]
				img.Cb[img.COffset(x, y)] = right.Cb[right.COffset(x, y)]
				img.Cr[img.COffset(x, y)] = right.Cr[right.COffset(x, y)]
			}
		}
		return img
	}
	rgba := image.NewRGBA(image.Rect(0, 0, 320, 240))
	for y := range 240 {
		for x := range 320 {
			c := red
			if x >= 160 {
				c = blue
			}
			rgba.SetRGBA(x, y, c)
		}
	}
	for _, tc := range []struct {
		name string
		img  image.Image
		size media.Size // the camera's configured size; zero keeps the native one
		want media.Size
	}{
		{"4:2:2 (YUYV) scaled up", split(640, 480, image.YCbCrSubsampleRatio422), media.Size{W: 1280, H: 720}, media.Size{W: 1280, H: 720}},
		{"4:2:0 same size", split(1280, 720, image.YCbCrSubsampleRatio420), media.Size{W: 1280, H: 720}, media.Size{W: 1280, H: 720}},
		{"4:4:4 scaled down", split(1920, 1080, image.YCbCrSubsampleRatio444), media.Size{W: 640, H: 360}, media.Size{W: 640, H: 360}},
		{"odd native size trimmed to even", split(642, 481, image.YCbCrSubsampleRatio420), media.Size{}, media.Size{W: 642, H: 480}},
		{"RGBA at native size", rgba, media.Size{}, media.Size{W: 320, H: 240}},
		{"RGBA scaled", rgba, media.Size{W: 640, H: 360}, media.Size{W: 640, H: 360}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cam := &Camera{ID: "conv", Size: tc.size, Open: func(string) (FrameReader, error) { return newFakeCamera(tc.img, 0, nil), nil }}
			if err := cam.Initialize(); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			wg.Go(func() { _ = cam.Run(ctx) })
			defer wg.Wait()
			defer cancel()
			waitFor(t, 5*time.Second, "a frame", func() bool { return cam.LatestFrame() != nil })
			got := cam.LatestFrame().Img
			if sizeOf(got) != tc.want || got.SubsampleRatio != image.YCbCrSubsampleRatio420 {
				t.Fatalf("got %v %v, want I420 %v", sizeOf(got), got.SubsampleRatio, tc.want)
			}
			if cam.Info().Size != tc.want {
				t.Errorf("Info().Size = %v, want %v", cam.Info().Size, tc.want)
			}
			h := tc.want.H / 2
			assertColour(t, got, image.Pt(tc.want.W/4, h), red, 4)
			assertColour(t, got, image.Pt(tc.want.W*3/4, h), blue, 4)
		})
	}
}

func TestCameraMissingAtStart(t *testing.T) {
	cam := &Camera{ID: "gone", Device: "Logitech BRIO", Open: func(d string) (FrameReader, error) {
		return nil, errors.Join(ErrNoDevice, errors.New("no camera matches "+d))
	}}
	err := cam.Initialize()
	if !errors.Is(err, ErrNoDevice) || !strings.Contains(err.Error(), "Logitech BRIO") {
		t.Fatalf("err = %v, want ErrNoDevice naming the device", err)
	}
	if err := (&Camera{ID: "odd", Size: media.Size{W: 641, H: 480}}).Initialize(); !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("odd size: err = %v", err)
	}
}

// TestCameraRealDriverWithoutCamera opens the real mediadevices path on a
// machine with no camera: Initialize must say so, not hang or panic.
func TestCameraRealDriverWithoutCamera(t *testing.T) {
	devs, err := ListDevices()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range devs {
		if d.Kind == DeviceCamera {
			t.Skipf("this machine has a camera (%s)", d.Label)
		}
	}
	err = (&Camera{ID: "cam"}).Initialize()
	if !errors.Is(err, ErrNoDevice) {
		t.Fatalf("err = %v, want ErrNoDevice", err)
	}
}
