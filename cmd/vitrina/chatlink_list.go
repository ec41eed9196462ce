package main

import (
	"context"
	"slices"

	"github.com/vitrina-live/vitrina/studio/chat"
	"github.com/vitrina-live/vitrina/studio/control"
)

// lister is the control API's GET /api/chat: nil without a link.
func (l *chatLink) lister() func(context.Context, control.ChatQuery) ([]control.ChatMessage, error) {
	if l == nil {
		return nil
	}
	return l.list
}

// list gives the newest q.Limit messages the link remembers, oldest first:
// all of them, those of one triage queue, or, for "held", those the
// pipeline holds for review now (approved and denied ones have left).
func (l *chatLink) list(_ context.Context, q control.ChatQuery) ([]control.ChatMessage, error) {
	if q.Queue == chat.QueueHeld {
		held := l.pipe.Held()
		var out []control.ChatMessage
		l.mu.Lock()
		for _, it := range held {
			out = append(out, apiMessage(it.Message, it.Decision, l.deleted[it.Decision.ID]))
		}
		l.mu.Unlock()
		return newest(out, q.Limit), nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []control.ChatMessage
	for i := len(l.order) - 1; i >= 0 && len(out) < q.Limit; i-- {
		id := l.order[i]
		d := l.decided[id]
		if q.Queue != "" && !d.InQueue(q.Queue) {
			continue
		}
		out = append(out, apiMessage(l.recent[id], d, l.deleted[id]))
	}
	slices.Reverse(out)
	return out, nil
}

func newest(ms []control.ChatMessage, n int) []control.ChatMessage {
	if len(ms) > n {
		return ms[len(ms)-n:]
	}
	return ms
}

func apiMessage(m chat.Message, d chat.Decision, deleted bool) control.ChatMessage {
	out := control.ChatMessage{ID: d.ID, Platform: m.Platform, User: m.User, Display: m.Display, Text: d.Display,
		Time: m.Time, Action: string(d.Action), Queues: nonNil(d.Queues), Rules: nonNil(d.Rules), Products: d.Products,
		Deleted: deleted}
	if out.ID == "" {
		out.ID = m.ID
	}
	return out
}
