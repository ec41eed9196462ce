// Package output carries encoded packets from the one encode to every
// destination: the fan-out, the per-destination handler that owns retries,
// and the outputs themselves (record/, and later rtmp/ and whip/).
package output

import (
	"context"
	"io"
	"sync"
	"sync/atomic"

	"github.com/vitrina-live/vitrina/studio/media"
)

// Fanout hands every encoded packet to each subscribed queue. Publish never
// blocks: a queue that is full drops the packet and counts it, so a slow or
// dead output never stalls the encoder or the other outputs.
type Fanout struct {
	mu     sync.RWMutex
	queues []*Queue
	closed bool
}

// Subscribe adds a queue holding at most capacity packets, of every codec.
func (f *Fanout) Subscribe(name string, capacity int) *Queue {
	return f.SubscribeFor(name, capacity, "")
}

// SubscribeFor adds a queue that takes only the audio codec given (the
// program is encoded to AAC for RTMP and files and to Opus for WebRTC);
// "" takes every codec.
func (f *Fanout) SubscribeFor(name string, capacity int, audio media.Codec) *Queue {
	q := &Queue{Name: name, ch: make(chan media.Packet, capacity), needKey: true, audio: audio}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		close(q.ch)
		return q
	}
	f.queues = append(f.queues, q)
	return q
}

// Unsubscribe removes a queue; packets published afterwards skip it.
func (f *Fanout) Unsubscribe(q *Queue) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.remove(q)
}

// Drop removes a queue and ends it: its Read hands out what it holds, then
// io.EOF, as if the fan-out had closed for it alone. A recording stopped
// during the show finishes its file this way.
func (f *Fanout) Drop(q *Queue) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.remove(q) {
		close(q.ch)
	}
}

// remove takes q out of the queues and reports whether it was there; the
// caller holds mu.
func (f *Fanout) remove(q *Queue) bool {
	for i, x := range f.queues {
		if x == q {
			f.queues = append(f.queues[:i], f.queues[i+1:]...)
			return true
		}
	}
	return false
}

// Publish offers p to every queue.
func (f *Fanout) Publish(p media.Packet) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	if f.closed {
		return
	}
	for _, q := range f.queues {
		q.offer(p)
	}
}

// Close ends the stream: each queue's Read returns io.EOF once it has handed
// out what it holds, so outputs can finish their files cleanly.
func (f *Fanout) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return
	}
	f.closed = true
	for _, q := range f.queues {
		close(q.ch)
	}
	f.queues = nil
}

// Queue is one consumer's bounded view of the packet stream. It starts at a
// video keyframe, and after it has dropped a video packet it skips video
// until the next keyframe, because a decoder cannot use frames that refer to
// a missing one. Audio keeps flowing meanwhile.
type Queue struct {
	Name string

	ch      chan media.Packet
	audio   media.Codec // "" for all
	mu      sync.Mutex  // guards needKey; offer is called from one goroutine but Reset from another
	needKey bool
	dropped atomic.Int64
	sent    atomic.Int64
}

func (q *Queue) offer(p media.Packet) {
	if p.Kind == media.Audio && q.audio != "" && p.Codec != q.audio {
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if p.Kind == media.Video {
		if q.needKey && !p.Keyframe {
			q.dropped.Add(1)
			return
		}
		q.needKey = false
	}
	select {
	case q.ch <- p:
		q.sent.Add(1)
	default:
		q.dropped.Add(1)
		if p.Kind == media.Video {
			q.needKey = true
		}
	}
}

// Read returns the next packet; io.EOF once the fan-out is closed and the
// queue is empty; or ctx's error once ctx is done.
func (q *Queue) Read(ctx context.Context) (media.Packet, error) {
	select {
	case p, ok := <-q.ch:
		if !ok {
			return media.Packet{}, io.EOF
		}
		return p, nil
	case <-ctx.Done():
		return media.Packet{}, ctx.Err()
	}
}

// Resync empties the queue and waits for the next keyframe again: an output
// calls it when it (re)connects, so it starts on a decodable picture.
func (q *Queue) Resync() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.needKey = true
	for {
		select {
		case _, ok := <-q.ch:
			if !ok {
				return // closed: the fan-out has ended
			}
		default:
			return
		}
	}
}

// Dropped counts packets this queue dropped because it was full or waiting
// for a keyframe.
func (q *Queue) Dropped() int64 { return q.dropped.Load() }

// Queued counts packets accepted into the queue.
func (q *Queue) Queued() int64 { return q.sent.Load() }
