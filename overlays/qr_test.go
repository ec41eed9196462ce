package overlays

import (
	"image"
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

// The QR tile carries the link's modules exactly: sampled at each
// module's centre, dark where the encoder's bitmap is set, white where it
// is not, including the quiet zone.
func TestQRTile(t *testing.T) {
	r := newRenderer(t, image.Pt(1280, 720), "en")
	tile, err := r.qrTile(link, r.px(116))
	if err != nil {
		t.Fatal(err)
	}
	q, err := qrcode.New(link, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	n := len(bits) + 2*qrQuiet
	mod := tile.Rect.Dx() / n
	if mod < qrMinModule || tile.Rect.Dx() != mod*n {
		t.Fatalf("tile %v for %d modules", tile.Rect, n)
	}
	for y := range n {
		for x := range n {
			c := tile.RGBAAt(x*mod+mod/2, y*mod+mod/2)
			dark := c.R < 128
			bx, by := x-qrQuiet, y-qrQuiet
			want := by >= 0 && by < len(bits) && bx >= 0 && bx < len(bits) && bits[by][bx]
			if dark != want {
				t.Fatalf("module %d,%d: dark %v, want %v (%v, mod %d)", x, y, dark, want, c, mod)
			}
		}
	}
	// A link too long for a readable code: a warning, and the card without it.
	p := contents[0].card
	p.Photo = ""
	p.Link = "https://shop.example.com/?" + strings.Repeat("x", 1500)
	_, warn := r.Card(p)
	if len(warn) != 1 || !strings.Contains(warn[0], "QR code") {
		t.Errorf("warnings %q", warn)
	}
}
