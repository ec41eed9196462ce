package rtmp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/encoder"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/output"
)

const (
	testW, testH, testFPS = 320, 240, 30
	testFrames            = 4 * testFPS // two GOPs
)

// An rtmps:// destination speaks real TLS (a Go listener with a
// self-signed certificate, in front of nginx-rtmp) and nginx records what
// arrives as H.264 and AAC that decode.
//
// The output checks the server's certificate (FFmpeg with GnuTLS does not
// unless told to): here against the forwarder's own CA, as a private
// ingest would be configured.
func TestRTMPSDestinationIsRecordedByNginx(t *testing.T) {
	srv := mediatest.StartNginxRTMP(t, "live")
	fw := mediatest.StartTLSForwarder(t, fmt.Sprintf("127.0.0.1:%d", srv.Port))
	const key = "rtmps-key-8e1f"

	video, audio, packets := encodeProgram(t)
	var fan output.Fanout
	q := fan.SubscribeFor("rtmps", len(packets)+16, media.AAC)
	for _, p := range packets {
		fan.Publish(p)
	}
	fan.Close() // Run sends what the queue holds, then returns at its end

	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
	out := &Output{URL: fw.URL("live") + "/" + key, Video: video, Audio: &audio, Queue: q, Logger: log, CAFile: fw.CAFile}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	wentLive := false
	if err := out.Run(ctx, func() { wentLive = true }); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if !wentLive {
		t.Error("the output never reported going live")
	}
	if strings.Contains(logged.String(), key) || !strings.Contains(logged.String(), "/live/***") {
		t.Errorf("the log shows the key, or no redacted URL at all:\n%s", logged.String())
	}
	if fw.Handshakes() == 0 {
		t.Fatal("no TLS handshake reached the forwarder: the stream did not go over TLS")
	}

	rec := filepath.Join(srv.RecordDir, "live", key+".flv")
	counts := waitRecorded(t, rec, testFrames)
	pr := mediatest.FFprobe(t, rec)
	codecs := map[string]string{}
	for _, s := range pr.Streams {
		codecs[s.CodecType] = s.CodecName
		if s.CodecType == "video" && (s.Width != testW || s.Height != testH) {
			t.Errorf("recorded video is %dx%d, want %dx%d", s.Width, s.Height, testW, testH)
		}
	}
	if codecs["video"] != "h264" || codecs["audio"] != "aac" {
		t.Errorf("the recording carries %v, want h264 and aac", codecs)
	}
	// 4 s of 48 kHz AAC is 187.5 frames of 1024 samples.
	if counts["audio"] < 180 {
		t.Errorf("%d AAC frames decoded, want about 188", counts["audio"])
	}
	// Decode every packet of both streams; any error fails.
	if out, err := exec.Command("ffmpeg", "-v", "error", "-xerror", "-i", rec, "-f", "null", "-").CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("the recording does not decode cleanly: %v\n%s", err, out)
	}
}

// waitRecorded waits until nginx has written all the video frames (it
// finishes the file when the publisher leaves, a moment after Run returns)
// and returns the frames ffprobe decodes per stream type.
func waitRecorded(t *testing.T, path string, frames int) map[string]int {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var counts map[string]int
	for {
		counts = countFrames(path)
		if counts["video"] >= frames || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond) // nginx gives no signal when the file is complete
	}
	if counts["video"] != frames {
		t.Fatalf("%s holds %d decodable video frames, want %d", path, counts["video"], frames)
	}
	return counts
}

func countFrames(path string) map[string]int {
	out, err := exec.Command("ffprobe", "-v", "error", "-count_frames",
		"-show_entries", "stream=codec_type,nb_read_frames", "-of", "json", path).Output()
	counts := map[string]int{}
	if err != nil {
		return counts
	}
	var r struct {
		Streams []struct {
			Type   string `json:"codec_type"`
			Frames string `json:"nb_read_frames"`
		} `json:"streams"`
	}
	json.Unmarshal(out, &r)
	for _, s := range r.Streams {
		var n int
		fmt.Sscan(s.Frames, &n)
		counts[s.Type] = n
	}
	return counts
}

