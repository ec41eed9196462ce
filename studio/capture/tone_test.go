package capture

import (
	"context"
	"errors"
	"math"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/studio/media"
)

// readSeconds pulls one second from src in uneven chunks, as a mixer whose
// period does not divide the second would.
func readSeconds(src media.AudioSource, seconds int) []float32 {
	out := make([]float32, 0, seconds*media.SampleRate*media.Channels)
	chunks := []int{480, 7, 1024, 333, 960}
	for i := 0; len(out) < cap(out); i++ {
		want := min(chunks[i%len(chunks)], (cap(out)-len(out))/media.Channels)
		buf := make([]float32, want*media.Channels)
		n := src.ReadAudio(buf)
		out = append(out, buf[:n*media.Channels]...)
	}
	return out
}

func TestToneFrequencyAndLevel(t *testing.T) {
	for _, tc := range []struct {
		name        string
		tone        *Tone
		freq, level float64
	}{
		{"defaults: 1 kHz at 0.25", &Tone{ID: "lineup"}, 1000, 0.25},
		{"440 Hz at half scale", &Tone{ID: "a4", Freq: 440, Level: 0.5}, 440, 0.5},
		{"low 50 Hz", &Tone{ID: "hum", Freq: 50, Level: 0.1}, 50, 0.1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.tone.Initialize(); err != nil {
				t.Fatal(err)
			}
			s := readSeconds(tc.tone, 1)
			var crossings int
			var peak, sumSq, maxStep float64
			for i := 0; i < len(s); i += 2 {
				l, r := float64(s[i]), float64(s[i+1])
				if l != r {
					t.Fatalf("frame %d: left %g, right %g", i/2, l, r)
				}
				if i >= 2 {
					prev := float64(s[i-2])
					if (prev < 0) != (l < 0) {
						crossings++
					}
					maxStep = max(maxStep, math.Abs(l-prev))
				}
				peak = max(peak, math.Abs(l))
				sumSq += l * l
			}
			// A sine crosses zero twice a cycle.
			if got := float64(crossings) / 2; math.Abs(got-tc.freq) > 1 {
				t.Errorf("%g cycles in a second, want %g", got, tc.freq)
			}
			if math.Abs(peak-tc.level) > 0.01*tc.level {
				t.Errorf("peak %g, want %g", peak, tc.level)
			}
			if rms := math.Sqrt(sumSq / float64(len(s)/2)); math.Abs(rms-tc.level/math.Sqrt2) > 0.01*tc.level {
				t.Errorf("RMS %g, want %g", rms, tc.level/math.Sqrt2)
			}
			// Chunk boundaries must not click: no step larger than the
			// steepest slope of the sine allows.
			if limit := 2 * math.Pi * tc.freq / media.SampleRate * tc.level * 1.001; maxStep > limit {
				t.Errorf("largest step %g, want at most %g (a click at a chunk boundary)", maxStep, limit)
			}
		})
	}
}

func TestToneRejectsBadConfig(t *testing.T) {
	for _, tone := range []*Tone{{Freq: -5}, {Freq: 30000}, {Level: 2}, {Level: -0.5}, {Freq: math.NaN()}} {
		if err := tone.Initialize(); !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%+v: err = %v, want ErrInvalidConfig", tone, err)
		}
	}
}

func TestSilenceIsSilent(t *testing.T) {
	s := &Silence{ID: "quiet"}
	if err := s.Initialize(); err != nil {
		t.Fatal(err)
	}
	buf := []float32{1, 1, 1, 1, 1}
	if n := s.ReadAudio(buf); n != 2 || buf[0] != 0 || buf[3] != 0 {
		t.Fatalf("ReadAudio = %d, %v; want 2 frames of zeros", n, buf)
	}
	for i, v := range readSeconds(s, 1) {
		if v != 0 {
			t.Fatalf("sample %d is %g", i, v)
		}
	}
}

// TestGeneratorsRunUntilCancelled checks the life cycle the engine drives.
func TestGeneratorsRunUntilCancelled(t *testing.T) {
	defer goleak.VerifyNone(t)
	for _, src := range []media.AudioSource{&Tone{ID: "t"}, &Silence{ID: "s"}} {
		if err := src.Initialize(); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		var err error
		wg.Go(func() { err = src.Run(ctx) })
		cancel()
		wg.Wait()
		if err != nil || src.Close() != nil {
			t.Fatalf("%s: Run = %v after cancel", src.Info().ID, err)
		}
		if !src.Info().HasAudio || src.Info().HasVideo {
			t.Fatalf("%s: info %+v", src.Info().ID, src.Info())
		}
	}
}
