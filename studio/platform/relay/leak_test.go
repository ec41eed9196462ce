package relay

import (
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/studio/platform"
)

// Rounds of a show (a publisher, WHEP viewers, a host and chatting viewers
// that come and go) leave the goroutine count where it was and the memory
// flat; when the relay closes, none of its goroutines is left.
func TestNoLeaks(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	s, err := New(Config{Token: testToken, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	base := hs.URL

	// Each round is a subtest, so that its clients (kept by its cleanups)
	// are gone when it ends and only the relay's memory is left.
	round := func(i int) {
		t.Run(fmt.Sprintf("round%d", i), func(t *testing.T) { showRound(t, s, base, i) })
	}
	round(0) // warm up: the room, pools, the first publish
	base0 := settledGoroutines(t, 0, 0)
	rss0, heap0 := rss(t), heap()
	for i := 1; i <= 8; i++ {
		round(i)
		n := settledGoroutines(t, base0, 5)
		t.Logf("after round %d: %d goroutines (%d after warm-up), RSS %d KiB, heap %d KiB", i, n, base0, rss(t), heap())
	}
	// The live heap stays near 1 MiB; a round's peer connections kept
	// alive (pion keeps buffers of packets per stream) add about 500 KiB
	// each round, which is what a timer holding closed sessions did.
	if grown := heap() - heap0; grown > 2<<10 {
		t.Errorf("the heap grew by %d KiB over eight rounds", grown)
	}
	if grown := rss(t) - rss0; grown > 8<<10 && !raceEnabled {
		t.Errorf("RSS grew by %d KiB over eight rounds", grown)
	}
	s.Close()
	hs.Close()
}

func showRound(t *testing.T, s *Server, base string, i int) {
	pub := publish(t, base, uint32(1000+i), uint16(i*1000))
	var vs []*testViewer
	for range 4 {
		vs = append(vs, watch(t, base))
	}
	h := host(t, base)
	var chat []*peer
	for j := range 4 {
		chat = append(chat, viewerNamed(t, base, fmt.Sprintf("guest %d", j)))
	}
	for _, v := range vs {
		eventually(t, 10*time.Second, "video reaches every viewer", func() bool { return v.video.Load() >= 10 })
	}
	h.send(platform.ProductPin{SKU: "A"})
	for j, c := range chat {
		c.send(platform.ChatMessage{Text: "hello " + strconv.Itoa(j)})
		h.expect(platform.TypeChatMessage, withText("hello "+strconv.Itoa(j)))
	}
	for _, c := range chat {
		c.c.Close()
		c.waitClosed()
	}
	h.c.Close()
	h.waitClosed()
	for _, v := range vs {
		v.close()
	}
	pub.close()
	rm, _ := s.room("show")
	eventually(t, 20*time.Second, "the viewers' sessions end", func() bool { return rm.viewerCount() == 0 })
}

// settledGoroutines waits until the goroutine count is at most limit+slack
// (any count when limit is 0) and has stopped falling, and returns it.
func settledGoroutines(t *testing.T, limit, slack int) int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	last, same := -1, 0
	for {
		n := runtime.NumGoroutine()
		if (limit == 0 || n <= limit+slack) && n == last {
			if same++; same >= 3 {
				return n
			}
		} else {
			same = 0
		}
		last = n
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("%d goroutines, want at most %d:\n%s", n, limit+slack, buf)
		}
		time.Sleep(50 * time.Millisecond) // polling the count: nothing to wait on
	}
}

// heap is the live heap in KiB, after a collection.
func heap() int {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int(ms.HeapAlloc >> 10)
}

// rss is this process's resident memory in KiB, after a collection.
func rss(t *testing.T) int {
	t.Helper()
	runtime.GC()
	debug.FreeOSMemory()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc here")
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}
