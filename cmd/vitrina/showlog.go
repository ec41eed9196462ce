package main

import (
	"cmp"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/show"
	"github.com/vitrina-live/vitrina/studio/store"
)

// storeTimeout bounds each store call of the show log: a little over the
// store's busy timeout, so a database locked by another process gives an
// error to log instead of a show that cannot exit.
const storeTimeout = 15 * time.Second

// showLog writes a running show into the store: the show itself, and each
// selling event of the engine as a show event at its offset from the
// show's start, which clips, chapters and the report read afterwards. It
// is a subscriber like the window: it never slows or stops the show, and a
// store that fails is logged and left alone.
type showLog struct {
	db          *store.DB
	log         *slog.Logger
	cues        []show.Cue
	cat         show.Catalog // its [[rundown]] is kept with the show
	used        []bool
	forDur      time.Duration
	title, path string

	air    *onAir    // the show as claims, samples and actions write to it
	id     int64     // 0 until the show is in the store
	start  time.Time // the engine's EventStarted: the recording's time 0
	pinned string
	sale   *pendingSale
}

// pendingSale is a flash sale on air, whose end the log writes when its
// duration is up, or earlier if another sale replaces it or the show ends.
type pendingSale struct {
	sku   string
	end   time.Time
	timer *time.Timer
}

// startShowLog opens the store and follows st's events until the returned
// function is called, after st.Run has returned.
func startShowLog(st *studio.Studio, cfg studio.Config, showPath string, stores *runStores, log *slog.Logger) (stop func()) {
	l := &showLog{log: log.With("component", "show log"), cues: cfg.Show.Cues, cat: cfg.Catalog,
		used: make([]bool, len(cfg.Show.Cues)), forDur: cfg.For, title: showName(cfg.Show, showPath), air: stores.OnAir()}
	if l.title == "" {
		l.title = "show"
	}
	if cs := st.Canvases(); len(cs) > 0 && len(cs[0].Records) > 0 {
		l.path, _ = filepath.Abs(cs[0].Records[0])
	}
	var err error
	if l.db, err = stores.DB(context.Background()); err != nil {
		l.log.Warn("the show is not recorded in the store", "err", err)
		l.air.giveUp()
		return func() {}
	}
	events, unsubscribe := st.Subscribe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.follow(events)
	}()
	return func() {
		unsubscribe() // closes events: follow drains what is left and returns
		<-done
	}
}

func (l *showLog) follow(events <-chan studio.Event) {
	var saleEnd <-chan time.Time
	for {
		if l.sale != nil {
			saleEnd = l.sale.timer.C
		} else {
			saleEnd = nil
		}
		select {
		case ev, ok := <-events:
			if !ok {
				l.stopped(time.Now())
				return
			}
			switch ev.Kind {
			case studio.EventStarted:
				l.started(ev.Time)
			case studio.EventSelling:
				l.selling(ev)
			case studio.EventStopped:
				l.stopped(ev.Time)
			}
		case <-saleEnd:
			l.endSale(l.sale.end, "")
		}
	}
}

func (l *showLog) started(at time.Time) {
	if l.id != 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	id, err := l.db.StartShow(ctx, l.title, l.path, at)
	if err != nil {
		l.log.Warn("the show is not recorded in the store", "err", err)
		l.air.giveUp()
		return
	}
	l.id, l.start = id, at
	l.air.begin(l.db, id, at, l.log)
	l.log.Info("show recorded in the store", "show", id, "title", l.title)
	saveRundown(ctx, l.db, id, l.cat, l.log)
}

// stopped ends the show once: at the engine's EventStopped, or when the
// subscription closes if that event was missed. The end is capped at the
// planned length, since the engine reports the stop after the recordings
// are finished, which can take seconds.
func (l *showLog) stopped(at time.Time) {
	if l.id == 0 {
		return
	}
	if l.forDur > 0 && at.Sub(l.start) > l.forDur {
		at = l.start.Add(l.forDur)
	}
	if l.sale != nil {
		l.endSale(at, "show ended")
	}
	l.air.end(at) // the last samples, before the end
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	if err := l.db.EndShow(ctx, l.id, at); err != nil {
		l.log.Warn("store: end of show", "show", l.id, "err", err)
	}
	l.log.Info("show ended in the store", "show", l.id, "length", at.Sub(l.start).Round(time.Millisecond))
	l.id = 0
}

