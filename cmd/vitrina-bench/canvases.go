package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// canvasCases measure a second canvas: Vitrina composing and encoding a
// horizontal 1280x720 and a vertical 720x1280 program from the same two
// files (captured and decoded once, composed and encoded once per canvas),
// (a) against the ffmpeg CLI run twice, one process per canvas, which is how
// a shop gets both pictures without Vitrina, and (b) against Vitrina with the
// horizontal canvas only. Both rows carry the one case name, so
// `-cases two-canvases-vs-one` runs both.
func canvasCases(bin string, in inputs, dir string, dur time.Duration) []benchCase {
	secs := strconv.Itoa(int(dur.Seconds()))
	rate := strconv.Itoa(bitrateKbps) + "k"
	vitrina := func(name, canvases string) side {
		show := filepath.Join(dir, name+".toml")
		return side{
			args: []string{bin, "run", "--headless", "--show", show, "--for", secs + "s"},
			setup: func() error {
				return os.WriteFile(show, []byte(fmt.Sprintf(canvasShow, preset, bitrateKbps, in.wide, in.closeup)+canvases), 0o644)
			},
		}
	}
	hCanvas := fmt.Sprintf(horizontalCanvas, filepath.Join(dir, "vitrina-horizontal.mkv"))
	vCanvas := fmt.Sprintf(verticalCanvas, filepath.Join(dir, "vitrina-vertical.mkv"))
	two := vitrina("canvases-two", hCanvas+vCanvas)
	// The same encoder settings as Vitrina's, for each process.
	encode := func(filter, out string) []string {
		return []string{"ffmpeg", "-v", "error", "-y",
			"-re", "-stream_loop", "-1", "-i", in.wide,
			"-re", "-stream_loop", "-1", "-i", in.closeup,
			"-filter_complex", filter + ";[0:a][1:a]amix=inputs=2[a]",
			"-map", "[v]", "-map", "[a]", "-t", secs,
			"-c:v", "libx264", "-preset", preset, "-tune", "zerolatency", "-b:v", rate, "-maxrate", rate, "-bufsize", rate,
			"-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-bf", "0", "-pix_fmt", "yuv420p",
			"-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
			"-f", "matroska", out}
	}
	// The PiP of the pip case; the stack's cells are 720x640, filled from
	// the middle 810x720 of each 1280x720 file, as Vitrina's fit = "fill".
	horizontal := encode("[1:v]scale=384:216[inset];[0:v][inset]overlay=x=W-w-38:y=H-h-38[v]", filepath.Join(dir, "ffmpeg-horizontal.mkv"))
	vertical := encode("[1:v]crop=810:720:234:0,scale=720:640[top];[0:v]crop=810:720:234:0,scale=720:640[bottom];[top][bottom]vstack[v]",
		filepath.Join(dir, "ffmpeg-vertical.mkv"))
	what := fmt.Sprintf("two 1280x720p30 H.264+AAC files; a 1280x720 canvas in picture-in-picture (inset 30%% of the width, bottom right) "+
		"and a 720x1280 canvas stacking the centre crops of both (close-up over wide), %s s, each encoded with x264 %s CBR %d kb/s, "+
		"keyframe every 2 s, no B-frames, zerolatency, AAC 128 kb/s, muxed to Matroska", secs, preset, bitrateKbps)
	return []benchCase{{
		name:     "two-canvases-vs-one",
		baseline: "ffmpeg CLI ×2",
		what: what + "; Vitrina decodes the files and encodes the sound once for both canvases, against two ffmpeg processes " +
			"run side by side, one per canvas, each decoding both files (their peak RSS is the larger process's, not the sum)",
		vitrina: two,
		ffmpeg:  side{args: []string{"sh", "-c", shellJoin(horizontal) + " & h=$!; " + shellJoin(vertical) + " & v=$!; wait $h && wait $v"}},
	}, {
		name:     "two-canvases-vs-one",
		baseline: "Vitrina, one canvas",
		what: what + "; Vitrina with both canvases against Vitrina with the horizontal one only: the ratio is the cost of the second " +
			"composite and encode, since capture, decoding and the sound are shared",
		vitrina: two,
		ffmpeg:  vitrina("canvases-one", hCanvas),
	}}
}

const canvasShow = `
[video]
fps = 30
encoder = "x264"
preset = %q
bitrate_kbps = %d

[[source]]
id = "wide"
kind = "file"
path = %q

[[source]]
id = "closeup"
kind = "file"
path = %q
`

const horizontalCanvas = `
[[canvas]]
id = "horizontal"
width = 1280
height = 720
[canvas.layout]
kind = "pip"
main = "wide"
inset = "closeup"
corner = "bottom-right"
scale = 0.3
[canvas.record]
path = %q
`

const verticalCanvas = `
[[canvas]]
id = "vertical"
width = 720
height = 1280
[canvas.layout]
kind = "stack"
main = "closeup"
second = "wide"
[[canvas.crop]]
source = "wide"
fit = "fill"
[[canvas.crop]]
source = "closeup"
fit = "fill"
[canvas.record]
path = %q
`
