package chat

import (
	"fmt"
	"log/slog"
	"maps"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Config configures a Pipeline.
type Config struct {
	Rules    *Rules    // nil: DefaultRules(); an invalid one is replaced by the defaults, logged
	Products []Product // for the want-it queue and product interest
	// Sink receives every message and decision; nil stores nothing (tests
	// and `vitrina chat check` only).
	Sink   Sink
	Logger *slog.Logger     // nil: slog.Default()
	Now    func() time.Time // for messages without a time, and approvals; nil: time.Now
}

// Pipeline moderates and triages chat messages. It is safe for concurrent
// use: connectors for several platforms may call Process at once.
// Normalisation, phrase matching and triage run outside the lock (they
// only read); the rules with state, the queues and the sink calls run
// under one mutex, so decisions and stored records keep one order.
type Pipeline struct {
	rules    []rule
	lex      *lexicon
	tri      *triage
	allow    []string
	sink     Sink
	log      *slog.Logger
	now      func() time.Time
	refs     []string
	mu       sync.Mutex
	users    *users
	held     *heldQueue
	interest *interest
	display  *displayLimiter
	seq      uint64
	stats    Stats
	ctx      checkCtx
	// restricted are the users a moderator banned or timed out (restrict.go).
	restricted map[userKey]restriction
	rseq       uint64
	// live are the blocked terms added during the show (liveterms.go);
	// termMu orders the writers, readers only Load.
	live    atomic.Pointer[liveTerms]
	termMu  sync.Mutex
	termsOn bool
}

// Stats are the pipeline's counters since New.
type Stats struct {
	Messages, Allowed, Held, Blocked uint64
	Shown, Suppressed                uint64 // allowed messages the pane showed / left out for its rate
	Expired                          uint64 // held messages that left a full queue unresolved
	SinkErrors                       uint64
	Users                            int // users whose state is kept now
	HeldNow                          int
	Rules                            map[string]uint64 // times each rule fired
}

// New builds a pipeline. It never fails: bad rules are replaced by the
// defaults (and logged), so a show always has moderation; check rules
// files with LoadRules or Rules.Validate before.
func New(cfg Config) *Pipeline {
	p := &Pipeline{sink: cfg.Sink, log: cfg.Logger, now: cfg.Now}
	if p.log == nil {
		p.log = slog.Default()
	}
	if p.now == nil {
		p.now = time.Now
	}
	rs := cfg.Rules
	if rs == nil {
		rs = DefaultRules()
	} else if err := rs.Validate(); err != nil {
		p.log.Warn("chat rules invalid, using the defaults", "err", err)
		rs = DefaultRules()
	}
	p.lex = newLexicon(rs)
	p.rules = buildRules(rs)
	p.tri = newTriage(rs, cfg.Products)
	for _, a := range rs.Links.Allow {
		if h := normalizeHost(a); h != "" {
			p.allow = append(p.allow, h)
		}
	}
	slots := 0
	if rs.Rate.Enabled {
		slots = rs.Rate.Messages
	}
	p.users = newUsers(rs.Limits.MaxUsers, slots)
	p.held = newHeldQueue(rs.Limits.MaxHeld)
	for _, pr := range cfg.Products {
		p.refs = append(p.refs, pr.Ref)
	}
	p.interest = newInterest(p.refs, rs.Limits.InterestWindow, rs.Limits.MaxInterest)
	p.display = newDisplayLimiter(rs.Display)
	p.stats.Rules = map[string]uint64{}
	p.restricted = map[userKey]restriction{}
	p.termsOn = rs.BlockedTerms.Enabled
	return p
}

// Process moderates and triages one message, records it in the sink and
// returns the decision. It never fails and never panics on any text.
func (p *Pipeline) Process(m Message) Decision {
	if m.Time.IsZero() {
		m.Time = p.now()
	}
	n := Normalize(m.Text)
	p.lex.respell(&n)
	var hb [2 * maxHits]hit
	hits := p.lex.terms.find(&n, hb[:0])
	tr := p.tri.classify(&n)
	liveHit := p.live.Load().first(&n)
	d := Decision{Action: Allow, Display: DisplayText(m.Text)}
	dedup := textHash(&n)

	p.mu.Lock()
	defer p.mu.Unlock()
	if m.ID == "" {
		p.seq++
		m.ID = "local-" + strconv.FormatUint(p.seq, 10)
	}
	d.ID = m.ID
	key := userKey{m.Platform, m.User}
	user := p.users.get(key)
	// One context, reused under the lock: a fresh one per message would
	// escape to the heap through the rule interface.
	c := &p.ctx
	*c = checkCtx{msg: m, norm: n, now: m.Time, user: user, lex: p.lex, dedup: dedup,
		allow: p.allow, links: c.links[:0]}
	c.nhits = copy(c.hitArr[:], hits)
	c.live = liveHit
	if !m.Badges.Broadcaster {
		if name, why := p.checkRestricted(key, m.Time); name != "" {
			// Kept out whatever the rules say: a moderator's ban or
			// timeout, enforced here too (restrict.go).
			d.Rules, d.Reasons, d.Action = []string{name}, []string{why}, Block
			p.stats.Rules[name]++
		}
	}
	for _, r := range p.rules {
		if exempt(r, m.Badges) {
			continue
		}
		fired, why := r.check(c)
		if !fired {
			continue
		}
		if d.Rules == nil {
			d.Rules, d.Reasons = make([]string, 0, 4), make([]string, 0, 4)
		}
		d.Rules = append(d.Rules, r.name())
		d.Reasons = append(d.Reasons, why)
		if a := r.action(); a.severity() > d.Action.severity() {
			d.Action = a
		}
		p.stats.Rules[r.name()]++
	}
	user.record(m.Time, dedup)
	c.msg, c.norm = Message{}, Normalized{} // keep nothing of this message alive
	p.queue(&m, &d, tr, key)
	p.stats.Messages++
	if p.sink != nil {
		if err := p.sink.Record(m, d); err != nil {
			p.sinkFailed("record", m.ID, err)
		}
	}
	return d
}

// queue fills in the decision's queues and products and updates the held
// queue, product interest and the display limiter. A blocked message
// joins no queue: a scam naming a product is not interest in it.
func (p *Pipeline) queue(m *Message, d *Decision, tr triageResult, key userKey) {
	switch d.Action {
	case Block:
		p.stats.Blocked++
		return
	case Hold:
		p.stats.Held++
	default:
		p.stats.Allowed++
	}
	if tr.question {
		d.Queues = append(d.Queues, QueueQuestion)
	}
	if tr.want {
		d.Queues = append(d.Queues, QueueWant)
	}
	if tr.mention {
		d.Queues = append(d.Queues, QueueMention)
	}
	for _, i := range tr.products {
		d.Products = append(d.Products, p.refs[i])
		p.interest.add(i, m.Time, userHash(key))
	}
	if d.Action == Hold {
		d.Queues = append(d.Queues, QueueHeld)
		if x := p.held.add(HeldItem{Message: *m, Decision: *d, At: m.Time}); x != nil {
			p.stats.Expired++
			p.resolve(Resolution{MessageID: x.Message.ID, Verdict: Expired, Time: m.Time})
		}
		return
	}
	if d.Shown = p.display.allow(m.Time); d.Shown {
		p.stats.Shown++
	} else {
		p.stats.Suppressed++
	}
}

// Approve lets a held message through, on a moderator's word, and returns
// it for the pane. Approved messages skip the display rate: a moderator
// chose to show them.
func (p *Pipeline) Approve(id, moderator string) (HeldItem, error) {
	return p.settle(id, moderator, Approved)
}

// Deny keeps a held message out for good; it stays stored.
func (p *Pipeline) Deny(id, moderator string) (HeldItem, error) {
	return p.settle(id, moderator, Denied)
}

func (p *Pipeline) settle(id, moderator string, v Verdict) (HeldItem, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	it, ok := p.held.take(id)
	if !ok {
		return HeldItem{}, fmt.Errorf("%w: %s", ErrNotHeld, id)
	}
	p.resolve(Resolution{MessageID: id, Verdict: v, Moderator: moderator, Time: p.now()})
	return it, nil
}

func (p *Pipeline) resolve(r Resolution) {
	if p.sink == nil {
		return
	}
	if err := p.sink.Resolve(r); err != nil {
		p.sinkFailed("resolve", r.MessageID, err)
	}
}

// sinkFailed counts a store failure and logs the first and then every
// 1024th, so a dead store under a flood does not also flood the log.
func (p *Pipeline) sinkFailed(op, id string, err error) {
	p.stats.SinkErrors++
	if n := p.stats.SinkErrors; n == 1 || n%1024 == 0 {
		p.log.Error("chat store failed", "op", op, "message", id, "failures", n, "err", err)
	}
}

// Held returns the held queue, oldest first.
func (p *Pipeline) Held() []HeldItem {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.held.items()
}

// Interest returns the products chat asked for within window before now
// (capped at LimitsConfig.InterestWindow), the most asked-for first.
func (p *Pipeline) Interest(now time.Time, window time.Duration) []Interest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.interest.snapshot(now, window)
}

// Stats returns a copy of the counters.
func (p *Pipeline) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.stats
	s.Rules = maps.Clone(p.stats.Rules)
	s.Users = p.users.len()
	s.HeldNow = p.held.len()
	return s
}
