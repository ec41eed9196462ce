package encoder

import (
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// makeClip runs the ffmpeg CLI to make a test file in dir.
func makeClip(t *testing.T, name string, args ...string) string {
	t.Helper()
	needTool(t, "ffmpeg")
	path := filepath.Join(t.TempDir(), name)
	cmd := exec.Command("ffmpeg", append(append([]string{"-v", "error", "-y"}, args...), path)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	return path
}

func readAll(t *testing.T, m *MediaFile) (frames []*media.Frame, chunks []*media.AudioChunk) {
	t.Helper()
	for {
		v, a, err := m.Next()
		if errors.Is(err, io.EOF) {
			return frames, chunks
		}
		if err != nil {
			t.Fatal(err)
		}
		if (v == nil) == (a == nil) {
			t.Fatalf("Next returned video %v and audio %v: want exactly one", v != nil, a != nil)
		}
		if v != nil {
			frames = append(frames, v)
		} else {
			chunks = append(chunks, a)
		}
	}
}

func TestMediaFileDecodesToProgramFormat(t *testing.T) {
	// An odd-sized 4:4:4 picture and 44.1 kHz mono sound: everything the
	// file source must convert (crop, swscale, resample, upmix).
	path := makeClip(t, "clip.mp4",
		"-f", "lavfi", "-i", "testsrc2=size=321x241:rate=25:duration=2",
		"-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100:duration=2",
		"-c:v", "libx264", "-pix_fmt", "yuv444p", "-c:a", "aac", "-ac", "1", "-shortest")
	m, err := OpenMediaFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	info := m.Info()
	if !info.HasVideo || !info.HasAudio || info.Size != (media.Size{W: 320, H: 240}) || info.FPS != 25 {
		t.Fatalf("Info() = %+v, want video and audio, 320x240, 25 fps", info)
	}
	if d := info.Duration; d < 1900*time.Millisecond || d > 2100*time.Millisecond {
		t.Fatalf("duration %v, want about 2 s", d)
	}

	frames, chunks := readAll(t, m)
	if len(frames) != 50 {
		t.Fatalf("%d frames, want 50", len(frames))
	}
	for i, f := range frames {
		if f.Img.Rect.Dx() != 320 || f.Img.Rect.Dy() != 240 || len(f.Img.Cb) != 160*120 {
			t.Fatalf("frame %d is %v with %d chroma bytes, want I420 320x240", i, f.Img.Rect, len(f.Img.Cb))
		}
		if want := time.Duration(i) * 40 * time.Millisecond; f.PTS != want {
			t.Fatalf("frame %d PTS %v, want %v", i, f.PTS, want)
		}
	}
	var samples int
	var sum float64
	for i, c := range chunks {
		if i > 0 {
			prev := chunks[i-1]
			if want := prev.PTS + media.SamplesToDuration(int64(prev.Frames())); c.PTS != want {
				t.Fatalf("chunk %d at %v, want %v: chunks must be contiguous", i, c.PTS, want)
			}
		}
		for j := 0; j+1 < len(c.Samples); j += 2 {
			if c.Samples[j] != c.Samples[j+1] {
				t.Fatalf("chunk %d: left %v != right %v for a mono source", i, c.Samples[j], c.Samples[j+1])
			}
			sum += float64(c.Samples[j]) * float64(c.Samples[j])
		}
		samples += c.Frames()
	}
	if chunks[0].PTS < -30*time.Millisecond || chunks[0].PTS > 30*time.Millisecond {
		t.Fatalf("first chunk at %v, want about 0", chunks[0].PTS)
	}
	if got := media.SamplesToDuration(int64(samples)); got < 1950*time.Millisecond || got > 2100*time.Millisecond {
		t.Fatalf("%v of audio at 48 kHz, want about 2 s", got)
	}
	// lavfi's sine has amplitude 1/8: RMS 0.088.
	if rms := math.Sqrt(sum / float64(samples)); rms < 0.07 || rms > 0.1 {
		t.Fatalf("audio RMS %.3f, want about 0.088 (a 1/8 amplitude sine)", rms)
	}

	if err := m.Rewind(); err != nil {
		t.Fatal(err)
	}
	again, _ := readAll(t, m)
	if len(again) != 50 || again[0].PTS != 0 {
		t.Fatalf("after Rewind: %d frames from %v, want 50 from 0", len(again), again[0].PTS)
	}
}

func TestMediaFileAudioOnly(t *testing.T) {
	path := makeClip(t, "tone.wav", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1", "-ac", "2")
	m, err := OpenMediaFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if info := m.Info(); info.HasVideo || !info.HasAudio || info.Size != (media.Size{}) {
		t.Fatalf("Info() = %+v, want audio only", info)
	}
	frames, chunks := readAll(t, m)
	var n int
	for _, c := range chunks {
		n += c.Frames()
	}
	if len(frames) != 0 || n != 48000 {
		t.Fatalf("%d frames and %d samples, want 0 and 48000", len(frames), n)
	}
}

func TestMediaFileErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.mp4")
	_, err := OpenMediaFile(missing)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Fatalf("missing file: err = %v, want fs.ErrNotExist naming the path", err)
	}
	text := filepath.Join(t.TempDir(), "notes.mp4")
	if err := os.WriteFile(text, []byte("this is not a video\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenMediaFile(text); err == nil || !strings.Contains(err.Error(), text) {
		t.Fatalf("text file: err = %v, want an error naming the path", err)
	}
	// A file FFmpeg reads but that has nothing to play.
	meta := makeClip(t, "meta.txt", "-f", "lavfi", "-i", "anullsrc", "-t", "0.1", "-vn", "-an", "-f", "ffmetadata")
	if _, err := OpenMediaFile(meta); !errors.Is(err, ErrNoStreams) {
		t.Fatalf("file without streams: err = %v, want ErrNoStreams", err)
	}
}

// TestDemoClip guards the clip the project ships: the demo show and the
// pixel tests rely on its size, its sound and its orange.
func TestDemoClip(t *testing.T) {
	m, err := OpenMediaFile(filepath.Join("..", "assets", "media", "demo.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	info := m.Info()
	if !info.HasVideo || !info.HasAudio || info.Size != (media.Size{W: 640, H: 360}) || info.FPS != 30 ||
		info.Duration != 4*time.Second {
		t.Fatalf("Info() = %+v, want 640x360 30 fps video and audio, 4 s", info)
	}
	frames, chunks := readAll(t, m)
	if len(frames) != 120 || len(chunks) == 0 {
		t.Fatalf("%d frames and %d chunks, want 120 frames and sound", len(frames), len(chunks))
	}
	for _, f := range []*media.Frame{frames[0], frames[60], frames[119]} {
		c := f.Img.YCbCrAt(320, 180)
		if d := max(absDiff(c.Y, 152), absDiff(c.Cb, 49), absDiff(c.Cr, 189)); d > 6 {
			t.Fatalf("frame at %v: centre pixel %v, want orange (152, 49, 189)", f.PTS, c)
		}
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// A decoded picture is read in place from FFmpeg's buffer: it must stay as
// it was while the file decodes on (recycling every released buffer), after
// a rewind, and after the file is closed, until its holder releases it.
func TestMediaFilePictureOutlivesDecoding(t *testing.T) {
	path := makeClip(t, "moving.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
		"-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "10")
	m, err := OpenMediaFile(path)
	if err != nil {
		t.Fatal(err)
	}
	held, _, err := m.Next()
	if err != nil || held == nil {
		t.Fatalf("first picture: %v, %v", held, err)
	}
	want := pixels(held)
	drain := func() {
		for {
			v, _, err := m.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			v.Release()
		}
	}
	drain()
	if err := m.Rewind(); err != nil {
		t.Fatal(err)
	}
	drain()
	m.Close()
	if got := pixels(held); got != want {
		t.Fatal("a held picture changed while the file was decoded on, rewound and closed")
	}
	held.Release()
}

// pixels returns the picture's visible pixels, plane by plane.
func pixels(f *media.Frame) string {
	var b strings.Builder
	img := f.Img
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for y := range h {
		b.Write(img.Y[y*img.YStride : y*img.YStride+w])
	}
	for y := range h / 2 {
		b.Write(img.Cb[y*img.CStride : y*img.CStride+w/2])
		b.Write(img.Cr[y*img.CStride : y*img.CStride+w/2])
	}
	return b.String()
}

// Looping flushes the decoders in place (a reopen per loop grew the C heap)
// and plays the same pictures again from the start.
func TestMediaFileRewindFlushesInPlace(t *testing.T) {
	path := makeClip(t, "loop.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1",
		"-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000:duration=1",
		"-c:v", "libx264", "-pix_fmt", "yuv420p", "-bf", "2", "-c:a", "aac", "-shortest")
	m, err := OpenMediaFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	first, chunks := readAll(t, m)
	video, audio := m.video.cc, m.audio.cc
	if err := m.Rewind(); err != nil {
		t.Fatal(err)
	}
	if m.video.cc != video || m.audio.cc != audio {
		t.Fatal("Rewind reopened the decoders instead of flushing them")
	}
	again, chunks2 := readAll(t, m)
	if len(again) != len(first) || len(chunks2) != len(chunks) {
		t.Fatalf("second loop: %d pictures and %d chunks, first: %d and %d", len(again), len(chunks2), len(first), len(chunks))
	}
	for i := range first {
		if again[i].PTS != first[i].PTS || pixels(again[i]) != pixels(first[i]) {
			t.Fatalf("picture %d differs between loops (PTS %v and %v)", i, first[i].PTS, again[i].PTS)
		}
	}
}
