package compositor

import (
	"context"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// tone is an audio source playing a sine on both channels. limit, when
// positive, is how many frames it has buffered in all.
type tone struct {
	mu    sync.Mutex
	freq  float64
	amp   float64
	n     int
	limit int
	chunk int // at most this many frames per ReadAudio, like a ring's wrap
}

func (s *tone) Info() media.Info {
	return media.Info{ID: "tone", Kind: media.KindTone, HasAudio: true}
}
func (s *tone) Initialize() error             { return nil }
func (s *tone) Run(ctx context.Context) error { <-ctx.Done(); return nil }
func (s *tone) Close() error                  { return nil }

func (s *tone) ReadAudio(dst []float32) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	frames := len(dst) / media.Channels
	if s.chunk > 0 {
		frames = min(frames, s.chunk)
	}
	if s.limit > 0 {
		frames = min(frames, s.limit-s.n)
	}
	for i := range frames {
		v := float32(s.amp * math.Sin(2*math.Pi*s.freq*float64(s.n)/media.SampleRate))
		dst[2*i], dst[2*i+1] = v, v
		s.n++
	}
	return frames
}

func rms(x []float32) float64 {
	sum := 0.0
	for _, v := range x {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum / float64(len(x)))
}

func peak(x []float32) float64 {
	p := 0.0
	for _, v := range x {
		p = max(p, math.Abs(float64(v)))
	}
	return p
}

func dB(ratio float64) float64 { return 20 * math.Log10(ratio) }

// One second of tones whose frequencies complete whole cycles, so RMS is
// exactly amp/sqrt(2) and different tones add in power.
const second = media.SampleRate

func TestMixerGain(t *testing.T) {
	for _, gain := range []float64{0, -6, -20, 3} {
		m := NewMixer()
		m.Add("mic", &tone{freq: 440, amp: 0.5})
		m.SetGain("mic", gain)
		out := m.Mix(second, 0)
		if len(out.Samples) != 2*second || out.Frames() != second {
			t.Fatalf("got %d samples, want %d", len(out.Samples), 2*second)
		}
		got := dB(rms(out.Samples) / (0.5 / math.Sqrt2))
		if math.Abs(got-gain) > 0.01 {
			t.Errorf("gain %g dB measured as %.3f dB", gain, got)
		}
	}
}

func TestMixerSumsAndMutes(t *testing.T) {
	m := NewMixer()
	m.Add("host", &tone{freq: 440, amp: 0.4})
	m.Add("music", &tone{freq: 1000, amp: 0.4})
	m.SetGain("music", -6)
	both := m.Mix(second, 0)

	hostRMS := 0.4 / math.Sqrt2
	musicRMS := 0.4 * math.Pow(10, -6.0/20) / math.Sqrt2
	want := math.Hypot(hostRMS, musicRMS) // uncorrelated tones add in power
	if got := rms(both.Samples); math.Abs(dB(got/want)) > 0.01 {
		t.Errorf("mix RMS %.4f, want %.4f", got, want)
	}

	m.SetMute("music", true)
	hostOnly := m.Mix(second, time.Second)
	if got := rms(hostOnly.Samples); math.Abs(dB(got/hostRMS)) > 0.01 {
		t.Errorf("with music muted RMS is %.4f, want the host's %.4f", got, hostRMS)
	}
	if hostOnly.PTS != time.Second {
		t.Errorf("PTS %v", hostOnly.PTS)
	}
	m.SetMute("music", false)
	if got := rms(m.Mix(second, 0).Samples); math.Abs(dB(got/want)) > 0.01 {
		t.Errorf("unmuted mix RMS %.4f, want %.4f", got, want)
	}
}

// Two loud tones in phase would reach 1.6: the output stays within [-1, 1],
// and samples below the knee pass through untouched.
func TestMixerLimitsClipping(t *testing.T) {
	m := NewMixer()
	m.Add("a", &tone{freq: 100, amp: 0.8})
	m.Add("b", &tone{freq: 100, amp: 0.8})
	out := m.Mix(second/10, 0)
	if p := peak(out.Samples); p > 1 || p < 0.95 {
		t.Fatalf("peak %.4f, want just under full scale", p)
	}
	ref := &tone{freq: 100, amp: 1.6}
	raw := make([]float32, len(out.Samples))
	ref.ReadAudio(raw)
	for i, v := range raw {
		if math.Abs(float64(v)) < clipKnee && math.Abs(float64(out.Samples[i]-v)) > 1e-6 {
			t.Fatalf("sample %d below the knee changed from %v to %v", i, v, out.Samples[i])
		}
	}
	// A hot gain on one source is limited just the same.
	m2 := NewMixer()
	m2.Add("x", &tone{freq: 100, amp: 0.9})
	m2.SetGain("x", 20)
	if p := peak(m2.Mix(second/10, 0).Samples); p > 1 {
		t.Errorf("+20 dB peak %.3f exceeds full scale", p)
	}
}

// A source that runs dry leaves silence for the rest, and reads that come
// in pieces are put back together.
func TestMixerMissingSamplesAreSilence(t *testing.T) {
	m := NewMixer()
	m.Add("short", &tone{freq: 1000, amp: 0.5, limit: 300, chunk: 128})
	out := m.Mix(1000, 0)
	if p := peak(out.Samples[:600]); p < 0.4 {
		t.Errorf("the 300 buffered frames peak at %.3f, want the tone", p)
	}
	for i, v := range out.Samples[600:] {
		if v != 0 {
			t.Fatalf("sample %d after the source ran dry is %v, want silence", 600+i, v)
		}
	}
	if got := NewMixer().Mix(480, 0); len(got.Samples) != 960 || peak(got.Samples) != 0 {
		t.Errorf("an empty mixer gave %d samples peaking at %v", len(got.Samples), peak(got.Samples))
	}
}

func TestMixerLevels(t *testing.T) {
	m := NewMixer()
	m.Add("mic", &tone{freq: 1000, amp: 0.5})
	m.Add("silent", &tone{})
	m.SetGain("mic", -6)
	m.SetMute("mic", true) // meters still show a muted mic is live
	m.Mix(second/10, 0)
	levels := m.Levels()
	if want := dB(0.5) - 6; math.Abs(levels["mic"]-want) > 0.05 {
		t.Errorf("mic level %.2f dBFS, want %.2f", levels["mic"], want)
	}
	if levels["silent"] != SilenceDB {
		t.Errorf("silent source level %v, want %v", levels["silent"], SilenceDB)
	}
	// Peaks are since the last call.
	if again := m.Levels(); again["mic"] != SilenceDB {
		t.Errorf("level with no mix since the last call is %v", again["mic"])
	}
}

// Settings made before a source is added apply once it is; a mix runs
// alongside setting changes (run with -race).
func TestMixerSettingsAndConcurrency(t *testing.T) {
	m := NewMixer()
	m.SetGain("late", -6)
	m.Add("late", &tone{freq: 440, amp: 0.5})
	if got := dB(rms(m.Mix(second, 0).Samples) / (0.5 / math.Sqrt2)); math.Abs(got+6) > 0.01 {
		t.Errorf("gain set before Add measured %.3f dB, want -6", got)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 100 {
			m.Mix(480, time.Duration(i)*10*time.Millisecond)
		}
	})
	for i := range 100 {
		m.SetGain("late", float64(-i%20))
		m.SetMute("late", i%2 == 0)
		_ = m.Levels()
	}
	wg.Wait()
	m.Remove("late")
	if got := m.Mix(480, 0); peak(got.Samples) != 0 {
		t.Error("a removed source is still in the mix")
	}
}
