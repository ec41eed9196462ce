package media

import "testing"

// The primaries and the extremes land where BT.601 limited range puts them,
// as FFmpeg's own conversion does.
func TestRGBToYCbCrIsLimitedRange(t *testing.T) {
	cases := []struct {
		r, g, b   uint8
		y, cb, cr uint8
	}{
		{0, 0, 0, 16, 128, 128},
		{255, 255, 255, 235, 128, 128},
		{255, 0, 0, 81, 90, 240},
		{0, 255, 0, 145, 54, 34},
		{0, 0, 255, 41, 240, 110},
		{255, 140, 0, 152, 49, 189}, // the demo clip's orange, as ffmpeg decodes it
	}
	for _, c := range cases {
		y, cb, cr := RGBToYCbCr(c.r, c.g, c.b)
		d := func(a, b uint8) int { return max(int(a), int(b)) - min(int(a), int(b)) }
		if d(y, c.y) > 1 || d(cb, c.cb) > 1 || d(cr, c.cr) > 1 {
			t.Errorf("RGB(%d,%d,%d) = %d,%d,%d; want %d,%d,%d", c.r, c.g, c.b, y, cb, cr, c.y, c.cb, c.cr)
		}
	}
}
