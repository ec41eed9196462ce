package chat

import (
	"hash/maphash"
	"strconv"
	"sync/atomic"
)

// duplicateRule holds a user repeating themselves within Window, and the
// same text of at least MinRunes characters from CrossUsers different users
// within CrossWindow: a copy-paste raid by many accounts. Texts are
// compared after normalisation, so "BUY NOW!!!" and "buy now" are the
// same. Short texts never count across users: a crowd writing "+1" and
// "sold" is the show working. Soft: buyers and moderators repeat
// themselves freely.
type duplicateRule struct {
	cfg    DuplicateConfig
	recent *recentTexts
}

func newDuplicateRule(cfg DuplicateConfig, lim LimitsConfig) *duplicateRule {
	return &duplicateRule{cfg: cfg, recent: newRecentTexts(lim.MaxRecent)}
}

func (r *duplicateRule) name() string   { return "duplicate" }
func (r *duplicateRule) soft() bool     { return true }
func (r *duplicateRule) action() Action { return r.cfg.Action }

func (r *duplicateRule) check(c *checkCtx) (bool, string) {
	now := c.now.UnixNano()
	fired, why := false, ""
	for _, p := range c.user.recent {
		if p.at != 0 && p.hash == c.dedup && now-p.at < int64(r.cfg.Window) {
			fired, why = true, "sent again within "+r.cfg.Window.String()
			break
		}
	}
	if c.norm.Shape.Runes < r.cfg.MinRunes {
		return fired, why
	}
	n := r.recent.add(c.dedup, userHash(c.user.key), now, int64(r.cfg.CrossWindow))
	if !fired && n >= r.cfg.CrossUsers {
		fired, why = true, "same text from "+strconv.Itoa(n)+" users within "+r.cfg.CrossWindow.String()
	}
	return fired, why
}

// recentTexts remembers recent texts and who sent them, in a ring of fixed
// size: under a flood the oldest are forgotten early, never the memory
// bound broken.
type recentTexts struct {
	ring []recentRef
	head int
	full bool
	m    map[uint64]*textSeen
}

type recentRef struct {
	hash uint64
	at   int64
}

// textSeen holds the last few distinct senders of one text; more than
// this many would already have fired the rule.
type textSeen struct {
	refs  int
	users [8]struct {
		user uint64
		at   int64
	}
}

func newRecentTexts(size int) *recentTexts {
	return &recentTexts{ring: make([]recentRef, size), m: make(map[uint64]*textSeen)}
}

// add records that user sent the text hash at now and returns how many
// distinct users sent it within window, this one included.
func (rt *recentTexts) add(hash, user uint64, now, window int64) int {
	if rt.full {
		// Forget the text that falls out of the ring.
		old := rt.ring[rt.head]
		if s := rt.m[old.hash]; s != nil {
			if s.refs--; s.refs <= 0 {
				delete(rt.m, old.hash)
			}
		}
	}
	rt.ring[rt.head] = recentRef{hash, now}
	if rt.head = (rt.head + 1) % len(rt.ring); rt.head == 0 {
		rt.full = true
	}
	s := rt.m[hash]
	if s == nil {
		s = &textSeen{}
		rt.m[hash] = s
	}
	s.refs++
	// Replace this user's entry, else the oldest one.
	slot, oldest := -1, 0
	for i, u := range s.users {
		if u.user == user && u.at != 0 {
			slot = i
			break
		}
		if u.at < s.users[oldest].at {
			oldest = i
		}
	}
	if slot < 0 {
		slot = oldest
	}
	s.users[slot].user, s.users[slot].at = user, now
	n := 0
	for _, u := range s.users {
		if u.at != 0 && now-u.at < window {
			n++
		}
	}
	return n
}

// anonymous numbers authors without an id, so that no two of their
// messages count as the same sender.
var anonymous atomic.Uint64

// userHash keys users in the duplicate table without keeping their ids.
func userHash(key userKey) uint64 {
	if key.user == "" {
		return anonymous.Add(1)
	}
	var h maphash.Hash
	h.SetSeed(seed)
	h.WriteString(key.platform)
	h.WriteByte(0)
	h.WriteString(key.user)
	return h.Sum64()
}
