package relay

import (
	"time"

	"github.com/vitrina-live/vitrina/studio/platform"
)

// maxClaims bounds the claims a room remembers the viewer of, so that the
// host's claim.result finds them: the latest 4096, about 100 KiB.
const maxClaims = 4096

// claimants maps a claim's seq to the viewer session that made it, for
// the claim.result the host answers with. The oldest are forgotten first;
// a result is passed on once.
type claimants struct {
	by   map[uint64]*session
	ring []uint64 // seqs in the order they came, overwritten oldest first
	next int
}

func (c *claimants) add(seq uint64, s *session) {
	if c.by == nil {
		c.by, c.ring = map[uint64]*session{}, make([]uint64, maxClaims)
	}
	if old := c.ring[c.next]; old != 0 {
		delete(c.by, old)
	}
	c.ring[c.next] = seq
	c.next = (c.next + 1) % len(c.ring)
	c.by[seq] = s
}

// take returns the session of a claim and forgets it.
func (c *claimants) take(seq uint64) (*session, bool) {
	s, ok := c.by[seq]
	delete(c.by, seq)
	return s, ok
}

// claimResult passes the host's answer to a claim to the viewer who made
// it, on the connection that viewer's session has now, and to no one
// else. A viewer that left, speaks version 1, or whose claim the room has
// forgotten does not get it: the result is not logged or replayed, as it
// is only worth showing now. The lock is held.
func (h *hub) claimResult(r platform.ClaimResult, now time.Time) {
	s, known := h.claims.take(r.Claim)
	route, _ := platform.RouteOf(platform.TypeClaimResult)
	delivered := known && s.conn != nil && route.In(s.conn.version)
	if delivered {
		env, err := platform.NewEnvelope(0, r)
		if err != nil {
			h.log.Error("relay: claim result", "error", err)
			return
		}
		env.TS, env.From = now.UnixMilli(), &platform.Sender{Role: platform.RoleHost}
		frame, err := platform.Encode(env)
		if err != nil {
			h.log.Error("relay: claim result", "error", err)
			return
		}
		s.conn.send(frame)
	}
	viewer := ""
	if known {
		viewer = s.viewer
	}
	h.log.Info("relay: claim result", "claim", r.Claim, "viewer", viewer, "accepted", r.Accepted, "reason", r.Reason, "delivered", delivered)
}
