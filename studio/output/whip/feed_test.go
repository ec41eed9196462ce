package whip

import (
	"context"
	"image"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
)

// feed encodes a moving 640x360 picture and silence in real time, as the
// studio would, into the fan-out until ctx is done. It returns the video
// stream's info and the encoder (for keyframe requests).
func feed(t *testing.T, ctx context.Context, fan *output.Fanout) (media.StreamInfo, *encoder.VideoEncoder) {
	t.Helper()
	venc, err := encoder.NewVideoEncoder(encoder.VideoConfig{Width: 640, Height: 360, FPS: 30, Encoder: "x264", BitrateKbps: 800})
	if err != nil {
		t.Fatal(err)
	}
	opus, err := encoder.NewAudioEncoder(encoder.AudioConfig{Codec: media.Opus})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { <-done; venc.Close(); opus.Close() })
	go func() {
		defer close(done)
		start := time.Now()
		tick := time.NewTicker(time.Second / 30)
		defer tick.Stop()
		var audio time.Duration
		img := image.NewYCbCr(image.Rect(0, 0, 640, 360), image.YCbCrSubsampleRatio420)
		for n := 0; ; n++ {
			select {
			case <-ctx.Done():
				fan.Close()
				return
			case <-tick.C:
			}
			for i := range img.Y {
				img.Y[i] = byte(16 + (i/640+n*4)%200) // rolling bars: every frame differs
			}
			pts := time.Since(start)
			pkts, err := venc.Encode(&media.Frame{Img: img, PTS: pts, Seq: int64(n)})
			if err != nil {
				t.Error(err)
				return
			}
			// Audio in 20 ms steps up to the picture's time, like the studio.
			for ; audio+20*time.Millisecond <= pts; audio += 20 * time.Millisecond {
				chunk := media.AudioChunk{Samples: make([]float32, 960*media.Channels), PTS: audio}
				ap, err := opus.Encode(chunk)
				if err != nil {
					t.Error(err)
					return
				}
				pkts = append(pkts, ap...)
			}
			for _, p := range pkts {
				fan.Publish(p)
			}
		}
	}()
	return venc.Info(), venc
}
