package chat

import (
	"strconv"
	"time"
)

// maxRestricted bounds the bans and timeouts the pipeline remembers. Bans
// are made by hand and are few, but a platform's ban wave (Twitch sends a
// CLEARCHAT per account) must not grow memory without end: past the bound
// the expired timeouts go first, then the oldest entries.
const maxRestricted = 100000

// restriction is a ban (until zero) or a timeout.
type restriction struct {
	until time.Time
	seq   uint64 // insertion order, to drop the oldest when full
}

// Restrict keeps a user's later messages out of the pane: blocked, with
// the rule "banned" (until zero) or "timed_out" (until the time given).
// The connector has banned them on the platform too, but messages already
// in flight, a platform that does not enforce it (IRC without operator
// rights), and a user who comes back under the same id must not reach the
// pane. The broadcaster is never restricted.
func (p *Pipeline) Restrict(platform, user string, until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.restricted) >= maxRestricted {
		p.pruneRestricted()
	}
	p.rseq++
	p.restricted[userKey{platform, user}] = restriction{until: until, seq: p.rseq}
}

// Unrestrict lifts a ban or a timeout; it reports whether there was one.
func (p *Pipeline) Unrestrict(platform, user string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	k := userKey{platform, user}
	_, ok := p.restricted[k]
	delete(p.restricted, k)
	return ok
}

// Restricted reports whether a user is banned or timed out at now, and
// until when (zero for a ban).
func (p *Pipeline) Restricted(platform, user string, now time.Time) (until time.Time, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r, ok := p.restricted[userKey{platform, user}]
	if !ok || (!r.until.IsZero() && !now.Before(r.until)) {
		return time.Time{}, false
	}
	return r.until, true
}

// checkRestricted runs under the lock, before the rules.
func (p *Pipeline) checkRestricted(key userKey, now time.Time) (rule, why string) {
	if len(p.restricted) == 0 {
		return "", ""
	}
	r, ok := p.restricted[key]
	switch {
	case !ok:
		return "", ""
	case r.until.IsZero():
		return "banned", "banned by a moderator"
	case now.Before(r.until):
		return "timed_out", "timed out for " + strconv.Itoa(int(r.until.Sub(now).Round(time.Second)/time.Second)) + "s more"
	}
	delete(p.restricted, key)
	return "", ""
}

func (p *Pipeline) pruneRestricted() {
	now := p.now()
	oldest, oldestSeq := userKey{}, ^uint64(0)
	for k, r := range p.restricted {
		if !r.until.IsZero() && !now.Before(r.until) {
			delete(p.restricted, k)
			continue
		}
		if r.seq < oldestSeq {
			oldest, oldestSeq = k, r.seq
		}
	}
	if len(p.restricted) >= maxRestricted {
		delete(p.restricted, oldest)
	}
}
