package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// relayTokenEnv carries MediaMTX's publish token to the show files, as a
// user's environment would.
const relayTokenEnv = "VITRINA_BENCH_RELAY_TOKEN"

// fanoutCases measure what going live in several places costs: (a)
// Vitrina with four outputs against Vitrina with one, and (b) Vitrina
// against ffmpeg's tee muxer sending the same encode to two RTMP servers
// and a file.
func fanoutCases(bin string, in inputs, dir string, dur time.Duration, srv servers) []benchCase {
	os.Setenv(relayTokenEnv, srv.mtx.PublishToken)
	secs := strconv.Itoa(int(dur.Seconds()))
	rate := strconv.Itoa(bitrateKbps) + "k"
	rtmpA, rtmpB := srv.nginx.URL("a")+"/bench", srv.nginx.URL("b")+"/bench"
	whip := fmt.Sprintf(destWHIP, srv.mtx.WHIP("bench"), relayTokenEnv)
	rtmp := fmt.Sprintf(destRTMP, "a", rtmpA) + fmt.Sprintf(destRTMP, "b", rtmpB)
	vitrina := func(name, dests string) side {
		show := filepath.Join(dir, name+".toml")
		return side{
			args: []string{bin, "run", "--headless", "--show", show, "--for", secs + "s", "--record", filepath.Join(dir, name+".mkv")},
			setup: func() error {
				return os.WriteFile(show, []byte(fmt.Sprintf(oneFileShow, preset, bitrateKbps, in.wide)+dests), 0o644)
			},
		}
	}
	what := fmt.Sprintf("one 1280x720p30 H.264+AAC file, %s s, x264 %s CBR %d kb/s, keyframe every 2 s, AAC 128 kb/s", secs, preset, bitrateKbps)
	return []benchCase{{
		name:     "destinations-4-vs-1",
		baseline: "Vitrina, recording only",
		what: what + "; Vitrina sending it to the WHIP relay (MediaMTX, with Opus), two RTMP servers (nginx-rtmp) and a Matroska recording, " +
			"against Vitrina only recording it. The target is ≤ 1.10: destinations add no video encode",
		vitrina: vitrina("four", whip+rtmp),
		ffmpeg:  vitrina("one", ""),
	}, {
		name:     "tee-2rtmp-file",
		baseline: "ffmpeg tee",
		what:     what + "; sent to two RTMP servers (nginx-rtmp) and a Matroska file, one encode on both sides (ffmpeg's tee muxer)",
		vitrina:  vitrina("tee", rtmp),
		ffmpeg: side{args: []string{"ffmpeg", "-v", "error", "-y",
			"-re", "-stream_loop", "-1", "-i", in.wide, "-map", "0:v", "-map", "0:a", "-t", secs,
			"-c:v", "libx264", "-preset", preset, "-tune", "zerolatency", "-b:v", rate, "-maxrate", rate, "-bufsize", rate,
			"-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-bf", "0", "-pix_fmt", "yuv420p",
			"-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2", "-flags", "+global_header",
			"-f", "tee", fmt.Sprintf("[f=flv:flvflags=no_duration_filesize]%s|[f=flv:flvflags=no_duration_filesize]%s|[f=matroska]%s",
				rtmpA+"-ffmpeg", rtmpB+"-ffmpeg", filepath.Join(dir, "tee-ffmpeg.mkv"))}},
	}}
}

const oneFileShow = `
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
`

const destWHIP = `
[[destination]]
id = "relay"
kind = "whip"
url = %q
token_env = %q
`

const destRTMP = `
[[destination]]
id = %q
kind = "rtmp"
url = %q
`
