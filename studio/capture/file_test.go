package capture_test

import (
	"context"
	"errors"
	"io/fs"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/studio/capture"
	"github.com/vitrina-live/vitrina/studio/media"
)

// fileClip makes a one-second clip with the ffmpeg CLI: a 160x120 test
// picture at 25 fps, with a 1 kHz tone unless silent.
func fileClip(t *testing.T, name string, withAudio bool) string {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg not installed")
	}
	path := filepath.Join(t.TempDir(), name)
	args := []string{"-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=1"}
	if withAudio {
		args = append(args, "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000:duration=1", "-c:a", "aac")
	}
	args = append(args, "-c:v", "libx264", "-pix_fmt", "yuv420p", path)
	if out, err := exec.Command("ffmpeg", args...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	return path
}

// fileWaitFor polls cond until it holds, failing the test after timeout.
func fileWaitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestFileLoopsInRealTime(t *testing.T) {
	defer goleak.VerifyNone(t)
	f := &capture.File{ID: "promo", Path: fileClip(t, "promo.mp4", true)}
	var _ media.VideoSource = f
	var _ media.AudioSource = f
	if err := f.Initialize(); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info := f.Info()
	want := media.Info{ID: "promo", Kind: media.KindFile, Label: "promo.mp4", HasVideo: true, HasAudio: true,
		Size: media.Size{W: 160, H: 120}, FPS: 25}
	if info != want {
		t.Fatalf("Info() = %+v, want %+v", info, want)
	}
	if f.LatestFrame() != nil {
		t.Fatal("a frame before Run")
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	began := time.Now()
	go func() { done <- f.Run(ctx) }()

	// Play past the end of the one-second clip, draining the sound as a
	// mixer would.
	var samples int
	var loud bool
	buf := make([]float32, 960*2)
	var last *media.Frame
	fileWaitFor(t, 5*time.Second, "the clip to loop", func() bool {
		n := f.ReadAudio(buf)
		samples += n
		for _, s := range buf[:n*2] {
			loud = loud || s > 0.1
		}
		fr := f.LatestFrame()
		if fr != nil && last != nil && (fr.Seq < last.Seq || fr.PTS < last.PTS) {
			t.Fatalf("frame went back: seq %d pts %v after seq %d pts %v", fr.Seq, fr.PTS, last.Seq, last.PTS)
		}
		if fr != nil {
			last = fr
		}
		return fr != nil && fr.PTS >= 1300*time.Millisecond
	})
	elapsed := time.Since(began)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}

	// Real time: 1.3 s of picture takes 1.3 s, not the milliseconds a
	// decode takes.
	if elapsed < 1250*time.Millisecond {
		t.Fatalf("reached 1.3 s of the clip after %v: not paced in real time", elapsed)
	}
	if last.Seq < 30 || last.Img.Rect.Dx() != 160 || last.Img.Rect.Dy() != 120 {
		t.Fatalf("last frame seq %d size %v, want seq >= 30 at 160x120", last.Seq, last.Img.Rect)
	}
	// The sound kept flowing across the loop, at the program rate.
	heard := media.SamplesToDuration(int64(samples))
	if !loud || heard < elapsed-400*time.Millisecond || heard > elapsed+300*time.Millisecond {
		t.Fatalf("mixer read %v of sound (loud %v) in %v", heard, loud, elapsed)
	}
}

func TestFileWithoutSound(t *testing.T) {
	defer goleak.VerifyNone(t)
	f := &capture.File{ID: "bg", Path: fileClip(t, "bg.mp4", false)}
	if err := f.Initialize(); err != nil {
		t.Fatal(err)
	}
	if info := f.Info(); !info.HasVideo || info.HasAudio {
		t.Fatalf("Info() = %+v, want video only", info)
	}
	done := make(chan error, 1)
	go func() { done <- f.Run(context.Background()) }()
	fileWaitFor(t, 5*time.Second, "a frame", func() bool { return f.LatestFrame() != nil })
	if n := f.ReadAudio(make([]float32, 960)); n != 0 {
		t.Fatalf("ReadAudio = %d for a file without sound", n)
	}
	// Close ends a running source: the studio removes a file from a scene.
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run after Close: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run kept going after Close")
	}
}

func TestFileMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-video.mp4")
	f := &capture.File{ID: "promo", Path: path}
	err := f.Initialize()
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Initialize = %v, want fs.ErrNotExist naming %s", err, path)
	}
	if err := (&capture.File{ID: "x"}).Initialize(); !errors.Is(err, capture.ErrInvalidConfig) {
		t.Fatalf("no path: %v, want ErrInvalidConfig", err)
	}
}

// A picture the compositor holds never changes, while the file plays on and
// the pictures everyone has released are recycled.
func TestFileHeldFrameDoesNotChange(t *testing.T) {
	defer goleak.VerifyNone(t)
	f := &capture.File{ID: "promo", Path: fileClip(t, "held.mp4", false)}
	if err := f.Initialize(); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	defer func() { cancel(); <-done }()
	fileWaitFor(t, 5*time.Second, "a frame", func() bool {
		fr := f.LatestFrame()
		defer fr.Release()
		return fr != nil
	})
	held := f.LatestFrame()
	snapshot := slices.Clone(held.Img.Y)
	fileWaitFor(t, 5*time.Second, "ten more frames", func() bool {
		fr := f.LatestFrame()
		defer fr.Release() // as the compositor does once it has drawn a frame
		return fr.Seq >= held.Seq+10
	})
	if !slices.Equal(snapshot, held.Img.Y) {
		t.Fatalf("frame %d changed after it was handed out", held.Seq)
	}
	held.Release()
}
