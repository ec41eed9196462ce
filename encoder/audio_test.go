package encoder

import (
	"errors"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

func TestAudioEncoders(t *testing.T) {
	for _, tc := range []struct {
		codec     media.Codec
		frameSize int
		head      string // how the global header starts
	}{
		{media.AAC, 1024, "\x11\x90"}, // AAC-LC (2), 48 kHz (3), stereo (2)
		{media.Opus, 960, "OpusHead"},
	} {
		t.Run(string(tc.codec), func(t *testing.T) {
			e, err := NewAudioEncoder(AudioConfig{Codec: tc.codec})
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			if e.FrameSize() != tc.frameSize {
				t.Fatalf("frame size %d, want %d", e.FrameSize(), tc.frameSize)
			}
			info := e.Info()
			if info.SampleRate != 48000 || info.Channels != 2 || info.BitrateKbps != 128 || info.Codec != tc.codec {
				t.Fatalf("Info() = %+v", info)
			}
			if len(info.Extradata) < len(tc.head) || string(info.Extradata[:len(tc.head)]) != tc.head {
				t.Fatalf("extradata % x, want it to start with % x", info.Extradata, tc.head)
			}

			// One second in odd-sized chunks, as a mixer with a 10 ms
			// tick and some jitter would deliver it, starting at 5 s of
			// program time.
			start := 5 * time.Second
			var pkts []media.Packet
			var sent int64
			sizes := []int64{480, 7, 1000, 333, 2048}
			for i := 0; sent < 48000; i++ {
				c := tone(sent, min(sizes[i%len(sizes)], 48000-sent))
				c.PTS = start + media.SamplesToDuration(sent)
				out, err := e.Encode(c)
				if err != nil {
					t.Fatal(err)
				}
				pkts = append(pkts, out...)
				sent += int64(c.Frames())
			}
			out, err := e.Flush()
			if err != nil {
				t.Fatal(err)
			}
			pkts = append(pkts, out...)

			frame := media.SamplesToDuration(int64(tc.frameSize))
			var total time.Duration
			for i, p := range pkts {
				if p.Kind != media.Audio || p.Codec != tc.codec || len(p.Data) == 0 {
					t.Fatalf("packet %d: %+v", i, p)
				}
				total += p.Duration
				if i == 0 {
					continue
				}
				if d := p.PTS - pkts[i-1].PTS - frame; d > 1 || d < -1 {
					t.Fatalf("packet %d at %v follows %v: want steps of %v", i, p.PTS, pkts[i-1].PTS, frame)
				}
			}
			// The first packet sits at the chunk's time minus the codec's
			// priming delay, never later and never more than a frame early.
			if first := pkts[0].PTS; first > start || first < start-frame {
				t.Fatalf("first packet at %v, want just before %v", first, start)
			}
			if total < time.Second || total > time.Second+3*frame {
				t.Fatalf("packets cover %v, want about 1 s", total)
			}
			if _, err := e.Encode(tone(0, 10)); !errors.Is(err, ErrClosed) {
				t.Fatalf("Encode after Flush: %v, want ErrClosed", err)
			}
		})
	}
	if _, err := NewAudioEncoder(AudioConfig{Codec: "mp3"}); !errors.Is(err, ErrBadConfig) {
		t.Fatalf("mp3: err = %v, want ErrBadConfig", err)
	}
}
