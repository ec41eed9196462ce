package chat

import (
	"sort"
	"time"
)

// Interest is how much chat asked for one product in a recent window: "44
// people asked for the gauze shirt in 30 s", so the host knows what to
// show next and what to restock.
type Interest struct {
	Ref      string
	Mentions int // messages that named it
	People   int // distinct users among them
	Window   time.Duration
}

// interest keeps, per product, a ring of its latest mentions. Rings are
// fixed in size (LimitsConfig.MaxInterest) and old mentions are simply not
// counted, so a flood costs no memory beyond the rings.
type interest struct {
	keep  time.Duration
	size  int
	refs  []string
	rings [][]mentionAt // allocated on a product's first mention
	heads []int
}

type mentionAt struct {
	at   int64
	user uint64
}

func newInterest(refs []string, keep time.Duration, size int) *interest {
	return &interest{keep: keep, size: size, refs: refs,
		rings: make([][]mentionAt, len(refs)), heads: make([]int, len(refs))}
}

func (it *interest) add(product int, at time.Time, user uint64) {
	if it.rings[product] == nil {
		it.rings[product] = make([]mentionAt, it.size)
	}
	it.rings[product][it.heads[product]] = mentionAt{at.UnixNano(), user}
	it.heads[product] = (it.heads[product] + 1) % it.size
}

// snapshot counts the mentions of every product in (now-window, now],
// window capped at the time mentions are kept; the most asked-for first,
// products nobody mentioned left out.
func (it *interest) snapshot(now time.Time, window time.Duration) []Interest {
	window = min(window, it.keep)
	from, to := now.Add(-window).UnixNano(), now.UnixNano()
	var out []Interest
	people := map[uint64]struct{}{}
	for i, ring := range it.rings {
		clear(people)
		n := 0
		for _, m := range ring {
			if m.at > from && m.at <= to {
				n++
				people[m.user] = struct{}{}
			}
		}
		if n > 0 {
			out = append(out, Interest{Ref: it.refs[i], Mentions: n, People: len(people), Window: window})
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].People != out[b].People {
			return out[a].People > out[b].People
		}
		return out[a].Mentions > out[b].Mentions
	})
	return out
}
