package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
)

// inputs are the media both sides read: two 720p30 camera stand-ins with
// sound, made once by ffmpeg before anything is measured.
type inputs struct{ wide, closeup string }

func makeInputs(dir string) (inputs, error) {
	in := inputs{wide: filepath.Join(dir, "wide.mp4"), closeup: filepath.Join(dir, "closeup.mp4")}
	for _, c := range []struct{ path, video, tone string }{
		{in.wide, "testsrc2=size=1280x720:rate=30", "sine=frequency=440:sample_rate=48000"},
		{in.closeup, "smptehdbars=size=1280x720:rate=30,drawbox=x=t*100:y=300:w=120:h=120:color=white@1:t=fill", "sine=frequency=660:sample_rate=48000"},
	} {
		cmd := exec.Command("ffmpeg", "-v", "error", "-y",
			"-f", "lavfi", "-i", c.video, "-f", "lavfi", "-i", c.tone, "-t", "10",
			"-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-g", "30",
			"-c:a", "aac", "-ac", "2", "-b:a", "128k", c.path)
		if out, err := cmd.CombinedOutput(); err != nil {
			return in, fmt.Errorf("making %s: %v: %s", c.path, err, out)
		}
	}
	return in, nil
}
