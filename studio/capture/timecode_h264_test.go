package capture

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// TestTimecodeThroughH264 runs the strip through the path it is built for:
// the compositor scales the source into a tile of a 1280x720 program, the
// other tiles carry noise (the worst content for the encoder's bit budget),
// x264 encodes at 3 Mbps CBR-ish, and the decoded tile must still read. It
// uses the ffmpeg command (the encoder package is not studio's to import)
// and skips where there is no ffmpeg with libx264.
func TestTimecodeThroughH264(t *testing.T) {
	if testing.Short() {
		t.Skip("encodes video")
	}
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		t.Skip("no ffmpeg on PATH")
	}
	if out, err := exec.Command(ffmpeg, "-hide_banner", "-encoders").Output(); err != nil || !strings.Contains(string(out), "libx264") {
		t.Skip("ffmpeg has no libx264")
	}
	const frames = 45
	program := media.Size{W: 1280, H: 720}
	for _, tc := range []struct {
		name       string
		tiles      int // the source is scaled to 1/tiles, in a tiles x tiles grid
		neighbours func(*rand.Rand, media.Size, int) *image.YCbCr
	}{
		{"full, noise below", 1, noiseFrame},
		{"half (2x2 grid), noise tiles", 2, noiseFrame},
		{"half (2x2 grid), camera-like tiles", 2, cameraLikeFrame},
		{"quarter (4x4 grid), camera-like tiles", 4, cameraLikeFrame},
	} {
		tiles := tc.tiles
		t.Run(tc.name, func(t *testing.T) {
			src := newPattern(t, &TestPattern{ID: "h264", Size: program})
			rng := rand.New(rand.NewPCG(3, 4))
			tile := media.Size{W: program.W / tiles, H: program.H / tiles}
			start := time.UnixMilli(1_767_225_600_000)
			var raw bytes.Buffer
			for seq := range frames {
				pic := src.render(int64(seq), start.Add(time.Duration(seq)*33*time.Millisecond), 0).Img
				canvas := tc.neighbours(rng, program, seq)
				if tiles == 1 {
					below := canvas.SubImage(image.Rect(0, TimecodeRect(program).Max.Y, program.W, program.H)).(*image.YCbCr)
					paste(pic, below, below.Rect.Min)
					canvas = pic
				} else {
					paste(canvas, scaleYCbCr(pic, tile), image.Pt(tile.W, tile.H)) // tile (1,1): not at the origin
				}
				writeI420(&raw, canvas)
			}
			decoded := h264RoundTrip(t, ffmpeg, raw.Bytes(), program)
			if len(decoded) != frames {
				t.Fatalf("decoded %d frames, want %d", len(decoded), frames)
			}
			r := scaleRect(TimecodeRect(program), 1, tiles)
			if tiles > 1 {
				r = r.Add(image.Pt(tile.W, tile.H))
			}
			for seq, img := range decoded {
				ms, n, err := ReadTimecode(img, r)
				want := start.Add(time.Duration(seq) * 33 * time.Millisecond).UnixMilli()
				if err != nil || ms != want || n != uint32(seq) {
					t.Errorf("frame %d: read %d/%d, %v; want %d/%d", seq, ms, n, err, want, seq)
				}
			}
		})
	}
}

// noiseFrame is random luma and chroma: incompressible, so it takes the
// encoder's whole budget and starves the rest of the picture.
func noiseFrame(rng *rand.Rand, size media.Size, _ int) *image.YCbCr {
	img := image.NewYCbCr(image.Rect(0, 0, size.W, size.H), image.YCbCrSubsampleRatio420)
	for _, p := range [][]byte{img.Y, img.Cb, img.Cr} {
		for i := range p {
			p[i] = uint8(rng.UintN(256))
		}
	}
	return img
}

func writeI420(buf *bytes.Buffer, img *image.YCbCr) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for y := range h {
		buf.Write(img.Y[img.YOffset(img.Rect.Min.X, img.Rect.Min.Y+y):][:w])
	}
	for _, p := range [][]byte{img.Cb, img.Cr} {
		for y := range h / 2 {
			buf.Write(p[img.COffset(img.Rect.Min.X, img.Rect.Min.Y+2*y):][:w/2])
		}
	}
}

// h264RoundTrip encodes raw I420 at 3 Mbps with the settings the live path
// uses (no B-frames, 2 s GOP, zero latency) and decodes it back. One
// encoder thread makes the output the same on every run: with threads,
// rate control depends on scheduling and a starved frame lands in a
// different place each time.
func h264RoundTrip(t *testing.T, ffmpeg string, raw []byte, size media.Size) []*image.YCbCr {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dim := fmt.Sprintf("%dx%d", size.W, size.H)
	enc := exec.CommandContext(ctx, ffmpeg, "-hide_banner", "-loglevel", "error",
		"-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", dim, "-r", "30", "-i", "pipe:0",
		"-c:v", "libx264", "-threads", "1", "-preset", "veryfast", "-tune", "zerolatency",
		"-b:v", "3M", "-maxrate", "3M", "-bufsize", "1M", "-g", "60", "-bf", "0",
		"-f", "h264", "pipe:1")
	enc.Stdin = bytes.NewReader(raw)
	var stderr bytes.Buffer
	enc.Stderr = &stderr
	stream, err := enc.Output()
	if err != nil {
		t.Fatalf("encode: %v: %s", err, stderr.String())
	}
	t.Logf("%d frames in %d bytes (%.1f Mbps at 30 fps)", len(raw)/(size.W*size.H*3/2), len(stream),
		float64(len(stream))*8*30/float64(len(raw)/(size.W*size.H*3/2))/1e6)
	dec := exec.CommandContext(ctx, ffmpeg, "-hide_banner", "-loglevel", "error",
		"-f", "h264", "-i", "pipe:0", "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1")
	dec.Stdin = bytes.NewReader(stream)
	stderr.Reset()
	dec.Stderr = &stderr
	out, err := dec.Output()
	if err != nil {
		t.Fatalf("decode: %v: %s", err, stderr.String())
	}
	frameLen := size.W * size.H * 3 / 2
	var imgs []*image.YCbCr
	for len(out) >= frameLen {
		img := image.NewYCbCr(image.Rect(0, 0, size.W, size.H), image.YCbCrSubsampleRatio420)
		n := copy(img.Y, out)
		n += copy(img.Cb, out[n:])
		copy(img.Cr, out[n:])
		imgs = append(imgs, img)
		out = out[frameLen:]
	}
	return imgs
}

// cameraLikeFrame is what other cameras put beside the source: a moving
// gradient with sensor noise of a few levels, hard enough to cost bits but
// not the incompressible worst case.
func cameraLikeFrame(rng *rand.Rand, size media.Size, seq int) *image.YCbCr {
	img := image.NewYCbCr(image.Rect(0, 0, size.W, size.H), image.YCbCrSubsampleRatio420)
	for y := range size.H {
		for x := range size.W {
			v := (x+2*y+8*seq)%400/2 + 28 + int(rng.IntN(17)) - 8
			img.Y[y*img.YStride+x] = uint8(v)
		}
	}
	for y := range size.H / 2 {
		for x := range size.W / 2 {
			img.Cb[y*img.CStride+x] = uint8(100 + (x+seq)%56)
			img.Cr[y*img.CStride+x] = uint8(110 + (y+seq)%40)
		}
	}
	return img
}
