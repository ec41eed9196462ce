package encoder

import (
	"context"
	"errors"
	"io/fs"
	"math"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/studio/media"
)

// recorder is a miniature of the studio's encode loop: one program clock,
// a picture every 1/fps, the mix in 10 ms chunks, every packet to the muxer.
type recorder struct {
	t     *testing.T
	w, h  int
	fps   int
	video *VideoEncoder
	audio *AudioEncoder
	mux   *Muxer
	n     int64 // frames sent
	s     int64 // audio sample frames sent
}

func newRecorder(t *testing.T, path string, w, h, fps int, codec media.Codec) *recorder {
	t.Helper()
	r := &recorder{t: t, w: w, h: h, fps: fps}
	var err error
	if r.video, err = NewVideoEncoder(VideoConfig{Width: w, Height: h, FPS: fps, Encoder: "x264", BitrateKbps: 1500}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.video.Close)
	if r.audio, err = NewAudioEncoder(AudioConfig{Codec: codec}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.audio.Close)
	vi, ai := r.video.Info(), r.audio.Info()
	if r.mux, err = NewMuxer(MuxConfig{URL: path, Video: &vi, Audio: &ai}); err != nil {
		t.Fatal(err)
	}
	return r
}

// step advances the program by one video frame.
func (r *recorder) step() {
	r.t.Helper()
	pkts, err := r.video.Encode(movingFrame(r.w, r.h, r.n, r.fps))
	if err != nil {
		r.t.Fatal(err)
	}
	r.n++
	until := r.n * media.SampleRate / int64(r.fps)
	for r.s+480 <= until {
		out, err := r.audio.Encode(tone(r.s, 480))
		if err != nil {
			r.t.Fatal(err)
		}
		pkts = append(pkts, out...)
		r.s += 480
	}
	r.write(pkts)
}

func (r *recorder) write(pkts []media.Packet) {
	r.t.Helper()
	for _, p := range pkts {
		if err := r.mux.WritePacket(p); err != nil {
			r.t.Fatal(err)
		}
	}
}

func (r *recorder) finish() {
	r.t.Helper()
	v, err := r.video.Flush()
	if err != nil {
		r.t.Fatal(err)
	}
	a, err := r.audio.Flush()
	if err != nil {
		r.t.Fatal(err)
	}
	r.write(append(v, a...))
	if err := r.mux.Close(); err != nil {
		r.t.Fatal(err)
	}
}

func TestRecordingPlaysBack(t *testing.T) {
	needTool(t, "ffprobe")
	needTool(t, "ffmpeg")
	for _, tc := range []struct {
		file   string
		w, h   int
		codec  media.Codec
		format string
	}{
		{"show.mkv", 1280, 720, media.AAC, "matroska"},
		{"show.mp4", 640, 360, media.AAC, "mp4"},
		{"whip.mkv", 640, 360, media.Opus, "matroska"},
		{"live.flv", 640, 360, media.AAC, "flv"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			const fps, seconds = 30, 3
			path := filepath.Join(t.TempDir(), tc.file)
			r := newRecorder(t, path, tc.w, tc.h, fps, tc.codec)
			for range seconds * fps {
				r.step()
			}
			r.finish()

			p := ffprobe(t, path, "-show_packets")
			if p.Format.FormatName != tc.format && !(tc.format == "mp4" && p.Format.FormatName == "mov,mp4,m4a,3gp,3g2,mj2") &&
				!(tc.format == "matroska" && p.Format.FormatName == "matroska,webm") {
				t.Errorf("format %q, want %s", p.Format.FormatName, tc.format)
			}
			v, ok := p.stream("video")
			if !ok {
				t.Fatal("no video stream")
			}
			if v.CodecName != "h264" || v.Width != tc.w || v.Height != tc.h || v.PixFmt != "yuv420p" {
				t.Errorf("video %s %dx%d %s, want h264 %dx%d yuv420p", v.CodecName, v.Width, v.Height, v.PixFmt, tc.w, tc.h)
			}
			if v.HasBFrames != 0 {
				t.Errorf("has_b_frames = %d, want 0", v.HasBFrames)
			}
			if rate := parseRate(v.AvgFrame); math.Abs(rate-fps) > 0.5 {
				if rate = parseRate(v.RFrame); math.Abs(rate-fps) > 0.5 {
					t.Errorf("frame rate avg %s r %s, want %d", v.AvgFrame, v.RFrame, fps)
				}
			}
			a, ok := p.stream("audio")
			if !ok {
				t.Fatal("no audio stream")
			}
			if a.CodecName != string(tc.codec) || a.SampleRate != "48000" || a.Channels != 2 {
				t.Errorf("audio %s %s Hz %d ch, want %s 48000 Hz stereo", a.CodecName, a.SampleRate, a.Channels, tc.codec)
			}
			if d := parseSeconds(p.Format.Duration); math.Abs(d-seconds) > 0.15 {
				t.Errorf("duration %.3f s, want %d s", d, seconds)
			}
			keys := p.keyframeTimes()
			if len(keys) != 2 || math.Abs(keys[1]-keys[0]-2) > 0.05 {
				t.Errorf("video keyframes at %v s, want two, 2 s apart", keys)
			}
			if out := decodeErrors(t, path); out != "" {
				t.Errorf("ffmpeg decode errors:\n%s", out)
			}
		})
	}
}

