package media

import "time"

// The program's audio format: every source is converted to it, the mixer
// mixes in it, and the encoders take it.
const (
	SampleRate = 48000
	Channels   = 2
)

// AudioChunk is interleaved stereo float32 samples (L R L R ...) at 48 kHz,
// nominally in [-1, 1].
type AudioChunk struct {
	Samples []float32
	// PTS of the first sample from the start of the program.
	PTS time.Duration
}

// Frames is the number of sample frames (one sample per channel) in the chunk.
func (c AudioChunk) Frames() int { return len(c.Samples) / Channels }

// SamplesToDuration converts a count of sample frames at 48 kHz to a duration.
func SamplesToDuration(frames int64) time.Duration {
	return time.Duration(frames) * time.Second / SampleRate
}
