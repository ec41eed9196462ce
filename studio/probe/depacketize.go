package probe

import (
	"time"

	"github.com/pion/rtp"
	"github.com/pion/rtp/codecs"
)

// Limits on waiting for a packet that NACK may still bring back.
const (
	// maxHold is how long the assembler waits for a missing packet while
	// later ones pile up. Pion's NACK generator asks every 100 ms, so this
	// leaves room for a few tries on a real network.
	maxHold = 500 * time.Millisecond
	// maxPending caps the packets held meanwhile (about 4 MB).
	maxPending = 4096
	// resetGap is a jump in sequence numbers that means the sender started
	// over, not that packets were lost.
	resetGap = 2000
)

// accessUnit is one H.264 picture as it came off the wire.
type accessUnit struct {
	data      []byte // annex-B, 4-byte start codes
	rtpTime   uint32
	keyframe  bool // holds an IDR slice
	afterLoss bool // packets were lost between the previous unit and this one
}

// assembler rebuilds access units from RTP packets, in sequence order, with
// pion's H.264 depacketizer. It hands a unit on the moment its last packet
// (the one with the marker bit) is in: pion's samplebuilder would wait for
// the first packet of the next picture to be sure, which adds a frame
// interval (33 ms at 30 fps) to every latency the probe measures. A unit
// with a hole waits up to maxHold for the retransmission, then it is given
// up and the next unit is flagged afterLoss.
type assembler struct {
	pkts    map[uint16]*rtp.Packet
	next    uint16 // sequence number of the next unit's first packet
	started bool
	lost    bool
	stuck   time.Time // since when packets have waited without progress
}

func newAssembler() *assembler { return &assembler{pkts: map[uint16]*rtp.Packet{}} }

// push adds a packet and returns the units it completes. Packets are kept,
// not copied: pion's ReadRTP gives each one its own buffer.
func (a *assembler) push(p *rtp.Packet, now time.Time) []accessUnit {
	if a.started {
		d := int16(p.SequenceNumber - a.next)
		switch {
		case d < 0 && d > -resetGap:
			return nil // a duplicate, or a retransmission that came too late
		case d < 0 || d >= resetGap:
			a.reset()
		}
	}
	if !a.started {
		// Joining mid-stream, the unit in flight has lost its start: begin
		// after the first one that ends.
		if p.Marker {
			a.started = true
			a.next = p.SequenceNumber + 1
		}
		return nil
	}
	a.pkts[p.SequenceNumber] = p
	out := a.emit(nil)
	if len(out) == 0 && len(a.pkts) > 0 {
		if a.stuck.IsZero() {
			a.stuck = now
		}
		if now.Sub(a.stuck) <= maxHold && len(a.pkts) <= maxPending {
			return nil
		}
		a.skip()
		out = a.emit(out)
	}
	// Progress: whatever is left is the start of a unit still arriving.
	a.stuck = time.Time{}
	if len(a.pkts) > 0 {
		a.stuck = now
	}
	return out
}

// emit returns every complete unit from a.next on.
func (a *assembler) emit(out []accessUnit) []accessUnit {
	for {
		first, ok := a.pkts[a.next]
		if !ok {
			return out
		}
		end := a.next
		for {
			p, ok := a.pkts[end]
			if !ok {
				return out // a hole: wait for it
			}
			if p.Marker {
				break
			}
			// A sender that forgets the marker still changes timestamp
			// with the next picture.
			if q, ok := a.pkts[end+1]; ok && q.Timestamp != first.Timestamp {
				break
			}
			end++
		}
		if au, ok := a.build(a.next, end); ok {
			out = append(out, au)
		}
		a.next = end + 1
	}
}

// build depacketizes packets from..to (inclusive) and forgets them.
func (a *assembler) build(from, to uint16) (accessUnit, bool) {
	depack := &codecs.H264Packet{}
	au := accessUnit{rtpTime: a.pkts[from].Timestamp}
	broken := false
	for i := from; ; i++ {
		p := a.pkts[i]
		delete(a.pkts, i)
		if len(p.Payload) > 0 { // padding carries nothing
			nal, err := depack.Unmarshal(p.Payload)
			if err != nil {
				broken = true
			}
			au.data = append(au.data, nal...)
		}
		if i == to {
			break
		}
	}
	if broken || len(au.data) == 0 {
		a.lost = true
		return accessUnit{}, false
	}
	au.keyframe = hasIDR(au.data)
	au.afterLoss, a.lost = a.lost, false
	return au, true
}

// skip gives up on the unit with the hole: it drops every packet up to the
// first marker after a.next and starts again after it.
func (a *assembler) skip() {
	a.lost = true
	var best, bestDist uint16
	found := false
	for seq, p := range a.pkts {
		if d := seq - a.next; p.Marker && (!found || d < bestDist) {
			best, bestDist, found = seq, d, true
		}
	}
	if !found {
		a.reset()
		return
	}
	for seq := range a.pkts {
		if seq-a.next <= bestDist {
			delete(a.pkts, seq)
		}
	}
	a.next = best + 1
}

// reset forgets everything and waits for the next unit boundary.
func (a *assembler) reset() {
	clear(a.pkts)
	a.started = false
	a.lost = true
}

// hasIDR reports whether annex-B data holds an IDR slice (NAL type 5).
func hasIDR(b []byte) bool {
	for i := 0; i+3 < len(b); i++ {
		if b[i] == 0 && b[i+1] == 0 && b[i+2] == 1 {
			if b[i+3]&0x1f == 5 {
				return true
			}
			i += 2
		}
	}
	return false
}