func TestMuxerFailsEarly(t *testing.T) {
	vi := media.StreamInfo{Kind: media.Video, Codec: media.H264, Width: 320, Height: 180, FPS: 30}
	dir := t.TempDir()
	_, err := NewMuxer(MuxConfig{URL: filepath.Join(dir, "missing", "show.mkv"), Video: &vi})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing directory: err = %v, want fs.ErrNotExist", err)
	}
	if os.Geteuid() != 0 { // root writes anywhere
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		if _, err := NewMuxer(MuxConfig{URL: filepath.Join(ro, "show.mkv"), Video: &vi}); !errors.Is(err, fs.ErrPermission) {
			t.Fatalf("read-only directory: err = %v, want fs.ErrPermission", err)
		}
	}
	if _, err := NewMuxer(MuxConfig{URL: filepath.Join(dir, "show.avi"), Video: &vi}); !errors.Is(err, ErrUnknownFormat) {
		t.Fatalf(".avi: err = %v, want ErrUnknownFormat", err)
	}
}

func TestMuxerWaitsForKeyframe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "late.mkv")
	r := newRecorder(t, path, 320, 180, 30, media.AAC)
	// The first keyframe is lost (a recording started mid-GOP): nothing
	// may reach the file until the next one, at 2 s.
	pkts, err := r.video.Encode(movingFrame(320, 180, 0, 30))
	if err != nil || len(pkts) != 1 || !pkts[0].Keyframe {
		t.Fatalf("first frame: %d packets, %v", len(pkts), err)
	}
	r.n = 1
	for range 89 {
		r.step()
	}
	r.finish()
	p := ffprobe(t, path, "-show_packets")
	keys := p.keyframeTimes()
	if len(keys) != 1 {
		t.Fatalf("keyframes %v, want exactly one", keys)
	}
	if d := parseSeconds(p.Format.Duration); d < 0.9 || d > 1.1 {
		t.Fatalf("duration %.3f s, want about 1 s (from the keyframe at 2 s to the end at 3 s, rebased to 0)", d)
	}
	if start := p.Packets[0].PTSTime; parseSeconds(start) > 0.05 {
		t.Fatalf("first packet at %s s: a recording must start at zero", start)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"rtmp://a.rtmp.youtube.com/live2/abcd-efgh-1234":   "rtmp://a.rtmp.youtube.com/live2/***",
		"rtmps://user:pw@live.example.com:443/app/key?x=1": "rtmps://live.example.com:443/app/***",
		"/home/me/Videos/show.mkv":                         "/home/me/Videos/show.mkv",
		`C:\Users\me\show.mkv`:                             `C:\Users\me\show.mkv`,
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMuxerContextUnblocksStalledServer: an RTMP server that accepts the
// connection and then says nothing must not hang the output forever.
func TestMuxerContextUnblocksStalledServer(t *testing.T) {
	defer goleak.VerifyNone(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // hold the connection open and silent
		}
	}()
	vi := media.StreamInfo{Kind: media.Video, Codec: media.H264, Width: 320, Height: 180, FPS: 30}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	began := time.Now()
	_, err = NewMuxerContext(ctx, MuxConfig{URL: "rtmp://" + ln.Addr().String() + "/live/key", Video: &vi})
	if err == nil {
		t.Fatal("connected to a server that never answered the handshake")
	}
	if took := time.Since(began); took > 3*time.Second {
		t.Fatalf("gave up after %v, want soon after the 300 ms context", took)
	}
	if strings.Contains(err.Error(), "/key") {
		t.Fatalf("error leaks the stream key: %v", err)
	}
}
