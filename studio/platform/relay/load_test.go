package relay

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/platform"
)

// The load test is not run by default (CI has two cores to share):
//
//	go test ./studio/platform/relay -run Load -relay.load -v [-relay.viewers 200]
//	    [-relay.chatters 50] [-relay.chat-rate 500] [-relay.for 20s] [-relay.soak 10m]
//
// The relay runs in a child process (this test binary again), so its CPU
// and memory are its own; the publisher, the WHEP viewers and the chat
// clients run here.
var (
	loadOn   = flag.Bool("relay.load", false, "run the load test")
	viewers  = flag.Int("relay.viewers", 200, "WHEP viewers")
	chatters = flag.Int("relay.chatters", 50, "chat clients; each receives every message")
	chatRate = flag.Int("relay.chat-rate", 500, "chat messages per second, from all chatters together")
	loadFor  = flag.Duration("relay.for", 20*time.Second, "how long to measure")
	soakFor  = flag.Duration("relay.soak", 0, "then go on this long with viewers coming and going, sampling the relay's goroutines and memory")
	perFrame = flag.Int("relay.frame-packets", 9, "video packets of 1100 bytes per frame at 30 fps (9: about 2.4 Mbit/s, 720p30)")
)

func TestLoad(t *testing.T) {
	if !*loadOn {
		t.Skip("the load test runs with -relay.load")
	}
	c := startChild(t)
	// By default 720p30 at about 2.4 Mbit/s: a frame of 9 packets of 1100
	// bytes every 33 ms.
	pub := publishAt(t, c.base, 0x7e57, 1, 33*time.Millisecond, 1100, *perFrame)
	self0 := selfCPU(t)
	videoLat := &histogram{}
	var vs []*testViewer
	var mu sync.Mutex
	joinStart := time.Now()
	var wg sync.WaitGroup
	for batch := 0; batch < *viewers; batch += 20 {
		for range min(20, *viewers-batch) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v, err := tryWatch(t, c.base, watchOpts{hist: videoLat, light: true})
				if err != nil {
					t.Errorf("viewer: %v", err)
					return
				}
				mu.Lock()
				vs = append(vs, v)
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	for _, v := range vs {
		eventually(t, 60*time.Second, "video reaches every viewer", func() bool { return v.video.Load() > 0 })
	}
	if len(vs) > 0 {
		t.Logf("%d WHEP viewers joined and receiving in %v", len(vs), time.Since(joinStart).Round(time.Millisecond))
	}

	chatLat := &histogram{}
	h := host(t, c.base)
	var chat []*chatter
	for i := range *chatters {
		chat = append(chat, newChatter(t, c.base, fmt.Sprintf("load %d", i), chatLat))
	}
	hostChat := &chatter{hist: chatLat}
	go hostChat.receive(h)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	for _, ch := range chat {
		go ch.send(ctx, float64(*chatRate)/float64(len(chat)))
	}

	// Measure.
	time.Sleep(2 * time.Second) // let the chat reach its pace before the window opens
	cpu0, wall0, sent0, fan0 := c.cpu(t), time.Now(), pub.sent.Load(), c.stats(t).FanoutMS
	var got0 int64
	for _, v := range vs {
		got0 += v.video.Load()
	}
	videoLat.on.Store(true)
	chatLat.on.Store(true)
	var chatSent0, chatGot0 int64
	for _, ch := range chat {
		chatSent0 += ch.sent.Load()
		chatGot0 += ch.got.Load()
	}
	chatGot0 += hostChat.got.Load()
	time.Sleep(*loadFor) // the measuring window: the load runs by itself meanwhile
	videoLat.on.Store(false)
	chatLat.on.Store(false)
	cpu, wall := c.cpu(t)-cpu0, time.Since(wall0)
	var got int64
	for _, v := range vs {
		got += v.video.Load()
	}
	var chatSent, chatGot int64
	for _, ch := range chat {
		chatSent += ch.sent.Load()
		chatGot += ch.got.Load()
	}
	chatGot += hostChat.got.Load()
	st := c.stats(t)
	sentPkts := pub.sent.Load() - sent0
	wantPkts := sentPkts * int64(len(vs))
	wantChat := (chatSent - chatSent0) * int64(len(chat)+1)
	self := selfCPU(t) - self0
	t.Logf("the shards (%d viewers each, one goroutine per shard) were busy writing %.0f%% of the time, summed; %d packets dropped by full shard queues",
		shardViewers, 100*float64(st.FanoutMS-fan0)/float64(wall.Milliseconds()), st.Dropped)
	load, _ := os.ReadFile("/proc/loadavg")
	t.Logf("relay CPU: %.0f%% of one core (%v over %v) on %d cores; RSS %d MiB, heap %d MiB, %d goroutines; the load generator used %.0f%% since it began; loadavg %s",
		100*cpu.Seconds()/wall.Seconds(), cpu.Round(10*time.Millisecond), wall.Round(time.Millisecond), runtime.NumCPU(),
		st.RSSKiB>>10, st.HeapKiB>>10, st.Goroutines, 100*self.Seconds()/time.Since(joinStart).Seconds(), strings.Fields(string(load))[0])
	t.Logf("media: %d viewers × %.0f packets/s (%.1f Mbit/s in, %.0f Mbit/s out); delivered %d of %d packets (%.2f%%); publisher-to-viewer latency %s",
		len(vs), float64(sentPkts)/wall.Seconds(), float64(sentPkts)*1112*8/wall.Seconds()/1e6,
		float64(sentPkts)*1112*8*float64(len(vs))/wall.Seconds()/1e6, got-got0, wantPkts, 100*float64(got-got0)/float64(max(wantPkts, 1)), videoLat)
	t.Logf("chat: %.0f messages/s to %d sockets (%.0f frames/s out); delivered %d of %d (%.2f%%); fan-out latency %s",
		float64(chatSent-chatSent0)/wall.Seconds(), len(chat)+1, float64(chatGot-chatGot0)/wall.Seconds(), chatGot-chatGot0, wantChat,
		100*float64(chatGot-chatGot0)/float64(max(wantChat, 1)), chatLat)
	if *soakFor > 0 {
		soak(t, c, pub, &vs, videoLat)
	}
	stop()
}

// soak keeps the load on while a tenth of the viewers leave and others
// join every 10 s, and checks that the relay's goroutines and memory stay
// flat. The live heap (read after a GC) still moves with the packets and
// chat frames queued at that instant, so it compares the median of the
// first three samples with the median of the last three, not two single
// readings.
func soak(t *testing.T, c *child, pub *testPublisher, vs *[]*testViewer, hist *histogram) {
	first := c.stats(t)
	t.Logf("soak: start: %d goroutines, heap %d MiB, RSS %d MiB", first.Goroutines, first.HeapKiB>>10, first.RSSKiB>>10)
	samples := []childStats{first}
	end := time.Now().Add(*soakFor)
	churn := time.NewTicker(10 * time.Second)
	sample := time.NewTicker(time.Minute)
	defer churn.Stop()
	defer sample.Stop()
	for time.Now().Before(end) {
		select {
		case <-churn.C:
			n := len(*vs) / 10
			for _, v := range (*vs)[:n] {
				v.close()
			}
			*vs = (*vs)[n:]
			for range n {
				if v, err := tryWatch(t, c.base, watchOpts{hist: hist, light: true}); err == nil {
					*vs = append(*vs, v)
				}
			}
		case <-sample.C:
			s := c.stats(t)
			samples = append(samples, s)
			t.Logf("soak: %d goroutines, heap %d MiB, RSS %d MiB, %d viewers", s.Goroutines, s.HeapKiB>>10, s.RSSKiB>>10, len(*vs))
		}
	}
	samples = append(samples, c.stats(t))
	k := min(3, len(samples)/2)
	head, tail := samples[:k], samples[len(samples)-k:]
	g0, g1 := medianOf(head, func(s childStats) int { return s.Goroutines }), medianOf(tail, func(s childStats) int { return s.Goroutines })
	h0, h1 := medianOf(head, func(s childStats) int { return s.HeapKiB }), medianOf(tail, func(s childStats) int { return s.HeapKiB })
	r0, r1 := medianOf(head, func(s childStats) int { return s.RSSKiB }), medianOf(tail, func(s childStats) int { return s.RSSKiB })
	t.Logf("soak: medians of the first and last %d samples: goroutines %d → %d, heap %d → %d MiB, RSS %d → %d MiB", k, g0, g1, h0>>10, h1>>10, r0>>10, r1>>10)
	if g1 > g0+g0/20+10 || h1 > h0*5/4+4096 {
		t.Errorf("soak: goroutines %d → %d, heap %d → %d KiB: not flat", g0, g1, h0, h1)
	}
}

// medianOf is the median of one figure of the samples.
func medianOf(ss []childStats, f func(childStats) int) int {
	v := make([]int, len(ss))
	for i, s := range ss {
		v[i] = f(s)
	}
	slices.Sort(v)
	return v[len(v)/2]
}

// chatter is a chat client of the load test: it sends at its share of the
// rate and times every message it receives from the time in its text.
type chatter struct {
	p          *peer
	hist       *histogram
	sent, got  atomic.Int64
	sendErrors atomic.Int64
}

func newChatter(t *testing.T, base, nick string, hist *histogram) *chatter {
	c := &chatter{hist: hist}
	c.p = dial(t, base, nick, platform.DialOptions{Hello: platform.Hello{Nick: nick}})
	go c.receive(c.p)
	return c
}

func (c *chatter) send(ctx context.Context, perSecond float64) {
	tick := time.NewTicker(time.Duration(float64(time.Second) / perSecond))
	defer tick.Stop()
	var id uint64 = c.p.c.Welcome.LastID
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		id++
		if err := c.p.c.Send(ctx, id, platform.ChatMessage{Text: "t=" + strconv.FormatInt(time.Now().UnixNano(), 10)}); err != nil {
			c.sendErrors.Add(1)
			return
		}
		c.sent.Add(1)
	}
}

// receive counts chat messages off the peer's collected list; it replaces
// the peer's own bookkeeping, which would keep every message.
func (c *chatter) receive(p *peer) {
	for {
		p.mu.Lock()
		msgs := p.got
		p.got, p.taken = nil, nil
		more, closed := p.more, p.closed
		p.mu.Unlock()
		now := time.Now().UnixNano()
		for _, env := range msgs {
			if env.Type != platform.TypeChatMessage {
				continue
			}
			var m platform.ChatMessage
			if json.Unmarshal(env.Data, &m) != nil || !strings.HasPrefix(m.Text, "t=") {
				continue
			}
			sent, _ := strconv.ParseInt(m.Text[2:], 10, 64)
			c.got.Add(1)
			c.hist.add(time.Duration(now - sent))
		}
		if closed != nil {
			return
		}
		<-more
	}
}
