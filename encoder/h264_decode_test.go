package encoder_test

import (
	"errors"
	"image"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/capture"
	"github.com/vitrina-live/vitrina/studio/media"
)

// stripFrame is frame n of a moving picture with the test pattern's
// timecode strip burned in at the top.
func stripFrame(size media.Size, n int64, ms int64) *media.Frame {
	f := media.NewFrame(size.W, size.H)
	img := f.Img
	for y := range size.H {
		for x := range size.W {
			img.Y[y*img.YStride+x] = uint8(30 + (x+2*y+int(n)*7)%180)
		}
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = uint8(100+n%40), 140
	}
	capture.DrawTimecode(img, capture.TimecodeRect(size), ms, uint32(n))
	f.PTS = time.Duration(n) * time.Second / 30
	f.Seq = n
	return f
}

// Pictures from the live encoder come back out of the decoder one per
// access unit, at once, at their size and with the strip readable.
func TestH264DecodeRoundTrip(t *testing.T) {
	for _, size := range []media.Size{{W: 1280, H: 720}, {W: 640, H: 360}} {
		enc, err := encoder.NewVideoEncoder(encoder.VideoConfig{Width: size.W, Height: size.H, FPS: 30, Encoder: "x264", BitrateKbps: 2500})
		if err != nil {
			t.Fatal(err)
		}
		dec, err := encoder.NewH264Decoder()
		if err != nil {
			enc.Close()
			t.Fatal(err)
		}
		start := time.UnixMilli(1_767_225_600_000)
		const frames = 45
		decoded := 0
		for n := range int64(frames) {
			ms := start.Add(time.Duration(n) * 33 * time.Millisecond).UnixMilli()
			pkts, err := enc.Encode(stripFrame(size, n, ms))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range pkts {
				out, err := dec.Decode(p.Data, p.PTS)
				if err != nil {
					t.Fatalf("%v frame %d: %v", size, n, err)
				}
				// Low delay: the access unit's own picture, not a later one.
				if len(out) != 1 {
					t.Fatalf("%v frame %d: %d pictures from one access unit, want 1", size, n, len(out))
				}
				f := out[0]
				if got := f.Img.Rect; got != image.Rect(0, 0, size.W, size.H) {
					t.Fatalf("%v frame %d: decoded %v", size, n, got)
				}
				if f.PTS != p.PTS {
					t.Errorf("%v frame %d: pts %v, want %v", size, n, f.PTS, p.PTS)
				}
				gotMS, gotN, err := capture.ReadTimecode(f.Img, capture.TimecodeRect(size))
				if err != nil || gotMS != ms || gotN != uint32(n) {
					t.Errorf("%v frame %d: strip reads %d/%d (%v), want %d/%d", size, n, gotMS, gotN, err, ms, n)
				}
				decoded++
			}
		}
		enc.Close()
		dec.Close()
		if decoded != frames {
			t.Errorf("%v: decoded %d of %d frames", size, decoded, frames)
		}
	}
}

// A viewer that joins mid-GOP gets P-frames first: they yield nothing (or an
// ErrCorrupt), and the decoder recovers at the next keyframe.
func TestH264DecodeJoinsAtKeyframe(t *testing.T) {
	size := media.Size{W: 320, H: 180}
	enc, err := encoder.NewVideoEncoder(encoder.VideoConfig{Width: size.W, Height: size.H, FPS: 30, Encoder: "x264", BitrateKbps: 500, Keyframe: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	var aus []media.Packet
	for n := range int64(45) {
		pkts, err := enc.Encode(stripFrame(size, n, 1_000_000+n))
		if err != nil {
			t.Fatal(err)
		}
		aus = append(aus, pkts...)
	}
	dec, err := encoder.NewH264Decoder()
	if err != nil {
		t.Fatal(err)
	}
	joined := false
	for i, p := range aus[5:] {
		out, err := dec.Decode(p.Data, p.PTS)
		if err != nil && !errors.Is(err, encoder.ErrCorrupt) {
			t.Fatalf("access unit %d: %v", i+5, err)
		}
		if p.Keyframe {
			joined = true
		}
		if joined && len(out) != 1 {
			t.Fatalf("access unit %d after the keyframe: %d pictures, %v", i+5, len(out), err)
		}
		if joined {
			if _, n, err := capture.ReadTimecode(out[0].Img, capture.TimecodeRect(size)); err != nil || int64(n) != int64(i+5) {
				t.Errorf("access unit %d: strip reads frame %d (%v)", i+5, n, err)
			}
		}
	}
	if !joined {
		t.Fatal("the stream had no second keyframe")
	}
	dec.Close()
	if _, err := dec.Decode(aus[0].Data, 0); !errors.Is(err, encoder.ErrClosed) {
		t.Errorf("Decode after Close: %v, want ErrClosed", err)
	}
}
