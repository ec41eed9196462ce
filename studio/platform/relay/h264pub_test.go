package relay

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/pion/webrtc/v4"
	"github.com/pion/webrtc/v4/pkg/media"
	"github.com/pion/webrtc/v4/pkg/media/h264reader"
)

// h264Publisher is a studio as a browser can watch it: a WHIP session
// sending real H.264 (a test pattern the ffmpeg CLI encoded, looped), so
// that Chromium decodes frames.
type h264Publisher struct {
	pc       *webrtc.PeerConnection
	resource string
	stop     chan struct{}
	wg       sync.WaitGroup
	once     sync.Once
}

const h264FPS = 15

// testPattern encodes a few seconds of ffmpeg's test pattern as H.264
// access units (constrained baseline, a keyframe a second, no B-frames),
// each with its start codes, as one WriteSample takes them.
func testPattern(t testing.TB) [][]byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pattern.h264")
	out, err := exec.Command("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
		"-i", "testsrc=size=320x240:rate=15", "-t", "3", "-c:v", "libx264", "-profile:v", "baseline",
		"-level", "3.1", "-pix_fmt", "yuv420p", "-g", "15", "-bf", "0", "-tune", "zerolatency",
		"-f", "h264", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, out)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := h264reader.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var aus [][]byte
	var cur []byte
	slice := false // cur has a picture's slice
	for {
		nal, err := r.NextNAL()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		vcl := nal.UnitType == h264reader.NalUnitTypeCodedSliceIdr || nal.UnitType == h264reader.NalUnitTypeCodedSliceNonIdr
		// A new picture begins with a parameter set or SEI after a slice,
		// or with a slice whose first_mb_in_slice is 0 (ue(v) "1").
		if slice && (!vcl || len(nal.Data) > 1 && nal.Data[1]&0x80 != 0) {
			aus = append(aus, cur)
			cur, slice = nil, false
		}
		cur = append(cur, 0, 0, 0, 1)
		cur = append(cur, nal.Data...)
		slice = slice || vcl
	}
	if slice {
		aus = append(aus, cur)
	}
	if len(aus) < 2*h264FPS {
		t.Fatalf("only %d pictures in the test pattern", len(aus))
	}
	return aus
}

// publishH264 goes live on base's room "show" with the pattern, looped.
func publishH264(t testing.TB, base string, pattern [][]byte) *h264Publisher {
	t.Helper()
	pc, err := testAPI(t, []webrtc.RTPCodecCapability{h264Cap(testPLID)}).NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		t.Fatal(err)
	}
	track, err := webrtc.NewTrackLocalStaticSample(h264Cap(testPLID), "video", "pattern")
	if err != nil {
		t.Fatal(err)
	}
	snd, err := pc.AddTransceiverFromTrack(track, webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionSendonly})
	if err != nil {
		t.Fatal(err)
	}
	go func() { // the interceptors need the RTCP read
		for {
			if _, _, err := snd.Sender().ReadRTCP(); err != nil {
				return
			}
		}
	}()
	connected := make(chan struct{})
	var once sync.Once
	pc.OnConnectionStateChange(func(s webrtc.PeerConnectionState) {
		if s == webrtc.PeerConnectionStateConnected {
			once.Do(func() { close(connected) })
		}
	})
	resp, body := postOffer(t, pc, base+"/show/whip", testToken)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("WHIP: %d %s", resp.StatusCode, body)
	}
	p := &h264Publisher{pc: pc, resource: resolveLocation(base, resp), stop: make(chan struct{})}
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: body}); err != nil {
		t.Fatal(err)
	}
	waitChan(t, connected, "the H.264 publisher to connect")
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		tick := time.NewTicker(time.Second / h264FPS)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-p.stop:
				return
			case <-tick.C:
			}
			track.WriteSample(media.Sample{Data: pattern[i%len(pattern)], Duration: time.Second / h264FPS})
		}
	}()
	t.Cleanup(p.close)
	return p
}

// end stops the session as the studio does when the show ends: WHIP
// DELETE, then the connection closes.
func (p *h264Publisher) end(t testing.TB) {
	t.Helper()
	if r := do(t, http.MethodDelete, p.resource, testToken); r.StatusCode != http.StatusOK {
		t.Fatalf("WHIP DELETE: %d", r.StatusCode)
	}
	p.close()
}

func (p *h264Publisher) close() {
	p.once.Do(func() {
		close(p.stop)
		p.wg.Wait()
		p.pc.Close()
	})
}
