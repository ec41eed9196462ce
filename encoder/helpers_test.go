package encoder

import (
	"encoding/json"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// movingFrame draws frame n of a synthetic scene: a gradient background and
// a white square that moves, so the encoder has real motion to code.
func movingFrame(w, h int, n int64, fps int) *media.Frame {
	f := media.NewFrame(w, h)
	img := f.Img
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Y[y*img.YStride+x] = uint8(16 + (x+y+int(n)*3)%200)
		}
	}
	for i := range img.Cb {
		img.Cb[i] = uint8(90 + int(n)%60)
		img.Cr[i] = 150
	}
	bx := int(n*8) % (w - 64)
	by := h/2 - 32
	for y := by; y < by+64; y++ {
		for x := bx; x < bx+64; x++ {
			img.Y[y*img.YStride+x] = 235
		}
	}
	f.PTS = time.Duration(n) * time.Second / time.Duration(fps)
	f.Seq = n
	return f
}

// tone returns frames of a 1 kHz stereo sine starting at sample frame from.
func tone(from, frames int64) media.AudioChunk {
	s := make([]float32, frames*2)
	for i := int64(0); i < frames; i++ {
		v := float32(0.5 * math.Sin(2*math.Pi*1000*float64(from+i)/media.SampleRate))
		s[2*i], s[2*i+1] = v, v
	}
	return media.AudioChunk{Samples: s, PTS: media.SamplesToDuration(from)}
}

// nalTypes lists the NAL unit types of an annex-B access unit.
func nalTypes(annexB []byte) []int {
	var out []int
	for _, nal := range media.SplitNALs(annexB) {
		out = append(out, nalType(nal))
	}
	return out
}

func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed", name)
	}
}

type probeStream struct {
	CodecType   string `json:"codec_type"`
	CodecName   string `json:"codec_name"`
	Profile     string `json:"profile"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	HasBFrames  int    `json:"has_b_frames"`
	AvgFrame    string `json:"avg_frame_rate"`
	RFrame      string `json:"r_frame_rate"`
	SampleRate  string `json:"sample_rate"`
	Channels    int    `json:"channels"`
	PixFmt      string `json:"pix_fmt"`
	Duration    string `json:"duration"`
	StreamIndex int    `json:"index"`
}

type probeResult struct {
	Streams []probeStream `json:"streams"`
	Format  struct {
		FormatName string `json:"format_name"`
		Duration   string `json:"duration"`
	} `json:"format"`
	Packets []struct {
		CodecType string `json:"codec_type"`
		PTSTime   string `json:"pts_time"`
		DurTime   string `json:"duration_time"`
		Flags     string `json:"flags"`
	} `json:"packets"`
}

// ffprobe runs the ffprobe a user would run on a recording.
func ffprobe(t *testing.T, path string, extra ...string) probeResult {
	t.Helper()
	args := append([]string{"-v", "error", "-show_streams", "-show_format", "-of", "json"}, extra...)
	out, err := exec.Command("ffprobe", append(args, path)...).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var r probeResult
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("ffprobe json: %v", err)
	}
	return r
}

func (r probeResult) stream(kind string) (probeStream, bool) {
	for _, s := range r.Streams {
		if s.CodecType == kind {
			return s, true
		}
	}
	return probeStream{}, false
}

// keyframeTimes are the presentation times of the video keyframes.
func (r probeResult) keyframeTimes() []float64 {
	var out []float64
	for _, p := range r.Packets {
		if p.CodecType == "video" && strings.Contains(p.Flags, "K") {
			v, _ := strconv.ParseFloat(p.PTSTime, 64)
			out = append(out, v)
		}
	}
	return out
}

func parseRate(s string) float64 {
	num, den, ok := strings.Cut(s, "/")
	n, _ := strconv.ParseFloat(num, 64)
	if !ok {
		return n
	}
	d, _ := strconv.ParseFloat(den, 64)
	if d == 0 {
		return 0
	}
	return n / d
}

func parseSeconds(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// decodeErrors decodes a file completely with the ffmpeg CLI and returns
// what it printed at error level: nothing for a clean file.
func decodeErrors(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-f", "null", "-").CombinedOutput()
	if err != nil {
		return string(out) + err.Error()
	}
	return strings.TrimSpace(string(out))
}
