package capture

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// AudioReader is an open microphone. Read blocks until the next block of
// samples and returns an error when the device stops. Close may be called
// from another goroutine to unblock a Read.
type AudioReader interface {
	Read() (AudioBlock, error)
	Close() error
}

// AudioBlock is interleaved float32 samples as the device delivers them.
type AudioBlock struct {
	Samples  []float32
	Rate     int // samples per second per channel
	Channels int
}

// micBuffer is how much audio the ring holds: enough to ride out a late
// mixer tick, short enough that lip sync stays right when it is full.
const micBuffer = 250 * time.Millisecond

// Mic is an audio capture device through pion/mediadevices, converted to
// 48 kHz stereo float32 and buffered for the mixer. Like Camera it survives
// its device going away: the mixer hears silence, the device is looked for
// every second, and the sound resumes when it returns.
type Mic struct {
	ID string
	// Device is the label or ID `vitrina devices` prints; "" takes the
	// system's preferred microphone.
	Device string
	// Open opens the device; nil uses the mediadevices driver. Tests inject
	// a stand-in for hardware here.
	Open func(device string) (AudioReader, error)

	retry time.Duration
	log   *slog.Logger
	ring  *ring
	res   resampler // used only by Run's goroutine

	mu      sync.Mutex
	pending AudioReader
	label   string
}

// Info describes the microphone.
func (m *Mic) Info() media.Info {
	m.mu.Lock()
	defer m.mu.Unlock()
	return media.Info{ID: m.ID, Kind: media.KindMic, Label: m.label, HasAudio: true}
}

// Initialize opens the device, so a missing microphone is reported before
// the show starts.
func (m *Mic) Initialize() error {
	if m.Open == nil {
		m.Open = openMicDriver
	}
	if m.retry == 0 {
		m.retry = time.Second
	}
	m.log = slog.Default().With("source", m.ID, "kind", media.KindMic)
	m.ring = newRing(int(micBuffer * media.SampleRate / time.Second))
	m.label = m.Device
	if m.label == "" {
		m.label = "microphone"
	}
	r, err := m.Open(m.Device)
	if err != nil {
		return fmt.Errorf("capture: microphone %q: %w", m.ID, err)
	}
	m.mu.Lock()
	m.setLabelLocked(r)
	m.pending = &onceAudio{AudioReader: r}
	m.mu.Unlock()
	return nil
}

// Run moves the device's audio into the ring until ctx is done, riding out
// device losses.
func (m *Mic) Run(ctx context.Context) error {
	m.mu.Lock()
	r := m.pending
	m.pending = nil
	m.mu.Unlock()
	if r == nil {
		return fmt.Errorf("capture: microphone %q: Run without Initialize: %w", m.ID, ErrInvalidConfig)
	}
	m.log.Info("microphone running", "device", m.Info().Label)
	for {
		err := m.pump(ctx, r)
		_ = r.Close()
		if ctx.Err() != nil {
			return nil
		}
		m.log.Warn("microphone lost; silent until it returns, looking for it every second", "device", m.Info().Label, "err", err)
		m.ring.reset()
		m.res.reset()
		if r = m.awaitDevice(ctx); r == nil {
			return nil
		}
		m.log.Info("microphone back", "device", m.Info().Label)
	}
}

func (m *Mic) pump(ctx context.Context, r AudioReader) error {
	stop := context.AfterFunc(ctx, func() { _ = r.Close() }) // unblocks a waiting Read
	defer stop()
	for {
		blk, err := r.Read()
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		m.ring.write(m.res.convert(blk))
	}
}

func (m *Mic) awaitDevice(ctx context.Context) AudioReader {
	tick := time.NewTicker(m.retry)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		r, err := m.Open(m.Device)
		if err == nil {
			m.mu.Lock()
			m.setLabelLocked(r)
			m.mu.Unlock()
			return &onceAudio{AudioReader: r}
		}
		m.log.Debug("microphone still missing", "err", err)
	}
}

func (m *Mic) setLabelLocked(r AudioReader) {
	if l, ok := r.(interface{ Label() string }); ok && l.Label() != "" {
		m.label = l.Label()
	}
}

// ReadAudio hands the mixer what the ring holds, up to len(dst)/2 frames;
// 0 when the device is silent or gone.
func (m *Mic) ReadAudio(dst []float32) int {
	if m.ring == nil {
		return 0
	}
	return m.ring.read(dst)
}

// Dropped reports how many sample frames were discarded because the mixer
// did not keep up.
func (m *Mic) Dropped() int64 {
	if m.ring == nil {
		return 0
	}
	return m.ring.droppedFrames()
}

// Close releases a device opened by Initialize that Run never took.
func (m *Mic) Close() error {
	m.mu.Lock()
	r := m.pending
	m.pending = nil
	m.mu.Unlock()
	if r != nil {
		return r.Close()
	}
	return nil
}

// onceAudio makes Close idempotent, as onceFrames does for cameras.
type onceAudio struct {
	AudioReader
	once sync.Once
	err  error
}

func (o *onceAudio) Close() error {
	o.once.Do(func() { o.err = o.AudioReader.Close() })
	return o.err
}
