package relay

import (
	"encoding/binary"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// testViewer plays a room over WHEP and notes what it gets.
type testViewer struct {
	pc       *webrtc.PeerConnection
	resource string
	video    atomic.Int64 // packets
	audio    atomic.Int64
	latency  atomic.Int64 // nanoseconds, summed over video packets
	lastSeq  atomic.Uint32
	jumps    atomic.Int64 // video sequence numbers that did not follow the last one
	counters chan uint32
	hist     *histogram // where video latencies go, when measuring
	wg       sync.WaitGroup
}

func watch(t testing.TB, base string) *testViewer {
	t.Helper()
	v, err := tryWatch(t, base, watchOpts{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

type watchOpts struct {
	hist  *histogram // video latencies go here
	light bool       // no interceptors
}

func tryWatch(t testing.TB, base string, o watchOpts) (*testViewer, error) {
	api := testAPIWith(t, []webrtc.RTPCodecCapability{h264Cap("42e01f"), h264Cap("640c1f")}, !o.light)
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		return nil, err
	}
	v := &testViewer{pc: pc, counters: make(chan uint32, 4096), hist: o.hist}
	recv := webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionRecvonly}
	pc.AddTransceiverFromKind(webrtc.RTPCodecTypeVideo, recv)
	pc.AddTransceiverFromKind(webrtc.RTPCodecTypeAudio, recv)
	pc.OnTrack(func(tr *webrtc.TrackRemote, _ *webrtc.RTPReceiver) {
		v.wg.Add(1)
		go func() {
			defer v.wg.Done()
			v.read(tr)
		}()
	})
	resp, body := postOffer(t, pc, base+"/show/whep", "")
	if resp.StatusCode != http.StatusCreated {
		pc.Close()
		return nil, &httpStatus{resp.StatusCode, body}
	}
	v.resource = resolveLocation(base, resp)
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: body}); err != nil {
		pc.Close()
		return nil, err
	}
	t.Cleanup(v.close)
	return v, nil
}

func (v *testViewer) read(tr *webrtc.TrackRemote) {
	buf := make([]byte, 1500)
	var p rtp.Packet
	for {
		n, _, err := tr.Read(buf)
		if err != nil {
			return
		}
		if p.Unmarshal(buf[:n]) != nil {
			continue
		}
		if tr.Kind() == webrtc.RTPCodecTypeAudio {
			v.audio.Add(1)
			continue
		}
		if last := v.lastSeq.Swap(uint32(p.SequenceNumber) | 1<<31); last != 0 && uint16(last)+1 != p.SequenceNumber {
			v.jumps.Add(1)
		}
		v.video.Add(1)
		if len(p.Payload) >= 13 {
			sent := int64(binary.BigEndian.Uint64(p.Payload[1:]))
			lat := time.Now().UnixNano() - sent
			v.latency.Add(lat)
			if v.hist != nil && v.hist.on.Load() {
				v.hist.add(time.Duration(lat))
			}
			select {
			case v.counters <- binary.BigEndian.Uint32(p.Payload[9:]):
			default:
			}
		}
	}
}

func (v *testViewer) close() {
	v.pc.Close()
	v.wg.Wait()
}
