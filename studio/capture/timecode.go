package capture

import (
	"fmt"
	"image"

	"github.com/vitrina-live/vitrina/studio/media"
)

// The timecode strip is a row of equal-width binary cells across the top of
// a source frame, so a receiver can read the capture time back out of the
// decoded video and measure glass-to-glass latency.
//
// Layout, left to right (80 cells, MSB first):
//
//	cells 0-1    start marker: white, black
//	cells 2-45   capture time, Unix milliseconds, 44 bits (good until 2527)
//	cells 46-69  frame number, 24 bits (wraps after 6 days at 30 fps)
//	cells 70-77  CRC-8 (poly 0x07, xorout 0x55) over the 68 payload bits
//	cells 78-79  end marker: black, white
//
// Cells are luma 16 (0) or 235 (1) with neutral chroma, so colour
// subsampling and limited-range clipping leave them alone. They are wide
// (16 px in a 1280 frame) and the decoder reads only the middle half of each
// cell against a threshold taken from the markers, so the strip survives
// H.264 at a few Mbps and being scaled down to a quarter (4 px cells) by a
// compositor.
const (
	tcCells     = 80
	tcMsBits    = 44
	tcFrameBits = 24
	tcCRCBits   = 8
	tcPayload   = tcMsBits + tcFrameBits
	tcFirstData = 2

	tcBlack = 16
	tcWhite = 235
	// tcMinContrast is how much brighter the white markers must read than
	// the black ones; below it the strip is not there (or is washed out).
	tcMinContrast = 48
)

// TimecodeRect is where the strip sits in a source frame of the given size:
// the full width at the top, max(16, h/40) rows rounded up to even so it
// covers whole chroma rows.
func TimecodeRect(size media.Size) image.Rectangle {
	h := max(16, size.H/40)
	h = (h + 1) &^ 1
	return image.Rect(0, 0, size.W, min(h, size.H))
}

// DrawTimecode burns ms (Unix milliseconds) and frame into r of img.
func DrawTimecode(img *image.YCbCr, r image.Rectangle, ms int64, frame uint32) {
	r = r.Intersect(img.Rect)
	if r.Dx() < tcCells || r.Empty() {
		return
	}
	cells := tcEncode(ms, frame)
	w := r.Dx()
	for i, bit := range cells {
		x0 := r.Min.X + i*w/tcCells
		x1 := r.Min.X + (i+1)*w/tcCells
		y := uint8(tcBlack)
		if bit == 1 {
			y = tcWhite
		}
		for py := r.Min.Y; py < r.Max.Y; py++ {
			row := img.Y[img.YOffset(x0, py):]
			for px := range x1 - x0 {
				row[px] = y
			}
			for px := x0; px < x1; px++ {
				c := img.COffset(px, py)
				img.Cb[c], img.Cr[c] = 128, 128
			}
		}
	}
}

// ReadTimecode decodes the strip drawn by DrawTimecode from r of img, where
// r is the strip's rectangle after any scaling the picture went through. It
// returns an error wrapping ErrNoTimecode when the markers are missing or the
// checksum does not match.
func ReadTimecode(img *image.YCbCr, r image.Rectangle) (ms int64, frame uint32, err error) {
	r = r.Intersect(img.Rect)
	if r.Dx() < tcCells || r.Dy() < 1 {
		return 0, 0, fmt.Errorf("%w: strip %v too small", ErrNoTimecode, r)
	}
	var levels [tcCells]float64
	for i := range levels {
		levels[i] = tcSampleCell(img, r, i)
	}
	white := (levels[0] + levels[tcCells-1]) / 2
	black := (levels[1] + levels[tcCells-2]) / 2
	if white-black < tcMinContrast {
		return 0, 0, fmt.Errorf("%w: markers missing (white %.0f, black %.0f)", ErrNoTimecode, white, black)
	}
	threshold := (white + black) / 2
	var cells [tcCells]uint8
	for i, l := range levels {
		if l > threshold {
			cells[i] = 1
		}
	}
	if cells[0] != 1 || cells[1] != 0 || cells[tcCells-2] != 0 || cells[tcCells-1] != 1 {
		return 0, 0, fmt.Errorf("%w: markers unreadable", ErrNoTimecode)
	}
	data := cells[tcFirstData : tcFirstData+tcPayload]
	sum := readBits(cells[tcFirstData+tcPayload : tcFirstData+tcPayload+tcCRCBits])
	if want := uint64(crc8(data)); sum != want {
		return 0, 0, fmt.Errorf("%w: checksum %#02x, want %#02x", ErrNoTimecode, sum, want)
	}
	return int64(readBits(data[:tcMsBits])), uint32(readBits(data[tcMsBits:])), nil
}

// tcEncode lays out the 80 cells for one frame.
func tcEncode(ms int64, frame uint32) [tcCells]uint8 {
	var cells [tcCells]uint8
	cells[0], cells[1] = 1, 0
	cells[tcCells-2], cells[tcCells-1] = 0, 1
	data := cells[tcFirstData : tcFirstData+tcPayload]
	writeBits(data[:tcMsBits], uint64(ms))
	writeBits(data[tcMsBits:], uint64(frame))
	writeBits(cells[tcFirstData+tcPayload:tcFirstData+tcPayload+tcCRCBits], uint64(crc8(data)))
	return cells
}

// tcSampleCell averages the middle half of cell i in both directions: the
// edges are where scaling blends neighbours and H.264 rings.
func tcSampleCell(img *image.YCbCr, r image.Rectangle, i int) float64 {
	cw := float64(r.Dx()) / tcCells
	cx := float64(r.Min.X) + (float64(i)+0.5)*cw
	cy := float64(r.Min.Y) + float64(r.Dy())/2
	x0, x1 := span(cx, cw/4, r.Min.X, r.Max.X)
	y0, y1 := span(cy, float64(r.Dy())/4, r.Min.Y, r.Max.Y)
	var sum, n int
	for y := y0; y < y1; y++ {
		row := img.Y[img.YOffset(x0, y):]
		for x := range x1 - x0 {
			sum += int(row[x])
			n++
		}
	}
	return float64(sum) / float64(n)
}

// span returns the pixel range [c-half, c+half) clamped to [lo, hi), at
// least one pixel wide.
func span(c, half float64, lo, hi int) (int, int) {
	a, b := int(c-half+0.5), int(c+half+0.5)
	if b <= a {
		a = int(c)
		b = a + 1
	}
	return max(a, lo), min(b, hi)
}

func writeBits(dst []uint8, v uint64) {
	for i := range dst {
		dst[i] = uint8(v>>(len(dst)-1-i)) & 1
	}
}

func readBits(src []uint8) uint64 {
	var v uint64
	for _, b := range src {
		v = v<<1 | uint64(b)
	}
	return v
}

// crc8 is CRC-8 with polynomial 0x07 over a bit string; the final xor keeps
// an all-black payload from having an all-black checksum.
func crc8(bits []uint8) uint8 {
	var crc uint8
	for _, b := range bits {
		top := crc>>7 ^ b
		crc <<= 1
		if top&1 == 1 {
			crc ^= 0x07
		}
	}
	return crc ^ 0x55
}
