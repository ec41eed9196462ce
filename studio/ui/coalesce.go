package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// The UI goroutine also paints, and every change costs a repaint of the
// whole window (in software GL, most of a core at 60 a second). So updates
// are handed to it coalesced: whatever arrives while one hand-over is
// pending joins it, and a slow frame never builds a backlog behind it.

// batch collects values and applies them all in one fyne.Do.
type batch[T any] struct {
	apply func([]T)

	mu      sync.Mutex
	items   []T
	pending bool
}

func newBatch[T any](apply func([]T)) *batch[T] { return &batch[T]{apply: apply} }

func (b *batch[T]) add(v T) {
	b.mu.Lock()
	b.items = append(b.items, v)
	schedule := !b.pending
	b.pending = true
	b.mu.Unlock()
	if schedule {
		fyne.Do(b.flush)
	}
}

func (b *batch[T]) flush() {
	b.mu.Lock()
	items := b.items
	b.items, b.pending = nil, false
	b.mu.Unlock()
	if len(items) > 0 {
		b.apply(items)
	}
}

// pacer runs frame on the UI goroutine when kicked, at most once per every:
// the preview, the chat and the meters share one repaint. A kick after a
// quiet spell runs at once; kicks during a busy one wait for the next slot.
type pacer struct {
	every time.Duration
	frame func()

	mu        sync.Mutex
	scheduled bool
	last      time.Time
}

func newPacer(every time.Duration, frame func()) *pacer {
	return &pacer{every: every, frame: frame}
}

func (p *pacer) kick() {
	p.mu.Lock()
	if p.scheduled {
		p.mu.Unlock()
		return
	}
	p.scheduled = true
	wait := p.every - time.Since(p.last)
	p.mu.Unlock()
	if wait > 0 {
		time.AfterFunc(wait, func() { fyne.Do(p.run) })
		return
	}
	fyne.Do(p.run)
}

func (p *pacer) run() {
	p.mu.Lock()
	p.scheduled, p.last = false, time.Now()
	p.mu.Unlock()
	p.frame()
}
