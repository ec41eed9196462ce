package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// latency streams a 720p30 test pattern to MediaMTX over WHIP on loopback
// and plays it back over WHEP with `vitrina probe whep`, which reads the
// capture time burned into each decoded picture: glass-to-glass latency,
// capture to decoded picture, through the encoder, WebRTC both ways and the
// server.
func latency(bin, dir string, srv servers, dur time.Duration) (string, error) {
	show := filepath.Join(dir, "latency.toml")
	body := fmt.Sprintf(`
[video]
width = 1280
height = 720
fps = 30
encoder = "x264"
preset = %q
bitrate_kbps = %d

[[source]]
id = "cam"
kind = "testpattern"

[[source]]
id = "beep"
kind = "tone"
`, preset, bitrateKbps) + fmt.Sprintf(destWHIP, srv.mtx.WHIP("latency"), relayTokenEnv)
	if err := os.WriteFile(show, []byte(body), 0o644); err != nil {
		return "", err
	}
	os.Setenv(relayTokenEnv, srv.mtx.PublishToken)
	ctx, cancel := context.WithTimeout(context.Background(), dur+2*time.Minute)
	defer cancel()
	pub := exec.CommandContext(ctx, bin, "run", "--headless", "--show", show, "--for", (dur + 10*time.Second).String(),
		"--record", filepath.Join(dir, "latency.mkv"))
	pub.Env = append(os.Environ(), "VITRINA_DATA="+filepath.Join(dir, "data"))
	var pubLog strings.Builder
	pub.Stdout, pub.Stderr = &pubLog, &pubLog
	if err := pub.Start(); err != nil {
		return "", err
	}
	defer pub.Wait()
	defer pub.Process.Kill()
	// Measure from 5 s in, once the connection has settled.
	time.Sleep(5 * time.Second)
	probe := exec.CommandContext(ctx, bin, "probe", "whep", srv.mtx.WHEP("latency"), "--for", dur.String())
	out, err := probe.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("probe: %v: %s\npublisher:\n%s", err, out, pubLog.String())
	}
	line := strings.TrimSpace(string(out))
	m := regexp.MustCompile(`p50=(\d+)ms p95=(\d+)ms p99=(\d+)ms`).FindStringSubmatch(line)
	if m == nil {
		return "", fmt.Errorf("probe printed %q", line)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## glass-to-glass-latency-720p30\n\n")
	fmt.Fprintf(&b, "A 1280x720p30 test pattern with a tone, x264 %s CBR %d kb/s, published by `vitrina run` over WHIP to MediaMTX on loopback, "+
		"and played back over WHEP by `vitrina probe whep`, which decodes each picture and reads the capture time burned into it. "+
		"Measured for %s, from 5 s after the start.\n\n", preset, bitrateKbps, dur)
	fmt.Fprintf(&b, "| p50 | p95 | p99 | target |\n|---|---|---|---|\n| **%s ms** | %s ms | **%s ms** | p50 < 150 ms, p99 < 300 ms |\n\n", m[1], m[2], m[3])
	fmt.Fprintf(&b, "Probe output: `%s`\n", line)
	return b.String(), nil
}
