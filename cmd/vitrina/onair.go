package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio/store"
)

// sampleEvery is how often the show's viewer count and chat rate are
// written as show events for the report: often enough for a chart of a
// half-hour show, rare enough to cost nothing.
var sampleEvery = 5 * time.Second

// rateFloor is the shortest window a chat rate is measured over: the
// show's last sample may come a moment after the one before, and three
// messages in 0.2 s are not 900 a minute.
const rateFloor = 5 * time.Second

// claimWait is how long a claim that comes before the show is in the store
// (the relay resends claims made while the studio was away, at once) waits
// for it; it holds up the platform socket's reading meanwhile.
const claimWait = 3 * time.Second

// onAir is the show as the store has it while it runs, shared by every part
// of `vitrina run` that writes what happens: the show log starts and ends
// it, the platform link takes claims and viewer counts through it, the chat
// link counts messages and moderation actions. Each part may run without
// the others; every method is safe on a nil *onAir and before the show is
// in the store, when it writes nothing.
type onAir struct {
	mu    sync.Mutex
	db    *store.DB
	log   *slog.Logger
	id    int64 // 0 until the show log has the show in the store, and after it ended
	start time.Time
	ready chan struct{} // closed once the show is in the store, or will not be

	pinned           string // the product on air, which a want-it message naming none is about
	viewers, written int    // the relay's count now, and as last written (-1: none yet)
	peak             int    // the highest count since the last sample (-1: none), when above both
	peakAt           time.Time
	messages         int  // chat messages since the last sample
	busy             bool // the last sample had messages
	wantBy           map[string]int
	want             int // want-it messages that named no product
	last             time.Time
	actions          []store.ShowEvent // moderation actions since the last sample

	stop chan struct{}
	done chan struct{}
}

// OnAir is the run's one onAir, made on first use.
func (r *runStores) OnAir() *onAir {
	if r.air == nil {
		r.air = &onAir{ready: make(chan struct{}), written: -1, viewers: -1, peak: -1, wantBy: map[string]int{}}
	}
	return r.air
}

// begin is the show in the store: from now on claims, samples and actions
// are written under id, and a sampler writes the viewer count and chat
// rate every sampleEvery until end.
func (a *onAir) begin(db *store.DB, id int64, at time.Time, log *slog.Logger) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.id != 0 {
		return
	}
	a.db, a.id, a.start, a.last, a.log = db, id, at, at, log
	a.stop, a.done = make(chan struct{}), make(chan struct{})
	a.closeReady()
	go a.sampler(a.stop, a.done)
}

// giveUp says the show will not be in the store (it cannot be opened or
// written): claims stop waiting for it.
func (a *onAir) giveUp() {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.closeReady()
}

// closeReady closes ready once; a.mu is held.
func (a *onAir) closeReady() {
	select {
	case <-a.ready:
	default:
		close(a.ready)
	}
}

// end writes the last samples at the show's end and stops writing.
func (a *onAir) end(at time.Time) {
	if a == nil {
		return
	}
	a.mu.Lock()
	if a.id == 0 {
		a.mu.Unlock()
		return
	}
	stop, done := a.stop, a.done
	a.mu.Unlock()
	close(stop)
	<-done
	a.sample(at)
	a.mu.Lock()
	a.id = 0
	a.mu.Unlock()
}

func (a *onAir) sampler(stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(sampleEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-t.C:
			a.sample(now)
		}
	}
}

