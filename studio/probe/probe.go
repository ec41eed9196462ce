// Package probe measures glass-to-glass latency the way a viewer sees it:
// it plays a WHEP stream (the WebRTC playback twin of WHIP) with pion,
// decodes the H.264, reads the test pattern's timecode strip from every
// picture and compares the capture time in it with the clock.
package probe

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/pion/webrtc/v4"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/media"
)

const (
	// firstPictureTimeout bounds the wait for the first decoded picture
	// once connected: a keyframe comes every 2 s, sooner after our PLI.
	firstPictureTimeout = 10 * time.Second
	// pliEvery spaces the keyframe requests while the probe has none.
	pliEvery = time.Second
)

// Probe is one latency measurement of one WHEP stream. Token is the Bearer
// token, if the endpoint wants one for reading; it is never logged.
type Probe struct {
	URL   string
	Token string
	// For is how long to measure, from the first decoded picture; default
	// 20 s.
	For    time.Duration
	Logger *slog.Logger // nil: slog.Default()
	Client *http.Client // nil: a client with a 10 s timeout
	// Now is the clock pictures are timed with; nil means time.Now. The
	// strip's capture time comes from the publisher's clock.
	Now func() time.Time
}

// Run connects, measures for p.For and disconnects. It returns the result
// with a nil error, or the error that ended it; when the connection is lost
// after pictures came, it returns both what was measured and why it ended.
func (p *Probe) Run(ctx context.Context) (*Result, error) {
	if err := checkURL(p.URL); err != nil {
		return nil, err
	}
	window := p.For
	if window <= 0 {
		window = 20 * time.Second
	}
	log := p.Logger
	if log == nil {
		log = slog.Default()
	}
	now := p.Now
	if now == nil {
		now = time.Now
	}
	where := media.RedactURL(p.URL)

	pr, err := newPeer(p.URL)
	if err != nil {
		return nil, err
	}
	m := &meter{now: now, log: log, first: make(chan struct{})}
	var (
		mu     sync.Mutex
		closed bool
		wg     sync.WaitGroup
	)
	pr.pc.OnTrack(func(t *webrtc.TrackRemote, r *webrtc.RTPReceiver) {
		mu.Lock()
		defer mu.Unlock()
		if closed {
			return
		}
		wg.Add(2)
		go func() { defer wg.Done(); drainRTCP(r) }()
		if t.Kind() != webrtc.RTPCodecTypeVideo {
			go func() { defer wg.Done(); drainTrack(t) }()
			return
		}
		log.Info("probe: video track", "codec", t.Codec().MimeType, "fmtp", t.Codec().SDPFmtpLine)
		go func() { defer wg.Done(); m.readVideo(t, pr) }()
	})
	// Closing ends every reader; the decoder belongs to its reader, so it is
	// freed before Run returns.
	defer func() {
		mu.Lock()
		closed = true
		mu.Unlock()
		pr.pc.Close()
		wg.Wait()
	}()

	connectCtx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	offer, err := pr.offer(connectCtx)
	if err != nil {
		return nil, err
	}
	wc := newWHEPClient(p.Token, p.Client)
	defer wc.close()
	answer, resource, err := wc.offer(connectCtx, p.URL, offer)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err := wc.end(resource); err != nil {
			log.Warn("probe: ending the session", "error", err)
		}
	}()
	if err := pr.answer(answer); err != nil {
		return nil, err
	}
	if err := pr.waitConnected(ctx); err != nil {
		return nil, err
	}
	log.Info("probe: connected", "url", where)

	wait := time.NewTimer(firstPictureTimeout)
	defer wait.Stop()
	select {
	case <-m.first:
	case <-wait.C:
		if err := m.error(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: connected to %s but no picture decoded in %v", ErrNoVideo, where, firstPictureTimeout)
	case <-ctx.Done():
		return nil, ctx.Err()
	case s := <-pr.ended():
		return nil, fmt.Errorf("%w: connection %s before the first picture", ErrConnection, s)
	}
	log.Info("probe: measuring", "for", window)

	wait.Reset(window)
	var ended error
	select {
	case <-wait.C:
	case <-ctx.Done(): // interrupted: report what there is
	case s := <-pr.ended():
		ended = fmt.Errorf("%w: connection %s while measuring", ErrConnection, s)
	}
	res := m.stop()
	if ended == nil {
		ended = m.error()
	}
	if res.Frames > 0 && res.Frames == res.Unreadable {
		return res, fmt.Errorf("%w: none of %d pictures had a readable timecode strip (the probe reads a test pattern shown full frame)",
			ErrNoVideo, res.Frames)
	}
	return res, ended
}