// selling turns one selling event into show events. Details the engine's
// event does not carry (a sale's price, a promo's discount) come from the
// show file's cue that caused it.
func (l *showLog) selling(ev studio.Event) {
	if l.id == 0 {
		return
	}
	off := ev.Time.Sub(l.start)
	se := store.ShowEvent{ShowID: l.id, At: ev.Time, Offset: off}
	switch ev.Subject {
	case "pin":
		se.Kind, se.SKU, l.pinned = store.KindPin, ev.State, ev.State
		l.air.pin(ev.State)
		if d := ev.Selling; d != nil {
			se.Data = data(map[string]any{"title": d.Title, "price_minor": d.PriceMinor, "number": d.Number})
		}
	case "unpin":
		se.Kind, se.SKU, l.pinned = store.KindUnpin, l.pinned, ""
		l.air.pin("")
	case "flash_sale":
		l.startSale(ev, off)
		return
	case "stock":
		if ev.Selling == nil || ev.Origin == studio.OriginClaim {
			return // a claim's own change: the store took it in the claim's transaction
		}
		sku, stock := ev.Selling.SKU, ev.Selling.Stock
		l.store("stock", func(ctx context.Context) error { return l.db.SetShowStock(ctx, l.id, sku, stock, ev.Time, off) })
		return
	case "promo":
		l.promo(ev, off)
		return
	case "coupon", "lower_third", "giveaway":
		se.Kind = map[string]string{"coupon": store.KindCoupon, "lower_third": store.KindLowerThird, "giveaway": store.KindGiveaway}[ev.Subject]
		if c := l.cue(ev.Subject, off, nil); c != nil {
			se.Data = data(map[string]any{"coupon": map[string]any{"text": c.Text},
				"lower_third": map[string]any{"name": c.Name, "title": c.Title},
				"giveaway":    map[string]any{"action": "banner", "winner": c.Winner, "text": c.Text}}[ev.Subject])
		}
	default:
		return
	}
	l.store(se.Kind, func(ctx context.Context) error { return l.db.AppendEvents(ctx, se) })
}

// promo records a dropped promo code with its expiry and the usage limit
// of the show file's cue behind it (none for a code dropped by hand), so
// claims that carry the code can redeem it.
func (l *showLog) promo(ev studio.Event, off time.Duration) {
	p := store.Promo{ShowID: l.id, Code: ev.State, At: ev.Time, Offset: off}
	if d := ev.Selling; d != nil {
		p.Code, p.Discount = cmp.Or(d.Code, p.Code), d.Discount
		if d.Valid > 0 {
			p.Expires = ev.Time.Add(d.Valid)
		}
	}
	if c := l.cue("promo", off, func(c show.Cue) bool { return c.Code == p.Code }); c != nil {
		p.Limit = c.Limit
	}
	l.store(store.KindPromo, func(ctx context.Context) error { return l.db.DropPromo(ctx, p) })
}

// startSale writes sale_start and gives the sale its own stock in the
// store, so claims from the relay take from the sale's units.
func (l *showLog) startSale(ev studio.Event, off time.Duration) {
	if l.sale != nil {
		l.endSale(ev.Time, "replaced") // the engine shows one sale at a time
	}
	sku := ev.State
	d := ev.Selling
	se := store.ShowEvent{ShowID: l.id, At: ev.Time, Offset: off, Kind: store.KindSaleStart, SKU: sku}
	if d != nil {
		se.Data = data(map[string]any{"price_minor": d.PriceMinor, "stock": d.Stock, "duration_ms": d.Duration.Milliseconds()})
	}
	l.store(se.Kind, func(ctx context.Context) error { return l.db.AppendEvents(ctx, se) })
	if d == nil {
		return
	}
	l.store("stock", func(ctx context.Context) error { return l.db.SetShowStock(ctx, l.id, sku, d.Stock, ev.Time, off) })
	end := ev.Time.Add(d.Duration)
	l.sale = &pendingSale{sku: sku, end: end, timer: time.NewTimer(time.Until(end))}
}

// endSale writes sale_end at at, with why it ended early; a sale whose
// planned end came first ended at that, whatever stopped it here.
func (l *showLog) endSale(at time.Time, why string) {
	s := l.sale
	l.sale = nil
	s.timer.Stop()
	if !s.end.After(at) {
		at, why = s.end, ""
	}
	se := store.ShowEvent{ShowID: l.id, At: at, Offset: at.Sub(l.start), Kind: store.KindSaleEnd, SKU: s.sku}
	if why != "" {
		se.Data = data(map[string]any{"reason": why})
	}
	l.store(se.Kind, func(ctx context.Context) error { return l.db.AppendEvents(ctx, se) })
}

// cue finds the show file's cue behind an event: the first not yet used of
// that kind that match accepts and whose time has come (a second of
// slack). A command given by hand in the window matches none.
func (l *showLog) cue(do string, off time.Duration, match func(show.Cue) bool) *show.Cue {
	for i, c := range l.cues {
		if l.used[i] || c.Do != do || c.AtDur > off+time.Second || (match != nil && !match(c)) {
			continue
		}
		l.used[i] = true
		return &l.cues[i]
	}
	return nil
}

// store runs one write, logging a failure: the show goes on regardless.
func (l *showLog) store(what string, write func(context.Context) error) {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	if err := write(ctx); err != nil {
		l.log.Warn("store: show event lost", "kind", what, "show", l.id, "err", err)
	}
}

func data(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return b
}
