package capture

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/studio/media"
)

// fakeMic stands in for a microphone: blocks of a sine at its own rate and
// channel count, paced like a device, failing after `blocks` blocks when
// blocks > 0 (calling unplug first).
type fakeMic struct {
	rate, channels int
	blocks         int
	unplug         func()
	n              int // frames produced

	closed    chan struct{}
	closeOnce sync.Once
}

func newFakeMic(rate, channels, blocks int, unplug func()) *fakeMic {
	return &fakeMic{rate: rate, channels: channels, blocks: blocks, unplug: unplug, closed: make(chan struct{})}
}

func (f *fakeMic) Read() (AudioBlock, error) {
	select {
	case <-f.closed:
		return AudioBlock{}, ErrClosed
	case <-time.After(2 * time.Millisecond):
	}
	if f.blocks > 0 {
		f.blocks--
		if f.blocks == 0 {
			f.unplug()
			return AudioBlock{}, errors.New("ALSA: device disconnected")
		}
	}
	blk := sineBlock(f.rate, f.channels, f.n, f.rate/100) // 10 ms blocks
	f.n += f.rate / 100
	return blk, nil
}

// sineBlock is n frames of a 1 kHz sine at half scale, starting at frame
// start, on every channel.
func sineBlock(rate, channels, start, n int) AudioBlock {
	blk := AudioBlock{Samples: make([]float32, 0, n*channels), Rate: rate, Channels: channels}
	for i := range n {
		v := float32(0.5 * math.Sin(2*math.Pi*1000*float64(start+i)/float64(rate)))
		for range channels {
			blk.Samples = append(blk.Samples, v)
		}
	}
	return blk
}

func (f *fakeMic) Close() error {
	f.closeOnce.Do(func() { close(f.closed) })
	return nil
}

func TestMicLostAndBack(t *testing.T) {
	defer goleak.VerifyNone(t)
	logs := captureLog(t)
	var plugged atomic.Bool
	plugged.Store(true)
	var opens, failedOpens atomic.Int32
	open := func(string) (AudioReader, error) {
		if !plugged.Load() {
			failedOpens.Add(1)
			return nil, ErrNoDevice
		}
		if opens.Add(1) == 1 { // a 44.1 kHz mono USB mic, pulled out after 20 blocks
			return newFakeMic(44100, 1, 20, func() { plugged.Store(false) }), nil
		}
		return newFakeMic(48000, 2, 0, nil), nil
	}
	mic := &Mic{ID: "host", Device: "USB mic", Open: open, retry: 20 * time.Millisecond}
	if err := mic.Initialize(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- mic.Run(ctx) }()

	buf := make([]float32, 2*480)
	hear := func(what string) {
		waitFor(t, 5*time.Second, what, func() bool {
			n := mic.ReadAudio(buf)
			for _, v := range buf[:2*n] {
				if math.Abs(float64(v)) > 0.3 {
					return true
				}
			}
			return false
		})
	}
	hear("sound from the microphone")
	waitFor(t, 5*time.Second, "silence while the microphone is away", func() bool {
		return failedOpens.Load() >= 3 && mic.ReadAudio(buf) == 0
	})
	plugged.Store(true)
	hear("sound again after the microphone returns")

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v after cancel", err)
	}
	if n := strings.Count(logs.String(), "microphone lost"); n != 1 {
		t.Errorf("logged the loss %d times, want once:\n%s", n, logs)
	}
}

func TestMicMissingAtStart(t *testing.T) {
	mic := &Mic{ID: "m", Device: "Blue Yeti", Open: func(d string) (AudioReader, error) {
		return nil, errors.Join(ErrNoDevice, errors.New("no mic matches "+d))
	}}
	if err := mic.Initialize(); !errors.Is(err, ErrNoDevice) || !strings.Contains(err.Error(), "Blue Yeti") {
		t.Fatalf("err = %v, want ErrNoDevice naming the device", err)
	}
	if mic.ReadAudio(make([]float32, 8)) != 0 {
		t.Fatal("audio from a microphone that never opened")
	}
}

func TestResamplerKeepsPitch(t *testing.T) {
	for _, tc := range []struct {
		name           string
		rate, channels int
	}{
		{"44.1 kHz mono", 44100, 1},
		{"16 kHz mono (a headset)", 16000, 1},
		{"96 kHz stereo", 96000, 2},
		{"48 kHz with four channels", 48000, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rs resampler
			var out []float32
			// One second of input in uneven blocks.
			sizes := []int{tc.rate / 100, 7, tc.rate / 30, 1, 333}
			for i, at := 0, 0; at < tc.rate; i++ {
				n := min(sizes[i%len(sizes)], tc.rate-at)
				out = append(out, rs.convert(sineBlock(tc.rate, tc.channels, at, n))...)
				at += n
			}
			frames := len(out) / 2
			if frames < media.SampleRate-3 || frames > media.SampleRate+3 {
				t.Fatalf("%d frames from one second, want %d", frames, media.SampleRate)
			}
			var crossings int
			var maxStep float64
			for i := 2; i < len(out); i += 2 {
				if out[i] != out[i+1] {
					t.Fatalf("frame %d: left %g right %g", i/2, out[i], out[i+1])
				}
				if (out[i-2] < 0) != (out[i] < 0) {
					crossings++
				}
				maxStep = max(maxStep, math.Abs(float64(out[i]-out[i-2])))
			}
			if math.Abs(float64(crossings)/2-1000) > 2 {
				t.Errorf("%d zero crossings, want about 2000 (1 kHz)", crossings)
			}
			// The steepest a 0.5 sine at 1 kHz moves per 48 kHz sample.
			if limit := 2 * math.Pi * 1000 / media.SampleRate * 0.5 * 1.05; maxStep > limit {
				t.Errorf("step %g between samples, want at most %g: a click at a block edge", maxStep, limit)
			}
		})
	}
}

func TestRingDropsOldestWhenFull(t *testing.T) {
	r := newRing(4)
	r.write([]float32{1, 1, 2, 2, 3, 3})
	r.write([]float32{4, 4, 5, 5, 6, 6}) // two frames too many
	if d := r.droppedFrames(); d != 2 {
		t.Fatalf("dropped %d, want 2", d)
	}
	got := make([]float32, 10)
	if n := r.read(got); n != 4 || got[0] != 3 || got[6] != 6 {
		t.Fatalf("read %d frames %v, want frames 3..6", n, got[:2*n])
	}
	r.write([]float32{7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12}) // more than the whole ring
	if n := r.read(got); n != 4 || got[0] != 9 || got[7] != 12 {
		t.Fatalf("read %d frames %v, want the newest four", n, got[:2*n])
	}
	if n := r.read(got); n != 0 {
		t.Fatalf("read %d from an empty ring", n)
	}
}
