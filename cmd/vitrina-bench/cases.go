package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// The x264 settings both sides use, as Vitrina's encoder sets them for
// streaming: CBR with a 1 s VBV, a keyframe every 2 s, no B-frames,
// zerolatency.
const (
	preset      = "veryfast"
	bitrateKbps = 3500
)

func cases(bin string, in inputs, dir string, dur time.Duration) []benchCase {
	secs := strconv.Itoa(int(dur.Seconds()))
	show := filepath.Join(dir, "pip.toml")
	rate := strconv.Itoa(bitrateKbps) + "k"
	return []benchCase{{
		name: "pip-720p30-x264-veryfast",
		what: fmt.Sprintf("two 1280x720p30 H.264+AAC files in picture-in-picture (inset 30%% of the width, bottom right), "+
			"%s s encoded with x264 %s CBR %d kb/s, keyframe every 2 s, no B-frames, zerolatency, AAC 128 kb/s, muxed to Matroska", secs, preset, bitrateKbps),
		vitrina: side{
			args: []string{bin, "run", "--headless", "--show", show, "--for", secs + "s", "--record", filepath.Join(dir, "vitrina.mkv")},
			setup: func() error {
				return os.WriteFile(show, []byte(fmt.Sprintf(pipShow, preset, bitrateKbps, in.wide, in.closeup)), 0o644)
			},
		},
		ffmpeg: side{args: []string{"ffmpeg", "-v", "error", "-y",
			"-re", "-stream_loop", "-1", "-i", in.wide,
			"-re", "-stream_loop", "-1", "-i", in.closeup,
			"-filter_complex", "[1:v]scale=384:216[inset];[0:v][inset]overlay=x=W-w-38:y=H-h-38[v];[0:a][1:a]amix=inputs=2[a]",
			"-map", "[v]", "-map", "[a]", "-t", secs,
			"-c:v", "libx264", "-preset", preset, "-tune", "zerolatency", "-b:v", rate, "-maxrate", rate, "-bufsize", rate,
			"-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-bf", "0", "-pix_fmt", "yuv420p",
			"-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
			"-f", "matroska", filepath.Join(dir, "ffmpeg.mkv")}},
	}}
}

const pipShow = `
[video]
width = 1280
height = 720
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

[layout]
kind = "pip"
main = "wide"
inset = "closeup"
corner = "bottom-right"
scale = 0.3
`
