package probe

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/rtp/codecs"
)

// unit is a fake access unit: SPS and PPS before an IDR, or one P slice,
// large enough to be split into FU-A fragments.
func unit(rng *rand.Rand, key bool, size int) []byte {
	var b []byte
	nal := func(header byte, n int) {
		b = append(b, 0, 0, 0, 1, header)
		for range n {
			b = append(b, byte(rng.IntN(254)+1)) // no accidental start codes
		}
	}
	if key {
		nal(0x67, 12) // SPS
		nal(0x68, 4)  // PPS
		nal(0x65, size)
	} else {
		nal(0x41, size)
	}
	return b
}

// packetize turns units into RTP packets the way pion's sender does.
func packetize(units [][]byte, seq uint16) []*rtp.Packet {
	pay := &codecs.H264Payloader{}
	var out []*rtp.Packet
	for i, u := range units {
		payloads := pay.Payload(1200, u)
		for j, p := range payloads {
			out = append(out, &rtp.Packet{
				Header:  rtp.Header{Version: 2, SequenceNumber: seq, Timestamp: uint32(i * 3000), Marker: j == len(payloads)-1},
				Payload: p,
			})
			seq++
		}
	}
	return out
}

func TestAssemblerRebuildsUnitsInOrderAndReordered(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	units := [][]byte{unit(rng, false, 50), unit(rng, true, 5000), unit(rng, false, 3000), unit(rng, false, 100), unit(rng, true, 4000)}
	for _, tc := range []struct {
		name    string
		shuffle bool
	}{{"in order", false}, {"reordered within a unit", true}} {
		t.Run(tc.name, func(t *testing.T) {
			pkts := packetize(units, 65530) // wraps around
			if tc.shuffle {
				// Swap neighbours, as a network that reorders a little does.
				for i := 2; i+1 < len(pkts); i += 3 {
					pkts[i], pkts[i+1] = pkts[i+1], pkts[i]
				}
			}
			a := newAssembler()
			var got []accessUnit
			now := time.Now()
			for _, p := range pkts {
				got = append(got, a.push(p, now)...)
			}
			// The first unit is given up: the probe cannot know it joined
			// at its start.
			if len(got) != len(units)-1 {
				t.Fatalf("got %d units, want %d", len(got), len(units)-1)
			}
			for i, au := range got {
				want := units[i+1]
				if !bytes.Equal(au.data, want) {
					t.Errorf("unit %d: %d bytes differ from the %d sent", i+1, len(au.data), len(want))
				}
				if au.keyframe != (want[4] == 0x67) {
					t.Errorf("unit %d: keyframe = %v", i+1, au.keyframe)
				}
				if au.afterLoss {
					t.Errorf("unit %d flagged after loss with nothing lost", i+1)
				}
			}
		})
	}
}

// A unit with a hole waits for the retransmission; when it does not come
// in time the unit is dropped and the next one says so.
func TestAssemblerWaitsForRetransmissionThenGivesUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var units [][]byte
	for i := range 8 {
		units = append(units, unit(rng, i == 5, 3000))
	}
	pkts := packetize(units, 100)
	holeAt := 0 // the second packet of unit 2
	for i, p := range pkts {
		if p.Timestamp == 2*3000 {
			holeAt = i + 1
			break
		}
	}

	t.Run("retransmitted in time", func(t *testing.T) {
		a := newAssembler()
		now := time.Now()
		var got []accessUnit
		for i, p := range pkts {
			if i == holeAt {
				continue
			}
			got = append(got, a.push(p, now.Add(time.Duration(i)*time.Millisecond))...)
			if i == holeAt+6 { // NACK brings it back a little later
				got = append(got, a.push(pkts[holeAt], now.Add(time.Duration(i)*time.Millisecond))...)
			}
		}
		if len(got) != 7 {
			t.Fatalf("got %d units, want 7", len(got))
		}
		for i, au := range got {
			if !bytes.Equal(au.data, units[i+1]) || au.afterLoss {
				t.Errorf("unit %d: wrong data or flagged as after loss", i+1)
			}
		}
	})

	t.Run("lost for good", func(t *testing.T) {
		a := newAssembler()
		now := time.Now()
		var got []accessUnit
		for i, p := range pkts {
			if i == holeAt {
				continue
			}
			// Packets keep coming, 40 ms apart: the hole is given up once
			// maxHold has passed.
			got = append(got, a.push(p, now.Add(time.Duration(i)*40*time.Millisecond))...)
		}
		if len(got) == 0 || got[0].rtpTime != 1*3000 {
			t.Fatalf("the unit before the hole did not come out first: %d units", len(got))
		}
		var after []uint32
		for _, au := range got[1:] {
			after = append(after, au.rtpTime/3000)
		}
		if len(after) == 0 || after[0] <= 2 {
			t.Fatalf("units after the hole: %v, want them to start after unit 2", after)
		}
		if !got[1].afterLoss {
			t.Errorf("the first unit after the hole is not flagged afterLoss")
		}
		for _, au := range got[2:] {
			if au.afterLoss {
				t.Errorf("unit %d flagged afterLoss too", au.rtpTime/3000)
			}
		}
		if late := a.push(pkts[holeAt], now.Add(time.Hour)); len(late) != 0 {
			t.Errorf("the late packet produced %d units", len(late))
		}
	})
}

func TestPercentile(t *testing.T) {
	var s []time.Duration
	for i := 1; i <= 200; i++ {
		s = append(s, time.Duration(i)*time.Millisecond)
	}
	var r Result
	r.summarize(s)
	if r.P50 != 100*time.Millisecond || r.P95 != 190*time.Millisecond || r.P99 != 198*time.Millisecond || r.Min != time.Millisecond || r.Max != 200*time.Millisecond {
		t.Errorf("percentiles of 1..200 ms: %+v", r)
	}
	one := Result{}
	one.summarize([]time.Duration{42 * time.Millisecond})
	if one.P50 != 42*time.Millisecond || one.P99 != 42*time.Millisecond {
		t.Errorf("one sample: %+v", one)
	}
	r.Frames, r.Unreadable, r.Size.W, r.Size.H = 236, 1, 1280, 720
	if got, want := r.String(), "frames=236 unreadable=1 skipped=0 p50=100ms p95=190ms p99=198ms (glass-to-glass, 1280x720)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
