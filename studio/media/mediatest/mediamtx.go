package mediatest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// MediaMTX is a real WHIP/WHEP server (MediaMTX v1.15.3, built by
// scripts/mediamtx.sh) on loopback ports. Publishing needs the Bearer token
// PublishToken; reading and the API are open on loopback.
type MediaMTX struct {
	HTTP         string // http://127.0.0.1:PORT: WHIP at /NAME/whip, WHEP at /NAME/whep, player at /NAME/
	RTMP         string // rtmp://127.0.0.1:PORT: RTMP ingest, /NAME
	API          string // http://127.0.0.1:PORT
	PublishToken string
	Log          string // its log file
}

// WHIP is the ingest URL of one path.
func (m *MediaMTX) WHIP(name string) string { return m.HTTP + "/" + name + "/whip" }

// WHEP is the playback URL of one path.
func (m *MediaMTX) WHEP(name string) string { return m.HTTP + "/" + name + "/whep" }

// MediaMTXBin builds MediaMTX once (scripts/mediamtx.sh caches it outside
// the repo) and returns its path. A test that needs it fails when it cannot
// be built; it is never skipped.
func MediaMTXBin(t T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(file), "..", "..", "..", "scripts", "mediamtx.sh")
	out, err := exec.Command("bash", script).Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("building MediaMTX with %s: %v\n%s", script, err, stderr)
	}
	return strings.TrimSpace(string(out))
}

// StartMediaMTX starts MediaMTX with any path allowed and stops it when the
// test ends.
func StartMediaMTX(t T) *MediaMTX {
	t.Helper()
	bin := MediaMTXBin(t)
	dir := t.TempDir()
	httpPort, rtmpPort, apiPort, udpPort := FreePort(t), FreePort(t), FreePort(t), FreeUDPPort(t)
	m := &MediaMTX{
		HTTP:         fmt.Sprintf("http://127.0.0.1:%d", httpPort),
		RTMP:         fmt.Sprintf("rtmp://127.0.0.1:%d", rtmpPort),
		API:          fmt.Sprintf("http://127.0.0.1:%d", apiPort),
		PublishToken: "host:show-secret-7f3a",
		Log:          filepath.Join(dir, "mediamtx.log"),
	}
	conf := fmt.Sprintf(`logLevel: info
logDestinations: [file]
logFile: %s
api: yes
apiAddress: 127.0.0.1:%d
rtsp: no
hls: no
srt: no
rtmp: yes
rtmpAddress: 127.0.0.1:%d
webrtc: yes
webrtcAddress: 127.0.0.1:%d
webrtcLocalUDPAddress: 127.0.0.1:%d
webrtcLocalTCPAddress: ''
webrtcIPsFromInterfaces: no
webrtcAdditionalHosts: [127.0.0.1]
authMethod: internal
authInternalUsers:
- user: host
  pass: show-secret-7f3a
  permissions:
  - action: publish
- user: any
  pass:
  permissions:
  - action: read
  - action: playback
  - action: api
paths:
  all_others: {}
`, m.Log, apiPort, rtmpPort, httpPort, udpPort)
	confPath := filepath.Join(dir, "mediamtx.yml")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, confPath)
	cmd.Dir = dir
	out, _ := os.Create(filepath.Join(dir, "stdout.log"))
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting MediaMTX: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait(); out.Close() })
	WaitListening(t, httpPort, cmd, m.Log)
	WaitListening(t, apiPort, cmd, m.Log)
	return m
}

// PathInfo is what MediaMTX's API says about one path.
type PathInfo struct {
	Name          string   `json:"name"`
	Ready         bool     `json:"ready"`
	Tracks        []string `json:"tracks"`
	BytesReceived int64    `json:"bytesReceived"`
	Source        *struct {
		Type string `json:"type"`
	} `json:"source"`
}

// Paths lists the paths MediaMTX has, ready or not.
func (m *MediaMTX) Paths(t T) []PathInfo {
	t.Helper()
	resp, err := http.Get(m.API + "/v3/paths/list")
	if err != nil {
		t.Fatalf("MediaMTX API: %v", err)
	}
	defer resp.Body.Close()
	var list struct {
		Items []PathInfo `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		t.Fatalf("MediaMTX API: %v", err)
	}
	return list.Items
}

// WaitReady waits until path name has a publisher with tracks, and returns
// what MediaMTX reports about it.
func (m *MediaMTX) WaitReady(t T, name string, within time.Duration) PathInfo {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		for _, p := range m.Paths(t) {
			if p.Name == name && p.Ready {
				return p
			}
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(m.Log)
			t.Fatalf("MediaMTX path %q not ready after %v; its log:\n%s", name, within, tail(string(log), 3000))
		}
		time.Sleep(100 * time.Millisecond) // polling an API: there is nothing to wait on
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