// meter decodes the video track and collects the measurements.
type meter struct {
	now   func() time.Time
	log   *slog.Logger
	first chan struct{} // closed at the first decoded picture

	mu      sync.Mutex
	started bool
	stopped bool
	res     Result
	samples []time.Duration
	err     error
	strip   stripReader
}

// readVideo runs until the track ends: reassemble, decode, measure.
func (m *meter) readVideo(t *webrtc.TrackRemote, pr *peer) {
	dec, err := encoder.NewH264Decoder()
	if err != nil {
		m.fail(err)
		return
	}
	defer dec.Close()
	asm := newAssembler()
	var lastPLI time.Time
	keyframe := func(now time.Time) {
		if now.Sub(lastPLI) >= pliEvery {
			pr.requestKeyframe(t.SSRC())
			lastPLI = now
		}
	}
	keyframe(time.Now()) // join at once rather than at the next scheduled keyframe
	synced := false
	var clock rtpClock
	for {
		pkt, _, err := t.ReadRTP()
		if err != nil {
			return
		}
		now := time.Now()
		for _, au := range asm.push(pkt, now) {
			pts := clock.pts(au.rtpTime)
			if au.afterLoss && synced {
				m.log.Info("probe: packets lost, waiting for a keyframe")
				synced = false
			}
			if !synced && !au.keyframe {
				m.skipped()
				keyframe(now)
				continue
			}
			synced = true
			pics, err := dec.Decode(au.data, pts)
			if err != nil {
				if !errors.Is(err, encoder.ErrCorrupt) {
					m.fail(err)
					return
				}
				m.log.Info("probe: corrupt picture, waiting for a keyframe", "error", err)
				synced = false
				keyframe(now)
			}
			for _, f := range pics {
				m.picture(f)
			}
		}
	}
}

// picture times one decoded picture against its strip.
func (m *meter) picture(f *media.Frame) {
	at := m.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.stopped {
		return
	}
	if !m.started {
		m.started = true
		close(m.first)
	}
	m.res.Frames++
	m.res.Size = media.Size{W: f.Img.Rect.Dx(), H: f.Img.Rect.Dy()}
	ms, err := m.strip.read(f.Img)
	if err != nil {
		m.res.Unreadable++
		return
	}
	m.samples = append(m.samples, at.Sub(time.UnixMilli(ms)))
}

func (m *meter) skipped() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.started && !m.stopped {
		m.res.Skipped++
	}
}

func (m *meter) fail(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err == nil {
		m.err = fmt.Errorf("%w: %v", ErrNoVideo, err)
	}
}

func (m *meter) error() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.err
}

// stop ends the window: pictures decoded later are not counted.
func (m *meter) stop() *Result {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stopped = true
	r := m.res
	r.summarize(m.samples)
	return &r
}

// rtpClock unwraps 90 kHz RTP timestamps into a duration from the first.
type rtpClock struct {
	started bool
	last    uint32
	ticks   int64
}

func (c *rtpClock) pts(ts uint32) time.Duration {
	if c.started {
		c.ticks += int64(int32(ts - c.last))
	}
	c.started, c.last = true, ts
	return time.Duration(c.ticks) * time.Second / 90000
}
