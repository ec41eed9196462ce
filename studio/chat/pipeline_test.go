package chat

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"
)

func TestHeldApproveDeny(t *testing.T) {
	sink := &MemorySink{}
	now := t0.Add(time.Hour)
	p := New(Config{Sink: sink, Now: func() time.Time { return now }})
	a := p.Process(Message{ID: "m1", User: "a", Text: "look bit.ly/x", Time: t0})
	b := p.Process(Message{User: "b", Text: "check out my channel", Time: t0})
	p.Process(Message{User: "c", Text: "hello", Time: t0})
	if a.Action != Hold || !a.InQueue(QueueHeld) || a.Shown || a.ID != "m1" {
		t.Fatalf("a = %+v, want held, not shown, id m1", a)
	}
	if b.ID == "" {
		t.Fatalf("a message without an id got none")
	}
	held := p.Held()
	if len(held) != 2 || held[0].Message.ID != "m1" || held[1].Message.ID != b.ID {
		t.Fatalf("Held = %+v", held)
	}
	it, err := p.Approve("m1", "mod-olga")
	if err != nil || it.Message.Text != "look bit.ly/x" {
		t.Fatalf("Approve = %+v, %v", it, err)
	}
	if _, err := p.Deny(b.ID, "mod-olga"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Approve("m1", "mod-olga"); !errors.Is(err, ErrNotHeld) {
		t.Errorf("approving twice: %v, want ErrNotHeld", err)
	}
	if len(p.Held()) != 0 {
		t.Errorf("held queue not empty: %+v", p.Held())
	}
	if got := len(sink.Records()); got != 3 {
		t.Errorf("sink has %d records, want every message (3)", got)
	}
	want := []Resolution{
		{MessageID: "m1", Verdict: Approved, Moderator: "mod-olga", Time: now},
		{MessageID: b.ID, Verdict: Denied, Moderator: "mod-olga", Time: now},
	}
	if got := sink.Resolutions(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("resolutions = %+v, want %+v", got, want)
	}
}

func TestHeldQueueBounded(t *testing.T) {
	rs := DefaultRules()
	rs.Limits.MaxHeld = 3
	sink := &MemorySink{}
	p := New(Config{Rules: rs, Sink: sink})
	for i := 0; i < 5; i++ {
		p.Process(Message{ID: fmt.Sprint("h", i), User: fmt.Sprint("u", i), Text: "bit.ly/x" + fmt.Sprint(i), Time: t0})
	}
	held := p.Held()
	if len(held) != 3 || held[0].Message.ID != "h2" {
		t.Fatalf("held = %d items from %s, want 3 from h2", len(held), held[0].Message.ID)
	}
	res := sink.Resolutions()
	if len(res) != 2 || res[0].MessageID != "h0" || res[0].Verdict != Expired {
		t.Errorf("expiries = %+v, want h0 and h1 expired", res)
	}
	if s := p.Stats(); s.Expired != 2 || s.Held != 5 || s.HeldNow != 3 {
		t.Errorf("stats = %+v", s)
	}
}

// TestDisplayLimiter: under a flood the pane shows at most its rate, and
// every message still reaches the sink.
func TestDisplayLimiter(t *testing.T) {
	rs := DefaultRules()
	rs.Display = DisplayConfig{PerSecond: 10, Burst: 5}
	sink := &CountingSink{}
	p := New(Config{Rules: rs, Sink: sink})
	shown := 0
	// 1,000 messages over 2 s from 1,000 users.
	for i := 0; i < 1000; i++ {
		d := p.Process(Message{User: fmt.Sprint("u", i), Text: fmt.Sprint("hello ", i), Time: t0.Add(time.Duration(i) * 2 * time.Millisecond)})
		if d.Shown {
			shown++
		}
	}
	// The burst, then 10/s for 2 s (give or take the last token).
	if shown < 24 || shown > 26 {
		t.Errorf("shown %d of 1000, want about 25", shown)
	}
	if rec, _ := sink.Counts(); rec != 1000 {
		t.Errorf("sink got %d, want 1000", rec)
	}
	s := p.Stats()
	if s.Shown != uint64(shown) || s.Suppressed != uint64(1000-shown) {
		t.Errorf("stats shown %d suppressed %d", s.Shown, s.Suppressed)
	}
}

// quiet swallows the logs of tests that provoke them.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

type failingSink struct{ n int }

func (f *failingSink) Record(Message, Decision) error { f.n++; return errors.New("disk full") }
func (f *failingSink) Resolve(Resolution) error       { return errors.New("disk full") }

func TestSinkErrorsCounted(t *testing.T) {
	f := &failingSink{}
	p := New(Config{Sink: f, Logger: quiet})
	for i := 0; i < 3; i++ {
		p.Process(Message{User: "a", Text: "hi", Time: t0})
	}
	if s := p.Stats(); s.SinkErrors != 3 || f.n != 3 {
		t.Errorf("sink errors %d, calls %d; want 3, 3", s.SinkErrors, f.n)
	}
}

func TestBadRulesFallBackToDefaults(t *testing.T) {
	rs := DefaultRules()
	rs.Caps.Ratio = 7
	p := New(Config{Rules: rs, Logger: quiet})
	if d := p.Process(Message{User: "a", Text: "send 1 btc", Time: t0}); d.Action != Block {
		t.Errorf("with invalid rules the defaults must apply: %s", d.Action)
	}
}

// TestConcurrentProcess runs connectors in parallel; run with -race.
func TestConcurrentProcess(t *testing.T) {
	sink := &CountingSink{}
	p := New(Config{Sink: sink, Products: triageProducts})
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				d := p.Process(Message{Platform: fmt.Sprint("p", g), User: fmt.Sprint("u", i%50), Text: fmt.Sprint("gauze shirt ", i, " bit.ly/", i)})
				if d.Action == Hold && i%7 == 0 {
					p.Approve(d.ID, "mod")
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 100; i++ {
			p.Held()
			p.Stats()
			p.Interest(time.Now(), time.Minute)
		}
	}()
	wg.Wait()
	if rec, _ := sink.Counts(); rec != 2000 {
		t.Errorf("sink got %d records, want 2000", rec)
	}
}
