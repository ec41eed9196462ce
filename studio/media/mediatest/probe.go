// Package mediatest holds helpers for tests that check real media: ffprobe
// wrappers and colour checks on decoded pictures.
package mediatest

import (
	"encoding/json"
	"image"
	"image/color"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/vitrina-live/vitrina/studio/media"
)

// Probe is the part of `ffprobe -show_streams -show_format` tests look at.
type Probe struct {
	Streams []struct {
		CodecType    string `json:"codec_type"`
		CodecName    string `json:"codec_name"`
		Width        int    `json:"width"`
		Height       int    `json:"height"`
		AvgFrameRate string `json:"avg_frame_rate"`
		HasBFrames   int    `json:"has_b_frames"`
		SampleRate   string `json:"sample_rate"`
		Channels     int    `json:"channels"`
	} `json:"streams"`
	Format struct {
		FormatName string `json:"format_name"`
		Duration   string `json:"duration"`
	} `json:"format"`
}

// FFprobe runs ffprobe on path and fails the test if it cannot read it.
func FFprobe(t testing.TB, path string) Probe {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var p Probe
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	return p
}

// Duration is the container duration in seconds.
func (p Probe) Duration() float64 {
	d, _ := strconv.ParseFloat(p.Format.Duration, 64)
	return d
}

// FPS parses a stream's avg_frame_rate ("30/1").
func FPS(rate string) float64 {
	num, den, ok := strings.Cut(rate, "/")
	if !ok {
		f, _ := strconv.ParseFloat(rate, 64)
		return f
	}
	n, _ := strconv.ParseFloat(num, 64)
	d, _ := strconv.ParseFloat(den, 64)
	if d == 0 {
		return 0
	}
	return n / d
}

// MedianYCbCr is the median Y, Cb and Cr inside r: robust to a moving box
// or a caption covering less than half of the region.
func MedianYCbCr(img *image.YCbCr, r image.Rectangle) color.YCbCr {
	r = r.Intersect(img.Rect)
	var ys, cbs, crs []uint8
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			ys = append(ys, img.Y[img.YOffset(x, y)])
			ci := img.COffset(x, y)
			cbs = append(cbs, img.Cb[ci])
			crs = append(crs, img.Cr[ci])
		}
	}
	return color.YCbCr{Y: median(ys), Cb: median(cbs), Cr: median(crs)}
}

func median(v []uint8) uint8 {
	if len(v) == 0 {
		return 0
	}
	sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	return v[len(v)/2]
}

// Near says whether two colours are within tol on every channel.
func Near(a, b color.YCbCr, tol int) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.Y, b.Y) <= tol && d(a.Cb, b.Cb) <= tol && d(a.Cr, b.Cr) <= tol
}

// HexYCbCr converts "#rrggbb" to the limited-range YCbCr a frame holds for it.
func HexYCbCr(hex string) color.YCbCr {
	v, _ := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	y, cb, cr := media.RGBToYCbCr(uint8(v>>16), uint8(v>>8), uint8(v))
	return color.YCbCr{Y: y, Cb: cb, Cr: cr}
}
