package capture

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

func TestTimecodeRect(t *testing.T) {
	for _, tc := range []struct {
		size media.Size
		want image.Rectangle
	}{
		{media.Size{W: 1280, H: 720}, image.Rect(0, 0, 1280, 18)},
		{media.Size{W: 1920, H: 1080}, image.Rect(0, 0, 1920, 28)},
		{media.Size{W: 640, H: 360}, image.Rect(0, 0, 640, 16)},
		{media.Size{W: 720, H: 1280}, image.Rect(0, 0, 720, 32)},
	} {
		if got := TimecodeRect(tc.size); got != tc.want {
			t.Errorf("TimecodeRect(%v) = %v, want %v", tc.size, got, tc.want)
		}
	}
}

// patternFrame draws one realistic source frame (moving box, label) with a
// known timecode.
func patternFrame(t *testing.T, size media.Size, ms int64, seq uint32) *image.YCbCr {
	t.Helper()
	p := newPattern(t, &TestPattern{ID: "tc", Size: size})
	return p.render(int64(seq), time.UnixMilli(ms), 0).Img
}

func TestTimecodeSurvives(t *testing.T) {
	const ms, seq = 1_767_225_600_123, 0xabcdef // 2026-01-01, a 24-bit frame number
	size := media.Size{W: 1280, H: 720}
	strip := TimecodeRect(size)
	jpegAt := func(q int) func(*image.YCbCr) *image.YCbCr {
		return func(img *image.YCbCr) *image.YCbCr {
			var buf bytes.Buffer
			if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
				t.Fatal(err)
			}
			out, err := jpeg.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			return out.(*image.YCbCr)
		}
	}
	noise := func(amp int) func(*image.YCbCr) *image.YCbCr {
		return func(img *image.YCbCr) *image.YCbCr {
			rng := rand.New(rand.NewPCG(1, 2))
			for i, v := range img.Y {
				img.Y[i] = uint8(max(0, min(255, int(v)+rng.IntN(2*amp+1)-amp)))
			}
			return img
		}
	}
	for _, tc := range []struct {
		name     string
		num, den int // scale
		damage   func(*image.YCbCr) *image.YCbCr
	}{
		{"full size", 1, 1, nil},
		{"half (2x2 grid tile)", 1, 2, nil},
		{"quarter", 1, 4, nil},
		{"9:16 canvas width (0.5625)", 9, 16, nil},
		{"a third", 1, 3, nil},
		{"noise ±40", 1, 1, noise(40)},
		{"half then noise ±30", 1, 2, noise(30)},
		{"JPEG q20", 1, 1, jpegAt(20)},
		{"half then JPEG q20", 1, 2, jpegAt(20)},
		{"quarter then JPEG q30", 1, 4, jpegAt(30)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := patternFrame(t, size, ms, seq)
			r := strip
			if tc.num != tc.den {
				img = areaScale(img, size.W*tc.num/tc.den, size.H*tc.num/tc.den)
				r = scaleRect(strip, tc.num, tc.den)
			}
			if tc.damage != nil {
				img = tc.damage(img)
			}
			gotMs, gotSeq, err := ReadTimecode(img, r)
			if err != nil {
				t.Fatalf("ReadTimecode at %v: %v", r, err)
			}
			if gotMs != ms || gotSeq != seq {
				t.Fatalf("read %d/%#x, want %d/%#x", gotMs, gotSeq, ms, seq)
			}
		})
	}
}

func TestTimecodeRoundTripValues(t *testing.T) {
	img := media.NewFrame(640, 360).Img
	r := TimecodeRect(sizeOf(img))
	for _, tc := range []struct {
		ms  int64
		seq uint32
	}{{0, 0}, {1, 1}, {1<<44 - 1, 1<<24 - 1}, {1_700_000_000_000, 42}} {
		DrawTimecode(img, r, tc.ms, tc.seq)
		ms, seq, err := ReadTimecode(img, r)
		if err != nil || ms != tc.ms || seq != tc.seq {
			t.Errorf("round trip %d/%d: got %d/%d, %v", tc.ms, tc.seq, ms, seq, err)
		}
	}
}

func TestTimecodeRejects(t *testing.T) {
	size := media.Size{W: 1280, H: 720}
	strip := TimecodeRect(size)
	cellW := size.W / tcCells
	for _, tc := range []struct {
		name  string
		spoil func(img *image.YCbCr)
		r     image.Rectangle
	}{
		{"no strip at all", func(img *image.YCbCr) { media.Fill(img, 90, 100, 160) }, strip},
		{"one data cell flipped", func(img *image.YCbCr) {
			x := (tcFirstData+10)*cellW + cellW/2
			v := img.Y[img.YOffset(x, 4)]
			fillRect(img, image.Rect(x-cellW/2, 0, x+cellW/2, strip.Max.Y), 251-v, 128, 128)
		}, strip},
		{"checksum cell flipped", func(img *image.YCbCr) {
			x := (tcFirstData+tcPayload+3)*cellW + cellW/2
			v := img.Y[img.YOffset(x, 4)]
			fillRect(img, image.Rect(x-cellW/2, 0, x+cellW/2, strip.Max.Y), 251-v, 128, 128)
		}, strip},
		{"strip washed out", func(img *image.YCbCr) { fillRect(img, strip, 128, 128, 128) }, strip},
		{"rectangle too narrow", func(*image.YCbCr) {}, image.Rect(0, 0, 40, 18)},
		{"rectangle off the picture", func(*image.YCbCr) {}, image.Rect(0, 800, 1280, 818)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := patternFrame(t, size, 1_767_225_600_000, 7)
			tc.spoil(img)
			if _, _, err := ReadTimecode(img, tc.r); !errors.Is(err, ErrNoTimecode) {
				t.Fatalf("err = %v, want ErrNoTimecode", err)
			}
		})
	}
}
