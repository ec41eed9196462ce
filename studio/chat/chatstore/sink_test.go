package chatstore

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/store"
)

// The writer goroutine must end with Close: a show runs for hours.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var t0 = time.Date(2025, 5, 1, 19, 0, 0, 0, time.UTC)

func openDB(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.OpenDir(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// blockWriter holds the store's only write connection until release is
// called, as a stuck disk would: the sink's writer waits behind it.
func blockWriter(t *testing.T, db *store.DB) (release func()) {
	t.Helper()
	held, free := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- db.Write(context.Background(), func(*sql.Tx) error { close(held); <-free; return nil })
	}()
	<-held
	var once sync.Once
	release = func() {
		once.Do(func() {
			close(free)
			if err := <-done; err != nil {
				t.Error(err)
			}
		})
	}
	t.Cleanup(release)
	return release
}

// floodTexts mix what a raid brings: reactions, questions, spam of every
// rule, and the hostile inputs.
var floodTexts = []string{
	"sold!", "+1", "how much is the gauze shirt?", "check out my channel", "send 0.1 ETH get 1 ETH back",
	"bit.ly/%d", "love it %d", "хочу %d", "多少钱？", "%d", "h̷̢̛̛̟e̶̡̛̗l̷̨̛̛ļ̸̨o̸̧̨", "click \u202emoc.kcab\u202c",
	"bad \xff\xfe utf-8 %d", "ctl\x00\x1b[31m%d", strings.Repeat("spam ", 200),
}

func floodMessage(i int) chat.Message {
	text := floodTexts[i%len(floodTexts)]
	if strings.Contains(text, "%d") {
		text = fmt.Sprintf(text, i%97)
	}
	return chat.Message{ID: fmt.Sprint("m", i), Platform: chat.PlatformTwitch, User: fmt.Sprint("u", (i*7919)%5000),
		Text: text, Time: t0.Add(time.Duration(i) * time.Second / 10000)}
}

// TestFloodPersisted: 10,000 messages at 10,000 a second of message time,
// processed while the store is stuck, so the pipeline must not wait for
// it; once the store is back, every one of them is a row.
func TestFloodPersisted(t *testing.T) {
	db := openDB(t)
	sink, err := Open(Config{DB: db, Show: "flood", Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	p := chat.New(chat.Config{Sink: sink, Logger: quiet()})
	release := blockWriter(t, db)
	const total = 10000
	start := time.Now()
	for i := range total {
		p.Process(floodMessage(i))
	}
	took := time.Since(start)
	held := p.Held()
	for _, h := range held[:10] {
		if _, err := p.Approve(h.Message.ID, "mia"); err != nil {
			t.Fatal(err)
		}
	}
	if st := sink.Stats(); st.Written != 0 || st.Queued != total+10 {
		t.Fatalf("while the store was stuck: %+v; want everything queued, nothing written", st)
	}
	release()
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	st := sink.Stats()
	n, err := db.ChatCount(context.Background(), "flood")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("flood: %d messages processed in %v with the store stuck; rows %d; %+v", total, took, n, st)
	if n != total || st.Written != total || st.Resolved != 10 || st.Dropped != 0 || p.Stats().SinkErrors != 0 {
		t.Errorf("rows %d, stats %+v; want all %d messages and 10 resolutions written, none dropped", n, st, total)
	}
	got, err := db.ChatMessageByID(context.Background(), "flood", chat.PlatformTwitch, held[0].Message.ID)
	if err != nil || got.Verdict != "approved" || got.Action != "hold" || len(got.Rules) == 0 {
		t.Errorf("an approved held message reads back as %+v, %v", got, err)
	}
}

// TestDropCountedAndLogged: with a small queue and a stuck store, what
// does not fit is refused at once, counted by the sink and the pipeline,
// and logged at error level; everything taken is written afterwards.
func TestDropCountedAndLogged(t *testing.T) {
	db := openDB(t)
	var logBuf bytes.Buffer
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(lockedWriter{&mu, &logBuf}, nil))
	// The writer takes at most one batch of 10 off the queue before it
	// waits on the stuck store, so at most 110 messages fit, however fast
	// the 1000 arrive.
	sink, err := Open(Config{DB: db, Show: "s", QueueSize: 100, BatchSize: 10, Linger: -1, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	p := chat.New(chat.Config{Sink: sink, Logger: quiet()})
	release := blockWriter(t, db)
	const total = 1000
	for i := range total {
		p.Process(floodMessage(i))
	}
	release()
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	st := sink.Stats()
	n, _ := db.ChatCount(context.Background(), "s")
	if st.Dropped < total-110 || uint64(n)+st.Dropped != total || p.Stats().SinkErrors != st.Dropped {
		t.Errorf("rows %d + dropped %d != %d, or the pipeline counted %d", n, st.Dropped, total, p.Stats().SinkErrors)
	}
	mu.Lock()
	logged := logBuf.String()
	mu.Unlock()
	if !strings.Contains(logged, "level=ERROR") || !strings.Contains(logged, "dropped") {
		t.Errorf("drops were not logged loudly: %q", logged)
	}
	if err := sink.Record(chat.Message{}, chat.Decision{}); err != ErrClosed {
		t.Errorf("record after close: %v", err)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// TestQueueBytesBounded: 64 KiB messages fill the byte budget long before
// the count, so memory stays bounded while the store is stuck.
func TestQueueBytesBounded(t *testing.T) {
	db := openDB(t)
	sink, err := Open(Config{DB: db, QueueBytes: 1 << 20, Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	release := blockWriter(t, db)
	big := strings.Repeat("x", 64<<10)
	taken := 0
	for i := range 100 {
		if sink.Record(chat.Message{ID: fmt.Sprint(i), Platform: "t", Text: big, Time: t0}, chat.Decision{Action: chat.Hold}) == nil {
			taken++
		}
	}
	if taken < 10 || taken > 17 {
		t.Errorf("took %d messages of 64 KiB into a 1 MiB queue", taken)
	}
	release()
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.ChatCount(context.Background(), ""); n != taken {
		t.Errorf("rows %d, taken %d", n, taken)
	}
}
