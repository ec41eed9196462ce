package relay

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// rebaser keeps one outgoing stream continuous across publishers: when the
// studio reconnects, its new session starts at a random sequence number
// and timestamp, which would look to the viewers' jitter buffers like a
// huge loss. It also strips header extensions, whose ids were negotiated
// with the publisher, not with each viewer.
type rebaser struct {
	mu      sync.Mutex
	clock   uint32 // Hz
	started bool
	ssrc    uint32
	seqOff  uint16
	tsOff   uint32
	lastSeq uint16
	lastTS  uint32
	lastAt  time.Time
}

func (r *rebaser) rewrite(p *rtp.Packet, now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case !r.started:
		r.started, r.ssrc = true, p.SSRC
	case p.SSRC != r.ssrc:
		// A new publisher: go on one packet after the last one sent, and in
		// time by the wall-clock gap, so players neither stall nor rush.
		r.ssrc = p.SSRC
		r.seqOff = r.lastSeq + 1 - p.SequenceNumber
		gap := uint32(now.Sub(r.lastAt).Seconds() * float64(r.clock))
		r.tsOff = r.lastTS + max(gap, 1) - p.Timestamp
	}
	p.SequenceNumber += r.seqOff
	p.Timestamp += r.tsOff
	if int16(p.SequenceNumber-r.lastSeq) > 0 || r.lastAt.IsZero() {
		r.lastSeq, r.lastTS, r.lastAt = p.SequenceNumber, p.Timestamp, now
	}
	p.Extension, p.Extensions, p.ExtensionProfile = false, nil, 0
}

// counters are a room's media figures.
type counters struct {
	packetsIn, bytesIn atomic.Uint64
	keyframeRequests   atomic.Uint64 // PLIs sent upstream
	fanoutNanos        atomic.Int64  // time the shards spent writing packets to the viewers
}

// forward copies one incoming track to the viewers until the publisher
// goes: no decode, no transcode.
func forward(in *webrtc.TrackRemote, out *fanout, c *counters) {
	buf := make([]byte, 1500)
	var p rtp.Packet
	for {
		n, _, err := in.Read(buf)
		if err != nil {
			return
		}
		if err := p.Unmarshal(buf[:n]); err != nil {
			continue
		}
		out.rb.rewrite(&p, time.Now())
		c.packetsIn.Add(1)
		c.bytesIn.Add(uint64(n))
		out.write(&p)
	}
}

// keyframer asks the publisher for a keyframe (PLI) when a viewer joins or
// asks, at most once per pliSpacing: a request inside the window is kept
// and sent when the window ends, as the keyframe it brings serves everyone
// who asked meanwhile.
type keyframer struct {
	send func() // writes the PLI; nil-safe through the room

	mu      sync.Mutex
	last    time.Time
	pending *time.Timer
	stopped bool
}

func (k *keyframer) request() {
	k.mu.Lock()
	if k.stopped || k.pending != nil {
		k.mu.Unlock()
		return
	}
	now := time.Now()
	if wait := pliSpacing - now.Sub(k.last); wait > 0 {
		k.pending = time.AfterFunc(wait, k.fire)
		k.mu.Unlock()
		return
	}
	k.last = now
	k.mu.Unlock()
	k.send()
}

func (k *keyframer) fire() {
	k.mu.Lock()
	k.pending = nil
	if k.stopped {
		k.mu.Unlock()
		return
	}
	k.last = time.Now()
	k.mu.Unlock()
	k.send()
}

func (k *keyframer) stop() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.stopped = true
	if k.pending != nil {
		k.pending.Stop()
		k.pending = nil
	}
}
