package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/chat/chatstore"
	"github.com/vitrina-live/vitrina/studio/store"
)

const (
	chatThroughputMsgs = 300000           // enough for the CPU clock to resolve it
	chatRate           = 2000             // msg/s of the latency run
	chatRun            = 15 * time.Second // length of the latency run
	chatViewers        = 20000
)

// chatTexts are a busy show's chat: reactions, questions, want-it, six
// languages, and spam of every rule family (about half).
var chatTexts = []string{
	"sold!", "+1", "how much is the gauze shirt?", "love the colour 😍😍", "is it 100% cotton or blended?",
	"I'll take it in M please", "@anna show the back please", "хочу! сколько стоит?", "多少钱？有没有L码",
	"cik maksā tas zilais?", "¿cuánto cuesta la talla M?", "كم السعر؟", "check out my channel for hauls",
	"send 0.1 ETH get 1 ETH back", "look bit.ly/abc123", "cheap bags at luxbags dot com",
	"call +7 912 345 67 89", "OMG I NEED THIS IN EVERY COLOR RIGHT NOW PLEASE SAVE ONE FOR ME",
	"ѕеnd 0.1 ЕТН get 1 ЕТН", "fr33 g1ft c4rd dm me", "the shipping to Riga was fast, thanks!",
	"12", "my order 48213 hasn't arrived", "😂😂😂",
}

// chatLatency measures the chat pipeline: its throughput on one core with
// every rule on, and the latency from a connector handing a message over
// to the message being in its queue at 2,000 messages a second, with every
// message persisted to SQLite by the store sink.
func chatLatency(dir string) (string, error) {
	perCPU, withStore, err := chatThroughput(dir)
	if err != nil {
		return "", err
	}
	lat, st, rows, sent, err := chatPaced(dir)
	if err != nil {
		return "", err
	}
	q := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## chat-pipeline\n\n")
	fmt.Fprintf(&b, "`studio/chat` with every rule on (first-message holds included), a product list and a mix of %d message kinds "+
		"in six languages, about half of them spam, from %d viewers. Throughput is messages per CPU-second of the goroutine "+
		"that runs `Process` (one core, thread CPU clock), so neighbours on a shared machine do not count.\n\n", len(chatTexts), chatViewers)
	fmt.Fprintf(&b, "| figure | measured | target |\n|---|---|---|\n")
	fmt.Fprintf(&b, "| throughput, one core, every rule on | **%.0f msg/CPU-s** | ≥ 50,000 msg/s |\n", perCPU)
	fmt.Fprintf(&b, "| throughput with the SQLite sink, whole process CPU | %.0f msg/CPU-s | |\n", withStore)
	fmt.Fprintf(&b, "| connector → queue at %d msg/s, p50 / p95 / p99 / max | %.2f / %.2f / **%.2f** / %.2f ms | p99 < 50 ms |\n",
		chatRate, q(.5), q(.95), q(.99), float64(lat[len(lat)-1].Microseconds())/1000)
	fmt.Fprintf(&b, "| persisted (rows / sent), dropped | %d / %d, %d dropped | every message |\n", rows, sent, st.Dropped)
	fmt.Fprintf(&b, "| store: batches, largest batch, deepest queue, longest wait to commit | %d, %d, %d, %.1f ms | keeps up |\n\n",
		st.Batches, st.MaxBatch, st.MaxDepth, float64(st.MaxLag.Microseconds())/1000)
	fmt.Fprintf(&b, "The latency run lasts %s at %d msg/s in real time; each message's latency counts from the moment it was due "+
		"(so a late sender's delay is included), to `Process` returning with the message in its triage queue and handed to the "+
		"store's queue; the store writes in batches on its own goroutine (`studio/chat/chatstore`).\n", chatRun, chatRate)
	return b.String(), nil
}

func chatPipeline(sink chat.Sink) *chat.Pipeline {
	rs := chat.DefaultRules()
	rs.NewUser.FirstMessage = true // every rule on
	rs.Triage.Hosts = []string{"anna"}
	products := []chat.Product{
		{Ref: "GZ-PUR-S", Title: "Gauze shirt, purple", Keywords: []string{"gauze shirt", "gauze"}, Number: "12"},
		{Ref: "LN-DRS", Title: "Linen dress", Number: "7"},
	}
	return chat.New(chat.Config{Rules: rs, Sink: sink, Products: products, Logger: slog.New(slog.DiscardHandler)})
}

func chatMessage(i int, at time.Time) chat.Message {
	return chat.Message{ID: fmt.Sprint("m", i), Platform: chat.PlatformTwitch, User: fmt.Sprint("viewer", i%chatViewers),
		Text: chatTexts[i%len(chatTexts)], Time: at, AccountCreated: at.Add(-48 * time.Hour)}
}

// chatThroughput runs the pipeline flat out on one locked thread: alone
// (thread CPU), then with the SQLite sink (process CPU: the pipeline and
// the store's writer together).
func chatThroughput(dir string) (perCPU, withStore float64, err error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t0 := time.Date(2025, 5, 1, 19, 0, 0, 0, time.UTC)
	msgs := make([]chat.Message, chatThroughputMsgs)
	for i := range msgs {
		msgs[i] = chatMessage(i, t0.Add(time.Duration(i)*500*time.Microsecond))
	}
	p := chatPipeline(&chat.CountingSink{})
	cpu := threadCPU()
	for _, m := range msgs {
		p.Process(m)
	}
	perCPU = float64(len(msgs)) / (threadCPU() - cpu).Seconds()

	db, err := store.Open(context.Background(), filepath.Join(dir, "chat-throughput.db"))
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	sink, err := chatstore.Open(chatstore.Config{DB: db, Show: "bench", Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return 0, 0, err
	}
	p = chatPipeline(sink)
	n := len(msgs) / 5 // the queue holds it all: this measures work, not drops
	before := chatProcessCPU()
	for _, m := range msgs[:n] {
		p.Process(m)
	}
	if err := sink.Close(); err != nil {
		return 0, 0, err
	}
	if st := sink.Stats(); st.Written != uint64(n) {
		return 0, 0, fmt.Errorf("chat throughput: %d of %d written (%+v)", st.Written, n, st)
	}
	withStore = float64(n) / (chatProcessCPU() - before).Seconds()
	return perCPU, withStore, nil
}

// chatPaced sends chatRate messages a second for chatRun in real time, as
// a connector would, through the pipeline into the SQLite sink.
func chatPaced(dir string) (lat []time.Duration, st chatstore.Stats, rows, sent int, err error) {
	db, err := store.Open(context.Background(), filepath.Join(dir, "chat-latency.db"))
	if err != nil {
		return nil, st, 0, 0, err
	}
	defer db.Close()
	sink, err := chatstore.Open(chatstore.Config{DB: db, Show: "latency", Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, st, 0, 0, err
	}
	p := chatPipeline(sink)
	total := int(chatRun.Seconds()) * chatRate
	lat = make([]time.Duration, 0, total)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	start := time.Now()
	for i := 0; i < total; {
		now := <-tick.C
		for ; i < total; i++ {
			due := start.Add(time.Duration(i) * time.Second / chatRate)
			if due.After(now) {
				break
			}
			p.Process(chatMessage(i, due))
			lat = append(lat, time.Since(due))
		}
	}
	if err := sink.Close(); err != nil {
		return nil, st, 0, 0, err
	}
	if rows, err = db.ChatCount(context.Background(), "latency"); err != nil {
		return nil, st, 0, 0, err
	}
	slices.Sort(lat)
	return lat, sink.Stats(), rows, total, nil
}

// chatProcessCPU is this process's user + system CPU time.
func chatProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
