package encoder

import (
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

// recordShow makes a 10 s recording the way the studio does: H.264 with a
// keyframe every 2 s and AAC, 30 fps.
func recordShow(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	r := newRecorder(t, path, 320, 240, 30, media.AAC)
	for range 10 * 30 {
		r.step()
	}
	r.finish()
	return path
}

// videoPackets lists a file's video packets: time, keyframe flag and size.
type videoPacket struct {
	pts  float64
	key  bool
	size int
}

func videoPackets(t *testing.T, path string) []videoPacket {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
		"packet=pts_time,flags,size", "-of", "csv=p=0", path).Output()
	if err != nil {
		t.Fatalf("ffprobe packets %s: %v", path, err)
	}
	var ps []videoPacket
	for _, line := range strings.Fields(string(out)) {
		f := strings.Split(line, ",")
		pts, _ := strconv.ParseFloat(f[0], 64)
		size, _ := strconv.Atoi(f[1])
		ps = append(ps, videoPacket{pts, strings.HasPrefix(f[2], "K"), size})
	}
	return ps
}

func TestCutCopiesSegmentsFromTheKeyframeBefore(t *testing.T) {
	needTool(t, "ffprobe")
	const frame = 1.0 / 30
	for _, src := range []string{"show.mkv", "show.mp4"} {
		t.Run(src, func(t *testing.T) {
			in := recordShow(t, src)
			source := videoPackets(t, in)
			for _, seg := range []struct{ from, to time.Duration }{
				{3300 * time.Millisecond, 6100 * time.Millisecond}, // starts mid-GOP: back to 2 s
				{6 * time.Second, 9500 * time.Millisecond},         // starts on a keyframe
			} {
				out := filepath.Join(t.TempDir(), "clip.mp4")
				span, err := CutSpan(in, out, seg.from, seg.to)
				if err != nil {
					t.Fatal(err)
				}
				checkClip(t, out, source, seg.from.Seconds(), seg.to.Seconds(), span, frame)
			}
		})
	}
}

func checkClip(t *testing.T, out string, source []videoPacket, from, to float64, span Span, frame float64) {
	t.Helper()
	// The keyframe the clip must start on: the last one at or before from.
	first := -1
	for i, p := range source {
		if p.key && p.pts <= from+1e-6 {
			first = i
		}
	}
	kf := source[first].pts
	if from-kf >= 2+frame {
		t.Fatalf("the source has no keyframe within a GOP before %.3f s", from)
	}
	if math.Abs(span.From.Seconds()-kf) > 1e-3 || math.Abs(span.To.Seconds()-to) > frame+0.025 {
		t.Errorf("span %v–%v, want %.3f–%.3f", span.From, span.To, kf, to)
	}
	p := mediatest.FFprobe(t, out)
	codecs := map[string]string{}
	for _, s := range p.Streams {
		codecs[s.CodecType] = s.CodecName
	}
	if codecs["video"] != "h264" || codecs["audio"] != "aac" || len(p.Streams) != 2 {
		t.Errorf("clip streams %v, want h264 and aac", codecs)
	}
	// Within a GOP of the segment at the start, a frame at the end (plus
	// the AAC frame that straddles it).
	if d, want := p.Duration(), to-kf; d < to-from-frame || math.Abs(d-want) > frame+0.025 {
		t.Errorf("clip lasts %.3f s, want %.3f (segment %.3f–%.3f from the keyframe at %.3f)", d, want, from, to, kf)
	}
	// Stream copy: the same packets, byte counts and all, from that keyframe.
	clip := videoPackets(t, out)
	if len(clip) == 0 || !clip[0].key || clip[0].pts != 0 {
		t.Fatalf("the clip does not start with a keyframe at 0: %+v", clip[:min(len(clip), 1)])
	}
	for i, c := range clip {
		s := source[first+i]
		if c.size != s.size || math.Abs(c.pts-(s.pts-kf)) > 1e-3 {
			t.Fatalf("clip packet %d is %+v, source packet %+v: not a copy", i, c, s)
		}
	}
	if end := clip[len(clip)-1].pts + kf; end >= to || end < to-2*frame {
		t.Errorf("the last picture is at %.3f s of the source, want just before %.3f", end, to)
	}
	decodeFirstPicture(t, out)
}

func decodeFirstPicture(t *testing.T, path string) {
	t.Helper()
	mf, err := OpenMediaFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer mf.Close()
	for {
		v, _, err := mf.Next()
		if err != nil {
			t.Fatalf("no picture decodes from %s: %v", filepath.Base(path), err)
		}
		if v != nil {
			defer v.Release()
			if v.PTS != 0 || v.Img.Bounds().Dx() != 320 {
				t.Errorf("first picture at %v, %v; want at 0, 320 wide", v.PTS, v.Img.Bounds())
			}
			return
		}
	}
}

// A recording whose studio was killed has no index and ends in a torn
// cluster; its middle must still cut.
func TestCutARecordingWithoutItsTrailer(t *testing.T) {
	needTool(t, "ffprobe")
	in := recordShow(t, "show.mkv")
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	torn := filepath.Join(t.TempDir(), "killed.mkv")
	if err := os.WriteFile(torn, data[:len(data)*8/10], 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "clip.mp4")
	span, err := CutSpan(torn, out, 4500*time.Millisecond, 30*time.Second) // past the end: up to the tear
	if err != nil {
		t.Fatal(err)
	}
	// The AAC priming moves the video 21 ms into the file.
	if span.From < 4*time.Second || span.From > 4050*time.Millisecond || span.To < 6*time.Second || span.To > 9*time.Second {
		t.Errorf("span %v–%v, want from the keyframe at 4 s to the tear, about 8 s", span.From, span.To)
	}
	decodeFirstPicture(t, out)
}

func TestCutRefusesWhatCannotBeACut(t *testing.T) {
	in := recordShow(t, "show.mkv")
	dir := t.TempDir()
	cases := []struct {
		name     string
		from, to time.Duration
		want     error
	}{
		{"empty", 3 * time.Second, 3 * time.Second, ErrBadConfig},
		{"negative", -time.Second, time.Second, ErrBadConfig},
		{"after the end", 20 * time.Second, 30 * time.Second, ErrEmptyCut},
	}
	for _, c := range cases {
		out := filepath.Join(dir, c.name+".mp4")
		if err := Cut(in, out, c.from, c.to); !errors.Is(err, c.want) {
			t.Errorf("%s: Cut = %v, want %v", c.name, err, c.want)
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: a failed cut left %s", c.name, out)
		}
	}
	if err := Cut(filepath.Join(dir, "missing.mkv"), filepath.Join(dir, "x.mp4"), 0, time.Second); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Cut of a missing file = %v, want ErrNotExist", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("failed cuts left files behind: %v", entries)
	}
}
