package overlays

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"

	qrcode "github.com/skip2/go-qrcode"
)

// qrQuiet is the quiet zone in modules. The standard asks for four, but
// the tile's white border is on a dark panel with nothing else near, and
// phone scanners read a two-module zone on screens reliably; four would
// shrink the modules by a fifth at the same tile size.
const qrQuiet = 2

// qrMinModule is the smallest module, in pixels, that a phone reliably
// resolves from a 720p stream on a second screen.
const qrMinModule = 2

// qrBits returns the link's QR modules (bitmap[y][x], no quiet zone),
// cached by link: the mask search costs about as much as drawing the rest
// of a card.
func (r *Renderer) qrBits(link string) ([][]bool, error) {
	if r.qrLink == link && r.qrBitmap != nil {
		return r.qrBitmap, nil
	}
	q, err := qrcode.New(link, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	q.DisableBorder = true
	r.qrLink, r.qrBitmap = link, q.Bitmap()
	return r.qrBitmap, nil
}

// qrTile draws the link's QR code as dark modules on a white rounded tile
// at most side pixels square, with whole-pixel modules so every edge is
// crisp after scaling to the stream.
func (r *Renderer) qrTile(link string, side int) (*image.RGBA, error) {
	bits, err := r.qrBits(link)
	if err != nil {
		return nil, err
	}
	n := len(bits) + 2*qrQuiet
	mod := side / n
	if mod < qrMinModule {
		return nil, fmt.Errorf("QR code: the link needs %d modules, too many to read at %d px", len(bits), side)
	}
	size := mod * n
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	r.fillRound(img, img.Rect, float64(mod)/2, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, draw.Src)
	dark := image.NewUniform(color.RGBA{0x10, 0x10, 0x14, 0xFF})
	for y, row := range bits {
		for x, on := range row {
			if on {
				px := image.Rect((x+qrQuiet)*mod, (y+qrQuiet)*mod, (x+qrQuiet+1)*mod, (y+qrQuiet+1)*mod)
				draw.Draw(img, px, dark, image.Point{}, draw.Src)
			}
		}
	}
	return img, nil
}
