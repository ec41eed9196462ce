package studio

import (
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio/output"
)

// EventKind names what changed in the engine.
type EventKind string

const (
	EventStarted     EventKind = "started"      // the program is running
	EventLayout      EventKind = "layout"       // the layout or main source changed
	EventOutputState EventKind = "output-state" // an output connected, failed, stopped
	EventStats       EventKind = "stats"        // periodic counters
	EventSelling     EventKind = "selling"      // a pin, flash sale, stock change, promo drop, banner
	EventAudio       EventKind = "audio"        // a source muted, unmuted or its gain changed
	EventViewers     EventKind = "viewers"      // the platform's viewer count; State and Viewers carry it
	EventStopped     EventKind = "stopped"      // the program ended
)

// Event is one change pushed to subscribers: the GUI applies it with
// fyne.Do, the CLI logs it. The engine never calls into its subscribers.
type Event struct {
	Time    time.Time
	Kind    EventKind
	Subject string // the output, source or layout it is about
	// Canvas is the id of the canvas it is about: the one a destination or
	// recording streams, the one whose layout changed. Empty for events of
	// the whole show (started, stats, selling, audio, stopped).
	Canvas string
	State  string
	Err    error
	// Path is the recording's file, on a "record" output-state event: a
	// recording stopped and started again goes on in a new one.
	Path  string
	Stats Stats
	// Selling carries what a platform needs of a selling event (pin,
	// unpin, flash_sale, stock, promo, and coupon and giveaway from a cue);
	// nil for every other event.
	Selling *SellingDetail
	// Viewers is the viewer count on a viewers event.
	Viewers int
	// Origin is what made the change, on a stock event: OriginOperator
	// (by hand: the control API), OriginCue (the show file's rundown)
	// or OriginClaim (a viewer's claim the store already took).
	Origin string
}

// SellingDetail is the product, sale or promo a selling event is about.
// Prices are in the show currency's minor unit (cents).
type SellingDetail struct {
	SKU            string
	Title          string
	PriceMinor     int64 // the product's usual price; a flash sale's price
	CompareAtMinor int64
	Currency       string // ISO 4217
	Stock          int    // the product's stock; a flash sale's stock left
	Total          int    // a flash sale's stock at its start (or the highest since)
	Number         int    // the claim number viewers type
	Link           string
	Duration       time.Duration // a flash sale's length
	Code           string        // promo
	Discount       string        // promo, as shown
	Valid          time.Duration // promo: how long the code works
	Limit          int           // promo: how many claims may use the code (0: no limit)
	ShowFor        time.Duration // promo: how long it stays on screen
	Text           string        // coupon, giveaway: the banner's text
	Watch          time.Duration // coupon: how long a viewer watches before Code is revealed
	Winner         string        // giveaway
}

// Stats are the program's running counters.
type Stats struct {
	Frames        int64 // frames composed on the first canvas
	SkippedFrames int64 // canvas ticks skipped because encoding fell behind, all canvases
	VideoPackets  int64 // all canvases
	AudioPackets  int64 // encoded once, whatever the number of canvases
	Dropped       int64 // packets dropped by full output queues, all outputs
	Destinations  []output.Status
	Canvases      []CanvasStats // in the show file's order
}

// CanvasStats are one canvas's counters.
type CanvasStats struct {
	ID            string
	Frames        int64
	SkippedFrames int64
	VideoPackets  int64
}

// bus fans events out to subscribers without ever blocking the engine: a
// subscriber that does not keep up misses events.
type bus struct {
	mu   sync.Mutex
	subs map[chan Event]struct{}
}

func (b *bus) subscribe() (<-chan Event, func()) {
	ch := make(chan Event, 64)
	b.mu.Lock()
	if b.subs == nil {
		b.subs = map[chan Event]struct{}{}
	}
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		if _, ok := b.subs[ch]; ok {
			delete(b.subs, ch)
			close(ch)
		}
		b.mu.Unlock()
	}
}

func (b *bus) publish(e Event) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- e:
		default:
		}
	}
}
