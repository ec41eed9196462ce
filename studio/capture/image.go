package capture

import (
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // registers JPEG with image.Decode
	_ "image/png"  // registers PNG with image.Decode
	"log/slog"
	"os"
	"path/filepath"

	_ "golang.org/x/image/webp" // registers WebP with image.Decode

	"github.com/vitrina-live/vitrina/studio/media"
)

// Image is a still picture (PNG, JPEG or WebP): a "be right back" card, a
// product shot, a logo slate. It is decoded and converted to I420 once, at
// its own size rounded to even; the compositor scales it like any source.
type Image struct {
	ID, Path string

	frame *media.Frame
}

// Info describes the image; its size is known after Initialize.
func (s *Image) Info() media.Info {
	info := media.Info{ID: s.ID, Kind: media.KindImage, Label: filepath.Base(s.Path), HasVideo: true}
	if s.frame != nil {
		info.Size = sizeOf(s.frame.Img)
	}
	return info
}

// Initialize reads and converts the picture, so a missing or broken file
// stops the show before it starts rather than leaving a black tile.
func (s *Image) Initialize() error {
	if s.Path == "" {
		return fmt.Errorf("capture: image %q: no path: %w", s.ID, ErrInvalidConfig)
	}
	f, err := os.Open(s.Path)
	if err != nil {
		return fmt.Errorf("capture: image %q: %w", s.ID, err)
	}
	defer f.Close()
	img, format, err := image.Decode(f)
	if err != nil {
		return fmt.Errorf("capture: image %q: %s: %w: %v", s.ID, s.Path, ErrDecodeImage, err)
	}
	b := img.Bounds()
	if b.Empty() {
		return fmt.Errorf("capture: image %q: %s is empty: %w", s.ID, s.Path, ErrDecodeImage)
	}
	frame := toI420(img, evenSize(b))
	if _, ycc := img.(*image.YCbCr); ycc && format == "jpeg" {
		// JPEG's YCbCr is full range; the program is limited range.
		if frame == img {
			frame = toI420(img, evenSize(b)) // never rewrite the decoder's own buffer
		}
		fullToLimited(frame)
	}
	s.frame = &media.Frame{Img: frame}
	slog.Info("image loaded", "source", s.ID, "path", s.Path, "format", format,
		"size", fmt.Sprintf("%dx%d", s.frame.Img.Rect.Dx(), s.frame.Img.Rect.Dy()))
	return nil
}

// Run has nothing to produce: the one frame is ready after Initialize. It
// waits so the source behaves like every other under the engine.
func (s *Image) Run(ctx context.Context) error {
	<-ctx.Done()
	return nil
}

// LatestFrame returns the picture; the same frame every time, which is fine
// because nobody writes to a published frame.
func (s *Image) LatestFrame() *media.Frame { return s.frame }

// Close keeps the frame: the compositor may still hold or ask for it, and
// the garbage collector frees it with the source.
func (s *Image) Close() error { return nil }

func sizeOf(img *image.YCbCr) media.Size { return media.Size{W: img.Rect.Dx(), H: img.Rect.Dy()} }

// fullToLimited maps full-range (JFIF) YCbCr onto BT.601 limited range in
// place: Y 0–255 to 16–235, chroma 0–255 to 16–240 around 128.
func fullToLimited(img *image.YCbCr) {
	var ly, lc [256]uint8
	for i := range 256 {
		ly[i] = uint8(16 + (i*219+127)/255)
		lc[i] = uint8(128 + ((i-128)*224+127*sign(i-128))/255)
	}
	for i, v := range img.Y {
		img.Y[i] = ly[v]
	}
	for i, v := range img.Cb {
		img.Cb[i] = lc[v]
	}
	for i, v := range img.Cr {
		img.Cr[i] = lc[v]
	}
}

func sign(v int) int {
	if v < 0 {
		return -1
	}
	return 1
}
