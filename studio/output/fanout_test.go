package output

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

func vpkt(i int, key bool) media.Packet {
	return media.Packet{Kind: media.Video, Keyframe: key, PTS: time.Duration(i) * time.Second / 30}
}

// A stalled output must not block the encoder or starve a healthy one.
func TestFanoutSlowConsumerDropsWithoutStallingOthers(t *testing.T) {
	var f Fanout
	slow := f.Subscribe("slow", 4)
	fast := f.Subscribe("fast", 1000)
	done := make(chan struct{})
	go func() {
		for i := 0; i < 300; i++ {
			f.Publish(vpkt(i, i%60 == 0))
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Publish blocked on a full queue")
	}
	if fast.Queued() != 300 || fast.Dropped() != 0 {
		t.Errorf("healthy queue got %d, dropped %d; want 300, 0", fast.Queued(), fast.Dropped())
	}
	if slow.Queued() != 4 || slow.Dropped() != 296 {
		t.Errorf("stalled queue kept %d, dropped %d; want 4, 296", slow.Queued(), slow.Dropped())
	}
}

// After a drop, the queue must resume on a keyframe so the picture never
// breaks up, while audio continues.
func TestFanoutResumesOnKeyframeAfterDrop(t *testing.T) {
	var f Fanout
	q := f.Subscribe("rec", 2)
	ctx := context.Background()
	f.Publish(vpkt(0, true))
	f.Publish(vpkt(1, false))
	f.Publish(vpkt(2, false)) // dropped: full
	for i := 0; i < 2; i++ {
		if _, err := q.Read(ctx); err != nil {
			t.Fatal(err)
		}
	}
	f.Publish(vpkt(3, false))                          // skipped: waiting for a keyframe
	f.Publish(media.Packet{Kind: media.Audio, PTS: 1}) // audio still flows
	f.Publish(vpkt(4, true))
	p, _ := q.Read(ctx)
	if p.Kind != media.Audio {
		t.Fatalf("first packet after the gap is %v, want audio", p.Kind)
	}
	p, _ = q.Read(ctx)
	if !p.Keyframe {
		t.Fatalf("video resumed on a non-keyframe (pts %v)", p.PTS)
	}
	if q.Dropped() != 2 {
		t.Errorf("dropped = %d, want 2", q.Dropped())
	}
}

func TestQueueReadReturnsWhenCancelled(t *testing.T) {
	var f Fanout
	q := f.Subscribe("x", 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := q.Read(ctx); err == nil {
		t.Fatal("Read on a cancelled context returned no error")
	}
	f.Unsubscribe(q)
	f.Publish(vpkt(0, true))
	if q.Queued() != 0 {
		t.Error("an unsubscribed queue still received packets")
	}
}

func TestFanoutCloseDrainsThenEOF(t *testing.T) {
	var f Fanout
	q := f.Subscribe("rec", 8)
	f.Publish(vpkt(0, true))
	f.Close()
	f.Publish(vpkt(1, false)) // after Close: ignored, no panic
	if p, err := q.Read(context.Background()); err != nil || !p.Keyframe {
		t.Fatalf("first Read after Close = %v, %v; want the queued keyframe", p, err)
	}
	if _, err := q.Read(context.Background()); err != io.EOF {
		t.Fatalf("Read on a drained, closed queue = %v, want io.EOF", err)
	}
}

// A destination that reconnects just as the show ends resyncs a closed
// queue: that must return, not spin.
func TestResyncAfterCloseReturns(t *testing.T) {
	var f Fanout
	q := f.Subscribe("rtmp", 4)
	f.Publish(vpkt(0, true))
	f.Close()
	done := make(chan struct{})
	go func() { q.Resync(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Resync on a closed queue never returned")
	}
	if _, err := q.Read(context.Background()); err != io.EOF {
		t.Errorf("Read after Resync of a closed queue = %v, want io.EOF", err)
	}
}

// A recording stopped during the show drops its queue: it gets what it
// holds, then io.EOF, while the other outputs go on, and the fan-out's
// own Close afterwards does not close it twice.
func TestDropEndsOneQueueOnly(t *testing.T) {
	var f Fanout
	rec := f.Subscribe("record", 8)
	dest := f.Subscribe("rtmp", 8)
	f.Publish(vpkt(0, true))
	f.Drop(rec)
	f.Publish(vpkt(1, false))
	if p, err := rec.Read(context.Background()); err != nil || !p.Keyframe {
		t.Fatalf("first Read after Drop = %v, %v; want the queued keyframe", p, err)
	}
	if _, err := rec.Read(context.Background()); err != io.EOF {
		t.Fatalf("Read on a dropped, drained queue = %v, want io.EOF", err)
	}
	for i := range 2 {
		if p, err := dest.Read(context.Background()); err != nil || p.PTS != vpkt(i, false).PTS {
			t.Fatalf("the other queue's packet %d = %v, %v", i, p, err)
		}
	}
	f.Drop(rec) // twice: nothing happens
	f.Close()   // must not close rec again
	if _, err := dest.Read(context.Background()); err != io.EOF {
		t.Fatalf("the other queue after Close = %v, want io.EOF", err)
	}
}
