package encoder

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

func newTestVideo(t *testing.T, cfg VideoConfig) *VideoEncoder {
	t.Helper()
	e, err := NewVideoEncoder(cfg)
	if err != nil {
		t.Fatalf("NewVideoEncoder: %v", err)
	}
	t.Cleanup(e.Close)
	return e
}

func TestVideoKeyframesCarryParameterSets(t *testing.T) {
	const fps = 30
	e := newTestVideo(t, VideoConfig{Width: 640, Height: 360, FPS: fps, Encoder: "x264", BitrateKbps: 1000})
	if e.Name() != "libx264" {
		t.Fatalf("Name() = %q, want libx264", e.Name())
	}
	var keys []time.Duration
	frames := 0
	for n := int64(0); n < 5*fps; n++ {
		pkts, err := e.Encode(movingFrame(640, 360, n, fps))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pkts {
			frames++
			types := nalTypes(p.Data)
			if p.DTS != p.PTS {
				t.Fatalf("frame %d: dts %v != pts %v: B-frames or reordering", frames, p.DTS, p.PTS)
			}
			if !p.Keyframe {
				if slices.Contains(types, nalIDR) {
					t.Fatalf("IDR slice in a packet not flagged as keyframe: %v", types)
				}
				continue
			}
			keys = append(keys, p.PTS)
			// WebRTC viewers join at any keyframe: SPS, PPS, then the IDR.
			iSPS, iPPS, iIDR := slices.Index(types, nalSPS), slices.Index(types, nalPPS), slices.Index(types, nalIDR)
			if iSPS < 0 || iPPS < 0 || iIDR < 0 || !(iSPS < iPPS && iPPS < iIDR) {
				t.Fatalf("keyframe at %v has NAL types %v, want SPS(7), PPS(8) before IDR(5)", p.PTS, types)
			}
		}
	}
	if frames < 5*fps-2 {
		t.Fatalf("got %d packets for %d frames: zerolatency encoder held frames back", frames, 5*fps)
	}
	want := []time.Duration{0, 2 * time.Second, 4 * time.Second}
	if !slices.Equal(keys, want) {
		t.Fatalf("keyframes at %v, want %v (every 2 s, no scene cuts)", keys, want)
	}
	if info := e.Info(); info.Extradata == nil || !slices.Equal(nalTypes(info.Extradata), []int{nalSPS, nalPPS}) {
		t.Fatalf("Info().Extradata NAL types = %v, want [7 8]", nalTypes(info.Extradata))
	}
}

func TestVideoRequestKeyframeIsRateLimited(t *testing.T) {
	const fps = 30
	e := newTestVideo(t, VideoConfig{Width: 320, Height: 180, FPS: fps, Encoder: "x264", BitrateKbps: 300, Keyframe: 10 * time.Second})
	var keys []time.Duration
	for n := int64(0); n < 3*fps; n++ {
		// A viewer on a lossy link sends a PLI on every frame.
		if n >= 5 {
			e.RequestKeyframe()
		}
		pkts, err := e.Encode(movingFrame(320, 180, n, fps))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pkts {
			if p.Keyframe {
				keys = append(keys, p.PTS)
			}
		}
	}
	// Start, then one per second: not 85 IDRs.
	want := []time.Duration{0, time.Second, 2 * time.Second}
	if !slices.Equal(keys, want) {
		t.Fatalf("keyframes at %v, want %v", keys, want)
	}
}

func TestVideoEncoderSelection(t *testing.T) {
	if _, err := NewVideoEncoder(VideoConfig{Width: 320, Height: 180, FPS: 30, Encoder: "quicksync"}); !errors.Is(err, ErrUnknownEncoder) {
		t.Fatalf("unknown encoder: err = %v, want ErrUnknownEncoder", err)
	}
	if _, err := NewVideoEncoder(VideoConfig{Width: 321, Height: 180, FPS: 30}); !errors.Is(err, ErrBadConfig) {
		t.Fatalf("odd width: err = %v, want ErrBadConfig", err)
	}
	// vaapi cannot work with go-astiav v0.16.0, so asking for it falls back
	// to x264 instead of failing the show.
	e := newTestVideo(t, VideoConfig{Width: 320, Height: 180, FPS: 30, Encoder: "vaapi"})
	if e.Name() != "libx264" {
		t.Fatalf("vaapi fallback: Name() = %q, want libx264", e.Name())
	}
	auto := newTestVideo(t, VideoConfig{Width: 320, Height: 180, FPS: 30})
	if auto.Name() == "" {
		t.Fatal("auto: empty Name()")
	}
	t.Logf("auto picked %s", auto.Name())
}

func TestVideoRejectsWrongFrameSize(t *testing.T) {
	e := newTestVideo(t, VideoConfig{Width: 320, Height: 180, FPS: 30, Encoder: "x264"})
	if _, err := e.Encode(movingFrame(640, 360, 0, 30)); !errors.Is(err, ErrFrameSize) {
		t.Fatalf("err = %v, want ErrFrameSize", err)
	}
	if _, err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Encode(movingFrame(320, 180, 1, 30)); !errors.Is(err, ErrClosed) {
		t.Fatalf("after Flush: err = %v, want ErrClosed", err)
	}
}

// TestX264StreamingSettings reads the settings x264 writes into its SEI,
// which is what a platform's ingest actually receives.
func TestX264StreamingSettings(t *testing.T) {
	e := newTestVideo(t, VideoConfig{Width: 640, Height: 360, FPS: 30, Encoder: "x264", BitrateKbps: 1200})
	pkts, err := e.Encode(movingFrame(640, 360, 0, 30))
	if err != nil || len(pkts) != 1 {
		t.Fatalf("Encode: %d packets, %v", len(pkts), err)
	}
	var sei string
	for _, nal := range media.SplitNALs(pkts[0].Data) {
		if s := string(nal); nalType(nal) == nalSEI && strings.Contains(s, "x264") {
			sei = s
		}
	}
	for _, want := range []string{" bframes=0 ", " keyint=60 ", " scenecut=0 ", " rc=cbr ", " bitrate=1200 ",
		" vbv_maxrate=1200 ", " vbv_bufsize=1200 ", " nal_hrd=cbr ", " rc_lookahead=0 "} {
		if !strings.Contains(sei, want) {
			t.Errorf("x264 settings lack %q:\n%s", want, sei)
		}
	}
	sps := media.SplitNALs(H264ParameterSets(pkts[0].Data))[0]
	if profile := sps[1]; profile != 77 {
		t.Errorf("profile_idc = %d, want 77 (Main)", profile)
	}
}

// BenchmarkVideoEncode720p measures the program encode on this machine:
// go test ./encoder -bench 720p -run ^$ (ns/op is per frame).
func BenchmarkVideoEncode720p(b *testing.B) {
	e, err := NewVideoEncoder(VideoConfig{Width: 1280, Height: 720, FPS: 30, Encoder: "x264", BitrateKbps: 3500})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	frames := make([]*media.Frame, 60)
	for i := range frames {
		frames[i] = movingFrame(1280, 720, int64(i), 30)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := *frames[i%len(frames)]
		f.PTS = time.Duration(i) * time.Second / 30
		if _, err := e.Encode(&f); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "fps")
}