// encodeProgram encodes testFrames of moving picture and a 1 kHz tone, and
// returns the packets in decode order, as the studio's fan-out sees them.
func encodeProgram(t *testing.T) (media.StreamInfo, media.StreamInfo, []media.Packet) {
	t.Helper()
	venc, err := encoder.NewVideoEncoder(encoder.VideoConfig{Width: testW, Height: testH, FPS: testFPS, Encoder: "x264", BitrateKbps: 600})
	if err != nil {
		t.Fatal(err)
	}
	defer venc.Close()
	aenc, err := encoder.NewAudioEncoder(encoder.AudioConfig{Codec: media.AAC})
	if err != nil {
		t.Fatal(err)
	}
	defer aenc.Close()
	var pkts []media.Packet
	add := func(p []media.Packet, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		pkts = append(pkts, p...)
	}
	perFrame := int64(media.SampleRate / testFPS)
	for n := int64(0); n < testFrames; n++ {
		add(venc.Encode(movingFrame(n)))
		add(aenc.Encode(tone(n*perFrame, perFrame)))
	}
	add(venc.Flush())
	add(aenc.Flush())
	sort.SliceStable(pkts, func(i, j int) bool { return pkts[i].DTS < pkts[j].DTS })
	if len(venc.Info().Extradata) == 0 {
		t.Fatal("the video encoder gave no SPS/PPS")
	}
	return venc.Info(), aenc.Info(), pkts
}

// movingFrame is a gradient with a white square that moves, so the encoder
// codes real motion.
func movingFrame(n int64) *media.Frame {
	f := media.NewFrame(testW, testH)
	img := f.Img
	for y := 0; y < testH; y++ {
		for x := 0; x < testW; x++ {
			img.Y[y*img.YStride+x] = uint8(16 + (x+y+int(n)*3)%200)
		}
	}
	bx := int(n*4) % (testW - 32)
	for y := testH/2 - 16; y < testH/2+16; y++ {
		for x := bx; x < bx+32; x++ {
			img.Y[y*img.YStride+x] = 235
		}
	}
	f.PTS = time.Duration(n) * time.Second / testFPS
	f.Seq = n
	return f
}

func tone(from, frames int64) media.AudioChunk {
	s := make([]float32, frames*media.Channels)
	for i := int64(0); i < frames; i++ {
		v := float32(0.4 * math.Sin(2*math.Pi*1000*float64(from+i)/media.SampleRate))
		for c := 0; c < media.Channels; c++ {
			s[i*media.Channels+int64(c)] = v
		}
	}
	return media.AudioChunk{Samples: s, PTS: media.SamplesToDuration(from)}
}

// A server whose certificate does not check out never gets the stream key:
// the connection fails before anything is sent, with a reason, and the
// handler would retry it (an impostor may be a transient DNS problem).
func TestRTMPSRefusesAnUntrustedCertificate(t *testing.T) {
	srv := mediatest.StartNginxRTMP(t, "live")
	fw := mediatest.StartTLSForwarder(t, fmt.Sprintf("127.0.0.1:%d", srv.Port))
	const key = "untrusted-key-5d2c"
	video, audio, packets := encodeProgram(t)
	var fan output.Fanout
	q := fan.SubscribeFor("rtmps", len(packets)+16, media.AAC)
	for _, p := range packets {
		fan.Publish(p)
	}
	fan.Close()
	out := &Output{URL: fw.URL("live") + "/" + key, Video: video, Audio: &audio, Queue: q,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := out.Run(ctx, func() { t.Error("went live on a server with a self-signed certificate") })
	if err == nil {
		t.Fatal("Run succeeded against an untrusted certificate")
	}
	if strings.Contains(err.Error(), key) {
		t.Errorf("the error shows the key: %v", err)
	}
	t.Logf("refused: %v", err)
	if _, serr := os.Stat(filepath.Join(srv.RecordDir, "live", key+".flv")); serr == nil {
		t.Error("nginx recorded a stream sent over an unverified connection")
	}
}
