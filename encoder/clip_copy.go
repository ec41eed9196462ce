package encoder

import (
	"errors"
	"fmt"
	"time"

	"github.com/asticode/go-astiav"
)

// cutter copies one clip's packets. Until it knows where the clip starts it
// holds the packets since the latest keyframe at or before from: a seek
// lands on some earlier keyframe (or none, in a file without an index), and
// only a later packet proves that no keyframe closer to from follows. That
// is at most a GOP of packets in memory.
type cutter struct {
	src      *cutSource
	ofc      *astiav.FormatContext
	from, to time.Duration
	pending  []*astiav.Packet // clones, from the start keyframe on
	have     bool             // a start keyframe was found
	started  bool             // pending was written: packets now go straight out
	span     Span
	written  int
}

func (s *cutSource) copyPackets(ofc *astiav.FormatContext, from, to time.Duration) (Span, error) {
	if err := ofc.WriteHeader(nil); err != nil {
		return Span{}, fmt.Errorf("write header: %w", err)
	}
	c := &cutter{src: s, ofc: ofc, from: from, to: to}
	defer c.drop()
	s.seek(from)
	for {
		s.pkt.Unref()
		err := s.fc.ReadFrame(s.pkt)
		if errors.Is(err, astiav.ErrEof) {
			break
		}
		if err != nil {
			// A recording cut short by kill -9 ends in a torn cluster:
			// what was read up to it is the clip.
			if c.have {
				break
			}
			return Span{}, fmt.Errorf("read: %w", err)
		}
		stop, err := c.packet(s.pkt)
		if err != nil {
			return Span{}, err
		}
		if stop {
			break
		}
	}
	if err := c.commit(); err != nil {
		return Span{}, err
	}
	// A seek past the end lands on the last keyframe, which lies before
	// from: what follows it is not the part that was asked for.
	if c.written == 0 || c.span.To <= from {
		return Span{}, ErrEmptyCut
	}
	if err := ofc.WriteTrailer(); err != nil {
		return Span{}, fmt.Errorf("write trailer: %w", err)
	}
	return c.span, nil
}

// packet takes one packet read from the source; stop says the clip is
// complete.
func (c *cutter) packet(p *astiav.Packet) (stop bool, err error) {
	cs := c.src.streams[p.StreamIndex()]
	if cs == nil {
		return false, nil
	}
	pts, ok := c.src.pts(p, cs)
	if !ok {
		return false, nil // nothing to place it by; muxers refuse it too
	}
	if c.started {
		return c.write(p, cs, pts)
	}
	key := cs.anchor && p.Flags().Has(astiav.PacketFlagKey)
	switch {
	case key && (pts <= c.from || !c.have):
		// A keyframe closer to from (or the first one at all, when the
		// seek landed past from): the clip starts here instead.
		c.drop()
		c.have = true
		c.span.From = pts
	case !c.have:
		return false, nil // before any keyframe: undecodable
	}
	c.pending = append(c.pending, p.Clone())
	if cs.anchor && pts > c.from {
		err := c.commit()
		return c.allDone(), err
	}
	return false, nil
}

// commit writes the held packets; from here on packets go straight out.
func (c *cutter) commit() error {
	if c.started || !c.have {
		return nil
	}
	c.started = true
	for _, p := range c.pending {
		cs := c.src.streams[p.StreamIndex()]
		pts, _ := c.src.pts(p, cs)
		if _, err := c.write(p, cs, pts); err != nil {
			return err
		}
	}
	c.drop()
	return nil
}

// write rebases a packet on the clip's start and muxes it, unless it lies
// outside the clip. It reports whether every stream has reached the end.
func (c *cutter) write(p *astiav.Packet, cs *cutStream, pts time.Duration) (bool, error) {
	dts := pts
	if p.Dts() != astiav.NoPtsValue {
		dts = fromTicks(p.Dts(), cs.in.TimeBase()) - c.src.base
	}
	if dts >= c.to {
		cs.done = true
	}
	// Audio from before the start keyframe would play before the first
	// picture, at a negative time.
	if pts >= c.to || pts < c.span.From {
		return c.allDone(), nil
	}
	dur := fromTicks(p.Duration(), cs.in.TimeBase())
	if dur <= 0 && cs.frame > 0 {
		dur = cs.frame // Matroska's SimpleBlocks carry no duration
	}
	tb := cs.in.TimeBase()
	p.SetPts(toTicks(pts-c.span.From, tb))
	p.SetDts(toTicks(dts-c.span.From, tb))
	p.SetDuration(toTicks(dur, tb))
	p.RescaleTs(tb, cs.out.TimeBase())
	p.SetStreamIndex(cs.out.Index())
	p.SetPos(-1)
	c.span.To = max(c.span.To, pts+dur)
	if err := c.ofc.WriteInterleavedFrame(p); err != nil {
		return false, fmt.Errorf("write packet at %v: %w", pts, err)
	}
	c.written++
	return c.allDone(), nil
}

func (c *cutter) allDone() bool {
	for _, cs := range c.src.streams {
		if !cs.done {
			return false
		}
	}
	return true
}

func (c *cutter) drop() {
	for _, p := range c.pending {
		p.Free()
	}
	c.pending = c.pending[:0]
}

// pts is a packet's presentation time on the source's timeline (its dts
// when it has no pts).
func (s *cutSource) pts(p *astiav.Packet, cs *cutStream) (time.Duration, bool) {
	ts := p.Pts()
	if ts == astiav.NoPtsValue {
		ts = p.Dts()
	}
	if ts == astiav.NoPtsValue {
		return 0, false
	}
	return fromTicks(ts, cs.in.TimeBase()) - s.base, true
}
