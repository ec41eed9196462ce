package compositor

import (
	"math"
	"slices"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// Mixer sums the audio sources into the program sound (48 kHz stereo).
// Add, SetGain and SetMute may come from the engine while Mix runs on the
// audio goroutine and Levels on the UI's; mu guards the settings and
// meters, and is not held while sources are read.
type Mixer struct {
	mu       sync.Mutex
	inputs   []*mixInput
	settings map[string]mixSettings // kept by id, so a gain set before Add holds

	mixMu   sync.Mutex // serialises Mix, which owns the scratch below
	scratch []float32
	snap    []mixSnap
}

type mixSettings struct {
	gain float32 // linear
	mute bool
}

type mixInput struct {
	id   string
	src  media.AudioSource
	peak float32 // since the last Levels, after gain
}

type mixSnap struct {
	in   *mixInput
	set  mixSettings
	peak float32
}

// NewMixer returns a mixer with no sources; Mix then yields silence.
func NewMixer() *Mixer {
	return &Mixer{settings: map[string]mixSettings{}}
}

// Add registers (or replaces) the audio source under id, at the gain and
// mute already set for id (0 dB, unmuted by default).
func (m *Mixer) Add(id string, src media.AudioSource) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inputs = slices.DeleteFunc(m.inputs, func(in *mixInput) bool { return in.id == id })
	m.inputs = append(m.inputs, &mixInput{id: id, src: src})
	if _, ok := m.settings[id]; !ok {
		m.settings[id] = mixSettings{gain: 1}
	}
}

// Remove takes source id out of the mix; its gain and mute are kept.
func (m *Mixer) Remove(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inputs = slices.DeleteFunc(m.inputs, func(in *mixInput) bool { return in.id == id })
}

// SetGain sets source id's gain in decibels (0 is unchanged, -6 about half
// the amplitude, +6 about double).
func (m *Mixer) SetGain(id string, dB float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.settings[id]
	if !ok {
		s.gain = 1
	}
	s.gain = float32(math.Pow(10, dB/20))
	m.settings[id] = s
}

// SetMute silences source id, or brings it back. A muted source is still
// read, so its buffer does not grow stale and unmuting is instant.
func (m *Mixer) SetMute(id string, mute bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.settings[id]
	if !ok {
		s.gain = 1
	}
	s.mute = mute
	m.settings[id] = s
}

// Mix pulls frames sample frames from every source (a source that has fewer
// leaves silence in the gap), applies gain and mute, sums, and soft-clips
// the sum into [-1, 1]. The chunk is freshly allocated for the encoders.
func (m *Mixer) Mix(frames int, pts time.Duration) media.AudioChunk {
	out := media.AudioChunk{PTS: pts}
	if frames <= 0 {
		return out
	}
	m.mixMu.Lock()
	defer m.mixMu.Unlock()

	m.mu.Lock()
	m.snap = m.snap[:0]
	for _, in := range m.inputs {
		m.snap = append(m.snap, mixSnap{in: in, set: m.settings[in.id]})
	}
	m.mu.Unlock()

	n := frames * media.Channels
	out.Samples = make([]float32, n)
	m.scratch = grow(m.scratch, n)
	buf := m.scratch
	for i := range m.snap {
		s := &m.snap[i]
		got := readFull(s.in.src, buf)
		clear(buf[got:])
		peak := float32(0)
		g := s.set.gain
		for j, v := range buf[:got] {
			v *= g
			buf[j] = v
			peak = max(peak, v, -v)
		}
		s.peak = peak
		if s.set.mute {
			continue
		}
		for j, v := range buf[:got] {
			out.Samples[j] += v
		}
	}
	for j, v := range out.Samples {
		out.Samples[j] = softClip(v)
	}

	m.mu.Lock()
	for _, s := range m.snap {
		s.in.peak = max(s.in.peak, s.peak)
	}
	m.mu.Unlock()
	return out
}

// readFull reads until buf is full or the source has nothing more buffered,
// because ReadAudio may return fewer frames than asked (a ring buffer's wrap).
// It returns the number of samples (not frames) read.
func readFull(src media.AudioSource, buf []float32) int {
	got := 0
	for got < len(buf) {
		k := src.ReadAudio(buf[got:]) * media.Channels
		if k <= 0 {
			break
		}
		got += k
	}
	return min(got, len(buf))
}

// Levels returns each source's peak level in dBFS since the last call, for
// the meters, and resets the peaks. The level is after gain and before mute,
// so a muted microphone still shows that someone is speaking into it.
// Silence reads SilenceDB rather than minus infinity, which JSON cannot carry.
func (m *Mixer) Levels() map[string]float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	levels := make(map[string]float64, len(m.inputs))
	for _, in := range m.inputs {
		levels[in.id] = toDB(in.peak)
		in.peak = 0
	}
	return levels
}

// SilenceDB is the level meters report for digital silence: below anything a
// 24-bit converter produces, and a finite number a meter can draw.
const SilenceDB = -120.0

// Soft clipping: samples up to the knee pass untouched, so gains and mixes
// that stay in range are exact; above it a tanh curve bends the peak smoothly
// toward full scale and never reaches it. That trades a little harmonic
// distortion on overs for none of the crackle of a hard clip, and needs no
// state, so one chunk never affects the next.
const clipKnee = 0.891 // -1 dBFS

func softClip(v float32) float32 {
	if v != v { // NaN from a broken source must not reach the encoder
		return 0
	}
	if v <= clipKnee && v >= -clipKnee {
		return v
	}
	const room = 1 - clipKnee
	mag := float64(v)
	sign := float32(1)
	if mag < 0 {
		mag, sign = -mag, -1
	}
	return sign * float32(clipKnee+room*math.Tanh((mag-clipKnee)/room))
}

// toDB converts a linear peak to dBFS, floored at SilenceDB.
func toDB(peak float32) float64 {
	if peak <= 0 {
		return SilenceDB
	}
	return max(SilenceDB, 20*math.Log10(float64(peak)))
}
