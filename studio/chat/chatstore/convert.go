package chatstore

import (
	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/store"
)

// storeMessage maps a queued message and its decision to the store's row.
func storeMessage(show string, it *item) store.ChatMessage {
	m, d := &it.msg, &it.dec
	row := store.ChatMessage{Show: show, Platform: m.Platform, MessageID: m.ID, Channel: m.Channel,
		User: m.User, Display: m.Display, Badges: badgeList(m.Badges), Loyalty: m.Badges.Loyalty,
		Text: m.Text, TextBytes: it.textBytes, SentAt: m.Time, AccountCreated: m.AccountCreated,
		Action: string(d.Action), Rules: d.Rules, Reasons: d.Reasons, Queues: d.Queues, Products: d.Products,
		Shown: d.Shown}
	if row.MessageID == "" {
		row.MessageID = d.ID // the pipeline's local-N
	}
	for _, e := range m.Emotes {
		row.Emotes = append(row.Emotes, store.ChatEmote{ID: e.ID, Start: e.Start, End: e.End})
	}
	return row
}

func badgeList(b chat.Badges) []string {
	var out []string
	for _, x := range []struct {
		on   bool
		name string
	}{{b.Moderator, "moderator"}, {b.Subscriber, "subscriber"}, {b.Broadcaster, "broadcaster"},
		{b.Buyer, "buyer"}, {b.FirstMessage, "first"}} {
		if x.on {
			out = append(out, x.name)
		}
	}
	return out
}

func chatBadges(names []string, loyalty int) chat.Badges {
	b := chat.Badges{Loyalty: loyalty}
	for _, n := range names {
		switch n {
		case "moderator":
			b.Moderator = true
		case "subscriber":
			b.Subscriber = true
		case "broadcaster":
			b.Broadcaster = true
		case "buyer":
			b.Buyer = true
		case "first":
			b.FirstMessage = true
		}
	}
	return b
}

// chatMessage maps a stored row back.
func chatMessage(r store.ChatMessage) chat.StoredMessage {
	m := chat.Message{ID: r.MessageID, Platform: r.Platform, Channel: r.Channel, User: r.User, Display: r.Display,
		Badges: chatBadges(r.Badges, r.Loyalty), Text: r.Text, Time: r.SentAt, AccountCreated: r.AccountCreated}
	for _, e := range r.Emotes {
		m.Emotes = append(m.Emotes, chat.Emote{ID: e.ID, Start: e.Start, End: e.End})
	}
	d := chat.Decision{ID: r.MessageID, Action: chat.Action(r.Action), Rules: r.Rules, Reasons: r.Reasons,
		Queues: r.Queues, Products: r.Products, Display: chat.DisplayText(r.Text), Shown: r.Shown}
	return chat.StoredMessage{Message: m, Decision: d, Verdict: chat.Verdict(r.Verdict)}
}
