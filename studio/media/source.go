package media

import "context"

// SourceKind is the kind of a capture source, as the show file names it.
type SourceKind string

const (
	KindCamera      SourceKind = "camera"
	KindMic         SourceKind = "mic"
	KindTestPattern SourceKind = "testpattern"
	KindFile        SourceKind = "file"
	KindImage       SourceKind = "image"
	KindTone        SourceKind = "tone"
	KindSilence     SourceKind = "silence"
)

// Info describes a source for the UI, the log and the compositor.
type Info struct {
	ID       string
	Kind     SourceKind
	Label    string // what a user sees: a device name, a file name
	HasVideo bool
	HasAudio bool
	Size     Size // native video size, zero when unknown or audio-only
	FPS      int  // native frame rate, zero when unknown
}

// Source is anything that produces pictures or sound. Components take their
// configuration in fields, then Initialize checks it and opens what it needs
// (a bad path or a missing device is reported here, before the show starts),
// Run produces until ctx is done, and Close releases what Initialize took.
//
// Run returns nil when ctx is cancelled. A source that loses its device (a
// camera unplugged) does not return: it shows a slate and waits for the device
// to come back, because the program never stops.
type Source interface {
	Info() Info
	Initialize() error
	Run(ctx context.Context) error
	Close() error
}

// VideoSource is a Source with pictures. The compositor pulls the latest
// frame at the canvas rate, so a source never waits on the compositor.
type VideoSource interface {
	Source
	// LatestFrame returns the most recent frame, or nil before the first one.
	// It never blocks and is safe to call from any goroutine.
	LatestFrame() *Frame
}

// AudioSource is a Source with sound. The mixer pulls from it at its own
// pace.
type AudioSource interface {
	Source
	// ReadAudio copies up to len(dst)/Channels sample frames of interleaved
	// stereo float32 at 48 kHz into dst and returns how many frames it wrote.
	// It never blocks; a source that has nothing buffered returns 0 and the
	// mixer treats the gap as silence.
	ReadAudio(dst []float32) int
}
