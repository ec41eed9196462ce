package chatstore

import (
	"context"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/store"
)

// Regulars are the users of earlier shows, read once when a show starts,
// so that connectors can fill the badges the store knows (Loyalty, Buyer)
// without a query per message: the rules trust regulars and buyers.
type Regulars struct {
	byUser map[[2]string]store.ChatLoyalty
}

// LoadRegulars reads the regulars of each platform for show.
func LoadRegulars(ctx context.Context, db *store.DB, show string, platforms ...string) (*Regulars, error) {
	r := &Regulars{byUser: map[[2]string]store.ChatLoyalty{}}
	for _, p := range platforms {
		m, err := db.ChatRegulars(ctx, p, show)
		if err != nil {
			return nil, err
		}
		for u, l := range m {
			r.byUser[[2]string{p, u}] = l
		}
	}
	return r, nil
}

// Badge fills m's Loyalty (past shows, unless the platform said more) and
// Buyer from the store.
func (r *Regulars) Badge(m *chat.Message) {
	if r == nil {
		return
	}
	l, ok := r.byUser[[2]string{m.Platform, m.User}]
	if !ok {
		return
	}
	m.Badges.Loyalty = max(m.Badges.Loyalty, l.Shows)
	m.Badges.Buyer = m.Badges.Buyer || l.Purchases > 0
}
