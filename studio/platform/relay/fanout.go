package relay

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

const (
	// shardViewers is how many viewers share one outgoing track. Writing a
	// packet to a viewer is an SRTP encryption and a sendto of its own: a
	// track's viewers are served one after the other by one goroutine, so
	// the viewers are spread over tracks to use every core.
	shardViewers = 32
	// shardQueue bounds the packets waiting for a shard (about 2 s of
	// 720p30 video); a shard that falls further behind drops and counts.
	shardQueue = 512
)

// fanout is one incoming stream (the video, or the audio) going out to
// every viewer, through shards of viewers that each share a
// TrackLocalStaticRTP: the RTP is forwarded as it came, never transcoded.
type fanout struct {
	codec  webrtc.RTPCodecCapability
	kind   string
	stream string
	rb     *rebaser      // keeps the stream continuous across publishers
	busy   *atomic.Int64 // nanoseconds the shards spent writing, for the load test

	mu      sync.Mutex
	shards  []*shard
	closed  bool
	wg      sync.WaitGroup
	dropped atomic.Uint64
}

type shard struct {
	track   *webrtc.TrackLocalStaticRTP
	q       chan *rtp.Packet
	viewers int // guarded by fanout.mu
}

func newFanout(codec webrtc.RTPCodecCapability, kind, stream string, busy *atomic.Int64) *fanout {
	return &fanout{codec: codec, kind: kind, stream: stream, rb: &rebaser{clock: codec.ClockRate}, busy: busy}
}

// join finds a viewer a place on a shard with room, opening one if need
// be, and returns the track to add to its peer connection.
func (f *fanout) join() (*shard, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return nil, ErrNoStream
	}
	for _, s := range f.shards {
		if s.viewers < shardViewers {
			s.viewers++
			return s, nil
		}
	}
	t, err := webrtc.NewTrackLocalStaticRTP(f.codec, f.kind, f.stream)
	if err != nil {
		return nil, err
	}
	s := &shard{track: t, q: make(chan *rtp.Packet, shardQueue), viewers: 1}
	f.shards = append(f.shards, s)
	f.wg.Add(1)
	go f.serve(s)
	return s, nil
}

// leave gives a viewer's place back.
func (f *fanout) leave(s *shard) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if s.viewers > 0 {
		s.viewers--
	}
}

// write hands a packet to every shard that has viewers; each gets its own
// copy, as p's buffer is reused for the next packet.
func (f *fanout) write(p *rtp.Packet) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return
	}
	for _, s := range f.shards {
		if s.viewers == 0 {
			continue
		}
		select {
		case s.q <- p.Clone():
		default:
			f.dropped.Add(1)
		}
	}
}

// serve writes a shard's packets to its viewers until the fanout closes.
func (f *fanout) serve(s *shard) {
	defer f.wg.Done()
	for p := range s.q {
		start := time.Now()
		// An error names viewers whose connection is closing; they are
		// removed by their own state change.
		_ = s.track.WriteRTP(p)
		if f.busy != nil {
			f.busy.Add(int64(time.Since(start)))
		}
	}
}

// close ends the shards' goroutines.
func (f *fanout) close() {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return
	}
	f.closed = true
	for _, s := range f.shards {
		close(s.q)
	}
	f.mu.Unlock()
	f.wg.Wait()
}