// sample writes a viewers event when the count changed since the last
// one (and one for the highest count in between at its time, when the
// count went up and back down), a chat_rate event for the messages since
// the last sample (and one of zero after a busy one, so the chart comes
// back down), and the moderation actions taken since.
func (a *onAir) sample(now time.Time) {
	a.mu.Lock()
	if a.id == 0 {
		a.mu.Unlock()
		return
	}
	id, off, window := a.id, now.Sub(a.start), now.Sub(a.last)
	var evs []store.ShowEvent
	if a.peak > a.viewers && a.peak > a.written { // a peak between samples is the report's headline
		at := a.peakAt
		if at.Before(a.start) {
			at = a.start
		}
		evs = append(evs, store.ShowEvent{ShowID: id, At: at, Offset: at.Sub(a.start), Kind: store.KindViewers,
			Data: data(map[string]any{"count": a.peak})})
		a.written = a.peak
	}
	a.peak = -1
	if a.viewers >= 0 && a.viewers != a.written {
		evs = append(evs, store.ShowEvent{ShowID: id, At: now, Offset: off, Kind: store.KindViewers, Data: data(map[string]any{"count": a.viewers})})
		a.written = a.viewers
	}
	if a.messages > 0 || a.busy {
		d := map[string]any{"messages": a.messages, "window_s": window.Seconds(),
			"per_min": float64(a.messages) * 60 / max(window, rateFloor).Seconds()}
		if len(a.wantBy) > 0 {
			d["want"] = a.wantBy
		}
		evs = append(evs, store.ShowEvent{ShowID: id, At: now, Offset: off, Kind: store.KindChatRate, Data: data(d)})
		if a.want > 0 { // while nothing was on air: nobody's, and no second rate
			evs = append(evs, store.ShowEvent{ShowID: id, At: now, Offset: off, Kind: store.KindChatRate, Data: data(map[string]any{"want": a.want})})
		}
		a.busy = a.messages > 0
		a.messages, a.want, a.wantBy = 0, 0, map[string]int{}
	}
	a.last = now
	evs, a.actions = append(evs, a.actions...), nil
	db, log := a.db, a.log
	a.mu.Unlock()
	if len(evs) > 0 {
		a.write(db, log, evs...)
	}
}

func (a *onAir) write(db *store.DB, log *slog.Logger, evs ...store.ShowEvent) {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	if err := db.AppendEvents(ctx, evs...); err != nil && log != nil {
		log.Warn("store: show events lost", "kind", evs[0].Kind, "err", err)
	}
}

// viewersNow is the relay's viewers.count, as of at.
func (a *onAir) viewersNow(n int, at time.Time) {
	if a == nil {
		return
	}
	a.mu.Lock()
	a.viewers = n
	if n > a.peak {
		a.peak, a.peakAt = n, at
	}
	a.mu.Unlock()
}

// pin notes the product on air ("" after an unpin).
func (a *onAir) pin(sku string) {
	if a == nil {
		return
	}
	a.mu.Lock()
	a.pinned = sku
	a.mu.Unlock()
}

// chatSeen counts one chat message; want marks a want-it message, with the
// products it named, if any: one that names none ("I want it!") is about
// the product on air when it came.
func (a *onAir) chatSeen(want bool, products []string) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.id == 0 {
		return // the show is not in the store (yet, or any more)
	}
	a.messages++
	switch {
	case !want:
	case len(products) > 0:
		for _, p := range products {
			a.wantBy[p]++
		}
	case a.pinned != "":
		a.wantBy[a.pinned]++
	default:
		a.want++
	}
}

// moderation notes a moderation action at the time it was taken; the next
// sample writes it, so a spam wave the rules block costs one write, not
// one per message.
func (a *onAir) moderation(action, moderator string, at time.Time) {
	if a == nil {
		return
	}
	if at.IsZero() {
		at = time.Now()
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.id == 0 || len(a.actions) >= 10000 {
		return
	}
	d := map[string]any{"action": action}
	if moderator != "" {
		d["moderator"] = moderator
	}
	a.actions = append(a.actions, store.ShowEvent{ShowID: a.id, At: at, Offset: at.Sub(a.start), Kind: store.KindModeration, Data: data(d)})
}

// claim takes a claim through the store in the show's name: stock, claim
// row, redemption and events in one transaction. It waits a little for a
// show that is not in the store yet.
func (a *onAir) claim(ctx context.Context, c store.Claim) (store.ClaimResult, error) {
	if a == nil {
		return store.ClaimResult{}, fmt.Errorf("the show is not recorded in the store")
	}
	wait, cancel := context.WithTimeout(ctx, claimWait)
	defer cancel()
	select {
	case <-a.ready:
	case <-wait.Done():
		return store.ClaimResult{}, fmt.Errorf("the show is not in the store yet")
	}
	a.mu.Lock()
	id, start, db := a.id, a.start, a.db
	a.mu.Unlock()
	if id == 0 {
		return store.ClaimResult{}, fmt.Errorf("the show is not in the store (it could not be written, or it has ended)")
	}
	c.ShowID = id
	if c.At.IsZero() {
		c.At = time.Now()
	}
	c.Offset = c.At.Sub(start)
	return db.Claim(ctx, c)
}
