package overlays

import (
	"fmt"
	"image"
	_ "image/jpeg" // product photos from catalogs: JPEG, PNG, WebP
	_ "image/png"
	"os"
	"time"

	xdraw "golang.org/x/image/draw"
	_ "golang.org/x/image/webp"
)

// maxPhotoPixels refuses decompression bombs: a catalog photo larger than
// this is almost certainly broken or hostile.
const maxPhotoPixels = 40 << 20

// keptSide is the longest side a decoded photo is kept at: common catalog
// photos (up to 2048 px) are kept as decoded, so the first card costs one
// decode and one scale, while a 6000-pixel original does not sit in memory
// at full size.
const keptSide = 2048

// photoCache keeps the last few photos decoded (reduced) and, for each, the
// last few box sizes scaled and clipped: decoding a catalog JPEG costs far
// more than the rest of a card, and a card is redrawn whenever its price
// or stock changes.
type photoCache struct {
	entries []*photoEntry
	clock   int // counts uses, for least-recently-used eviction
}

type photoEntry struct {
	path    string
	mod     time.Time
	size    int64
	src     image.Image // as decoded (YCbCr for JPEG), or reduced to keptSide
	scaled  map[image.Point]*image.RGBA
	lastUse int
}

const maxPhotos = 8

// open returns the photo at path decoded, from the cache when the file has
// not changed since.
func (c *photoCache) open(path string) (*photoEntry, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPhoto, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%w: %s is a directory", ErrPhoto, path)
	}
	c.clock++
	for _, e := range c.entries {
		if e.path == path && e.mod.Equal(st.ModTime()) && e.size == st.Size() {
			e.lastUse = c.clock
			return e, nil
		}
	}
	img, err := decodePhoto(path)
	if err != nil {
		return nil, err
	}
	e := &photoEntry{path: path, mod: st.ModTime(), size: st.Size(), src: reduce(img),
		scaled: map[image.Point]*image.RGBA{}, lastUse: c.clock}
	if len(c.entries) < maxPhotos {
		c.entries = append(c.entries, e)
	} else {
		oldest := 0
		for i, x := range c.entries {
			if x.lastUse < c.entries[oldest].lastUse {
				oldest = i
			}
		}
		c.entries[oldest] = e
	}
	return e, nil
}

// fit returns the photo scaled to cover w x h (centre-cropped) and clipped
// by mask, made once per size.
func (e *photoEntry) fit(w, h int, mask func(w, h int) *image.Alpha) *image.RGBA {
	k := image.Pt(w, h)
	if img, ok := e.scaled[k]; ok {
		return img
	}
	if len(e.scaled) >= 4 {
		clear(e.scaled)
	}
	out := coverScale(e.src, w, h)
	// Multiply the premultiplied pixels by the mask once here, so drawing
	// the card is a plain copy.
	m := mask(w, h)
	for i, a := range m.Pix {
		if a != 0xFF {
			for j := 4 * i; j < 4*i+4; j++ {
				out.Pix[j] = uint8((uint32(out.Pix[j])*uint32(a) + 127) / 255)
			}
		}
	}
	e.scaled[k] = out
	return out
}

func decodePhoto(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPhoto, err)
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(f)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrPhoto, path, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPhotoPixels {
		return nil, fmt.Errorf("%w: %s: %s of %dx%d pixels", ErrPhoto, path, format, cfg.Width, cfg.Height)
	}
	if _, err := f.Seek(0, 0); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPhoto, err)
	}
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrPhoto, path, err)
	}
	return img, nil
}

// reduce shrinks img to keptSide on its long side when it is larger, and
// otherwise keeps it as decoded: the scalers read YCbCr directly, so a
// conversion to RGBA first would only cost time.
func reduce(img image.Image) image.Image {
	b := img.Bounds()
	long := max(b.Dx(), b.Dy())
	if long <= keptSide {
		return img
	}
	w, h := max(1, b.Dx()*keptSide/long), max(1, b.Dy()*keptSide/long)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.ApproxBiLinear.Scale(out, out.Rect, img, b, xdraw.Src, nil)
	return out
}

// coverScale scales img to fill w x h, cropping the longer side equally
// (CSS object-fit: cover). A large shrink goes in two steps: a cheap
// bilinear pass to twice the size, then Catmull-Rom, which keeps it sharp;
// Catmull-Rom alone over a 1200-pixel photo costs ten times more for no
// visible gain.
func coverScale(img image.Image, w, h int) *image.RGBA {
	b := img.Bounds()
	src := b
	if b.Dx()*h > b.Dy()*w { // wider than the box: crop the sides
		cw := b.Dy() * w / h
		src.Min.X += (b.Dx() - cw) / 2
		src.Max.X = src.Min.X + cw
	} else {
		ch := b.Dx() * h / w
		src.Min.Y += (b.Dy() - ch) / 2
		src.Max.Y = src.Min.Y + ch
	}
	if src.Dx() > 4*w {
		mid := image.NewRGBA(image.Rect(0, 0, 2*w, 2*h))
		xdraw.ApproxBiLinear.Scale(mid, mid.Rect, img, src, xdraw.Src, nil)
		img, src = mid, mid.Rect
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(out, out.Rect, img, src, xdraw.Src, nil)
	return out
}
