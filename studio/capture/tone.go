package capture

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/vitrina-live/vitrina/studio/media"
)

// Tone is a sine generator: the line-up tone engineers use to check levels
// and the audio path end to end. Samples are made on demand in ReadAudio,
// so the tone is never late and never buffers.
type Tone struct {
	ID    string
	Freq  float64 // Hz; default 1000
	Level float64 // peak amplitude in [0, 1]; default 0.25 (-12 dBFS)

	mu    sync.Mutex
	phase float64 // radians, carried across calls so chunks join without clicks
}

// Info describes the tone.
func (t *Tone) Info() media.Info {
	freq := t.Freq
	if freq == 0 {
		freq = 1000 // the default Initialize applies
	}
	return media.Info{ID: t.ID, Kind: media.KindTone, Label: fmt.Sprintf("%g Hz tone", freq), HasAudio: true}
}

// Initialize applies the defaults and checks the tone can be represented at
// 48 kHz.
func (t *Tone) Initialize() error {
	if t.Freq == 0 {
		t.Freq = 1000
	}
	if t.Level == 0 {
		t.Level = 0.25
	}
	if t.Freq < 0 || t.Freq >= media.SampleRate/2 || math.IsNaN(t.Freq) {
		return fmt.Errorf("capture: tone %q: frequency %g Hz outside 0..%d: %w", t.ID, t.Freq, media.SampleRate/2, ErrInvalidConfig)
	}
	if t.Level < 0 || t.Level > 1 || math.IsNaN(t.Level) {
		return fmt.Errorf("capture: tone %q: level %g outside 0..1: %w", t.ID, t.Level, ErrInvalidConfig)
	}
	return nil
}

// Run waits for ctx: a generator has no device to watch.
func (t *Tone) Run(ctx context.Context) error {
	<-ctx.Done()
	return nil
}

// Close has nothing to release.
func (t *Tone) Close() error { return nil }

// ReadAudio fills dst with the next len(dst)/2 stereo frames of the tone,
// the same on both channels.
func (t *Tone) ReadAudio(dst []float32) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(dst) / media.Channels
	step := 2 * math.Pi * t.Freq / media.SampleRate
	for i := range n {
		v := float32(t.Level * math.Sin(t.phase))
		dst[2*i], dst[2*i+1] = v, v
		t.phase += step
		if t.phase >= 2*math.Pi {
			t.phase -= 2 * math.Pi // keeps precision over a long show
		}
	}
	return n
}

// Silence is digital silence: a placeholder audio source, and the honest
// sound of a scene with no microphone.
type Silence struct{ ID string }

// Info describes the silence.
func (s *Silence) Info() media.Info {
	return media.Info{ID: s.ID, Kind: media.KindSilence, Label: "silence", HasAudio: true}
}

// Initialize has nothing to check.
func (s *Silence) Initialize() error { return nil }

// Run waits for ctx.
func (s *Silence) Run(ctx context.Context) error {
	<-ctx.Done()
	return nil
}

// Close has nothing to release.
func (s *Silence) Close() error { return nil }

// ReadAudio fills dst with zeros: len(dst)/2 frames, always available.
func (s *Silence) ReadAudio(dst []float32) int {
	n := len(dst) / media.Channels
	clear(dst[:n*media.Channels])
	return n
}
