package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/chat/platformchat"
	"github.com/vitrina-live/vitrina/studio/media"
	"github.com/vitrina-live/vitrina/studio/output"
	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/show"
)

// drainTimeout is how long the end of a show waits for the relay to ack
// what is still in the outbox; what is left goes at the next run.
const drainTimeout = 3 * time.Second

// platformLink drives the shopping platform over its event socket: the
// engine's selling events go out (pin, sale, stock, promo), and viewers'
// claims come in and take stock in the store (platformlink_claims.go).
// Like the show log it follows the engine's events and never stops the
// show: a relay that is down is retried by an output.Handler, and what the
// show does meanwhile waits in the store's outbox.
type platformLink struct {
	st       stockSetter
	air      *onAir // claims go through the store in the show's name
	client   *platform.Client
	cat      show.Catalog
	currency string // the show's ISO 4217 code
	log      *slog.Logger

	mu     sync.Mutex
	joined bool   // the client has been live once: a later empty relay state is a restarted relay
	epoch  string // the relay run's, from its last welcome: claims are named by it
	pinned *platform.Product
	sale   *linkSale // the flash sale on air, nil when none

	v1Coupon sync.Once // the warning that a version 1 relay's viewers get coupons without their code
}

// stockSetter is the engine as a claim changes it (*studio.Studio): the
// stock event it publishes carries origin.
type stockSetter interface {
	SetStockFrom(ctx context.Context, ref string, stock int, origin string) error
}

// viewersSetter is the engine as the relay's viewer count reaches it
// (*studio.Studio: the status bar, the control API and the viewers badge).
type viewersSetter interface {
	SetViewers(ctx context.Context, n int) error
}

// linkSale is a flash sale as the platform knows it.
type linkSale struct {
	id    string
	sku   string
	ended bool
	timer *time.Timer
}

// startPlatformLink connects the show to its [platform] room, when it has
// one, until the returned function is called after st.Run has returned. A
// token that cannot be found is the show file's error; a relay that cannot
// be reached is only logged.
func startPlatformLink(st *studio.Studio, cfg studio.Config, stores *runStores, log *slog.Logger) (stop func(), err error) {
	p := cfg.Show.Platform
	if !p.Enabled() {
		return func() {}, nil
	}
	token, err := platformToken(p, cfg)
	if err != nil {
		return nil, err
	}
	db, err := stores.DB(context.Background())
	if err != nil {
		return nil, fmt.Errorf("platform: %w", err)
	}
	l := &platformLink{st: st, air: stores.OnAir(), cat: cfg.Catalog, currency: cfg.Show.Show.Currency, log: log.With("component", "platform")}
	if l.currency == "" {
		l.currency = "USD"
	}
	acked := make(chan struct{}, 1)
	l.client = l.newClient(p.Events, token, db.Outbox(p.Room()))
	l.client.OnAcked = func(uint64) {
		select {
		case acked <- struct{}{}:
		default:
		}
	}
	if hasPlatformChat(cfg.Show) {
		// The chat rides on this socket: a room has one host connection.
		stores.relayChat = platformchat.New(l.client, l.log)
	}
	url := media.RedactURL(p.Events)
	h := &output.Handler{Name: "platform", Output: l.client, OnChange: func(s output.Status) {
		l.log.Info("platform events", "url", url, "state", s.State, "err", s.Err, "retry_in", s.Retry.Round(time.Millisecond))
		if s.State == output.Live {
			l.mu.Lock()
			l.joined = true
			l.mu.Unlock()
		}
	}}
	l.publishCatalog()

	events, unsubscribe := st.Subscribe()
	ctx, cancel := context.WithCancel(context.Background())
	handlerDone, followDone := make(chan struct{}), make(chan struct{})
	go func() { defer close(handlerDone); h.Run(ctx) }()
	go func() { defer close(followDone); l.follow(events) }()
	return func() {
		unsubscribe() // follow publishes what is left and returns
		<-followDone
		l.mu.Lock()
		sl := l.sale
		l.mu.Unlock()
		if sl != nil {
			l.endSale(sl, platform.SaleEndStopped) // the show is over, and so is its sale
		}
		if h.Status().State == output.Live {
			l.drain(acked)
		}
		cancel()
		<-handlerDone
	}, nil
}

// newClient is the link's client of the room's event socket at url: the
// relay's welcomes, states and events come to the link.
func (l *platformLink) newClient(url, token string, outbox platform.Outbox) *platform.Client {
	return &platform.Client{URL: url, Token: token, Outbox: outbox, Logger: l.log,
		OnEvent: l.incoming, OnState: l.relayState, OnWelcome: l.welcome}
}

// platformToken finds the host token the way destinations find theirs:
// the key store when [platform] names a key, else the environment.
func platformToken(p show.Platform, cfg studio.Config) (string, error) {
	return keyedSecret(cfg, "platform", p.KeyName, p.TokenEnv)
}

// keyedSecret finds the secret of what (a show file section, named in the
// errors): the key store when keyName names a key, else the environment
// variable tokenEnv, which must be set.
func keyedSecret(cfg studio.Config, what, keyName, tokenEnv string) (string, error) {
	return studio.Secret(cfg.Keys, studio.SecretRef{What: what, KeyName: keyName, EnvField: "token_env", Env: tokenEnv, Required: true})
}

// publish keeps ev in the outbox; the client sends it when it can. An
// event the protocol refuses is the show's data at fault: logged, skipped.
func (l *platformLink) publish(ev platform.Event) {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	if _, err := l.client.Publish(ctx, ev); err != nil {
		l.log.Error("platform: an event was not sent", "type", ev.Type(), "err", err)
	}
}

// drain waits a little for the relay to take what the show published last.
func (l *platformLink) drain(acked <-chan struct{}) {
	deadline := time.NewTimer(drainTimeout)
	defer deadline.Stop()
	for {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		pending, err := l.client.Outbox.Pending(ctx)
		cancel()
		if err != nil || len(pending) == 0 {
			return
		}
		select {
		case <-acked:
		case <-deadline.C:
			l.log.Warn("platform: events wait in the outbox for the next run", "pending", len(pending))
			return
		}
	}
}

// The engine takes the relay's viewer count.
var _ viewersSetter = (*studio.Studio)(nil)
